"""Forms of the coordinator's survey pages. They collect input; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from netwerkregie.core.forms import NetworkScopedForm, bootstrap
from netwerkregie.registry.models import Coalition, Level, Network, Organisation, OrganisationType, Person, Theme

from .instruments import Instrument, instrument_list, localized
from .models import Language, SurveyRound


def _instrument_label(inst: Instrument) -> str:
    count = ngettext("%(n)d question", "%(n)d questions", len(inst.items)) % {"n": len(inst.items)}
    if inst.per_organisation:
        count = gettext("%(count)s per other organisation") % {"count": count}
    elif inst.per_theme:
        count = gettext("%(count)s, for the network and per theme") % {"count": count}
    elif any(dim.per_level for dim in inst.dimensions):
        count = gettext("%(count)s, partly per level") % {"count": count}
    return f"{localized(inst, 'name')} ({count})"


def instrument_choices() -> list[tuple[str, str]]:
    """Every instrument by its name in the active language, with its number of questions."""
    return [(inst.key, _instrument_label(inst)) for inst in instrument_list()]


class RoundForm(NetworkScopedForm):
    scoped = {
        "theme": lambda network: Theme.objects.filter(network=network).order_by("name"),
        "coalition": lambda network: Coalition.objects.filter(network=network).order_by("name"),
    }
    instruments = forms.MultipleChoiceField(label=_("Instruments"), widget=forms.CheckboxSelectMultiple,
                                            choices=instrument_choices)

    class Meta:
        model = SurveyRound
        fields = ["name", "instruments", "theme", "coalition", "opens_on", "closes_on",
                  "invitation_subject_nl", "invitation_body_nl", "invitation_subject_en", "invitation_body_en"]
        widgets = {"invitation_body_nl": forms.Textarea(attrs={"rows": 10}),
                   "invitation_body_en": forms.Textarea(attrs={"rows": 10})}
        help_texts = {"coalition": _("Leave empty for the whole network or theme.")}

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, network=network, **kwargs)
        self.fields["instruments"].widget.attrs["class"] = "form-check-input"
        for name in ("invitation_body_nl", "invitation_body_en"):
            self.fields[name].help_text = _("You can use {name}, {link}, {closes_on}, {network}, {round} and "
                                            "{minutes} (the time the survey takes, as the welcome page "
                                            "estimates it). Leave empty for the standard text.")


class RespondentFilterForm(forms.Form):
    """Narrow the people to invite; every choice limited to the network."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(),
                                          required=False, empty_label=_("all organisations"))
    type = forms.ModelChoiceField(label=_("Organisation type"), queryset=OrganisationType.objects.all(),
                                  required=False, empty_label=_("all types"), to_field_name="key")
    level = forms.ChoiceField(label=_("Level"), choices=[("", _("all levels")), *Level.choices], required=False)

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(network=network).order_by("name")
        bootstrap(self)

    def filters(self) -> dict:
        """Keyword arguments for selectors.candidate_list (empty when the input is invalid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"organisation_id": data["organisation"].pk if data["organisation"] else None,
                "type_key": data["type"].key if data["type"] else None, "level": data["level"] or None}


class InviteForm(forms.Form):
    people = forms.ModelMultipleChoiceField(label=_("People"), queryset=Person.objects.none(),
                                            error_messages={"required": _("Choose at least one person.")})
    language = forms.ChoiceField(label=_("Language of the invitation and survey"), choices=Language.choices,
                                 initial=Language.NL)
    level = forms.ChoiceField(label=_("Level"), required=False,
                              choices=[("", _("from their governance seats")), *Level.choices],
                              help_text=_("Respondents' answers are grouped by this level."))

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = Person.objects.filter(network=network)
        bootstrap(self)
