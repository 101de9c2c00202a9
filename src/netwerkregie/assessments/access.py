"""Who may see which survey data: the one rule every page, export and API endpoint asks.

Survey answers are personal data, and a personal link opens (and changes) a respondent's
answers. Per role:

- viewer and member: rounds and the overall response count; the exports members may download
  (reports/views.py) hold no survey invitations or answers;
- coordinator: also the invitation list (who is invited and how far they got) and response counts
  per organisation, each count shown only from the network's anonymity minimum up;
- admin: also the raw answers and the full-fidelity export (answers and link digests), the
  only export another installation can restore a round from.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry.models import NetworkMembership


class ExportScope(models.TextChoices):
    """What a network export holds; stored in the JSON document as `scope`."""

    FULL = "full", _("everything, including survey answers and link digests")
    WITHOUT_RESPONSES = "without_responses", _("everything except survey invitations and answers")


@dataclass(frozen=True)
class SurveyAccess:
    """What one membership may see of the network's surveys."""

    invitations: bool
    organisation_counts: bool
    raw_answers: bool

    @property
    def export_scope(self) -> ExportScope:
        return ExportScope.FULL if self.raw_answers else ExportScope.WITHOUT_RESPONSES


def survey_access(membership: NetworkMembership) -> SurveyAccess:
    """The survey data `membership`'s role may see (see the module docstring)."""
    return SurveyAccess(
        invitations=membership.has_role(NetworkRole.COORDINATOR),
        organisation_counts=membership.has_role(NetworkRole.COORDINATOR),
        raw_answers=membership.has_role(NetworkRole.ADMIN),
    )
