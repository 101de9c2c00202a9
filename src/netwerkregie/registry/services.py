"""All writes to the registry. Views, API, importers and the demo call these only."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from netwerkregie.core.services import check_period, ensure_in_network, model_update, validated_save

from .models import (
    ApiToken,
    Coalition,
    CoalitionParticipation,
    GovernanceUnit,
    GovernanceUnitMembership,
    Initiative,
    Municipality,
    Network,
    NetworkMembership,
    NetworkRole,
    Organisation,
    OrganisationType,
    Person,
    Theme,
    ThemeRole,
)

NETWORK_FIELDS = ["name", "slug", "region_description", "societal_task", "start_date",
                  "anonymity_minimum", "round_response_share"]
ORGANISATION_FIELDS = ["name", "type", "municipality", "website", "notes"]
PERSON_FIELDS = ["name", "organisation", "function", "email", "phone"]
THEME_FIELDS = ["name", "description", "challenge"]
THEME_ROLE_FIELDS = ["person", "kind", "start_date", "end_date"]
COALITION_FIELDS = ["theme", "name", "sub_task", "form", "status", "decision_principle"]
PARTICIPATION_FIELDS = ["organisation", "contribution_people", "contribution_money",
                        "contribution_knowledge", "start_date", "end_date"]
INITIATIVE_FIELDS = ["name", "description", "start_date", "end_date", "status"]
GOVERNANCE_UNIT_FIELDS = ["kind", "name", "description"]
UNIT_MEMBERSHIP_FIELDS = ["person", "level", "role_title", "start_date", "end_date"]


# Networks and access ------------------------------------------------------------------


@transaction.atomic
def network_create(*, creator: AbstractBaseUser | None = None, municipalities: Iterable[str] = (),
                   **data: Any) -> Network:
    """Create a network; its creator becomes its first admin."""
    network = Network(**{k: v for k, v in data.items() if k in NETWORK_FIELDS})
    validated_save(network)
    network_set_municipalities(network=network, names=municipalities)
    if creator is not None:
        membership_set(network=network, user=creator, role=NetworkRole.ADMIN)
    return network


@transaction.atomic
def network_update(*, network: Network, municipalities: Iterable[str] | None = None,
                   **data: Any) -> Network:
    model_update(instance=network, fields=NETWORK_FIELDS, data=data)
    if municipalities is not None:
        network_set_municipalities(network=network, names=municipalities)
    return network


def network_set_municipalities(*, network: Network, names: Iterable[str]) -> None:
    """Make the covered municipalities exactly `names`; organisations keep theirs if still listed."""
    wanted = {name.strip() for name in names if name and name.strip()}
    network.municipalities.exclude(name__in=wanted).delete()
    existing = set(network.municipalities.values_list("name", flat=True))
    Municipality.objects.bulk_create(
        [Municipality(network=network, name=name) for name in sorted(wanted - existing)]
    )


def _check_role(role: str) -> None:
    if role not in NetworkRole.values:
        raise ValidationError({"role": _("Unknown role %(role)s.") % {"role": role}})


def membership_set(*, network: Network, user: AbstractBaseUser, role: str) -> NetworkMembership:
    """Give `user` exactly `role` (setup, demo, import). People changing roles in the UI or API
    go through `membership_change_role`, which keeps the last admin."""
    _check_role(role)
    membership, _created = NetworkMembership.objects.update_or_create(
        network=network, user=user, defaults={"role": role}
    )
    return membership


def _ensure_another_admin(membership: NetworkMembership, field: str) -> None:
    """A network without an admin cannot be managed by anyone: refuse losing the last one.

    The network row is locked so two admins stepping down at once cannot both succeed.
    """
    Network.objects.select_for_update().filter(pk=membership.network_id).first()
    others = (NetworkMembership.objects.filter(network_id=membership.network_id,
                                               role=NetworkRole.ADMIN)
              .exclude(pk=membership.pk))
    if membership.role == NetworkRole.ADMIN and not others.exists():
        raise ValidationError({field: _(
            "%(user)s is the last admin of this network. Make someone else admin first: "
            "a network always keeps at least one admin.") % {"user": membership.user}})


@transaction.atomic
def membership_add(*, network: Network, user_identifier: str, role: str) -> NetworkMembership:
    """Add an existing user, found by username or e-mail address, with a role."""
    _check_role(role)
    identifier = user_identifier.strip()
    user_model = get_user_model()
    users = list(user_model.objects.filter(
        Q(**{f"{user_model.USERNAME_FIELD}__iexact": identifier})
        | Q(email__iexact=identifier))[:2] if identifier else [])
    if not users:
        raise ValidationError({"user": _("There is no user with username or e-mail address "
                                         "“%(user)s”.") % {"user": identifier}})
    if len(users) > 1:
        raise ValidationError({"user": _("Several users have the e-mail address “%(user)s”; "
                                         "give the username instead.") % {"user": identifier}})
    if network.memberships.filter(user=users[0]).exists():
        raise ValidationError({"user": _("%(user)s is already a member of this network.")
                               % {"user": users[0]}})
    return membership_set(network=network, user=users[0], role=role)


@transaction.atomic
def membership_change_role(*, membership: NetworkMembership, role: str) -> NetworkMembership:
    """Change a member's role; demoting the last admin is refused."""
    _check_role(role)
    if role != NetworkRole.ADMIN:
        _ensure_another_admin(membership, "role")
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, network: Network, user: AbstractBaseUser) -> None:
    """Take away a user's access; removing the last admin is refused."""
    membership = NetworkMembership.objects.filter(network=network, user=user).first()
    if membership is None:
        return
    _ensure_another_admin(membership, "user")
    membership.delete()


