"""Reads of the registry. Every function uses a fixed number of queries, whatever the size."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from netwerkregie.core.pagination import PAGE_SIZE

from .models import (
    Coalition,
    CoalitionParticipation,
    DataVersion,
    GovernanceUnit,
    GovernanceUnitMembership,
    Initiative,
    Level,
    Network,
    NetworkMembership,
    Organisation,
    Person,
    StoredResult,
    Theme,
    ThemeRole,
    ThemeRoleKind,
)

BOARD_ROLE_LIMIT = 3
# Organisations; beyond this the downloads that grow with the network (the raw answers of a round,
# the JSON export, the registry workbook) are prepared by the background worker (reports/tasks.py)
# instead of inside the request – as analysis.selectors.INLINE_MAX does for the analysis.
DOWNLOAD_INLINE_MAX = 100


# Data version and stored results -------------------------------------------------------------


def data_version(*, network: Network | int) -> int:
    """The network's data version: 0 until the first change recorded by services.data_changed."""
    network_id = getattr(network, "pk", network)
    return DataVersion.objects.filter(network_id=network_id).values_list("version", flat=True).first() or 0


@dataclass(frozen=True)
class Lookup:
    """A question's stored figure (if any) beside the network's data version now.

    `daily`: the figure depends on the day too (roles and relations active today, the round that
    counts today), so it is current only when computed today.
    """

    version: int
    stored: StoredResult | None
    daily: bool

    @property
    def current(self) -> bool:
        return self.stored is not None and self.stored.version == self.version and (
            not self.daily or self.stored.computed_on == timezone.localdate())


def stored_result(*, network: Network | int, kind: str, key: str, daily: bool = False) -> Lookup:
    """The stored figure of one question and whether it is current: two queries."""
    network_id = getattr(network, "pk", network)
    return Lookup(data_version(network=network_id),
                  StoredResult.objects.filter(network_id=network_id, kind=kind, key=key).first(), daily)


def download_in_background(*, network: Network) -> bool:
    """Whether the network's large downloads are prepared in the background (DOWNLOAD_INLINE_MAX): one query."""
    return network.organisations.count() > DOWNLOAD_INLINE_MAX


# Access ----------------------------------------------------------------------------------


def network_list_for_user(*, user: AbstractBaseUser) -> QuerySet[Network]:
    if not user.is_authenticated:
        return Network.objects.none()
    return Network.objects.filter(memberships__user=user).annotate(
        organisation_count=Count("organisations", distinct=True),
    ).order_by("name")


def sees_contact_details(*, membership: NetworkMembership) -> bool:
    """Whether this member may see people's e-mail addresses and phone numbers.

    The one place that decides it, for pages, lists, API and exports: the network's setting
    names the lowest role that does (by default member); name, organisation and function are
    visible to everyone in the network.
    """
    return membership.has_role(membership.network.contact_details_from)


# Lists ----------------------------------------------------------------------------------


def organisation_list(*, network: Network, q: str | None = None,
                      include_archived: bool = False) -> QuerySet[Organisation]:
    """The network's organisations with their current coalition count, in Dutch name order.

    Archived organisations are left out unless asked for; registry/filters.py filters and sorts the list.
    """
    qs = (Organisation.objects.filter(network=network)
          .select_related("type", "municipality", "network")
          .annotate(coalition_count=Count(
              "participations__coalition", distinct=True,
              filter=_active_q("participations"))))
    if not include_archived:
        qs = qs.current()
    if q:
        qs = qs.filter(name__icontains=q)
    return qs.order_by("sort_name", "pk")


def person_list(*, network: Network, organisation_id: int | None = None,
                q: str | None = None, include_archived: bool = False) -> QuerySet[Person]:
    qs = Person.objects.filter(network=network).select_related("organisation", "network")
    if not include_archived:
        qs = qs.current()
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(function__icontains=q))
    return qs.order_by("sort_name", "pk")


def organisation_choices(network: Network) -> QuerySet[Organisation]:
    """What a search picker (core.pickers) offers: the current organisations, by name as in the list."""
    return Organisation.objects.filter(network=network).current().order_by("sort_name", "pk")


def person_choices(network: Network) -> QuerySet[Person]:
    """What a search picker offers: current people with their organisation, as every member sees
    them in the people list (never their contact details)."""
    return (Person.objects.filter(network=network).current().select_related("organisation")
            .order_by("sort_name", "pk"))


def person_choice_label(person: Person) -> str:
    """A person in a picker: the name and, to tell namesakes apart, the organisation."""
    return f"{person.name} ({person.organisation.name})" if person.organisation_id else person.name


