"""Money as the reader's language writes it: € 1.234,56 in Dutch (one definition for templates and messages)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _


def euro(amount: Decimal | int | float | None, *, cents: bool = True) -> str:
    """€ 1.234,56 in Dutch, €1,234.56 in English; `cents=False` rounds to whole euros. None is empty.

    Empty stays empty, so a table cell without an amount shows nothing rather than € 0,00.
    """
    if amount is None or amount == "":
        return ""
    places = 2 if cents else 0
    value = Decimal(str(amount)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return _("€%(amount)s") % {"amount": number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)}
