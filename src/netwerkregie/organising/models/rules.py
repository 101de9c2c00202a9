"""Rules of play (*spelregels*): what the parties agreed, per topic, with every version kept (seed 004 §3.2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from netwerkregie.registry.models import Coalition, GovernanceUnit, Network, Organisation, Person


class RuleTopic(models.TextChoices):
    """The eight topics of seed 004 and the four of seed 001."""

    BEHAVIOUR = "behaviour", _("how do we behave?")
    PARTICIPATION = "participation", _("who may take part?")
    GIVE_AND_TAKE = "give_and_take", _("how do we handle give and take?")
    DECISION_MAKING = "decision_making", _("how do we make decisions?")
    CONFLICTS = "conflicts", _("how do we handle issues and conflicts?")
    OVERSIGHT = "oversight", _("how do we keep oversight?")
    INFORMING = "informing", _("how do we inform each other?")
    OUTWARD = "outward", _("how do we present ourselves to the outside world?")
    FUNDING = "funding", _("funding of and within the network")
    INITIATIVE_INFORMATION = "initiative_information", _("sharing information about initiatives")
    LEARNING = "learning", _("organising learning")
    EFFECT = "effect", _("monitoring effect")


class RuleStatus(models.TextChoices):
    """concept → voorgesteld → vastgesteld → te evalueren → herzien / vervallen."""

    DRAFT = "draft", _("draft")
    PROPOSED = "proposed", _("proposed")
    ADOPTED = "adopted", _("adopted")
    TO_EVALUATE = "to_evaluate", _("to be evaluated")
    REVISED = "revised", _("revised")
    LAPSED = "lapsed", _("lapsed")


class Rule(models.Model):
    """A rule of play for the whole network or for one body; its text lives in its versions."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="rules")
    topic = models.CharField(_("topic"), max_length=30, choices=RuleTopic.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    unit = models.ForeignKey(GovernanceUnit, on_delete=models.RESTRICT, null=True, blank=True, related_name="rules",
                             verbose_name=_("governance unit"),
                             help_text=_("Leave empty (and the coalition too) for a rule of the whole network."))
    coalition = models.ForeignKey(Coalition, on_delete=models.RESTRICT, null=True, blank=True, related_name="rules",
                                  verbose_name=_("coalition"))
    status = models.CharField(_("status"), max_length=20, choices=RuleStatus.choices, default=RuleStatus.DRAFT)
    adopted_by = models.ForeignKey("organising.Proposal", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="adopted_rules", verbose_name=_("adopting decision"))
    evaluation_date = models.DateField(_("evaluation date"), null=True, blank=True)
    template_key = models.CharField(_("template"), max_length=50, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("rule of play")
        verbose_name_plural = _("rules of play")
        constraints = [
            models.UniqueConstraint(fields=["network", "title"], name="unique_rule_title"),
            models.CheckConstraint(condition=models.Q(unit__isnull=True) | models.Q(coalition__isnull=True),
                                   name="rule_one_scope",
                                   violation_error_message=_("A rule applies to one body at most.")),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("organising:rule_detail", kwargs={"network": self.network.slug, "pk": self.pk})

    @property
    def scope(self) -> Network | GovernanceUnit | Coalition:
        return self.unit or self.coalition or self.network


class RuleVersion(models.Model):
    """A rule as it stood after one change: nothing a network agreed is ever overwritten."""

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=20, choices=RuleStatus.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    changed_at = models.DateTimeField(_("changed at"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("changed by"))

    class Meta:
        ordering = ["rule", "number"]
        verbose_name = _("rule version")
        verbose_name_plural = _("rule versions")
        constraints = [models.UniqueConstraint(fields=["rule", "number"], name="unique_rule_version")]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


class Commitment(models.Model):
    """An organisation's commitment to the network's rules of play: who committed, when, who recorded it."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="rule_commitments")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="rule_commitments",
                                     verbose_name=_("organisation"))
    committed_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                     verbose_name=_("committed by"))
    committed_on = models.DateField(_("committed on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [models.UniqueConstraint(fields=["network", "organisation"], name="unique_commitment")]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.committed_on})"
