"""Forms of the reports pages: they only collect input; the services validate."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from netwerkregie.assessments.models import SurveyRound
from netwerkregie.core.forms import bootstrap
from netwerkregie.core.widgets import DateInput
from netwerkregie.registry.models import Network

from .board.base import Period
from .board.sections import SECTION_KEYS, section_choices
from .models import DownloadKind


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


class PreparedDownloadForm(forms.Form):
    """Which download to prepare: the kinds this member may ask for, and the round of raw answers."""

    kind = forms.ChoiceField(label=_("Download"))
    survey_round = forms.ModelChoiceField(label=_("Survey round"), queryset=SurveyRound.objects.none(),
                                          required=False, help_text=_("Only for the raw answers."))

    def __init__(self, *args, network: Network, raw_answers: bool, **kwargs):
        """Every kind is accepted, so the service decides what the role may have (a refusal is a 403, which
        sends an admin still to confirm a second factor there); only the allowed kinds are offered."""
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = DownloadKind.choices
        self.fields["kind"].widget.choices = [(key, label) for key, label in DownloadKind.choices
                                              if raw_answers or key != DownloadKind.RAW_ANSWERS]
        self.fields["survey_round"].queryset = SurveyRound.objects.filter(network=network).order_by("-opens_on", "-pk")
        if not raw_answers:
            self.fields["survey_round"].widget = forms.HiddenInput()
        bootstrap(self)