def municipality_get_or_create(*, network: Network, name: str) -> Municipality:
    municipality, _created = Municipality.objects.get_or_create(network=network, name=name.strip())
    return municipality


# Organisations and people --------------------------------------------------------------


def organisation_type_create(*, key: str, name_nl: str, name_en: str, colour: str = "#6c757d",
                             order: int = 0) -> OrganisationType:
    return validated_save(OrganisationType(key=key, name_nl=name_nl, name_en=name_en,
                                           colour=colour, order=order))


def organisation_create(*, network: Network, name: str, type: OrganisationType,
                        municipality: Municipality | None = None, website: str = "",
                        notes: str = "") -> Organisation:
    ensure_in_network(network, municipality=municipality)
    return validated_save(Organisation(network=network, name=name, type=type,
                                       municipality=municipality, website=website, notes=notes))


def organisation_update(*, organisation: Organisation, **data: Any) -> Organisation:
    ensure_in_network(organisation.network, municipality=data.get("municipality"))
    return model_update(instance=organisation, fields=ORGANISATION_FIELDS, data=data)


def organisation_delete(*, organisation: Organisation) -> None:
    organisation.delete()


def person_create(*, network: Network, name: str, organisation: Organisation | None = None,
                  function: str = "", email: str = "", phone: str = "") -> Person:
    ensure_in_network(network, organisation=organisation)
    return validated_save(Person(network=network, name=name, organisation=organisation,
                                 function=function, email=email, phone=phone))


def person_update(*, person: Person, **data: Any) -> Person:
    ensure_in_network(person.network, organisation=data.get("organisation"))
    return model_update(instance=person, fields=PERSON_FIELDS, data=data)


def person_delete(*, person: Person) -> None:
    """Erase a person and every role they held (right to erasure)."""
    person.delete()


# Themes ---------------------------------------------------------------------------------


def theme_create(*, network: Network, name: str, description: str = "",
                 challenge: str = "") -> Theme:
    return validated_save(Theme(network=network, name=name, description=description,
                                challenge=challenge))


def theme_update(*, theme: Theme, **data: Any) -> Theme:
    return model_update(instance=theme, fields=THEME_FIELDS, data=data)


def theme_delete(*, theme: Theme) -> None:
    theme.delete()


def theme_role_add(*, theme: Theme, person: Person, kind: str,
                   start_date: datetime.date | None = None,
                   end_date: datetime.date | None = None) -> ThemeRole:
    ensure_in_network(theme.network, person=person)
    check_period(start_date, end_date)
    return validated_save(ThemeRole(theme=theme, person=person, kind=kind,
                                    start_date=start_date, end_date=end_date))


def theme_role_update(*, role: ThemeRole, **data: Any) -> ThemeRole:
    ensure_in_network(role.theme.network, person=data.get("person"))
    check_period(data.get("start_date", role.start_date), data.get("end_date", role.end_date))
    return model_update(instance=role, fields=THEME_ROLE_FIELDS, data=data)


def theme_role_delete(*, role: ThemeRole) -> None:
    role.delete()


# Coalitions and initiatives ------------------------------------------------------------


@transaction.atomic
def coalition_create(*, network: Network, theme: Theme, name: str, sub_task: str = "",
                     form: str = "project", status: str = "active",
                     decision_principle: str = "consensus",
                     organisations: Iterable[Organisation] = ()) -> Coalition:
    """Create a coalition, optionally with its participating organisations."""
    ensure_in_network(network, theme=theme)
    coalition = validated_save(Coalition(
        network=network, theme=theme, name=name, sub_task=sub_task, form=form, status=status,
        decision_principle=decision_principle,
    ))
    for organisation in organisations:
        participation_add(coalition=coalition, organisation=organisation)
    return coalition


