"""`{{ amount|euro }}` → € 1.234,56 and `{{ amount|euro_whole }}` → € 1.235, in every language."""

from django import template

from netwerkregie.core.formatting import euro as format_euro

register = template.Library()


@register.filter
def euro(amount) -> str:
    return format_euro(amount)


@register.filter
def euro_whole(amount) -> str:
    return format_euro(amount, cents=False)
