"""All writes to the registry. Views, API, importers and the demo call these only."""

from __future__ import annotations

import datetime
import functools
import hashlib
import re
import secrets
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from netwerkregie.audit import services as audit
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.services import check_period, ensure_in_network, model_update, validated_save
from netwerkregie.core.text import collation_key

from . import emails, selectors
from .models import (
    ApiToken,
    Coalition,
    CoalitionParticipation,
    DataVersion,
    GovernanceUnit,
    GovernanceUnitMembership,
    Initiative,
    Municipality,
    Network,
    NetworkMembership,
    Organisation,
    OrganisationType,
    Person,
    StoredResult,
    Theme,
    ThemeRole,
)

NETWORK_FIELDS = ["name", "slug", "region_description", "societal_task", "start_date",
                  "anonymity_minimum", "round_response_share", "publish_free_text", "map_survey_ties",
                  "contact_details_from", "admins_use_two_factor"]
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


# Data version and stored results -------------------------------------------------------


Figure = TypeVar("Figure")

def data_changed(*, network: Network | int, erased: bool = False) -> None:
    """Something a figure is computed from changed: every stored figure of the network is out of date.

    One F() update of the network's DataVersion row, so concurrent writers never lose a bump.
    `erased` (retention, erasure): the stored figures may hold what was erased, so they go too.
    """
    network_id = getattr(network, "pk", network)
    now = timezone.now()
    if not DataVersion.objects.filter(network_id=network_id).update(version=F("version") + 1, changed_at=now):
        try:
            with transaction.atomic():
                DataVersion.objects.create(network_id=network_id, version=1, changed_at=now)
        except IntegrityError:  # another writer created it meanwhile
            DataVersion.objects.filter(network_id=network_id).update(version=F("version") + 1, changed_at=now)
    if erased:
        StoredResult.objects.filter(network_id=network_id).delete()


def changes_figures(path: str, *, erased: bool = False):
    """Mark a write whose data figures are computed from: it bumps the network's data version, in its
    transaction. `path` names the keyword argument (dotted through attributes) that leads to the network
    or to an object with `network_id`; `erased` as in data_changed."""
    first, *rest = path.split(".")

    def decorate(write):
        @functools.wraps(write)
        def wrapper(**kwargs):
            owner = kwargs[first]
            for name in rest:
                owner = getattr(owner, name)
            network_id = owner.pk if isinstance(owner, Network) else owner.network_id
            with transaction.atomic():
                result = write(**kwargs)
                data_changed(network=network_id, erased=erased)
            return result
        return wrapper
    return decorate


def result_store(*, network: Network | int, kind: str, key: str, version: int, data: Any) -> None:
    """Keep a computed figure, computed from the data at `version`, in place of the question's older one.

    A figure computed from older data than the one already stored (a slow background run finishing
    after a fresh one) is dropped. Two queries whether or not one was stored before: the older one
    is deleted, the new one inserted unless a newer one is there (or came meanwhile).
    """
    network_id = getattr(network, "pk", network)
    StoredResult.objects.filter(network_id=network_id, kind=kind, key=key, version__lte=version).delete()
    StoredResult.objects.bulk_create([StoredResult(
        network_id=network_id, kind=kind, key=key, version=version, computed_at=timezone.now(),
        computed_on=timezone.localdate(), data=data)], ignore_conflicts=True)


def stored_figure(*, network: Network | int, kind: str, key: str, compute: Callable[[], Figure],
                  dump: Callable[[Figure], Any], load: Callable[[Any], Figure],
                  keep: bool | Callable[[Figure], bool] = True, daily: bool = False) -> Figure:
    """The stored figure while current (see selectors.stored_result), else computed now and stored.

    `keep` False: the figure rests on data that changes without a version bump (a round still open),
    so it is computed every time; a callable decides on the computed value (a figure known to be
    partial). A stored figure that no longer loads (kept by an older version of its code) is computed
    again. Two queries to read; two more to store.
    """
    if keep is False:
        return compute()
    lookup = selectors.stored_result(network=network, kind=kind, key=key, daily=daily)
    if lookup.current:
        try:
            return load(lookup.stored.data)
        except (KeyError, TypeError, ValueError):  # pydantic's ValidationError is a ValueError
            pass
    value = compute()
    if keep is True or keep(value):
        result_store(network=network, kind=kind, key=key, version=lookup.version, data=dump(value))
    return value


# Networks and access ------------------------------------------------------------------


RESERVED_SLUGS = frozenset({"admin", "api", "new", "static", "survey", "accounts", "demo", "help"})


