"""How a network governs itself today, as its coordinators describe it.

The advice (advice.py, selectors.py) says which governance form fits the network's data; the
profile records which form the network actually has, so the page can put the two side by side.
Hand-entered goal consensus and competency need stand in until a survey round measures them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from netwerkregie.registry.models import Network, Organisation

from .advice import GovernanceForm, ParticipantBands


def _fraction_validators() -> list:
    return [MinValueValidator(0.0), MaxValueValidator(1.0)]


class GovernanceProfile(models.Model):
    """One per network: its current governance form and the estimates its coordinators entered."""

    network = models.OneToOneField(Network, on_delete=models.CASCADE, related_name="governance_profile")
    current_form = models.CharField(_("current governance form"), max_length=30,
                                    choices=GovernanceForm.choices, default=GovernanceForm.UNDECIDED)
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("lead organisation"),
        help_text=_("The organisation that leads the network (lead organisation) or hosts its network "
                    "office (NAO, hybrid form)."),
    )
    goal_consensus = models.FloatField(
        _("goal consensus (estimate)"), null=True, blank=True, validators=_fraction_validators(),
        help_text=_("From 0 (the partners disagree on the goals) to 1 (full agreement). Used while no "
                    "survey round with the governance contingencies instrument has enough respondents."),
    )
    competency_need = models.FloatField(
        _("need for network-level competencies (estimate)"), null=True, blank=True,
        validators=_fraction_validators(),
        help_text=_("From 0 (the partners can run the network alongside their own work) to 1 (the network "
                    "needs dedicated people and skills no partner has). Used while no survey round "
                    "measures it."),
    )
    trust_response_floor = models.PositiveSmallIntegerField(
        _("response share needed for trust advice (%)"), default=60,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Trust density is advised on only when at least this share of the network's organisations "
                    "answered the relational survey."))
    participants_few_max = models.PositiveSmallIntegerField(
        _("few participants: up to"), default=12,
        help_text=_("Our assumption, not a fact of the sources: Provan & Kenis give only few / moderate / many. "
                    "Seed 002 reports shared governance at board level with 10–17 partners."))
    participants_moderate_min = models.PositiveSmallIntegerField(_("moderate number of participants: from"), default=8)
    participants_moderate_max = models.PositiveSmallIntegerField(_("moderate number of participants: up to"),
                                                                 default=30)
    participants_many_min = models.PositiveSmallIntegerField(_("many participants: from"), default=20)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("updated by"))

    class Meta:
        verbose_name = _("governance profile")
        verbose_name_plural = _("governance profiles")

    def __str__(self) -> str:
        return f"{self.network} – {self.get_current_form_display()}"

    @property
    def participant_bands(self) -> ParticipantBands:
        return ParticipantBands(self.participants_few_max, self.participants_moderate_min,
                                self.participants_moderate_max, self.participants_many_min)