def theme_list(*, network: Network) -> QuerySet[Theme]:
    return (Theme.objects.filter(network=network).select_related("network")
            .prefetch_related(Prefetch("roles", queryset=ThemeRole.objects.active()
                                       .select_related("person__organisation")))
            .annotate(coalition_count=Count("coalitions", distinct=True))
            .order_by("name"))


def coalition_list(*, network: Network, theme_id: int | None = None,
                   status: str | None = None) -> QuerySet[Coalition]:
    qs = (Coalition.objects.filter(network=network).select_related("theme", "network")
          .prefetch_related(Prefetch(
              "participations",
              queryset=CoalitionParticipation.objects.active().select_related("organisation__network"))))
    if theme_id:
        qs = qs.filter(theme_id=theme_id)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("theme__name", "name")


def coalition_partner_ids(*, organisation_id: int | None, on: datetime.date | None = None) -> set[int]:
    """The other organisations sharing an active coalition with this one today (one query)."""
    if organisation_id is None:
        return set()
    shared = (CoalitionParticipation.objects.active(on=on).filter(organisation_id=organisation_id)
              .values("coalition_id"))
    return set(CoalitionParticipation.objects.active(on=on).filter(coalition_id__in=shared)
               .exclude(organisation_id=organisation_id).values_list("organisation_id", flat=True))


def initiative_list(*, network: Network, coalition_id: int | None = None
                    ) -> QuerySet[Initiative]:
    qs = (Initiative.objects.filter(coalition__network=network)
          .select_related("coalition__theme", "coalition__network"))
    if coalition_id:
        qs = qs.filter(coalition_id=coalition_id)
    return qs


def governance_unit_list(*, network: Network) -> QuerySet[GovernanceUnit]:
    return (GovernanceUnit.objects.filter(network=network).select_related("network")
            .prefetch_related(Prefetch(
                "memberships",
                queryset=GovernanceUnitMembership.objects.active()
                .select_related("person__organisation")))
            .order_by("name", "pk"))


def _active_q(prefix: str, on: datetime.date | None = None) -> Q:
    on = on or timezone.localdate()
    return (
        (Q(**{f"{prefix}__start_date__isnull": True}) | Q(**{f"{prefix}__start_date__lte": on}))
        & (Q(**{f"{prefix}__end_date__isnull": True}) | Q(**{f"{prefix}__end_date__gte": on}))
    )


# Dashboard ------------------------------------------------------------------------------


PARTICIPANTS_DEFINITION = gettext_lazy(
    "Participants are the organisations of the network (its fundament), whether or not they take part in an "
    "active coalition today. The dashboard, the network analysis and the governance advice use this one number.")


def participant_count(*, network: Network) -> int:
    """The network's participants (PARTICIPANTS_DEFINITION): every current organisation registered in it."""
    return network.organisations.current().count()


def network_counts(*, network: Network) -> dict[str, int]:
    """One COUNT per kind: joining them all in one query would multiply the rows."""
    return {
        "organisations": participant_count(network=network),
        "people": network.people.current().count(),
        "themes": network.themes.count(),
        "coalitions": network.coalitions.count(),
        "governance_units": network.governance_units.count(),
        "initiatives": Initiative.objects.filter(coalition__network=network).count(),
    }


MATRIX_COLUMNS = 25  # coalitions per slice of the matrix; its rows come in pages of core.pagination.PAGE_SIZE

@dataclass(frozen=True)
class ContributionMatrix:
    """Who contributes where: one slice of organisations (rows) × coalitions (columns).

    `organisations` and `columns` are the pages the slice comes from, for the controls that move it.
    """

    organisations: Page
    columns: Page
    rows: list[tuple[Organisation, list[CoalitionParticipation | None]]]

    @property
    def coalitions(self) -> list[Coalition]:
        return list(self.columns)


def contribution_matrix(*, network: Network, organisations: QuerySet[Organisation] | None = None,
                        row_page: int | str | None = None, column_page: int | str | None = None
                        ) -> ContributionMatrix:
    """One slice of the organisation × coalition matrix: rows from `organisations` (filtered and sorted
    as the director asks, by the organisation list's filters, registry/filters.py; default: the current
    ones by name), columns every coalition.

    `row_page` and `column_page` choose the slice as core.pagination does (out of range: the last,
    nonsense: the first), so the page weighs the same at 40 or 2,000 organisations.
    """
    coalitions = (Coalition.objects.filter(network=network).select_related("theme", "network")
                  .order_by("theme__name", "name", "pk"))
    if organisations is None:
        organisations = organisation_list(network=network).order_by("sort_name", "pk")
    rows = Paginator(organisations, PAGE_SIZE).get_page(row_page)
    columns = Paginator(coalitions, MATRIX_COLUMNS).get_page(column_page)
    cells: dict[tuple[int, int], CoalitionParticipation] = {
        (p.organisation_id, p.coalition_id): p
        for p in CoalitionParticipation.objects.active().filter(
            organisation__in=[o.pk for o in rows], coalition__in=[c.pk for c in columns])
    } if rows and columns else {}
    return ContributionMatrix(
        organisations=rows, columns=columns,
        rows=[(organisation, [cells.get((organisation.pk, c.pk)) for c in columns]) for organisation in rows])


