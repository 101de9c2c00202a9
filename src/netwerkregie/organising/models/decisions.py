"""Proposals and decisions of a body, decided by consent, consensus or majority (seed 004).

A proposal keeps every version of its text; a response belongs to the version it answered, so
after an amendment the earlier answers stay visible and the organisations are asked again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netwerkregie.registry.models import DecisionPrinciple, Network, Organisation, Person

from .bodies import BodyMixin, one_body


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open for responses")
    AMENDED = "amended", _("amended, open for responses")
    PASSED = "passed", _("passed")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")
    EXPIRED = "expired", _("expired")


class ResponseKind(models.TextChoices):
    CONSENT = "consent", _("no objection (consent)")
    OBJECTION = "objection", _("reasoned objection")
    AGREE = "agree", _("agree")
    DISAGREE = "disagree", _("no")
    ABSTAIN = "abstain", _("abstain")


class ObjectionStatus(models.TextChoices):
    STANDING = "standing", _("standing")
    RESOLVED = "resolved", _("resolved by amendment")
    WITHDRAWN = "withdrawn", _("withdrawn by the objector")


class Proposal(BodyMixin):
    """A proposal to a body; its principle follows the body unless the proposal overrides it."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(_("title"), max_length=200)
    principle = models.CharField(_("decision principle"), max_length=20, choices=DecisionPrinciple.choices,
                                 blank=True, help_text=_("Leave empty to follow the body: consent for the "
                                                         "fundament and the regiegroep, the coalition's own "
                                                         "principle (normally consensus) for a coalition."))
    state = models.CharField(_("state"), max_length=20, choices=ProposalState.choices, default=ProposalState.DRAFT)
    closes_on = models.DateField(_("responses close on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("proposed by"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    outcome = models.TextField(_("outcome statement"), blank=True)
    outcome_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("outcome written by"))
    review_date = models.DateField(_("review date"), null=True, blank=True,
                                   help_text=_("Good enough for now, safe enough to try: when to look again."))
    financier = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                  verbose_name=_("advice to financier"),
                                  help_text=_("Mark the decision as the network's advice to this financier."))
    financier_response = models.TextField(_("financier's response"), blank=True)
    financier_responded_on = models.DateField(_("financier responded on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [one_body("proposal_one_body")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("organising:proposal_detail", kwargs={"network": self.network.slug, "pk": self.pk})


class ProposalVersion(models.Model):
    """The text of a proposal as put to the body; an amendment adds a version."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("proposal text"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["proposal", "number"]
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="unique_proposal_version")]

    def __str__(self) -> str:
        return f"{self.proposal} v{self.number}"


class Response(models.Model):
    """An organisation's answer to one version of a proposal, online or entered by proxy."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="responses")
    version = models.PositiveIntegerField(_("version answered"))
    # RESTRICT: an organisation with responses on record is not deleted with its decision history; deleting
    # the whole network still removes everything.
    organisation = models.ForeignKey(Organisation, on_delete=models.RESTRICT, related_name="proposal_responses",
                                     verbose_name=_("organisation"))
    kind = models.CharField(_("response"), max_length=20, choices=ResponseKind.choices)
    reason = models.TextField(_("reasoning"), blank=True)
    objection_status = models.CharField(_("objection status"), max_length=20, choices=ObjectionStatus.choices,
                                        blank=True)
    resolution = models.CharField(_("resolution"), max_length=300, blank=True)
    proxy = models.BooleanField(_("entered by proxy"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["proposal", "version", "organisation__name"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [models.UniqueConstraint(fields=["proposal", "version", "organisation"],
                                               name="unique_response_per_version")]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_kind_display()} (v{self.version})"
