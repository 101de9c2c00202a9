"""Forms of the monitoring pages; choices are limited to the network, services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from netwerkregie.core.forms import NetworkScopedForm, bootstrap
from netwerkregie.registry.forms import WebsiteField
from netwerkregie.registry.models import Network

from .models import CoalitionValue, DataReport, Evidence, Goal, Indicator, LegitimationEvidence


class IndicatorForm(NetworkScopedForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "definition", "source", "direction"]


class GoalForm(NetworkScopedForm):
    scoped = {"indicator": lambda n: n.indicators.all(), "theme": lambda n: n.themes.all(),
              "coalition": lambda n: n.coalitions.all(), "area": lambda n: n.areas.all()}

    class Meta:
        model = Goal
        fields = ["name", "description", "theme", "coalition", "indicator", "area", "baseline", "baseline_period",
                  "target", "target_date"]


class DataReportForm(NetworkScopedForm):
    class Meta:
        model = DataReport
        fields = ["title", "due_date", "published_on", "is_public", "url"]
        field_classes = {"url": WebsiteField}


class EvidenceForm(NetworkScopedForm):
    scoped = {"theme": lambda n: n.themes.all(), "coalition": lambda n: n.coalitions.all()}

    class Meta:
        model = Evidence
        fields = ["kind", "title", "text", "recorded_on", "theme", "coalition"]


class LegitimationEvidenceForm(NetworkScopedForm):
    class Meta:
        model = LegitimationEvidence
        fields = ["route", "description", "occurred_on", "url"]
        field_classes = {"url": WebsiteField}


class CoalitionValueForm(NetworkScopedForm):
    scoped = {"coalition": lambda n: n.coalitions.all()}

    class Meta:
        model = CoalitionValue
        fields = ["coalition", "function", "beneficiary", "note"]


class ImportForm(forms.Form):
    """One of three imports: the long format, a StatLine CSV download, or a StatLine table fetched directly."""

    LONG, STATLINE_CSV, STATLINE = "long", "statline_csv", "statline"
    kind = forms.ChoiceField(label=_("What to import"), choices=[
        (LONG, _("values in the long format (.csv or .xlsx)")),
        (STATLINE_CSV, _("a StatLine table downloaded as CSV (onbewerkte dataset)")),
        (STATLINE, _("a StatLine table fetched directly (needs network access)"))])
    file = forms.FileField(label=_("File"), required=False)
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=None, required=False,
                                       help_text=_("For StatLine: the indicator the measure's values belong to."))
    measure = forms.CharField(label=_("StatLine measure column"), max_length=100, required=False,
                              help_text=_("For example TotaleBevolking_1."))
    table_id = forms.CharField(label=_("StatLine table id"), max_length=20, required=False,
                               help_text=_("For example 70072ned."))
    filters = forms.CharField(label=_("OData filter"), max_length=500, required=False,
                              help_text=_("For example RegioS eq 'GM0400' or RegioS eq 'GM0441'."))

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = network.indicators.all()
        bootstrap(self)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        needed = {self.LONG: ["file"], self.STATLINE_CSV: ["file", "indicator", "measure"],
                  self.STATLINE: ["table_id", "indicator", "measure"]}.get(kind, [])
        for name in needed:
            if not data.get(name):
                self.add_error(name, _("This import needs this field."))
        return data
