"""Template filters for numbers as a Dutch reader expects them: € 25.000,00 and 0,5 fte."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from netwerkregie.core.formatting import euro as format_euro

register = template.Library()


@register.filter
def euro(value: Decimal | float | int | None) -> str:
    """An amount of money with cents: "€ 25.000,00" in Dutch."""
    return format_euro(value)


@register.filter
def euro_whole(value: Decimal | float | int | None) -> str:
    """An amount of money in whole euros: "€ 25.000" in Dutch."""
    return format_euro(value, cents=False)


@register.filter
def decimal(value: Decimal | float | int | None, places: int = 2) -> str:
    """A quantity such as FTE in the active language ("0,5"), trailing zeros dropped."""
    if value is None or value == "":
        return ""
    normalized = Decimal(value).quantize(Decimal(1).scaleb(-int(places))).normalize()
    exponent = normalized.as_tuple().exponent
    return number_format(normalized, decimal_pos=max(0, -exponent) if isinstance(exponent, int) else 0,
                         use_l10n=True, force_grouping=True)
