"""A network director in a real browser: enter a relation, then see it change the analysis."""

import re

import pytest
from relation_helpers import orgs, relation

from netwerkregie.registry.models import Network

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_director_adds_a_relation_and_the_isolate_disappears(live_server, page, browser_login, network: Network):
    a, b, _c = orgs(network, "Gemeente Noorddorp", "Welzijn Noorddorp", "GGD Zuidstad")
    relation(network, a, b, "funding")
    browser_login("regisseur")
    page.goto(f"{live_server.url}/n/{network.slug}/")
    page.click("#nav-menu-analyse")  # the analysis sits in the "Analyse" dropdown
    page.click(f"nav a[href='/n/{network.slug}/analysis/']")
    page.wait_for_url(re.compile(r"/analysis/$"))
    assert page.locator("#isolates").inner_text() == "GGD Zuidstad"
    assert page.locator("#network-figures tr[data-figure=nodes] td").first.inner_text() == "3"

    page.click("main a[href$='/analysis/relations/']")  # the nav has the same link
    page.click("#new-relation")
    page.select_option("select[name=source]", label="GGD Zuidstad")
    page.select_option("select[name=target]", label="Gemeente Noorddorp")
    page.select_option("select[name=kind]", value="covenant")
    page.fill("input[name=start_date]", "2024-01-01")
    page.click("#object-form button[type=submit]")
    page.wait_for_url(re.compile(r"/analysis/relations/$"))
    assert page.locator("#relations tbody tr").count() == 2

    page.goto(f"{live_server.url}/n/{network.slug}/analysis/")
    assert page.locator("#isolates").inner_text() != "GGD Zuidstad"
    assert "Gemeente Noorddorp" in page.locator("#cut-points").inner_text()
    # only the survey: nothing reported yet, so every organisation stands alone
    page.uncheck("#analysis-form input[value=comembership]")
    page.uncheck("#analysis-form input[value=manual]")
    page.click("#analysis-form button[type=submit]")
    page.wait_for_url(re.compile(r"sources=survey"))
    assert page.locator("#network-figures tr[data-figure=edges] td").first.inner_text() == "0"
