"""All writes of the governance app. Views, API, import and the demo call these only."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from netwerkregie.core.services import ensure_in_network, model_update
from netwerkregie.registry.models import Network, Organisation

from .advice import ParticipantBands
from .models import GovernanceForm, GovernanceProfile

BAND_FIELDS = ["participants_few_max", "participants_moderate_min", "participants_moderate_max",
               "participants_many_min"]
PROFILE_FIELDS = ["current_form", "lead_organisation", "goal_consensus", "competency_need", "trust_response_floor",
                  *BAND_FIELDS, "notes"]


def _check_lead(form: str, lead: Organisation | None) -> None:
    """A lead organisation network names its lead; shared governance by definition has none."""
    if form == GovernanceForm.LEAD_ORGANIZATION and lead is None:
        raise ValidationError({"lead_organisation": _(
            "A network governed by a lead organisation needs that organisation: choose it here.")})
    if form == GovernanceForm.SHARED_GOVERNANCE and lead is not None:
        raise ValidationError({"lead_organisation": _(
            "In shared governance the partners govern together and no single organisation leads. "
            "Leave the lead organisation empty, or choose the lead organisation or hybrid form.")})


@transaction.atomic
def governance_profile_update(*, network: Network, updated_by: AbstractBaseUser | None = None,
                              **data: Any) -> GovernanceProfile:
    """Create or change the network's governance profile; absent fields keep their value.

    The row is locked so two coordinators saving at once cannot lose each other's check.
    """
    profile = (GovernanceProfile.objects.select_for_update().filter(network=network).first()
               or GovernanceProfile(network=network))
    lead = data.get("lead_organisation", profile.lead_organisation)
    ensure_in_network(network, lead_organisation=lead)
    _check_lead(data.get("current_form", profile.current_form), lead)
    ParticipantBands(*(data.get(name, getattr(profile, name)) for name in BAND_FIELDS)).check()
    if updated_by is not None:
        data["updated_by"] = updated_by
    return model_update(instance=profile, fields=[*PROFILE_FIELDS, "updated_by"], data=data)
