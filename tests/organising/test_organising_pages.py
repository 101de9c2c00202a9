"""The organising pages over HTTP: every role reads, only coordinators write, other networks are a 404,
and every page runs the same number of queries for a small and a large network."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from netwerkregie.core.roles import NetworkRole
from netwerkregie.organising.models import Meeting, ProposalState, Rule
from netwerkregie.registry import services

pytestmark = pytest.mark.django_db

PAGES = ["rule_list", "rule_evaluation", "commitment_list", "proposal_list", "meeting_list", "task_list", "leadership",
         "spokespeople"]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _detail_urls(network) -> list[str]:
    rule = Rule.objects.filter(network=network).first()
    proposal = network.proposals.first()
    meeting = Meeting.objects.filter(network=network).first()
    return [reverse("organising:rule_detail", args=[network.slug, rule.pk]),
            reverse("organising:proposal_detail", args=[network.slug, proposal.pk]),
            reverse("organising:meeting_detail", args=[network.slug, meeting.pk]),
            reverse("organising:meeting_ics", args=[network.slug, meeting.pk])]


@pytest.mark.parametrize("role", [NetworkRole.VIEWER, NetworkRole.MEMBER, NetworkRole.COORDINATOR])
def test_every_role_reads_every_page(populate, builder, make_user, role):
    populate(builder, 2)
    reader = make_user(f"reader-{role}")
    services.membership_set(network=builder.network, user=reader, role=role)
    client = _client(reader)
    for name in PAGES:
        response = client.get(reverse(f"organising:{name}", args=[builder.network.slug]))
        assert response.status_code == 200, name
    for url in _detail_urls(builder.network):
        assert client.get(url).status_code == 200, url


def test_viewer_cannot_write_and_other_network_is_404(populate, builder, make_user, make_network):
    populate(builder, 1)
    viewer = make_user("kijker")
    services.membership_set(network=builder.network, user=viewer, role=NetworkRole.VIEWER)
    client = _client(viewer)
    slug = builder.network.slug
    proposal = builder.network.proposals.first()
    assert client.post(reverse("organising:rules_template", args=[slug])).status_code == 403
    assert client.post(reverse("organising:proposal_action", args=[slug, proposal.pk]),
                       {"action": "withdraw"}).status_code == 403
    assert client.post(reverse("organising:proposal_respond", args=[slug, proposal.pk]),
                       {"organisation": builder.organisations[1].pk, "kind": "consent"}).status_code == 403
    assert client.post(reverse("organising:commitment_list", args=[slug]), {}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.AMENDED
    other = make_network("elders")
    for name in PAGES:
        assert client.get(reverse(f"organising:{name}", args=[other.slug])).status_code == 404


def test_coordinator_starts_from_template_and_member_responds_online(builder):
    slug = builder.network.slug
    coordinator = _client(builder.coordinator)
    response = coordinator.post(reverse("organising:rules_template", args=[slug]), follow=True)
    assert builder.network.rules.count() == 10
    assert "Twee partijen mogen starten" in response.content.decode()
    proposal = builder.proposal()
    member = _client(builder.speakers[1])
    page = member.get(proposal.get_absolute_url()).content.decode()
    assert 'id="response-form"' in page
    member.post(reverse("organising:proposal_respond", args=[slug, proposal.pk]),
                {"organisation": builder.organisations[1].pk, "kind": "objection", "reason": ""})
    assert not proposal.responses.exists()
    member.post(reverse("organising:proposal_respond", args=[slug, proposal.pk]),
                {"organisation": builder.organisations[1].pk, "kind": "objection", "reason": "Te duur"})
    assert proposal.responses.get().reason == "Te duur"
    # speaking for another organisation is refused
    member.post(reverse("organising:proposal_respond", args=[slug, proposal.pk]),
                {"organisation": builder.organisations[0].pk, "kind": "consent"})
    assert proposal.responses.count() == 1


def test_decision_log_export_escapes_formulas(builder):
    builder.proposal(title="=HYPERLINK(\"http://evil\")")
    client = _client(builder.coordinator)
    csv_text = client.get(reverse("organising:proposal_list", args=[builder.network.slug]) + "?export=csv"
                          ).content.decode()
    assert "'=HYPERLINK" in csv_text
    xlsx = client.get(reverse("organising:proposal_list", args=[builder.network.slug]) + "?export=xlsx")
    cell = load_workbook(io.BytesIO(xlsx.content)).active["A2"]
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s"


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_page_query_counts_do_not_grow(populate, make_builder):
    small, large = make_builder("klein", 3), make_builder("groot", 6)
    populate(small, 1)
    populate(large, 5)
    for name in PAGES:
        counts = [_count(_client(b.coordinator), reverse(f"organising:{name}", args=[b.network.slug]))
                  for b in (small, large)]
        assert counts[0] == counts[1], (name, counts)
    for a, b in zip(_detail_urls(small.network), _detail_urls(large.network), strict=True):
        assert _count(_client(small.coordinator), a) == _count(_client(large.coordinator), b), a


def test_coordinator_adds_an_independent_chair_on_the_leadership_page(builder, populate):
    person = services.person_create(network=builder.network, name="Onafhankelijke voorzitter")
    url = reverse("organising:leadership", args=[builder.network.slug])
    response = _client(builder.coordinator).post(url, {
        "unit": builder.fundament.pk, "person": person.pk, "role": "chair", "independent": "on",
        "start_date": "2025-01-01"}, follow=True)
    assert "Onafhankelijke voorzitter" in response.content.decode()
    assert builder.fundament.officers.get().independent
    assert _client(builder.speakers[0]).post(url, {"unit": builder.fundament.pk}).status_code == 403
