"""Editing and deleting funding records over HTTP: coordinators only; published calls, assessed applications,
scored assessors, answered allocations and streams with calls keep their history."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from netwerkregie.core.roles import NetworkRole
from netwerkregie.funding import selectors, services
from netwerkregie.funding.models import Allocation, Application, Assessor, Call, Criterion, FundingStream
from netwerkregie.monitoring import services as monitoring
from netwerkregie.registry import services as registry

pytestmark = pytest.mark.django_db


def client_as(network, make_user, role: str) -> Client:
    user = make_user(f"als-{role}")
    registry.membership_set(network=network, user=user, role=role)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator(network, make_user) -> Client:
    return client_as(network, make_user, NetworkRole.COORDINATOR)


def url(network, name: str, pk: int) -> str:
    return reverse(f"funding:{name}", args=[network.slug, pk])


def test_only_coordinators_and_admins_edit_and_delete(network, make_user, build_call):
    assessed = build_call()
    allocation = services.allocation_decide(application=assessed.applications["X"], amount=Decimal("20000"),
                                            decided_on=datetime.date(2026, 4, 1), reasoning="Hoogste score")
    response = services.financier_response_record(allocation=allocation, financier=assessed.organisations[3],
                                                  response="adopted", responded_on=datetime.date(2026, 5, 1))
    entry = services.arena_entry_set(arena=services.arena_set(initiative=assessed.initiative), stakeholder="insurer",
                                     approach="integrated", investment=Decimal(5000))
    pages = {"stream": assessed.stream, "call": assessed.call, "criterion": assessed.criteria["A"],
             "application": assessed.applications["Y"], "assessor": assessed.assessors["P2"],
             "allocation": allocation, "response": response, "arena_entry": entry}
    clients = {role: client_as(network, make_user, role)
               for role in (NetworkRole.VIEWER, NetworkRole.MEMBER, NetworkRole.COORDINATOR)}
    for kind, obj in pages.items():
        for view in ("update", "delete"):
            if (kind, view) in {("allocation", "update"), ("response", "update")}:
                continue  # changed on the allocation and response pages that already exist
            address = url(network, f"{kind}_{view}", obj.pk)
            assert clients[NetworkRole.VIEWER].get(address).status_code == 403, address
            assert clients[NetworkRole.MEMBER].post(address).status_code == 403, address
            assert clients[NetworkRole.COORDINATOR].get(address).status_code == 200, address
    withdraw = url(network, "application_withdraw", assessed.applications["Y"].pk)
    assert clients[NetworkRole.MEMBER].post(withdraw).status_code == 403
    assert Application.objects.filter(withdrawn_on__isnull=True).count() == 3


def test_an_open_calls_criteria_are_frozen_and_only_description_and_closing_date_change(network, coordinator,
                                                                                        build_call):
    assessed = build_call(score=False)
    criterion = assessed.criteria["A"]
    refused = coordinator.post(url(network, "criterion_update", criterion.pk),
                               {"name": "Criterium A", "description": "", "weight": "9"})
    assert refused.status_code == 200 and "nieuwe versie" in refused.content.decode()
    assert Criterion.objects.get(pk=criterion.pk).weight == Decimal(3)
    refused = coordinator.post(url(network, "criterion_delete", criterion.pk))
    assert refused.status_code == 200 and Criterion.objects.filter(pk=criterion.pk).exists()
    form = coordinator.get(url(network, "call_update", assessed.call.pk)).context["form"]
    assert form.fields["scale_max"].disabled and not form.fields["description"].disabled
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update({"description": "Toelichting na opening", "scale_max": "10", "closes_on": "2026-03-31"})
    data = {name: value for name, value in data.items() if value is not False}
    assert coordinator.post(url(network, "call_update", assessed.call.pk), data).status_code == 302
    call = Call.objects.get(pk=assessed.call.pk)
    assert (call.description, call.scale_max, call.closes_on) == ("Toelichting na opening", 5,
                                                                   datetime.date(2026, 3, 31))
    assert coordinator.post(url(network, "call_delete", call.pk)).status_code == 200  # published: close instead
    assert Call.objects.filter(pk=call.pk).exists()


def test_a_draft_call_is_edited_and_deleted_with_its_criteria(network, coordinator, build_call):
    assessed = build_call(score=False)
    draft = services.call_create(stream=assessed.stream, name="Concept")
    criterion = services.criterion_add(call=draft, name="Samenwerking", weight=Decimal(2))
    response = coordinator.post(url(network, "criterion_update", criterion.pk),
                                {"name": "Samenwerking in de keten", "description": "", "weight": "1,5"})
    assert response.status_code == 302 and response.url == draft.get_absolute_url()
    assert Criterion.objects.get(pk=criterion.pk).weight == Decimal("1.5")
    assert coordinator.post(url(network, "call_delete", draft.pk)).status_code == 302
    assert not Call.objects.filter(pk=draft.pk).exists() and not Criterion.objects.filter(pk=criterion.pk).exists()


def test_an_application_is_edited_before_the_assessment_and_withdrawn_after(network, coordinator, build_call):
    assessed = build_call()
    fresh = services.application_create(call=assessed.call, coalition=assessed.coalition, title="Nieuw",
                                        requested_amount=Decimal(1000), partners=[(assessed.organisations[0], 0)])
    form = {"coalition": assessed.coalition.pk, "title": "Nieuw en beter", "summary": "", "requested_amount": "2.500",
            "partners-TOTAL_FORMS": "2", "partners-INITIAL_FORMS": "0",
            "partners-0-organisation": assessed.organisations[1].pk, "partners-0-own_contribution": "100",
            "partners-1-organisation": assessed.organisations[2].pk, "partners-1-own_contribution": ""}
    edited = coordinator.post(url(network, "application_update", fresh.pk), form)
    assert edited.status_code == 302, (edited.context["form"].errors, edited.context["partners"].errors)
    fresh.refresh_from_db()
    assert (fresh.title, fresh.requested_amount) == ("Nieuw en beter", Decimal(2500))
    assert sorted(p.organisation.name for p in fresh.partners.all()) == ["Organisatie 2", "Organisatie 3"]
    assert coordinator.post(url(network, "application_delete", fresh.pk)).status_code == 302
    assert not Application.objects.filter(pk=fresh.pk).exists()

    y = assessed.applications["Y"]
    refused = coordinator.post(url(network, "application_delete", y.pk))
    assert refused.status_code == 200 and "trek hem" in " ".join(refused.context["protected"])  # withdraw instead
    refused = coordinator.post(url(network, "application_update", y.pk), {**form, "title": "Anders"})
    assert refused.status_code == 200 and Application.objects.get(pk=y.pk).title == "Aanvraag Y"
    assert coordinator.post(url(network, "application_withdraw", y.pk)).status_code == 302
    result = selectors.call_result(call=assessed.call)
    ranks = {r.application.title: (r.rank, r.total) for r in result.applications}
    assert ranks == {"Aanvraag X": (1, Decimal("4.17")), "Aanvraag Y": (None, Decimal("3.56")),
                     "Aanvraag Z": (2, Decimal("2.50"))}  # Y keeps its scores but leaves the ranking
    stream = next(v for v in selectors.stream_views(network=network) if v.stream == assessed.stream)
    assert stream.requested == Decimal(60000)
    page = coordinator.get(assessed.call.get_absolute_url()).content.decode()
    assert "ingetrokken op" in page
    sheet = selectors.own_scores(assessor=assessed.assessors["P1"])
    assert [row.application.title for row in sheet] == ["Aanvraag X", "Aanvraag Z"]  # Y is off the sheet
    with pytest.raises(Exception, match="ingetrokken|withdrawn"):
        services.allocation_decide(application=Application.objects.get(pk=y.pk), amount=Decimal(1),
                                   decided_on=datetime.date(2026, 4, 1), reasoning="r")


def test_an_assessor_who_scored_stays_and_a_new_one_goes(network, coordinator, build_call, make_user):
    assessed = build_call(submit=())
    p2 = assessed.assessors["P2"]
    refused = coordinator.post(url(network, "assessor_delete", p2.pk))
    assert refused.status_code == 200 and Assessor.objects.filter(pk=p2.pk).exists()
    other = make_user("vervanger")
    registry.membership_set(network=network, user=other, role=NetworkRole.MEMBER)
    assert coordinator.post(url(network, "assessor_update", p2.pk),
                            {"person": p2.person_id, "user": other.pk}).status_code == 302
    assert Assessor.objects.get(pk=p2.pk).user == other  # who signs in may change
    newcomer = registry.person_create(network=network, name="Nieuwe beoordelaar")
    refused = coordinator.post(url(network, "assessor_update", p2.pk), {"person": newcomer.pk, "user": other.pk})
    assert refused.status_code == 200 and Assessor.objects.get(pk=p2.pk).person == p2.person
    extra = services.assessor_add(call=assessed.call, person=newcomer)
    assert coordinator.post(url(network, "assessor_delete", extra.pk)).status_code == 302
    assert not Assessor.objects.filter(pk=extra.pk).exists()


def test_allocations_streams_and_goals_with_history_are_not_deleted(network, coordinator, build_call):
    assessed = build_call()
    allocation = services.allocation_decide(application=assessed.applications["X"], amount=Decimal("20000"),
                                            decided_on=datetime.date(2026, 4, 1), reasoning="Hoogste score")
    response = services.financier_response_record(allocation=allocation, financier=assessed.organisations[3],
                                                  response="adopted", responded_on=datetime.date(2026, 5, 1))
    refused = coordinator.post(url(network, "allocation_delete", allocation.pk))
    assert refused.status_code == 200 and "Organisatie 4" in refused.content.decode()
    assert coordinator.post(url(network, "response_delete", response.pk)).status_code == 302
    assert coordinator.post(url(network, "allocation_delete", allocation.pk)).status_code == 302
    assert not Allocation.objects.exists()
    refused = coordinator.post(url(network, "stream_delete", assessed.stream.pk))
    assert refused.status_code == 200 and "Oproep preventie" in refused.content.decode()
    assert FundingStream.objects.exists()
    indicator = monitoring.indicator_create(network=network, name="Valincidenten")
    goal = monitoring.goal_create(network=network, name="Minder vallen", indicator=indicator,
                                  coalition=assessed.coalition)
    assessed.applications["Z"].goals.set([goal])
    refused = coordinator.post(reverse("monitoring:goal_delete", args=[network.slug, goal.pk]))
    assert refused.status_code == 200 and "Aanvraag Z" in refused.content.decode()


def test_an_effectenarena_entry_is_edited_and_deleted(network, coordinator, build_call):
    assessed = build_call(score=False)
    entry = services.arena_entry_set(arena=services.arena_set(initiative=assessed.initiative), stakeholder="insurer",
                                     approach="integrated", investment=Decimal(5000))
    arena = reverse("funding:arena", args=[network.slug])
    assert url(network, "arena_entry_update", entry.pk) in coordinator.get(arena).content.decode()
    response = coordinator.post(url(network, "arena_entry_update", entry.pk), {
        "stakeholder": "insurer", "approach": "integrated", "investment": "5.000", "returns": "7.500,50",
        "note": "Minder valopnames"})
    assert response.status_code == 302 and response.url == arena
    entry.refresh_from_db()
    assert (entry.investment, entry.returns) == (Decimal(5000), Decimal("7500.50"))
    assert coordinator.post(url(network, "arena_entry_delete", entry.pk)).status_code == 302
    assert not assessed.initiative.arena.entries.exists()
