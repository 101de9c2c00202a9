from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CoalitionForm, CoalitionStatus, DecisionPrinciple, Network, Organisation, Theme


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
                                                   queryset=Organisation.objects.none(), required=False,
                                                   widget=forms.SelectMultiple(attrs={"size": 10}))

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(network=network)
        self.fields["organisations"].queryset = Organisation.objects.filter(network=network)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)



