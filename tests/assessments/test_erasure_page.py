"""The admin's erasure page (AVG): it says what changes, needs the typed name, and does exactly that."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netwerkregie.assessments import selectors
from netwerkregie.assessments import services as survey
from netwerkregie.assessments.models import Answer, Invitation
from netwerkregie.audit.models import AuditAction, AuditEvent
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import Person, ThemeRole

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def answered_round(network, people, name: str, *, evidence: str = "") -> tuple:
    """A closed round in which every one of `people` completed the five conditions."""
    survey_round = survey.round_create(network=network, name=name, instruments=["five_conditions"],
                                       opens_on=TODAY() - 60 * DAY, closes_on=TODAY() + 10 * DAY)
    invitations = survey.invitations_create(survey_round=survey_round, people=people)
    tokens = {inv.person_id: inv.token for inv in invitations}
    for invitation in invitations:
        survey.answers_save(invitation=invitation, instrument="five_conditions",
                            values={"amb_shared": 4, "amb_concrete": 3}, evidence={"amb_shared": evidence})
        survey.invitation_complete(invitation=invitation)
    return survey_round, tokens


@pytest.fixture
def region(network, org_type):
    """Anna answered a round of four (above the minimum of three) and a round of two (below it)."""
    ggd = registry.organisation_create(network=network, name="GGD Regio", type=org_type("ggd"))
    people = [registry.person_create(network=network, name=name, organisation=ggd, email=f"{name[:4].lower()}@ex.org",
                                     phone="06 12345678", function="beleidsadviseur")
              for name in ("Anna Bakker", "Bram de Vries", "Chris Jansen", "Dewi Smit")]
    theme = registry.theme_create(network=network, name="Ouderen")
    registry.theme_role_add(theme=theme, person=people[0], kind="coordinator")
    large, large_tokens = answered_round(network, people, "Netwerkmonitor", evidence="Zoals Anna zei")
    small, _ = answered_round(network, people[:2], "Pilot")
    return {"anna": people[0], "large": large, "small": small, "token": large_tokens[people[0].pk]}


def erase_url(network, person) -> str:
    return reverse("assessments:person_erase", args=[network.slug, person.pk])


def admin_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_says_what_changes_per_round(network, region, user):
    html = admin_client(user).get(erase_url(network, region["anna"])).content.decode()
    erased = html.split('id="erased-data"', 1)[1].split("</ul>", 1)[0]
    assert "Anna Bakker" in erased and "anna@ex.org" in erased and "06 12345678" in erased
    assert "Ouderen" in erased  # her theme role goes with her
    answers = html.split('id="survey-answers"', 1)[1].split("</table>", 1)[0]
    large_row, small_row = answers.split("<tr>")[2:4]
    assert "Netwerkmonitor" in large_row and 'class="answers-kept"' in large_row
    assert "Pilot" in small_row and 'class="answers-deleted"' in small_row
    assert "2 antwoorden anoniem bewaard, 2 verwijderd" in html.split('id="erasure-totals"', 1)[1]
    assert 'name="confirm_name"' in html


def test_erasure_needs_the_typed_name_and_keeps_history_consistent(network, region, user):
    anna, large, small = region["anna"], region["large"], region["small"]
    before = {r.pk: selectors.round_response(survey_round=r) for r in (large, small)}
    client = admin_client(user)

    wrong = client.post(erase_url(network, anna), {"confirm_name": "Anna"})
    assert wrong.status_code == 422 and "Anna Bakker" in wrong.content.decode()
    assert Person.objects.filter(pk=anna.pk).exists() and Answer.objects.count() == 12

    response = client.post(erase_url(network, anna), {"confirm_name": "  anna   bakker "})
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:person_list", args=[network.slug])
    assert not Person.objects.filter(pk=anna.pk).exists() and not ThemeRole.objects.exists()
    # Every invitation stays, without a name: the rounds' counts are what they were.
    assert {r.pk: selectors.round_response(survey_round=r) for r in (large, small)} == before
    assert Invitation.objects.filter(person__isnull=True).count() == 2
    # The large round keeps her values anonymously, without the free text; the small one loses them.
    kept = Answer.objects.filter(invitation__round=large, invitation__person__isnull=True)
    assert sorted(kept.values_list("value", flat=True)) == [3, 4] and not kept.exclude(evidence="").exists()
    assert not Answer.objects.filter(invitation__round=small, invitation__person__isnull=True).exists()
    assert Answer.objects.filter(invitation__round=large, evidence="Zoals Anna zei").count() == 3  # others'
    with pytest.raises(selectors.UnknownLink):
        selectors.invitation_for_token(region["token"])
    event = AuditEvent.objects.get(action=AuditAction.ERASURE)
    assert event.actor == user and event.network == network
    assert f"#{anna.pk}" in event.detail and "Anna" not in event.detail and "2" in event.detail


@pytest.mark.parametrize("role", [NetworkRole.VIEWER, NetworkRole.MEMBER, NetworkRole.COORDINATOR])
def test_only_an_admin_erases(network, region, make_user, role):
    client = Client()
    client.force_login(registry.membership_set(network=network, user=make_user(role), role=role).user)
    url = erase_url(network, region["anna"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"confirm_name": "Anna Bakker"}).status_code == 403
    page = client.get(region["anna"].get_absolute_url()).content.decode()
    assert url not in page  # no button either
    assert Person.objects.filter(pk=region["anna"].pk).exists() and Answer.objects.count() == 12
    assert not AuditEvent.objects.filter(action=AuditAction.ERASURE).exists()


def test_outside_the_network_it_is_not_found(network, region, make_user, make_network):
    stranger = make_user("buiten")
    make_network("elders", user=stranger)
    client = admin_client(stranger)
    assert client.get(erase_url(network, region["anna"])).status_code == 404
    assert client.post(erase_url(network, region["anna"]), {"confirm_name": "Anna Bakker"}).status_code == 404


def test_the_person_page_leads_an_admin_to_it(network, region, user):
    html = admin_client(user).get(region["anna"].get_absolute_url()).content.decode()
    assert erase_url(network, region["anna"]) in html and "Persoonsgegevens wissen" in html


def test_the_api_erases_the_same_way(network, region, bearer):
    response = Client(headers=bearer).delete(f"/api/v1/networks/{network.slug}/people/{region['anna'].pk}/")
    assert response.status_code == 204
    assert Invitation.objects.filter(person__isnull=True).count() == 2
    assert not Answer.objects.filter(invitation__round=region["small"], invitation__person__isnull=True).exists()
    assert AuditEvent.objects.filter(action=AuditAction.ERASURE).count() == 1
