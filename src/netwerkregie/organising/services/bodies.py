"""Writes for who speaks and presides: spokespeople of organisations and officers of units."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from netwerkregie.core.services import check_period, ensure_in_network, validated_save
from netwerkregie.registry.models import GovernanceUnit, Network, NetworkMembership, Organisation, Person

from ..models import Spokesperson, UnitOfficer


@transaction.atomic
def spokesperson_add(*, network: Network, user: AbstractBaseUser, organisation: Organisation) -> Spokesperson:
    """Let a member of the network answer proposals for an organisation."""
    ensure_in_network(network, organisation=organisation)
    if not NetworkMembership.objects.filter(network=network, user=user).exists():
        raise ValidationError({"user": _("%(user)s is not a member of this network.") % {"user": user}})
    spokesperson, _created = Spokesperson.objects.get_or_create(network=network, user=user, organisation=organisation)
    return spokesperson


@transaction.atomic
def spokesperson_remove(*, spokesperson: Spokesperson) -> None:
    spokesperson.delete()


@transaction.atomic
def unit_officer_add(*, unit: GovernanceUnit, person: Person, role: str, independent: bool = False,
                     start_date: datetime.date | None = None, end_date: datetime.date | None = None) -> UnitOfficer:
    ensure_in_network(unit.network, person=person)
    check_period(start_date, end_date)
    return validated_save(UnitOfficer(unit=unit, person=person, role=role, independent=independent,
                                      start_date=start_date, end_date=end_date))
