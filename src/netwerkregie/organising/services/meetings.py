"""All writes of meetings: the meeting, its agenda, invitations (e-mail with .ics), attendance, minutes and
action points."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from netwerkregie.core.services import ensure_in_network, model_update, validated_save
from netwerkregie.registry.models import Coalition, GovernanceUnitKind, Network, Organisation, Person, Theme

from ..calendar import calendar_ics
from ..models import (
    ActionPoint,
    ActionStatus,
    AgendaItem,
    Attendance,
    CalendarFeed,
    Meeting,
    MeetingInvitation,
    MinutesStatus,
    Proposal,
)
from ..selectors.bodies import Body, body_organisations, split_body

MEETING_FIELDS = ["title", "starts_at", "ends_at", "place", "online_url"]
M = MinutesStatus
# Minutes are drafted, amended by the attendees, then made final; final minutes are the record.
MINUTES_TRANSITIONS: dict[str, frozenset[str]] = {
    M.NONE: frozenset({M.DRAFT}), M.DRAFT: frozenset({M.DRAFT, M.AMENDED, M.FINAL}),
    M.AMENDED: frozenset({M.AMENDED, M.FINAL}), M.FINAL: frozenset(),
}


@transaction.atomic
def meeting_create(*, network: Network, body: Body, title: str, starts_at: datetime.datetime,
                   ends_at: datetime.datetime, place: str = "", online_url: str = "") -> Meeting:
    ensure_in_network(network, body=body)
    unit, coalition = split_body(body)
    return validated_save(Meeting(network=network, unit=unit, coalition=coalition, title=title, starts_at=starts_at,
                                  ends_at=ends_at, place=place, online_url=online_url))


@transaction.atomic
def meeting_update(*, meeting: Meeting, **data: Any) -> Meeting:
    return model_update(instance=meeting, fields=MEETING_FIELDS, data=data)


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, title: str, duration_minutes: int = 15, order: int | None = None,
                    proposal: Proposal | None = None, theme: Theme | None = None,
                    coalition: Coalition | None = None) -> AgendaItem:
    """An agenda item, last unless `order` is given; it may point to a proposal, theme or coalition."""
    ensure_in_network(meeting.network, proposal=proposal, theme=theme, coalition=coalition)
    if order is None:
        order = max((i.order for i in meeting.agenda_items.all()), default=0) + 1
    return validated_save(AgendaItem(meeting=meeting, title=title, duration_minutes=duration_minutes, order=order,
                                     proposal=proposal, theme=theme, coalition_link=coalition))


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem) -> None:
    item.delete()


def _invitation_message(meeting: Meeting, person: Person, ics: bytes, base_url: str) -> EmailMessage:
    when = date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
    where = meeting.place or meeting.online_url or _("to be announced")
    body = _("Dear %(name)s,\n\nYou are invited to %(meeting)s of %(body)s on %(when)s (%(where)s).\n"
             "The agenda and the calendar file are attached.\n\n%(url)s") % {
        "name": person.name, "meeting": meeting.title, "body": meeting.body, "when": when, "where": where,
        "url": base_url + meeting.get_absolute_url()}
    message = EmailMessage(subject=_("Invitation: %(meeting)s") % {"meeting": meeting.title}, body=body,
                           from_email=settings.DEFAULT_FROM_EMAIL, to=[person.email])
    message.attach("meeting.ics", ics, "text/calendar")
    return message


@transaction.atomic
def invitations_send(*, meeting: Meeting, base_url: str = "", now: datetime.datetime | None = None,
                     notify: bool = True) -> int:
    """Invite the body's organisations (every organisation for the fundament) and e-mail their people the .ics.

    Who is e-mailed: for a unit its current members, for the fundament and coalitions the people of the invited
    organisations. Returns the number of e-mails sent; sending again only reaches those not yet invited.
    `notify=False` records the invitations without e-mail (meetings entered afterwards, the demo).
    """
    now = now or timezone.now()
    organisations = list(body_organisations(meeting.body, timezone.localdate(meeting.starts_at)))
    invited = set(meeting.invitations.values_list("organisation_id", flat=True))
    new = [o for o in organisations if o.pk not in invited]
    MeetingInvitation.objects.bulk_create([MeetingInvitation(meeting=meeting, organisation=o, sent_at=now)
                                           for o in new])
    unit = meeting.unit
    if unit is not None and unit.kind != GovernanceUnitKind.FUNDAMENT:
        people = Person.objects.filter(unit_memberships__in=unit.memberships.active(), organisation__in=new)
    else:
        people = Person.objects.filter(organisation__in=new)
    if not notify:
        return 0
    ics = calendar_ics([meeting], name=meeting.title, base_url=base_url)
    messages = [_invitation_message(meeting, p, ics, base_url) for p in people.exclude(email="").distinct()]
    return get_connection().send_messages(messages) or 0


@transaction.atomic
def attendance_record(*, meeting: Meeting, organisation: Organisation, present: bool, level: str = "") -> Attendance:
    """Who was there, per organisation and level; recording again corrects it."""
    ensure_in_network(meeting.network, organisation=organisation)
    if present and not level:
        raise ValidationError({"level": _("Say at which level %(organisation)s was represented.")
                               % {"organisation": organisation}})
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting, organisation=organisation, defaults={"present": present, "level": level if present else ""})
    return attendance


@transaction.atomic
def minutes_save(*, meeting: Meeting, text: str, status: str) -> Meeting:
    """Save the minutes and move them draft → amended → final; final minutes are not changed again."""
    if status not in MINUTES_TRANSITIONS[meeting.minutes_status]:
        raise ValidationError({"minutes_status": _("Minutes that are %(current)s cannot become %(target)s.") % {
            "current": meeting.get_minutes_status_display(), "target": M(status).label}})
    if status == M.FINAL and not text.strip():
        raise ValidationError({"minutes": _("Final minutes cannot be empty.")})
    meeting.minutes, meeting.minutes_status = text, status
    meeting.save(update_fields=["minutes", "minutes_status"])
    return meeting


@transaction.atomic
def action_point_add(*, meeting: Meeting, title: str, owner: Person | None = None,
                     due_date: datetime.date | None = None, status: str = ActionStatus.OPEN) -> ActionPoint:
    ensure_in_network(meeting.network, owner=owner)
    return validated_save(ActionPoint(meeting=meeting, title=title, owner=owner, due_date=due_date, status=status))


@transaction.atomic
def action_point_update(*, action_point: ActionPoint, **data: Any) -> ActionPoint:
    ensure_in_network(action_point.meeting.network, owner=data.get("owner"))
    return model_update(instance=action_point, fields=["title", "owner", "due_date", "status"], data=data)


@transaction.atomic
def calendar_feed_token(*, user: AbstractBaseUser, renew: bool = False) -> CalendarFeed:
    """The user's calendar subscription token; renewing it makes the old address stop working."""
    feed = CalendarFeed.objects.filter(user=user).first()
    if feed is None:
        return CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))
    if renew:
        feed.token = secrets.token_urlsafe(32)
        feed.save(update_fields=["token"])
    return feed
