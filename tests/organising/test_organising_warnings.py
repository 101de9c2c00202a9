"""Each organising warning on the dashboard, and the .ics files parsed back with icalendar."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from netwerkregie.core import signals
from netwerkregie.organising.selectors.warnings import organising_warnings
from netwerkregie.organising.services import bodies, meetings, rules
from netwerkregie.registry import services
from netwerkregie.registry.models import DecisionPrinciple, GovernanceUnitKind, Level

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def _codes(network) -> list[str]:
    return [s.code for s in organising_warnings(network=network)]


def _meeting(builder, days_ago: int, body=None):
    start = NOW - datetime.timedelta(days=days_ago)
    return meetings.meeting_create(network=builder.network, body=body or builder.fundament, title=f"Overleg {days_ago}",
                                   starts_at=start, ends_at=start + datetime.timedelta(hours=2), place="Stadhuis")


def test_topics_and_commitments(builder):
    assert "topic_without_rule" in _codes(builder.network)
    assert "not_committed" not in _codes(builder.network)  # nothing in force yet
    for rule in rules.rules_from_template(network=builder.network):
        rules.rule_set_status(rule=rule, status="proposed")
        rules.rule_set_status(rule=rule, status="adopted")
    for organisation in builder.organisations[:1]:
        rules.commitment_record(network=builder.network, organisation=organisation, committed_on=NOW.date())
    signal = next(s for s in organising_warnings(network=builder.network) if s.code == "not_committed")
    assert "Organisatie 02, Organisatie 03" in signal.message
    with translation.override("en"):
        topic = next(s for s in organising_warnings(network=builder.network) if s.code == "topic_without_rule")
    # the template covers nine topics; initiative information, learning and effect still lack a rule
    assert topic.message == ("No rule of play yet for: sharing information about initiatives; organising learning; "
                             "monitoring effect.")


def test_fundament_meetings_invitations_absence_and_overdue_actions(builder):
    assert "fundament_rarely_met" in _codes(builder.network)
    first, second = _meeting(builder, 200), _meeting(builder, 20)
    assert "fundament_rarely_met" not in _codes(builder.network)
    meetings.invitations_send(meeting=second)
    assert "not_invited_to_fundament" not in _codes(builder.network)
    services.organisation_create(network=builder.network, name="Nieuwkomer",
                                 type=builder.organisations[0].type)
    assert "not_invited_to_fundament" in _codes(builder.network)
    absent = builder.organisations[2]
    for meeting in (first, second):
        meetings.attendance_record(meeting=meeting, organisation=absent, present=False)
        meetings.attendance_record(meeting=meeting, organisation=builder.organisations[0], present=True,
                                   level=Level.STRATEGIC)
    absences = [s for s in organising_warnings(network=builder.network) if s.code == "absent_twice"]
    assert [s.message.split(" ")[:2] for s in absences] == [["Organisatie", "03"]]
    meetings.action_point_add(meeting=second, title="Notitie", due_date=NOW.date() - datetime.timedelta(days=3))
    meetings.action_point_add(meeting=second, title="Later", due_date=NOW.date() + datetime.timedelta(days=3))
    overdue = next(s for s in organising_warnings(network=builder.network) if s.code == "action_points_overdue")
    assert overdue.message.startswith("1 ")


def test_direction_group_composition_and_independent_chair(builder, org_type):
    network = builder.network
    group = services.governance_unit_create(network=network, kind=GovernanceUnitKind.BOARD_DIRECTION_GROUP,
                                            name="Regiegroep")
    advisory = services.governance_unit_create(network=network, kind=GovernanceUnitKind.POLICY_ADVISORY_GROUP,
                                               name="Beleidsadviesgroep")
    message = next(s.message for s in organising_warnings(network=network) if s.code == "direction_group_incomplete")
    assert "Regiegroep" in message
    for key in ("client_council", "hospital", "municipality", "health_insurer"):
        organisation = services.organisation_create(network=network, name=key, type=org_type(key))
        person = services.person_create(network=network, name=f"Bestuurder {key}", organisation=organisation)
        services.unit_membership_add(unit=group, person=person, level=Level.STRATEGIC)
    assert "direction_group_incomplete" not in _codes(network)
    assert "advisory_group_without_independent_chair" in _codes(network)
    chair = services.person_create(network=network, name="Onafhankelijk")
    bodies.unit_officer_add(unit=advisory, person=chair, role="chair", independent=False)
    assert "advisory_group_without_independent_chair" in _codes(network)
    bodies.unit_officer_add(unit=advisory, person=chair, role="chair", independent=True)
    assert "advisory_group_without_independent_chair" not in _codes(network)


def test_coalition_deciding_by_consent_is_warned_and_on_the_dashboard(builder, user):
    builder.proposal(builder.coalition, principle=DecisionPrinciple.CONSENT, title="Snel besluit")
    assert "coalition_not_by_consensus" in _codes(builder.network)
    assert any(g.key == "organising" for g in signals.collect(network=builder.network))
    client = Client()
    client.force_login(user)
    page = client.get(reverse("overview:dashboard", args=[builder.network.slug])).content.decode()
    assert "Snel besluit" in page


def test_ics_per_meeting_and_invitation_mail(builder):
    services.person_create(network=builder.network, name="Anna", organisation=builder.organisations[0],
                           email="anna@example.org")
    meeting = _meeting(builder, -7)
    meetings.agenda_item_add(meeting=meeting, title="Spelregels vaststellen", duration_minutes=30)
    client = Client()
    client.force_login(builder.coordinator)
    response = client.get(reverse("organising:meeting_ics", args=[builder.network.slug, meeting.pk]))
    calendar = icalendar.Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == meeting.starts_at.replace(microsecond=0)
    assert "Spelregels vaststellen" in str(event.get("description"))
    assert str(event.get("location")) == "Stadhuis"
    assert meetings.invitations_send(meeting=meeting) == 1
    [message] = mail.outbox
    assert message.to == ["anna@example.org"]
    [(name, content, mimetype)] = message.attachments
    assert mimetype == "text/calendar"
    assert icalendar.Calendar.from_ical(content).walk("VEVENT")[0]["uid"] == event["uid"]
    assert meeting.invitations.count() == 3


def test_subscription_feed_lists_only_the_users_networks(builder, make_builder, make_user):
    _meeting(builder, -3)
    other = make_builder("ander")
    _meeting(other, -4)
    outsider = make_user("buitenstaander")
    services.membership_set(network=builder.network, user=outsider, role="viewer")
    client = Client()
    client.force_login(outsider)
    page = client.get(reverse("organising_feed:subscription")).content.decode()
    feed_url = page.split('id="feed-url">')[1].split("<")[0]
    anonymous = Client()
    calendar = icalendar.Calendar.from_ical(anonymous.get(feed_url).content)
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Overleg -3 (Breed netwerkoverleg)"]
    assert anonymous.get(reverse("organising_feed:feed", args=["geraden"])).status_code == 404
    client.post(reverse("organising_feed:subscription"))
    assert anonymous.get(feed_url).status_code == 404