def board_role_counts(*, network: Network) -> list[tuple[Person, int]]:
    """Current board roles per person: theme board leads and strategic-level unit seats."""
    counts: Counter[int] = Counter()
    for person_id in ThemeRole.objects.active().filter(
            theme__network=network, kind=ThemeRoleKind.BOARD_LEAD).values_list("person_id",
                                                                               flat=True):
        counts[person_id] += 1
    for person_id in GovernanceUnitMembership.objects.active().filter(
            unit__network=network, level=Level.STRATEGIC).values_list("person_id", flat=True):
        counts[person_id] += 1
    people = Person.objects.select_related("network").in_bulk(list(counts))
    return sorted(((people[pk], n) for pk, n in counts.items()),
                  key=lambda item: (-item[1], item[0].name))


# Detail pages ---------------------------------------------------------------------------


def organisation_involvement(*, organisation: Organisation) -> dict[str, object]:
    """Everything an organisation is involved in, current and past."""
    participations = (CoalitionParticipation.objects.filter(organisation=organisation)
                      .select_related("coalition__theme", "coalition__network").order_by("coalition__name"))
    people = list(Person.objects.filter(organisation=organisation).select_related("network"))
    unit_memberships = (GovernanceUnitMembership.objects.filter(person__organisation=organisation)
                        .select_related("unit__network", "person"))
    theme_roles = (ThemeRole.objects.filter(person__organisation=organisation)
                   .select_related("theme__network", "person"))
    return {"participations": list(participations), "people": people,
            "unit_memberships": list(unit_memberships), "theme_roles": list(theme_roles)}


def person_involvement(*, person: Person) -> dict[str, object]:
    return {
        "theme_roles": list(person.theme_roles.select_related("theme__network")),
        "unit_memberships": list(person.unit_memberships.select_related("unit__network")),
    }


def theme_detail(*, theme: Theme) -> dict[str, object]:
    coalitions = coalition_list(network=theme.network, theme_id=theme.pk)
    organisations: dict[int, Organisation] = {}
    for coalition in coalitions:
        for participation in coalition.participations.all():
            organisations[participation.organisation_id] = participation.organisation
    return {
        "roles": list(theme.roles.select_related("person__organisation", "person__network")
                      .order_by("kind", "-start_date")),
        "coalitions": list(coalitions),
        "organisations": sorted(organisations.values(), key=lambda o: o.name),
    }


def coalition_detail(*, coalition: Coalition) -> dict[str, object]:
    return {
        "participations": list(coalition.participations.select_related("organisation__type", "organisation__network")
                               .order_by("organisation__name")),
        "initiatives": list(coalition.initiatives.all()),
    }


def governance_unit_members(*, unit: GovernanceUnit) -> list[GovernanceUnitMembership]:
    return list(unit.memberships.select_related("person__organisation", "person__network")
                .order_by("level", "person__name"))


# Search -----------------------------------------------------------------------------------


def network_search(*, network: Network, q: str, limit: int = 25) -> dict[str, list]:
    """Case-insensitive search across the network's registry."""
    q = q.strip()
    if not q:
        return defaultdict(list)
    return {
        "organisations": list(Organisation.objects.filter(network=network, name__icontains=q)
                              .select_related("type", "network")[:limit]),
        "people": list(person_list(network=network, q=q)[:limit]),
        "themes": list(Theme.objects.filter(network=network).select_related("network")
                       .filter(Q(name__icontains=q) | Q(description__icontains=q))[:limit]),
        "coalitions": list(Coalition.objects.filter(network=network)
                           .filter(Q(name__icontains=q) | Q(sub_task__icontains=q))
                           .select_related("theme", "network")[:limit]),
        "initiatives": list(Initiative.objects.filter(coalition__network=network)
                            .filter(Q(name__icontains=q) | Q(description__icontains=q))
                            .select_related("coalition__network")[:limit]),
        "governance_units": list(GovernanceUnit.objects.filter(network=network, name__icontains=q)
                                 .select_related("network")[:limit]),
    }
