"""A director's first week in a real browser: checkbox lists, the respondent picker, shared filters."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from netwerkregie.assessments import services as survey
from netwerkregie.registry import services
from netwerkregie.registry.models import Coalition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coalition_organisations_are_a_searchable_checkbox_list(live_server, page, browser_login, user, network,
                                                              org_type):
    services.theme_create(network=network, name="Ouderen")
    for name, key in (("Gemeente Noorddorp", "municipality"), ("GGD Hollands Midden", "ggd"),
                      ("Ziekenhuis Zuid", "hospital"), ("Éénlijn Zorg", "gp")):
        services.organisation_create(network=network, name=name, type=org_type(key))
    browser_login(user.username)
    page.goto(f"{live_server.url}/n/{network.slug}/coalitions/new/")
    page.fill("input[name=name]", "Valpreventie")
    page.select_option("select[name=theme]", label="Ouderen")
    page.check("label:has-text('Gemeente Noorddorp') input")
    search = page.locator("[data-checklist-search]")
    search.fill("eenlijn")  # accents and case do not matter
    assert page.locator("[data-checklist-item]:visible").count() == 1
    page.check("label:has-text('Éénlijn Zorg') input")
    search.press("Enter")  # filters, never submits the half-filled form
    assert "/coalitions/new/" in page.url
    assert page.locator("[data-checklist-count]").inner_text() in ("2 chosen", "2 gekozen")
    search.fill("")
    assert page.locator("label:has-text('Gemeente Noorddorp') input").is_checked()
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/coalitions/\d+/$"))
    names = {p.organisation.name for p in Coalition.objects.get().participations.select_related("organisation")}
    assert names == {"Gemeente Noorddorp", "Éénlijn Zorg"}


def test_ticked_respondents_survive_a_filter_change(live_server, page, browser_login, user, network, org_type):
    ggd = services.organisation_create(network=network, name="GGD", type=org_type("ggd"))
    gemeente = services.organisation_create(network=network, name="Gemeente", type=org_type("municipality"))
    anna = services.person_create(network=network, name="Anna", organisation=ggd, email="a@example.org")
    services.person_create(network=network, name="Bram", organisation=gemeente, email="b@example.org")
    today = timezone.localdate()
    survey_round = survey.round_create(network=network, name="Meting", instruments=["five_conditions"],
                                       opens_on=today, closes_on=today + datetime.timedelta(days=14))
    browser_login(user.username)
    page.goto(live_server.url + reverse("assessments:round_respondents", args=[network.slug, survey_round.pk]))
    page.check(f"#person-{anna.pk}")
    with page.expect_response(lambda response: "respondents" in response.url):
        page.select_option("select[name=organisation]", label="Gemeente")
    page.wait_for_selector(".ticked-elsewhere")
    assert page.locator(f"#person-{anna.pk}").is_checked()
    page.click("#invite")
    page.wait_for_url(re.compile(rf"/{survey_round.pk}/$"))
    assert list(survey_round.invitations.values_list("person__name", flat=True)) == ["Anna"]


def test_a_filtered_matrix_is_a_link_to_share(live_server, page, browser_login, user, network, org_type):
    services.organisation_create(network=network, name="GGD", type=org_type("ggd"))
    services.organisation_create(network=network, name="Ziekenhuis", type=org_type("hospital"))
    browser_login(user.username)
    page.goto(f"{live_server.url}{network.get_absolute_url()}")
    with page.expect_response(lambda response: "type=ggd" in response.url):
        page.select_option("#matrix-filters select[name=type]", value="ggd")
    page.wait_for_function("() => location.search.includes('type=ggd')")
    shared = page.url
    page.goto(shared)  # a colleague opens the link
    assert page.locator("#matrix-filters select[name=type]").input_value() == "ggd"
    assert page.locator("#contribution-matrix tbody tr").count() == 1
