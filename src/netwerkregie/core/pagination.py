"""Long lists on pages come in pages of the same size, chosen with ?page=."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_SIZE = 50


def page_of(request: HttpRequest, rows: QuerySet | Sequence, per_page: int = PAGE_SIZE) -> Page:
    """The page `?page=` asks for; a number out of range gives the last page, nonsense the first."""
    return Paginator(rows, per_page).get_page(request.GET.get("page"))
