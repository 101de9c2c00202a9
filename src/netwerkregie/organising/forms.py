"""Forms of the organising UI. They only collect input; the services validate and write."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from netwerkregie.core.forms import NetworkScopedForm, bootstrap
from netwerkregie.core.widgets import DateInput
from netwerkregie.registry.forms import WebsiteField
from netwerkregie.registry.models import DecisionPrinciple, Level, Network

from .models import (
    ActionPoint,
    Commitment,
    Meeting,
    MinutesStatus,
    ProposalState,
    ResponseKind,
    Rule,
    RuleStatus,
    UnitOfficer,
)
from .selectors.bodies import body_choices, body_from_key


def _people(network: Network):
    return network.people.select_related("organisation").order_by("name")


class BodyField(forms.ChoiceField):
    """A governance unit or coalition of the network, cleaned to the object."""

    def __init__(self, *, network: Network, **kwargs):
        super().__init__(choices=[("", "---------"), *body_choices(network=network)], label=_("body"), **kwargs)
        self.network = network

    def clean(self, value):
        value = super().clean(value)
        body = body_from_key(network=self.network, key=value)
        if body is None:
            raise forms.ValidationError(_("Choose a governance unit or coalition of this network."))
        return body


class PlainForm(forms.Form):
    """A form of the network's pages; a subclass limits its related-object choices in `scope`, which
    runs before the widgets are chosen (a long list of organisations or people becomes a picker)."""

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.scope(network)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
        bootstrap(self, network=network)

    def scope(self, network: Network) -> None:
        """Set the querysets of the related-object fields to this network's objects."""


class RuleForm(NetworkScopedForm):
    scoped = {"unit": lambda n: n.governance_units.order_by("name"),
              "coalition": lambda n: n.coalitions.order_by("name"),
              "adopted_by": lambda n: n.proposals.filter(state=ProposalState.PASSED)}
    note = forms.CharField(label=_("what changed"), max_length=300, required=False)

    class Meta:
        model = Rule
        fields = ["topic", "title", "text", "unit", "coalition", "adopted_by", "evaluation_date", "order"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class RuleStatusForm(PlainForm):
    status = forms.ChoiceField(label=_("new status"), choices=RuleStatus.choices)
    note = forms.CharField(label=_("note"), max_length=300, required=False)


class CommitmentForm(NetworkScopedForm):
    scoped = {"organisation": lambda n: n.organisations.order_by("name"), "committed_by": _people}

    class Meta:
        model = Commitment
        fields = ["organisation", "committed_by", "committed_on"]


class ProposalForm(PlainForm):
    title = forms.CharField(label=_("title"), max_length=200)
    text = forms.CharField(label=_("proposal text"), widget=forms.Textarea(attrs={"rows": 5}))
    principle = forms.ChoiceField(label=_("decision principle"), required=False,
                                  choices=[("", _("as the body decides")), *DecisionPrinciple.choices])
    closes_on = forms.DateField(label=_("responses close on"), required=False)
    financier = forms.ModelChoiceField(label=_("advice to financier"), queryset=None, required=False)

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, network=network, **kwargs)
        self.fields = {"body": BodyField(network=network), **self.fields}
        self.fields["body"].widget.attrs["class"] = "form-select"

    def scope(self, network: Network) -> None:
        self.fields["financier"].queryset = network.organisations.filter(
            type__key__in=["municipality", "health_insurer", "care_office"]).order_by("name")


class ResponseForm(PlainForm):
    organisation = forms.ModelChoiceField(label=_("organisation"), queryset=None)
    kind = forms.ChoiceField(label=_("response"), choices=ResponseKind.choices)
    reason = forms.CharField(label=_("reasoning"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    proxy = forms.BooleanField(label=_("entered by proxy (for a meeting)"), required=False)

    def __init__(self, *args, network: Network, organisations, kinds, **kwargs):
        self.organisations = organisations
        super().__init__(*args, network=network, **kwargs)
        if organisations.count() == 1:  # a member speaking for one organisation needs no choice
            self.fields["organisation"].empty_label = None
        self.fields["kind"].choices = [(k, ResponseKind(k).label) for k in kinds]

    def scope(self, network: Network) -> None:
        self.fields["organisation"].queryset = self.organisations


class AmendForm(PlainForm):
    text = forms.CharField(label=_("amended text"), widget=forms.Textarea(attrs={"rows": 5}))
    note = forms.CharField(label=_("what changed"), max_length=300, required=False)


class OutcomeForm(PlainForm):
    outcome = forms.CharField(label=_("outcome statement"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    outcome_by = forms.ModelChoiceField(label=_("outcome written by"), queryset=None, required=False)
    review_date = forms.DateField(label=_("review date"), required=False)

    def scope(self, network: Network) -> None:
        self.fields["outcome_by"].queryset = _people(network)


class FinancierResponseForm(PlainForm):
    response = forms.CharField(label=_("financier's response"), widget=forms.Textarea(attrs={"rows": 3}))
    responded_on = forms.DateField(label=_("financier responded on"))


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "place", "online_url"]
        field_classes = {"online_url": WebsiteField}
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                   "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields = {"body": BodyField(network=network), **self.fields}
        bootstrap(self)


class AgendaItemForm(PlainForm):
    title = forms.CharField(label=_("title"), max_length=200)
    duration_minutes = forms.IntegerField(label=_("duration (minutes)"), min_value=1, max_value=600, initial=15)
    proposal = forms.ModelChoiceField(label=_("proposal"), queryset=None, required=False)
    theme = forms.ModelChoiceField(label=_("theme"), queryset=None, required=False)
    coalition = forms.ModelChoiceField(label=_("coalition"), queryset=None, required=False)

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, network=network, **kwargs)
        self.fields["proposal"].queryset = network.proposals.order_by("-created_at")
        self.fields["theme"].queryset = network.themes.order_by("name")
        self.fields["coalition"].queryset = network.coalitions.order_by("name")


class AttendanceForm(PlainForm):
    organisation = forms.ModelChoiceField(label=_("organisation"), queryset=None)
    present = forms.BooleanField(label=_("present"), required=False, initial=True)
    level = forms.ChoiceField(label=_("level"), choices=[("", "---------"), *Level.choices], required=False)

    def scope(self, network: Network) -> None:
        self.fields["organisation"].queryset = network.organisations.order_by("name")


class MinutesForm(PlainForm):
    minutes = forms.CharField(label=_("minutes"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    minutes_status = forms.ChoiceField(label=_("status"), choices=[c for c in MinutesStatus.choices if c[0]])


class ActionPointForm(NetworkScopedForm):
    scoped = {"owner": _people}

    class Meta:
        model = ActionPoint
        fields = ["title", "owner", "due_date", "status"]


class UnitOfficerForm(NetworkScopedForm):
    scoped = {"unit": lambda n: n.governance_units.order_by("kind", "name"), "person": _people}

    class Meta:
        model = UnitOfficer
        fields = ["unit", "person", "role", "independent", "start_date", "end_date"]


class SpokespersonForm(PlainForm):
    user = forms.ModelChoiceField(label=_("user"), queryset=None)
    organisation = forms.ModelChoiceField(label=_("organisation"), queryset=None)

    def scope(self, network: Network) -> None:
        self.fields["user"].queryset = get_user_model().objects.filter(
            network_memberships__network=network).order_by("username")
        self.fields["organisation"].queryset = network.organisations.order_by("name")
