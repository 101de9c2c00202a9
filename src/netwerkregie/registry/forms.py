"""Forms of the registry UI. They only collect and shape input; the services validate and write.

Every choice of a related object is limited to the network being edited, so a form can never
offer (or accept) an object of another network.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netwerkregie.core.forms import NetworkScopedForm, bootstrap
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.widgets import DateInput, SearchableCheckboxes

from .models import (
    COALITION_MINIMUM,
    Coalition,
    CoalitionForm,
    CoalitionParticipation,
    CoalitionStatus,
    DecisionPrinciple,
    GovernanceUnit,
    GovernanceUnitMembership,
    Initiative,
    Network,
    Organisation,
    Person,
    Theme,
    ThemeRole,
)


class WebsiteField(forms.URLField):
    """A web address; one typed without a scheme is taken as https (Django 6's default)."""

    def __init__(self, **kwargs):
        super().__init__(assume_scheme="https", **kwargs)


def _organisations(network: Network):
    """Current organisations only: archived ones stay in history, not in new choices."""
    return Organisation.objects.filter(network=network).current().order_by("sort_name")


def _people(network: Network):
    return (Person.objects.filter(network=network).current().select_related("organisation")
            .order_by("sort_name"))


class OrganisationForm(NetworkScopedForm):
    scoped = {"municipality": lambda network: network.municipalities.order_by("name")}

    class Meta:
        model = Organisation
        fields = ["name", "type", "municipality", "website", "notes"]
        field_classes = {"website": WebsiteField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class PersonForm(NetworkScopedForm):
    scoped = {"organisation": _organisations}

    class Meta:
        model = Person
        fields = ["name", "organisation", "function", "email", "phone"]


class ThemeForm(NetworkScopedForm):
    class Meta:
        model = Theme
        fields = ["name", "description", "challenge"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class CoalitionEditForm(NetworkScopedForm):
    """Edit a coalition's own fields; its organisations are managed on the coalition page."""

    scoped = {"theme": lambda network: Theme.objects.filter(network=network).order_by("name")}

    class Meta:
        model = Coalition
        fields = ["name", "theme", "sub_task", "form", "status", "decision_principle"]
        widgets = {"sub_task": forms.Textarea(attrs={"rows": 2})}


class InitiativeForm(NetworkScopedForm):
    class Meta:
        model = Initiative
        fields = ["name", "description", "start_date", "end_date", "status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class GovernanceUnitForm(NetworkScopedForm):
    class Meta:
        model = GovernanceUnit
        fields = ["kind", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ThemeRoleForm(NetworkScopedForm):
    scoped = {"person": _people}

    class Meta:
        model = ThemeRole
        fields = ["person", "kind", "start_date", "end_date"]


class ParticipationForm(NetworkScopedForm):
    scoped = {"organisation": _organisations}

    class Meta:
        model = CoalitionParticipation
        fields = ["organisation", "contribution_people", "contribution_money",
                  "contribution_knowledge", "start_date", "end_date"]
        widgets = {"contribution_knowledge": forms.Textarea(attrs={"rows": 2})}


class UnitMembershipForm(NetworkScopedForm):
    scoped = {"person": _people}

    class Meta:
        model = GovernanceUnitMembership
        fields = ["person", "level", "role_title", "start_date", "end_date"]


class CoalitionCreateForm(forms.Form):
    """A coalition with its first participating organisations; choices limited to the network."""

    name = forms.CharField(label=_("Name"), max_length=200)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.none())
    sub_task = forms.CharField(label=_("Sub-task"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    form = forms.ChoiceField(label=_("Form"), choices=CoalitionForm.choices, initial=CoalitionForm.PROJECT)
    status = forms.ChoiceField(label=_("Status"), choices=CoalitionStatus.choices, initial=CoalitionStatus.ACTIVE)
    decision_principle = forms.ChoiceField(label=_("Decision principle"), choices=DecisionPrinciple.choices,
                                           initial=DecisionPrinciple.CONSENSUS)
    organisations = forms.ModelMultipleChoiceField(label=_("Participating organisations"),
                                                   queryset=Organisation.objects.none(),
                                                   widget=SearchableCheckboxes)

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(network=network)
        self.fields["organisations"].queryset = _organisations(network)
        bootstrap(self, network=network)

    def clean_organisations(self) -> list[Organisation]:
        """A coalition is a cooperation: refuse to start one the dashboard would warn about."""
        organisations = list(self.cleaned_data["organisations"])
        if len(organisations) < COALITION_MINIMUM:
            raise forms.ValidationError(
                ngettext("Pick at least %(minimum)d organisation.",
                         "Pick at least %(minimum)d organisations: a coalition is a cooperation "
                         "between parties.", COALITION_MINIMUM) % {"minimum": COALITION_MINIMUM})
        return organisations


# Networks, members, tokens -------------------------------------------------------------


class NetworkSettingsForm(forms.ModelForm):
    """The network's own data; municipalities as one per line or a comma-separated list."""

    municipalities = forms.CharField(
        label=_("Municipalities"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One municipality per line, or separated by commas."))

    class Meta:
        model = Network
        fields = ["name", "slug", "region_description", "municipalities", "societal_task",
                  "start_date", "anonymity_minimum", "round_response_share", "publish_free_text",
                  "map_survey_ties", "contact_details_from", "admins_use_two_factor"]
        widgets = {"region_description": forms.Textarea(attrs={"rows": 3}),
                   "societal_task": forms.Textarea(attrs={"rows": 3}),
                   "start_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["municipalities"] = "\n".join(
                self.instance.municipalities.order_by("name").values_list("name", flat=True))
        for name in self.DEFAULTED:
            self.fields[name].required = False
        bootstrap(self)

    # Settings a network rarely changes: left out (older clients, a short form) means the model's default.
    DEFAULTED = ("round_response_share", "map_survey_ties", "contact_details_from")

    def validate_unique(self) -> None:
        """Left to the service: its message for a taken slug does not say that a network holds it."""

    def clean(self) -> dict:
        cleaned = super().clean()
        for name in self.DEFAULTED:
            if cleaned.get(name) in (None, ""):
                cleaned[name] = Network._meta.get_field(name).get_default()
        return cleaned

    def clean_municipalities(self) -> list[str]:
        names = (name.strip() for name in re.split(r"[\n,;]", self.cleaned_data["municipalities"]))
        return list(dict.fromkeys(name for name in names if name))


class MemberAddForm(forms.Form):
    user = forms.CharField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=NetworkRole.choices,
                             initial=NetworkRole.MEMBER)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=NetworkRole.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100,
                           help_text=_("What the token is for, e.g. “monthly export script”."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class MemberInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=NetworkRole.choices, initial=NetworkRole.MEMBER)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class InvitationAccountForm(forms.Form):
    """A new account for an invited colleague: the e-mail address is the invitation's."""

    name = forms.CharField(label=_("Your name"), max_length=300)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password_again = forms.CharField(label=_("Password again"),
                                     widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data