def _check_slug(network: Network) -> None:
    """A taken address gets the same answer as a reserved one, naming nothing about who holds it.

    Anyone may start a network, so "a network with this slug exists" would tell outsiders which
    networks use this installation.
    """
    slug = (network.slug or "").strip().lower()
    taken = Network.objects.filter(slug__iexact=slug).exclude(pk=network.pk).exists()
    if slug in RESERVED_SLUGS or taken:
        raise ValidationError({"slug": _("This address is not available; choose another.")})


@transaction.atomic
def network_create(*, creator: AbstractBaseUser | None = None, municipalities: Iterable[str] = (),
                   **data: Any) -> Network:
    """Create a network; its creator becomes its first admin."""
    network = Network(**{k: v for k, v in data.items() if k in NETWORK_FIELDS})
    _check_slug(network)
    validated_save(network)
    network_set_municipalities(network=network, names=municipalities)
    if creator is not None:
        membership_set(network=network, user=creator, role=NetworkRole.ADMIN)
    return network


@changes_figures("network")
@transaction.atomic
def network_update(*, network: Network, municipalities: Iterable[str] | None = None,
                   **data: Any) -> Network:
    if "slug" in data:
        _check_slug(Network(pk=network.pk, slug=data["slug"]))
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


def _user_by_email(email: str) -> tuple[AbstractBaseUser, bool]:
    """The account with this address (the oldest when several share it), or a new one; and whether new.

    A new account has no password: its owner chooses one with the link in the e-mail.
    """
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=email).order_by("pk").first()
    if user is not None:
        return user, False
    user = user_model(**{user_model.USERNAME_FIELD: email.lower()}, email=email.lower())
    user.set_unusable_password()
    try:
        validated_save(user)
    except ValidationError:  # e.g. another account's username is this address: say nothing about it
        raise ValidationError({"user": _("This address is not available.")}) from None
    return user, True


@transaction.atomic
def membership_add(*, network: Network, user_identifier: str, role: str,
                   added_by: AbstractBaseUser | None = None, base_url: str | None = None) -> NetworkMembership:
    """Add a person by e-mail address, or an existing user by username (superusers only), with a role.

    Anyone can start a network and so add members: adding by e-mail address therefore gives the
    same outcome whether or not the address has an account (one is made, without a password),
    so it cannot be used to find out who has an account here. Looking users up by username is
    for superusers, and for setup code (`added_by` None). With `base_url` the person is e-mailed
    a link to log in or to choose a password. A person adding someone is recorded in the audit log.
    """
    _check_role(role)
    identifier = user_identifier.strip()
    if not identifier:
        raise ValidationError({"user": _("Enter the person's e-mail address.")})
    user_model = get_user_model()
    may_look_up = added_by is None or added_by.is_superuser
    if "@" in identifier:
        try:
            validate_email(identifier)
        except ValidationError:
            raise ValidationError({"user": _("Enter a valid e-mail address.")}) from None
        user, _new = _user_by_email(identifier)
    elif may_look_up:
        user = user_model.objects.filter(**{f"{user_model.USERNAME_FIELD}__iexact": identifier}).first()
        if user is None:
            raise ValidationError({"user": _("There is no user with username “%(user)s”.") % {"user": identifier}})
    else:
        raise ValidationError({"user": _("Enter the person's e-mail address.")})
    if network.memberships.filter(user=user).exists():
        raise ValidationError({"user": _("%(user)s is already a member of this network.") % {"user": identifier}})
    membership = membership_set(network=network, user=user, role=role)
    if added_by is not None:
        audit.record(action=audit.AuditAction.MEMBER_ADD, actor=added_by, network=network,
                     detail=f"{membership.user}: {membership.role}")
    if base_url is not None and user.email:
        emails.membership_message(membership, base_url=base_url).send()
    return membership


@transaction.atomic
def membership_change_role(*, membership: NetworkMembership, role: str,
                           by: AbstractBaseUser | None = None) -> NetworkMembership:
    """Change a member's role; demoting the last admin is refused. A change `by` someone is audited."""
    _check_role(role)
    if role != NetworkRole.ADMIN:
        _ensure_another_admin(membership, "role")
    membership.role = role
    membership.save(update_fields=["role"])
    if by is not None:
        audit.record(action=audit.AuditAction.ROLE_CHANGE, actor=by, network=membership.network,
                     detail=f"{membership.user}: {membership.role}")
    return membership


@transaction.atomic
def membership_remove(*, network: Network, user: AbstractBaseUser, by: AbstractBaseUser | None = None) -> None:
    """Take away a user's access; removing the last admin is refused. A removal `by` someone is audited."""
    membership = NetworkMembership.objects.filter(network=network, user=user).first()
    if membership is None:
        return
    _ensure_another_admin(membership, "user")
    membership.delete()
    if by is not None:
        audit.record(action=audit.AuditAction.MEMBER_REMOVE, actor=by, network=network, detail=str(user))


