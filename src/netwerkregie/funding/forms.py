"""Forms of the funding pages; choices are limited to the network, services validate and write."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from netwerkregie.core.forms import LocalizedDecimalField, NetworkScopedForm, bootstrap

from .models import Allocation, Approach, ArenaEntry, Call, Criterion, FundingStream, ResponseKind, Stakeholder
from .selectors import ScoringRow, initiatives
from .services import OPEN_CALL_FIELDS


class StreamForm(NetworkScopedForm):
    scoped = {"financiers": lambda n: n.organisations.all()}

    class Meta:
        model = FundingStream
        fields = ["name", "kind", "scope", "budget", "start_date", "end_date", "financiers"]


class CallForm(NetworkScopedForm):
    scoped = {"stream": lambda n: n.funding_streams.all()}

    class Meta:
        model = Call
        fields = ["stream", "name", "description", "opens_on", "closes_on", "scale_max", "criteria_agreed_on",
                  "agreed_by", "check_min_partners", "check_no_market_share", "check_whole_chain",
                  "check_level_playing_field", "check_criteria_with_members"]


class CallEditForm(NetworkScopedForm):
    """A call's own fields; once it is open only its description and closing date can change."""

    class Meta:
        model = Call
        fields = [name for name in CallForm.Meta.fields if name != "stream"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_frozen:
            for name, field in self.fields.items():
                if name not in OPEN_CALL_FIELDS:
                    field.disabled = True
                    field.help_text = _("Frozen since the call opened: make a new version to change it.")


class CriterionForm(NetworkScopedForm):
    class Meta:
        model = Criterion
        fields = ["name", "description", "weight"]


class AllocationForm(NetworkScopedForm):
    class Meta:
        model = Allocation
        fields = ["amount", "decided_on", "decided_by", "reasoning"]


class ResponseForm(forms.Form):
    financier = forms.ModelChoiceField(label=_("Financier"), queryset=None)
    response = forms.ChoiceField(label=_("Response"), choices=ResponseKind.choices)
    amount = LocalizedDecimalField(label=_("Amount granted (€)"), required=False, min_value=0)
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    responded_on = forms.DateField(label=_("Responded on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, allocation: Allocation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["financier"].queryset = allocation.application.call.stream.financiers.all()
        bootstrap(self, network=allocation.application.call.stream.network)


class ScoringForm(forms.Form):
    """An assessor's sheet: a score and reason per application and criterion; excluded applications have none."""

    def __init__(self, *args, rows: list[ScoringRow], criteria: list[Criterion], scale_max: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.cells = []
        for row in rows:
            cells = []
            for criterion, score in zip(criteria, row.scores, strict=True):
                if row.excluded:
                    cells.append(None)
                    continue
                key = f"{row.application.pk}-{criterion.pk}"
                self.fields[f"score-{key}"] = forms.IntegerField(
                    label=_("%(criterion)s score for %(application)s")
                    % {"criterion": criterion, "application": row.application},
                    min_value=1, max_value=scale_max, required=False, initial=score.score if score else None)
                self.fields[f"reason-{key}"] = forms.CharField(
                    label=_("Reason"), required=False, initial=score.reason if score else "",
                    widget=forms.Textarea(attrs={"rows": 2}))
                cells.append((criterion, self[f"score-{key}"], self[f"reason-{key}"]))
            self.cells.append((row, cells))
        bootstrap(self)

    def filled(self) -> list[tuple[int, int, int, str, str]]:
        """(application id, criterion id, score, reason, score field name) for every cell with a score."""
        out = []
        for name, value in self.cleaned_data.items():
            if name.startswith("score-") and value is not None:
                application, criterion = (int(part) for part in name[6:].split("-"))
                out.append((application, criterion, value, self.cleaned_data[f"reason-{name[6:]}"], name))
        return out


class ConflictForm(forms.Form):
    application = forms.ModelChoiceField(label=_("Application"), queryset=None)
    reason = forms.CharField(label=_("What is the conflict of interest?"), max_length=300)

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = call.applications.all()
        bootstrap(self)


class ApplicationForm(forms.Form):
    """A coalition's application to an open call, with its goals; partners come from the formset below."""

    coalition = forms.ModelChoiceField(label=_("Coalition"), queryset=None)
    initiative = forms.ModelChoiceField(label=_("Initiative"), queryset=None, required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    requested_amount = LocalizedDecimalField(label=_("Requested amount (€)"), min_value=0, max_digits=14,
                                          decimal_places=2)
    goals = forms.ModelMultipleChoiceField(label=_("Goals"), queryset=None, required=False)

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        network = call.stream.network
        self.fields["coalition"].queryset = network.coalitions.all()
        self.fields["initiative"].queryset = initiatives(network=network)
        self.fields["goals"].queryset = network.goals.all()
        bootstrap(self, network=network)


class PartnerForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Partner"), queryset=None, required=False)
    own_contribution = LocalizedDecimalField(label=_("Own contribution (€)"), min_value=0, required=False,
                                          max_digits=14, decimal_places=2)

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = network.organisations.all()
        bootstrap(self, network=network)


PartnerFormSet = forms.formset_factory(PartnerForm, extra=4)


def partner_rows(partners: forms.BaseFormSet) -> list[tuple]:
    """The filled rows of a valid partner formset as (organisation, own contribution)."""
    return [(row["organisation"], row.get("own_contribution") or 0) for row in partners.cleaned_data
            if row.get("organisation")]


class AssessorForm(forms.Form):
    """Assign a person of the registry as assessor, with the member account that signs in for them."""

    person = forms.ModelChoiceField(label=_("Person"), queryset=None,
                                    help_text=_("Their organisation decides the automatic conflicts of interest."))
    user = forms.ModelChoiceField(label=_("Signs in as"), queryset=None, required=False)

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = network.people.select_related("organisation")
        self.fields["user"].queryset = get_user_model().objects.filter(network_memberships__network=network)
        bootstrap(self, network=network)


class ArenaEntryEditForm(NetworkScopedForm):
    scoped = {"organisation": lambda n: n.organisations.all()}

    class Meta:
        model = ArenaEntry
        fields = ["stakeholder", "organisation", "approach", "investment", "returns", "note"]


class ArenaEntryForm(forms.Form):
    """One stakeholder's investment and returns under one approach in an initiative's effectenarena."""

    initiative = forms.ModelChoiceField(label=_("Initiative"), queryset=None)
    stakeholder = forms.ChoiceField(label=_("Stakeholder"), choices=Stakeholder.choices)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False)
    approach = forms.ChoiceField(label=_("Approach"), choices=Approach.choices)
    investment = LocalizedDecimalField(label=_("Investment per year (€)"), min_value=0, max_digits=14, decimal_places=2)
    returns = LocalizedDecimalField(label=_("Returns per year (€)"), min_value=0, max_digits=14, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives(network=network)
        self.fields["organisation"].queryset = network.organisations.all()
        bootstrap(self, network=network)
