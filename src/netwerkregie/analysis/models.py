"""Relations between organisations entered by hand.

Relations come from three sources, kept apart (see selectors): answers to the relational
survey (assessments.Answer with instrument "relations"), co-membership of coalitions,
themes and governance units (computed, never stored), and the relations below.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from netwerkregie.registry.models import Network, Organisation, Period


class RelationSource(models.TextChoices):
    """Where the ties of an analysis come from; the page, the API, the map and the CLI offer these."""

    SURVEY = "survey", _("relational survey")
    COMEMBERSHIP = "comembership", _("co-membership")
    MANUAL = "manual", _("entered by hand")


class RelationKind(models.TextChoices):
    FUNDING = "funding", _("funding")
    CONTRACT = "contract", _("contract")
    COVENANT = "covenant", _("covenant")
    REFERRAL = "referral", _("referral")
    OTHER = "other", _("other")


class Relation(Period):
    """A formal tie from one organisation to another (who funds, contracts or refers to whom)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="relations")
    source = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="relations_out",
                               verbose_name=_("from organisation"))
    target = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="relations_in",
                               verbose_name=_("to organisation"))
    kind = models.CharField(_("kind"), max_length=20, choices=RelationKind.choices)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source__name", "target__name", "kind"]
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="relation_not_to_itself"),
        ]
        indexes = [models.Index(fields=["network", "kind"])]

    def __str__(self) -> str:
        return f"{self.source} → {self.target} ({self.get_kind_display()})"
