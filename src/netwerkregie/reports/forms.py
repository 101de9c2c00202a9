"""Forms of the reports pages: they only collect the upload; the import service validates."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from netwerkregie.registry.forms import bootstrap


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".xlsx,.csv"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class SpreadsheetImportForm(forms.Form):
    files = MultipleFileField(
        label=_("Workbook or CSV files"),
        help_text=_("One .xlsx workbook, or one .csv file per sheet named after the sheet (e.g. organisaties.csv)."))
    dry_run = forms.BooleanField(label=_("Only check, store nothing"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)
