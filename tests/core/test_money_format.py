from decimal import Decimal

import pytest
from django.template import Context, Template

from netwerkregie.core.formatting import euro


@pytest.mark.parametrize(("amount", "text"), [
    (Decimal("1234.56"), "€ 1.234,56"), (Decimal("1234567"), "€ 1.234.567,00"), (0, "€ 0,00"),
    (Decimal("-50.5"), "€ -50,50"), (Decimal("0.005"), "€ 0,01"), (None, ""),
])
def test_euro_in_dutch_format(amount, text):
    assert euro(amount) == text


def test_template_filters():
    template = Template("{% load formatting %}{{ a|euro }} | {{ a|euro_whole }}")
    rendered = template.render(Context({"a": Decimal("2500.5")}))
    assert rendered == "€ 2.500,50 | € 2.501"
