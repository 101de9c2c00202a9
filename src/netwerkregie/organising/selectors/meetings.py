"""Reads of meetings: the calendar, one meeting with everything on it, the task overview, the feed."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netwerkregie.registry.models import GovernanceUnit, GovernanceUnitKind, Network

from ..models import ActionPoint, ActionStatus, AgendaItem, Meeting

FUNDAMENT_MINIMUM = 2  # seed 004: the broad network meets at least twice a year


class TaskView(models.TextChoices):
    """The three views of the task overview."""

    MINE = "mine", _("Mine")
    OPEN = "open", _("Open")
    OVERDUE = "overdue", _("Overdue")


def _meetings(queryset: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return queryset.select_related("unit", "coalition", "network").prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order", "pk")))


def meeting_list(*, network: Network) -> QuerySet[Meeting]:
    return _meetings(network.meetings.all()).order_by("-starts_at")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first of the month `months` after (or before) `day`'s month."""
    year, month = divmod(day.month - 1 + months, 12)
    return datetime.date(day.year + year, month + 1, 1)


@dataclass(frozen=True)
class CalendarMonth:
    month: datetime.date
    meetings: list[Meeting]


def calendar_months(*, network: Network, start: datetime.date, months: int = 12) -> list[CalendarMonth]:
    """Months from `start` (its first day) with their meetings, empty months included."""
    first = start.replace(day=1)
    end = add_months(first, months)
    meetings = list(_meetings(network.meetings.filter(starts_at__date__gte=first, starts_at__date__lt=end))
                    .order_by("starts_at"))
    result = []
    for offset in range(months):
        day = add_months(first, offset)
        result.append(CalendarMonth(day, [m for m in meetings
                                          if timezone.localtime(m.starts_at).date().replace(day=1) == day]))
    return result


def meeting_detail_queryset(*, network: Network) -> QuerySet[Meeting]:
    """Meetings with everything the meeting page shows, in a fixed number of queries."""
    return _meetings(network.meetings.all()).prefetch_related(
        "agenda_items__proposal__network", "agenda_items__theme", "agenda_items__coalition_link",
        "invitations__organisation", "attendances__organisation", "action_points__owner")


def action_point_list(*, network: Network) -> QuerySet[ActionPoint]:
    """Every action point of the network, with what the task overview shows of it."""
    return ActionPoint.objects.filter(meeting__network=network).select_related(
        "owner", "meeting", "meeting__unit", "meeting__coalition", "meeting__network")


def in_view(points: QuerySet[ActionPoint], *, view: str, user: AbstractBaseUser | None = None,
            today: datetime.date | None = None) -> QuerySet[ActionPoint]:
    """The open action points, only the overdue ones, or "mine" (open, the owner's e-mail is the user's).

    Users are not people in the registry; the owner's e-mail address links the two.
    """
    if view == TaskView.MINE:
        email = user.email if user is not None else ""
        return points.filter(owner__email__iexact=email, status=ActionStatus.OPEN) if email else points.none()
    if view == TaskView.OVERDUE:
        return points.filter(status=ActionStatus.OPEN, due_date__lt=today or timezone.localdate())
    return points.filter(status=ActionStatus.OPEN)


def action_points(*, network: Network, view: str, user: AbstractBaseUser | None = None,
                  today: datetime.date | None = None) -> QuerySet[ActionPoint]:
    """Action points of the network in one view (see `in_view`), soonest due first."""
    return in_view(action_point_list(network=network), view=view, user=user, today=today).order_by("due_date", "pk")


def feed_meetings(*, user: AbstractBaseUser) -> QuerySet[Meeting]:
    """Every meeting of every network the user is a member of, for the calendar subscription."""
    return _meetings(Meeting.objects.filter(network__memberships__user=user)).order_by("starts_at")


@dataclass(frozen=True)
class FundamentMeetings:
    """How often a fundament met in a stretch of days against how often it should have (seed 004)."""

    unit: GovernanceUnit
    held: int
    required: int

    @property
    def enough(self) -> bool:
        return self.held >= self.required


def fundament_meetings(*, network: Network, start: datetime.date, end: datetime.date) -> list[FundamentMeetings]:
    """Per fundament: meetings that started from `start` up to `end` (both included), against the minimum
    of twice per twelve months, prorated for a shorter or longer stretch (two queries)."""
    required = math.ceil(FUNDAMENT_MINIMUM * ((end - start).days + 1) / 366)
    units = list(network.governance_units.filter(kind=GovernanceUnitKind.FUNDAMENT).order_by("name"))
    held: dict[int, int] = {}
    for meeting in Meeting.objects.filter(unit__in=units).only("unit_id", "starts_at"):
        if start <= timezone.localdate(meeting.starts_at) <= end:
            held[meeting.unit_id] = held.get(meeting.unit_id, 0) + 1
    return [FundamentMeetings(unit, held.get(unit.pk, 0), required) for unit in units]


def previous_meeting(*, meeting: Meeting) -> Meeting | None:
    """The last meeting of the same body that started before this one."""
    return (Meeting.objects.filter(network=meeting.network_id, unit=meeting.unit_id, coalition=meeting.coalition_id,
                                   starts_at__lt=meeting.starts_at).order_by("-starts_at", "-pk").first())


def body_open_action_points(*, meeting: Meeting) -> QuerySet[ActionPoint]:
    """Open action points of the body's meetings up to this one: what the meeting should follow up."""
    return (ActionPoint.objects.filter(meeting__network=meeting.network_id, meeting__unit=meeting.unit_id,
                                       meeting__coalition=meeting.coalition_id,
                                       meeting__starts_at__lte=meeting.starts_at, status=ActionStatus.OPEN)
            .select_related("owner").order_by("due_date", "pk"))
