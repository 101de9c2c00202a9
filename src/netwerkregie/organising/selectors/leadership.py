"""Leadership over time (seed 001: leadership in a team, not one chair): who held which role when."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from netwerkregie.registry.models import Network, ThemeRole

from ..models import UnitOfficer


@dataclass(frozen=True)
class LeadershipRole:
    person: str
    organisation: str
    role: str
    context: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    active: bool


@dataclass(frozen=True)
class Leadership:
    roles: list[LeadershipRole]
    per_person: list[tuple[str, int]]
    per_organisation: list[tuple[str, int]]
    shared: bool
    first: datetime.date | None
    last: datetime.date


def leadership(*, network: Network, theme_id: int | None = None) -> Leadership:
    """Theme leads and coordinators, chairs and secretaries, oldest first; `theme_id` keeps one theme.

    Leadership counts as shared when current roles are spread over more than one organisation and no
    organisation holds more than half of them.
    """
    today = timezone.localdate()
    theme_roles = ThemeRole.objects.filter(theme__network=network).select_related("person__organisation", "theme")
    if theme_id is not None:
        theme_roles = theme_roles.filter(theme_id=theme_id)
    roles = [LeadershipRole(r.person.name, r.person.organisation.name if r.person.organisation else "",
                            r.get_kind_display(), r.theme.name, r.start_date, r.end_date, r.is_active)
             for r in theme_roles]
    if theme_id is None:
        roles += [LeadershipRole(o.person.name, o.person.organisation.name if o.person.organisation else "",
                                 o.get_role_display(), o.unit.name, o.start_date, o.end_date, o.is_active)
                  for o in UnitOfficer.objects.filter(unit__network=network).select_related("person__organisation",
                                                                                            "unit")]
    roles.sort(key=lambda r: (r.start_date or datetime.date.min, r.person))
    current = [r for r in roles if r.active]
    per_org = Counter(r.organisation or "—" for r in current)
    shared = len(per_org) > 1 and max(per_org.values()) * 2 <= len(current)
    starts = [r.start_date for r in roles if r.start_date]
    return Leadership(roles, Counter(r.person for r in current).most_common(), per_org.most_common(), shared,
                      min(starts) if starts else None, today)
