"""Forms of the reports pages: they only collect input; the services validate."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from netwerkregie.core.forms import bootstrap
from netwerkregie.core.widgets import DateInput

from .board.base import Period
from .board.sections import SECTION_KEYS, section_choices


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


class BoardReportForm(forms.Form):
    """What the director asks for: a year or a date range, the sections, a foreword and the language."""

    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100,
                              help_text=_("A calendar year, or leave empty and give the dates below."))
    period_start = forms.DateField(label=_("From"), required=False, widget=DateInput)
    period_end = forms.DateField(label=_("Until"), required=False, widget=DateInput)
    sections = forms.MultipleChoiceField(label=_("Sections"), widget=forms.CheckboxSelectMultiple(
        attrs={"class": "form-check-input"}))
    foreword = forms.CharField(label=_("Foreword"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
                               help_text=_("Opens the report; leave empty for none."))
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, initial="nl")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = section_choices()
        self.fields["sections"].initial = SECTION_KEYS
        bootstrap(self)

    def clean(self) -> dict:
        data = super().clean()
        year, start, end = data.get("year"), data.get("period_start"), data.get("period_end")
        if year:
            data["period"] = Period.year(year)
        elif start and end:
            if end < start:
                self.add_error("period_end", _("The end date lies before the start date."))
            else:
                data["period"] = Period(start, end)
        elif not self.errors:
            self.add_error("year", _("Give a year, or both dates of the period."))
        return data