def municipality_get_or_create(*, network: Network, name: str) -> Municipality:
    municipality, _created = Municipality.objects.get_or_create(network=network, name=name.strip())
    return municipality


# Organisations and people --------------------------------------------------------------


def _with_scheme(website: str) -> str:
    """"www.ggd.nl" as people type it means https://www.ggd.nl – in the form, API and import."""
    website = website.strip()
    return website if not website or re.match(r"^[a-z][a-z0-9+.-]*://", website, re.IGNORECASE) \
        else f"https://{website}"


@changes_figures("network")
def organisation_create(*, network: Network, name: str, type: OrganisationType,
                        municipality: Municipality | None = None, website: str = "",
                        notes: str = "") -> Organisation:
    ensure_in_network(network, municipality=municipality)
    return validated_save(Organisation(network=network, name=name, sort_name=collation_key(name),
                                       type=type, municipality=municipality,
                                       website=_with_scheme(website), notes=notes))


@changes_figures("organisation")
def organisation_update(*, organisation: Organisation, **data: Any) -> Organisation:
    ensure_in_network(organisation.network, municipality=data.get("municipality"))
    if "name" in data:
        organisation.sort_name = collation_key(data["name"])
    if data.get("website"):
        data = {**data, "website": _with_scheme(data["website"])}
    return model_update(instance=organisation, fields=ORGANISATION_FIELDS, data=data)


@changes_figures("organisation")
@transaction.atomic
def organisation_archive(*, organisation: Organisation,
                         on: datetime.date | None = None) -> Organisation:
    """The organisation left the network: it drops out of current lists and its coalition
    participations end, while survey answers, relations and past roles stay as history."""
    on = on or timezone.localdate()
    CoalitionParticipation.objects.active(on).filter(organisation=organisation).update(end_date=on)
    organisation.archived_on = on
    organisation.save(update_fields=["archived_on"])
    return organisation


@changes_figures("organisation")
def organisation_restore(*, organisation: Organisation) -> Organisation:
    """Undo archiving; participations that ended stay ended (they are history)."""
    organisation.archived_on = None
    organisation.save(update_fields=["archived_on"])
    return organisation


@changes_figures("organisation", erased=True)
def organisation_erase(*, organisation: Organisation) -> None:
    """Remove an organisation for good, with its participations, relations and the survey
    answers about it (the confirmation page lists them). Archiving is the normal way out."""
    organisation.delete()


@changes_figures("network")
def person_create(*, network: Network, name: str, organisation: Organisation | None = None,
                  function: str = "", email: str = "", phone: str = "") -> Person:
    ensure_in_network(network, organisation=organisation)
    return validated_save(Person(network=network, name=name, sort_name=collation_key(name),
                                 organisation=organisation, function=function, email=email,
                                 phone=phone))


@changes_figures("person")
def person_update(*, person: Person, **data: Any) -> Person:
    ensure_in_network(person.network, organisation=data.get("organisation"))
    if "name" in data:
        person.sort_name = collation_key(data["name"])
    return model_update(instance=person, fields=PERSON_FIELDS, data=data)


@changes_figures("person")
@transaction.atomic
def person_archive(*, person: Person, on: datetime.date | None = None) -> Person:
    """The person left the network: out of current lists, their current roles and seats end;
    their survey answers and past roles stay."""
    on = on or timezone.localdate()
    ThemeRole.objects.active(on).filter(person=person).update(end_date=on)
    GovernanceUnitMembership.objects.active(on).filter(person=person).update(end_date=on)
    person.archived_on = on
    person.save(update_fields=["archived_on"])
    return person


@changes_figures("person")
def person_restore(*, person: Person) -> Person:
    person.archived_on = None
    person.save(update_fields=["archived_on"])
    return person


# Themes ---------------------------------------------------------------------------------


@changes_figures("network")
def theme_create(*, network: Network, name: str, description: str = "",
                 challenge: str = "") -> Theme:
    return validated_save(Theme(network=network, name=name, description=description,
                                challenge=challenge))


@changes_figures("theme")
def theme_update(*, theme: Theme, **data: Any) -> Theme:
    return model_update(instance=theme, fields=THEME_FIELDS, data=data)


@changes_figures("theme")
def theme_delete(*, theme: Theme) -> None:
    theme.delete()


@changes_figures("theme")
def theme_role_add(*, theme: Theme, person: Person, kind: str,
                   start_date: datetime.date | None = None,
                   end_date: datetime.date | None = None) -> ThemeRole:
    ensure_in_network(theme.network, person=person)
    check_period(start_date, end_date)
    return validated_save(ThemeRole(theme=theme, person=person, kind=kind,
                                    start_date=start_date, end_date=end_date))


