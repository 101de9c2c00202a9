"""A network director in a real browser: log in, dashboard, create a coalition, see it, switch to English."""

import re

import pytest

from netwerkregie.demo.generator import build_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_director_creates_a_coalition_and_sees_it_in_the_matrix(live_server, page, browser_login):
    build_demo()
    browser_login("demo", "demo")
    page.goto(f"{live_server.url}/n/regio-voorbeeld/")
    assert page.locator("#contribution-matrix").is_visible()
    assert page.locator("#warnings li").count() >= 5

    page.goto(f"{live_server.url}/n/regio-voorbeeld/coalitions/new/")
    page.fill("input[name=name]", "Zorgzame buurt Oost")
    page.select_option("select[name=theme]", label="Gezond ouder worden")
    for name in ("GGD Regio Voorbeeld", "Sportbedrijf Dijkstede"):  # a searchable checkbox list, no Ctrl-click
        page.check(f"label:has-text('{name}') input[name=organisations]")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/coalitions/\d+/$"))
    assert page.locator("h1").inner_text() == "Zorgzame buurt Oost"
    assert "Sportbedrijf Dijkstede" in page.locator("main table").inner_text()

    page.goto(f"{live_server.url}/n/regio-voorbeeld/")
    matrix = page.locator("#contribution-matrix")
    assert matrix.locator("th", has_text="Zorgzame buurt Oost").count() == 1
    row = matrix.locator("tr", has_text="Sportbedrijf Dijkstede")
    assert row.locator("td.matrix-cell.on").count() == 1

    # Filtering the matrix by municipality happens in place (htmx).
    page.select_option("select[name=municipality]", label="Dijkstede")
    page.wait_for_function(
        "() => !document.querySelector('#contribution-matrix').innerText.includes('Gemeente Aldermeer')")

    assert page.locator("html").get_attribute("lang") == "nl"
    page.click("#language-form button[value=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Who contributes where" in page.content()
