"""Money as the Dutch write it: € 1.234,56 (the `euro` template filter uses this too)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def euro(amount: Decimal | int | float | None, *, cents: bool = True) -> str:
    """€ 1.234,56 – thousands with a dot, decimal comma; `cents=False` gives € 1.235. None is empty."""
    if amount in (None, ""):
        return ""
    value = Decimal(str(amount)).quantize(Decimal("0.01") if cents else Decimal("1"), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, _dot, fraction = f"{abs(value):.{2 if cents else 0}f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"€ {sign}{grouped}{',' + fraction if cents else ''}"
