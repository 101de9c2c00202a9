"""Reads of meetings: the calendar, one meeting with everything on it, the task overview, the feed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from netwerkregie.registry.models import Network

from ..models import ActionPoint, ActionStatus, AgendaItem, Meeting


class TaskView:
    """The three views of the task overview."""

    MINE = "mine"
    OPEN = "open"
    OVERDUE = "overdue"
    ALL = (MINE, OPEN, OVERDUE)


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


def action_points(*, network: Network, view: str, user: AbstractBaseUser,
                  today: datetime.date | None = None) -> QuerySet[ActionPoint]:
    """Action points of the network: "mine" (owner's e-mail is the user's), "open", or "overdue".

    Users are not people in the registry; the owner's e-mail address links the two.
    """
    today = today or timezone.localdate()
    points = ActionPoint.objects.filter(meeting__network=network).select_related(
        "owner", "meeting", "meeting__unit", "meeting__coalition", "meeting__network")
    if view == TaskView.MINE:
        mine = points.filter(owner__email__iexact=user.email, status=ActionStatus.OPEN)
        points = mine if user.email else points.none()
    elif view == TaskView.OVERDUE:
        points = points.filter(status=ActionStatus.OPEN, due_date__lt=today)
    else:
        points = points.filter(status=ActionStatus.OPEN)
    return points.order_by("due_date", "pk")


def feed_meetings(*, user: AbstractBaseUser) -> QuerySet[Meeting]:
    """Every meeting of every network the user is a member of, for the calendar subscription."""
    return _meetings(Meeting.objects.filter(network__memberships__user=user)).order_by("starts_at")
