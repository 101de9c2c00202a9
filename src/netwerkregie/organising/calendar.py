"""Meetings as iCalendar (RFC 5545): one .ics per meeting and a user's subscription feed."""

from __future__ import annotations

from collections.abc import Iterable

import icalendar
from django.conf import settings

from .models import Meeting

PRODID = "-//netwerkregie//organising//NL"


def _event(meeting: Meeting, base_url: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{meeting.uid}.{meeting.network.slug}@netwerkregie")
    event.add("dtstamp", meeting.starts_at)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", f"{meeting.title} ({meeting.body})")
    location = meeting.place or meeting.online_url
    if location:
        event.add("location", location)
    if meeting.online_url:
        event.add("url", meeting.online_url)
    agenda = "\n".join(f"{i.order}. {i.title} ({i.duration_minutes} min)" for i in meeting.agenda_items.all())
    event.add("description", agenda + (f"\n\n{base_url}{meeting.get_absolute_url()}" if base_url else ""))
    return event


def calendar_ics(meetings: Iterable[Meeting], *, name: str, base_url: str = "") -> bytes:
    """A VCALENDAR with one VEVENT per meeting (agenda items prefetched by the caller)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for meeting in meetings:
        calendar.add_component(_event(meeting, base_url))
    return calendar.to_ical()
