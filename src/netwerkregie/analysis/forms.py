"""Forms of the analysis pages: they collect input; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from netwerkregie.core.forms import NetworkScopedForm, bootstrap
from netwerkregie.registry.models import Network, Organisation

from .models import Relation, RelationKind, RelationSource
from .selectors import SOURCES


def _organisations(network: Network):
    return Organisation.objects.filter(network=network).current().order_by("sort_name")


class RelationForm(NetworkScopedForm):
    scoped = {"source": _organisations, "target": _organisations}

    class Meta:
        model = Relation
        fields = ["source", "target", "kind", "description", "start_date", "end_date"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def _get_validation_exclusions(self) -> set[str]:
        # The service refuses a relation to itself with a message on "target"; leaving "target"
        # out of the model check skips the constraint's anonymous message, so it shows once.
        return super()._get_validation_exclusions() | {"target"}


class RelationFilterForm(forms.Form):
    """Filters of the relation list; every field optional."""

    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("all kinds"))] + list(RelationKind.choices))
    organisation = forms.ModelChoiceField(label=_("Organisation"), required=False, queryset=Organisation.objects.none(),
                                          empty_label=_("all organisations"))
    current = forms.BooleanField(label=_("Only current relations"), required=False)

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations(network)
        bootstrap(self)


class AnalysisForm(forms.Form):
    """Which relations the analysis page looks at."""

    sources = forms.MultipleChoiceField(label=_("Relations from"), required=False, initial=list(SOURCES),
                                        choices=RelationSource.choices,
                                        widget=forms.CheckboxSelectMultiple)
    round = forms.ChoiceField(label=_("Survey round"), required=False)
    compare = forms.ChoiceField(label=_("Compare with round"), required=False)
    directed = forms.BooleanField(label=_("Directed (who names whom)"), required=False)

    def __init__(self, *args, rounds: list, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(r.pk), r.name) for r in rounds]
        self.fields["round"].choices = [("", _("Latest closed round that counts"))] + choices
        self.fields["compare"].choices = [("", _("previous round"))] + choices
        for name in ("round", "compare"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["directed"].widget.attrs["class"] = "form-check-input"

    def clean_sources(self) -> list[str]:
        return self.cleaned_data["sources"] or list(SOURCES)
