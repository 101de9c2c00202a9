"""The governance profile in the network's JSON export (section `governance`).

Organisations are referred to by name, unique per network, so an export imports into any
database. Who last changed the profile is not exported: users are not part of a network's data.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from netwerkregie.registry.models import Network, Organisation

from .models import GovernanceForm, GovernanceProfile
from .services import BAND_FIELDS, governance_profile_update

FIELDS = ["current_form", "goal_consensus", "competency_need", "trust_response_floor", *BAND_FIELDS, "notes"]


def governance_export(*, network: Network) -> dict[str, Any] | None:
    """The profile as plain data, or None when nobody has entered one."""
    profile = GovernanceProfile.objects.select_related("lead_organisation").filter(network=network).first()
    if profile is None:
        return None
    lead = profile.lead_organisation
    return {**{name: getattr(profile, name) for name in FIELDS}, "lead_organisation": lead.name if lead else None}


def governance_import(*, network: Network, data: dict[str, Any] | None,
                      organisations: dict[str, Organisation]) -> GovernanceProfile | None:
    """Restore an exported profile inside the caller's transaction; None (no profile) restores nothing."""
    if data is None:
        return None
    lead_name = data.get("lead_organisation")
    if lead_name is not None and lead_name not in organisations:
        raise ValidationError({"lead_organisation": _("Unknown organisation %(name)s.") % {"name": lead_name}})
    return governance_profile_update(
        network=network, current_form=data.get("current_form", GovernanceForm.UNDECIDED),
        lead_organisation=organisations.get(lead_name) if lead_name is not None else None,
        goal_consensus=data.get("goal_consensus"), competency_need=data.get("competency_need"),
        notes=data.get("notes", ""),
        **{name: data[name] for name in ["trust_response_floor", *BAND_FIELDS] if data.get(name) is not None})
