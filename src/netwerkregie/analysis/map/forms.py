"""The map's filter form: what the page shows as controls and what its data endpoint accepts."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from netwerkregie.assessments.models import SurveyRound
from netwerkregie.core.forms import bootstrap
from netwerkregie.registry.models import Coalition, Network, SurveyTies, Theme

from .selectors import CENTRALITIES, SOURCES, TRUST_FOR_ADMINS_ONLY, MapFilters, kind_labels


class MapFilterForm(forms.Form):
    """Filters on the relations of one network; every choice is limited to that network."""

    sources = forms.MultipleChoiceField(label=_("Sources"), choices=list(SOURCES.items()), required=False,
                                        widget=forms.CheckboxSelectMultiple)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.none(), required=False,
                                   empty_label=_("All themes"))
    coalition = forms.ModelChoiceField(label=_("Coalition"), queryset=Coalition.objects.none(), required=False,
                                       empty_label=_("All coalitions"))
    survey_round = forms.ModelChoiceField(label=_("Survey round"), queryset=SurveyRound.objects.none(),
                                          required=False, empty_label=_("Latest closed round that counts"))
    min_trust = forms.FloatField(label=_("Minimum trust"), required=False, min_value=1, max_value=4,
                                 widget=forms.NumberInput(attrs={"step": "0.5"}),
                                 help_text=_("1 to 4; relations without reported trust stay."))

    size = forms.ChoiceField(label=_("Size by"), choices=list(CENTRALITIES.items()), required=False,
                             help_text=_("The centrality that sizes the organisations."))
    # Set by the map's "show all ties" button: otherwise only the strongest ties are sent.
    ties = forms.ChoiceField(choices=[("", "strongest"), ("all", "all")], required=False,  # never shown
                             widget=forms.HiddenInput)

    def __init__(self, *args, network: Network, reveal_trust: bool = False,
                 survey_ties: str | None = SurveyTies.AGGREGATED, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.reveal_trust, self.survey_ties = reveal_trust, survey_ties
        if not reveal_trust:  # trust per relation is raw answers: see MapFilters.reveal_trust
            del self.fields["min_trust"]
        self.fields["kind"].choices = [("", _("All kinds")), *kind_labels().items()]
        self.fields["theme"].queryset = Theme.objects.filter(network=network).order_by("name")
        self.fields["coalition"].queryset = Coalition.objects.filter(network=network).order_by("name")
        self.fields["survey_round"].queryset = SurveyRound.objects.filter(network=network)
        self.initial.setdefault("sources", list(SOURCES))
        bootstrap(self)
        self.fields["sources"].widget.attrs["class"] = "form-check-input"

    def clean(self) -> dict:
        data = super().clean()
        if not self.reveal_trust and self.data.get("min_trust"):
            raise forms.ValidationError(TRUST_FOR_ADMINS_ONLY)
        return data

    def filters(self) -> MapFilters:
        """The validated filters; no source ticked means every source."""
        data = self.cleaned_data
        return MapFilters(sources=tuple(data["sources"] or SOURCES),
                          kinds=(data["kind"],) if data["kind"] else None, theme=data["theme"],
                          coalition=data["coalition"], survey_round=data["survey_round"],
                          min_trust=data.get("min_trust"), size=data["size"] or "degree",
                          reveal_trust=self.reveal_trust, survey_ties=self.survey_ties,
                          all_ties=data["ties"] == "all")
