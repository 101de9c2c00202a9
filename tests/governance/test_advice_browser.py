"""The network director in a real browser: from the navigation to the advice, then records the current form."""

import re

import pytest

from netwerkregie.demo.generator import build_demo
from netwerkregie.governance import selectors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_director_reads_the_advice_and_records_the_current_form(live_server, page, browser_login):
    network = build_demo()
    browser_login("demo", "demo")
    page.goto(f"{live_server.url}/n/regio-voorbeeld/")
    page.click("#nav-menu-analyse")  # the advice sits in the "Analyse" dropdown
    page.click("#nav-network a[href='/n/regio-voorbeeld/governance/']")
    page.wait_for_url(re.compile(r"/governance/$"))
    assert page.locator("#provan-kenis tbody tr").count() == 4  # the three forms of Provan & Kenis and the hybrid
    assert page.locator("#provan-kenis td.fits").count() >= 1
    assert page.locator("#current-form [data-form=lead_organization]").is_visible()
    assert "Gemeente Aldermeer" in page.locator("#current-form").inner_text()
    assert page.locator("#tensions li").count() == 3

    page.click("#edit-profile")
    page.wait_for_url(re.compile(r"/governance/profile/$"))
    page.select_option("select[name=current_form]", value="hybrid")
    page.fill("input[name=goal_consensus]", "0.7")
    page.click("#profile-form button[type=submit]")
    page.wait_for_url(re.compile(r"/governance/$"))
    assert page.locator("#current-form [data-form=hybrid]").is_visible()
    expected = selectors.governance_advice(network=network)
    assert expected.profile.current_form == "hybrid" and expected.profile.goal_consensus == 0.7
    assert page.locator("#comparison").get_attribute("data-status") == expected.comparison.status
    advised = page.locator("#recommended").get_attribute("data-form")
    assert advised == expected.advice.recommended
    assert page.locator(f"#provan-kenis tr[data-form={advised}] .badge.text-bg-primary").count() == 1