@changes_figures("role.theme")
def theme_role_update(*, role: ThemeRole, **data: Any) -> ThemeRole:
    ensure_in_network(role.theme.network, person=data.get("person"))
    check_period(data.get("start_date", role.start_date), data.get("end_date", role.end_date))
    return model_update(instance=role, fields=THEME_ROLE_FIELDS, data=data)


def theme_role_end(*, role: ThemeRole) -> ThemeRole:
    """End the role today: it stays in the history instead of disappearing."""
    return theme_role_update(role=role, end_date=timezone.localdate())


@changes_figures("role.theme")
def theme_role_delete(*, role: ThemeRole) -> None:
    role.delete()


# Coalitions and initiatives ------------------------------------------------------------


@changes_figures("network")
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


@changes_figures("coalition")
def coalition_update(*, coalition: Coalition, **data: Any) -> Coalition:
    ensure_in_network(coalition.network, theme=data.get("theme"))
    return model_update(instance=coalition, fields=COALITION_FIELDS, data=data)


@changes_figures("coalition")
def coalition_delete(*, coalition: Coalition) -> None:
    coalition.delete()


@changes_figures("coalition")
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


@changes_figures("participation.coalition")
def participation_update(*, participation: CoalitionParticipation,
                         **data: Any) -> CoalitionParticipation:
    ensure_in_network(participation.coalition.network, organisation=data.get("organisation"))
    check_period(data.get("start_date", participation.start_date),
                  data.get("end_date", participation.end_date))
    return model_update(instance=participation, fields=PARTICIPATION_FIELDS, data=data)


def participation_end(*, participation: CoalitionParticipation) -> CoalitionParticipation:
    """End the participation today: it stays in the history instead of disappearing."""
    return participation_update(participation=participation, end_date=timezone.localdate())


@changes_figures("participation.coalition")
def participation_delete(*, participation: CoalitionParticipation) -> None:
    participation.delete()


def initiative_create(*, coalition: Coalition, name: str, description: str = "",
                      start_date: datetime.date | None = None,
                      end_date: datetime.date | None = None,
                      status: str = "planned") -> Initiative:
    check_period(start_date, end_date)
    return validated_save(Initiative(coalition=coalition, name=name, sort_name=collation_key(name),
                                     description=description, start_date=start_date,
                                     end_date=end_date, status=status))


def initiative_update(*, initiative: Initiative, **data: Any) -> Initiative:
    check_period(data.get("start_date", initiative.start_date),
                  data.get("end_date", initiative.end_date))
    if "name" in data:
        initiative.sort_name = collation_key(data["name"])
    return model_update(instance=initiative, fields=INITIATIVE_FIELDS, data=data)


def initiative_delete(*, initiative: Initiative) -> None:
    initiative.delete()


# Governance units ----------------------------------------------------------------------


@changes_figures("network")
def governance_unit_create(*, network: Network, kind: str, name: str,
                           description: str = "") -> GovernanceUnit:
    return validated_save(GovernanceUnit(network=network, kind=kind, name=name,
                                         description=description))


@changes_figures("unit")
def governance_unit_update(*, unit: GovernanceUnit, **data: Any) -> GovernanceUnit:
    return model_update(instance=unit, fields=GOVERNANCE_UNIT_FIELDS, data=data)


@changes_figures("unit")
def governance_unit_delete(*, unit: GovernanceUnit) -> None:
    unit.delete()


@changes_figures("unit")
def unit_membership_add(*, unit: GovernanceUnit, person: Person, level: str,
                        role_title: str = "", start_date: datetime.date | None = None,
                        end_date: datetime.date | None = None) -> GovernanceUnitMembership:
    ensure_in_network(unit.network, person=person)
    check_period(start_date, end_date)
    return validated_save(GovernanceUnitMembership(
        unit=unit, person=person, level=level, role_title=role_title,
        start_date=start_date, end_date=end_date,
    ))


@changes_figures("membership.unit")
def unit_membership_update(*, membership: GovernanceUnitMembership,
                           **data: Any) -> GovernanceUnitMembership:
    ensure_in_network(membership.unit.network, person=data.get("person"))
    check_period(data.get("start_date", membership.start_date),
                  data.get("end_date", membership.end_date))
    return model_update(instance=membership, fields=UNIT_MEMBERSHIP_FIELDS, data=data)


def unit_membership_end(*, membership: GovernanceUnitMembership) -> GovernanceUnitMembership:
    """End the seat today: it stays in the history instead of disappearing."""
    return unit_membership_update(membership=membership, end_date=timezone.localdate())


@changes_figures("membership.unit")
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
