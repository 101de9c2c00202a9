"""In a large network the director searches and picks organisations and a person in search pickers."""

import re

import pytest

from netwerkregie.core import pickers
from netwerkregie.registry import services
from netwerkregie.registry.models import Coalition, ThemeRole

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_pick_and_keep_picks_while_searching_again(live_server, page, browser_login, user, network, org_type,
                                                          monkeypatch):
    monkeypatch.setattr(pickers, "PICKER_THRESHOLD", 3)
    theme = services.theme_create(network=network, name="Ouderen")
    names = ["Gemeente Émmen", "GGD Noord", "Huisartsen Oost", "Welzijn West", "Wijkteam Zuid"]
    organisations = {name: services.organisation_create(network=network, name=name, type=org_type())
                     for name in names}
    anna = services.person_create(network=network, name="Anna Bakker", organisation=organisations["GGD Noord"])
    services.person_create(network=network, name="Bert Bakker", organisation=organisations["Welzijn West"])
    for k in range(3):
        services.person_create(network=network, name=f"Chris {k}", organisation=organisations["Huisartsen Oost"])
    errors = []
    page.on("console", lambda message: errors.append(message.text) if "Content Security Policy" in message.text
            else None)

    browser_login(user.username)
    page.goto(f"{live_server.url}/n/{network.slug}/coalitions/new/")
    picker = page.locator("[data-picker]")
    assert picker.locator("input[type=checkbox]").count() == 0  # no organisation listed until searched
    page.fill("input[name=name]", "Valpreventie")
    page.select_option("select[name=theme]", label="Ouderen")
    search = picker.locator("[data-picker-search]")
    search.fill("emmen")  # accents and case do not matter
    picker.locator("[data-picker-results] label", has_text="Gemeente Émmen").click()
    search.fill("w")
    results = picker.locator("[data-picker-results] label")
    results.first.wait_for()
    assert sorted(results.all_inner_texts()) == ["Welzijn West", "Wijkteam Zuid"]
    picker.locator("[data-picker-results] label", has_text="Wijkteam Zuid").click()
    search.fill("ggd")
    picker.locator("[data-picker-results] label", has_text="GGD Noord").wait_for()
    chosen = picker.locator("[data-picker-chosen] input:checked")
    assert chosen.count() == 2  # the earlier picks stayed while the search changed
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/coalitions/\d+/$"))
    coalition = Coalition.objects.get(name="Valpreventie")
    assert set(coalition.participations.values_list("organisation__name", flat=True)) == {
        "Gemeente Émmen", "Wijkteam Zuid"}

    page.goto(f"{live_server.url}/n/{network.slug}/themes/{theme.pk}/roles/new/")
    picker = page.locator("[data-picker]")
    picker.locator("[data-picker-search]").fill("bakker")
    picker.locator("[data-picker-results] label", has_text="Bert Bakker").click()
    picker.locator("[data-picker-results] label", has_text="Anna Bakker").click()  # one choice: replaces Bert
    assert picker.locator("[data-picker-chosen] label").all_inner_texts() == ["Anna Bakker (GGD Noord)"]
    page.select_option("select[name=kind]", value="coordinator")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/themes/\d+/$"))
    assert ThemeRole.objects.get(theme=theme).person == anna
    assert not errors, errors  # nothing refused by the content security policy