def coalition_update(*, coalition: Coalition, **data: Any) -> Coalition:
    ensure_in_network(coalition.network, theme=data.get("theme"))
    return model_update(instance=coalition, fields=COALITION_FIELDS, data=data)


def coalition_delete(*, coalition: Coalition) -> None:
    coalition.delete()


def participation_add(*, coalition: Coalition, organisation: Organisation,
                      contribution_people: Decimal | None = None,
                      contribution_money: Decimal | None = None,
                      contribution_knowledge: str = "",
                      start_date: datetime.date | None = None,
                      end_date: datetime.date | None = None) -> CoalitionParticipation:
    ensure_in_network(coalition.network, organisation=organisation)
    check_period(start_date, end_date)
    if (end_date is None and CoalitionParticipation.objects.active().filter(
            coalition=coalition, organisation=organisation).exists()):
        raise ValidationError({"organisation": _("%(organisation)s already takes part in "
                                                 "%(coalition)s.") % {
            "organisation": organisation, "coalition": coalition}})
    return validated_save(CoalitionParticipation(
        coalition=coalition, organisation=organisation, contribution_people=contribution_people,
        contribution_money=contribution_money, contribution_knowledge=contribution_knowledge,
        start_date=start_date, end_date=end_date,
    ))


def participation_update(*, participation: CoalitionParticipation,
                         **data: Any) -> CoalitionParticipation:
    ensure_in_network(participation.coalition.network, organisation=data.get("organisation"))
    check_period(data.get("start_date", participation.start_date),
                  data.get("end_date", participation.end_date))
    return model_update(instance=participation, fields=PARTICIPATION_FIELDS, data=data)


def participation_delete(*, participation: CoalitionParticipation) -> None:
    participation.delete()


def initiative_create(*, coalition: Coalition, name: str, description: str = "",
                      start_date: datetime.date | None = None,
                      end_date: datetime.date | None = None,
                      status: str = "planned") -> Initiative:
    check_period(start_date, end_date)
    return validated_save(Initiative(coalition=coalition, name=name, description=description,
                                     start_date=start_date, end_date=end_date, status=status))


def initiative_update(*, initiative: Initiative, **data: Any) -> Initiative:
    check_period(data.get("start_date", initiative.start_date),
                  data.get("end_date", initiative.end_date))
    return model_update(instance=initiative, fields=INITIATIVE_FIELDS, data=data)


def initiative_delete(*, initiative: Initiative) -> None:
    initiative.delete()


# Governance units ----------------------------------------------------------------------


def governance_unit_create(*, network: Network, kind: str, name: str,
                           description: str = "") -> GovernanceUnit:
    return validated_save(GovernanceUnit(network=network, kind=kind, name=name,
                                         description=description))


def governance_unit_update(*, unit: GovernanceUnit, **data: Any) -> GovernanceUnit:
    return model_update(instance=unit, fields=GOVERNANCE_UNIT_FIELDS, data=data)


def governance_unit_delete(*, unit: GovernanceUnit) -> None:
    unit.delete()


def unit_membership_add(*, unit: GovernanceUnit, person: Person, level: str,
                        role_title: str = "", start_date: datetime.date | None = None,
                        end_date: datetime.date | None = None) -> GovernanceUnitMembership:
    ensure_in_network(unit.network, person=person)
    check_period(start_date, end_date)
    return validated_save(GovernanceUnitMembership(
        unit=unit, person=person, level=level, role_title=role_title,
        start_date=start_date, end_date=end_date,
    ))


def unit_membership_update(*, membership: GovernanceUnitMembership,
                           **data: Any) -> GovernanceUnitMembership:
    ensure_in_network(membership.unit.network, person=data.get("person"))
    check_period(data.get("start_date", membership.start_date),
                  data.get("end_date", membership.end_date))
    return model_update(instance=membership, fields=UNIT_MEMBERSHIP_FIELDS, data=data)


def unit_membership_delete(*, membership: GovernanceUnitMembership) -> None:
    membership.delete()


# API tokens ----------------------------------------------------------------------------


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(*, user: AbstractBaseUser, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its plain text, which is shown only once."""
    plain = "nr_" + secrets.token_urlsafe(32)
    token = validated_save(ApiToken(user=user, name=name, digest=token_digest(plain),
                                    prefix=plain[:8]))
    return token, plain


def api_token_authenticate(*, plain: str) -> ApiToken | None:
    token = ApiToken.objects.select_related("user").filter(digest=token_digest(plain)).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


def api_token_delete(*, token: ApiToken) -> None:
    token.delete()
