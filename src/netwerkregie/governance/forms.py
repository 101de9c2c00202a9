"""Forms of the governance UI. They only collect input; the services validate and write."""

from __future__ import annotations

from django import forms

from netwerkregie.core.forms import NetworkScopedForm

from .models import GovernanceProfile


class FractionInput(forms.NumberInput):
    """A 0..1 estimate in steps of 0.05."""

    def __init__(self, attrs=None):
        super().__init__({"min": "0", "max": "1", "step": "0.05", **(attrs or {})})


class GovernanceProfileForm(NetworkScopedForm):
    """The current form and the hand estimates; only this network's organisations can lead."""

    scoped = {"lead_organisation": lambda network: network.organisations.order_by("name")}

    class Meta:
        model = GovernanceProfile
        fields = ["current_form", "lead_organisation", "goal_consensus", "competency_need", "trust_response_floor",
                  "participants_few_max", "participants_moderate_min", "participants_moderate_max",
                  "participants_many_min", "notes"]
        widgets = {"goal_consensus": FractionInput(), "competency_need": FractionInput(),
                   "notes": forms.Textarea(attrs={"rows": 4})}
