"""A network director in a real browser renames an organisation and sees it in the dashboard matrix."""

import re

import pytest

from netwerkregie.registry import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_director_renames_an_organisation_and_sees_it_in_the_matrix(live_server, page, browser_login, user,
                                                                     network, org_type):
    theme = services.theme_create(network=network, name="Ouderen")
    hospital = services.organisation_create(network=network, name="Ziekenhuis", type=org_type())
    gp = services.organisation_create(network=network, name="Huisartsen", type=org_type("gp"))
    services.coalition_create(network=network, theme=theme, name="Valpreventie", organisations=[hospital, gp])

    browser_login(user.username)
    page.goto(f"{live_server.url}{hospital.get_absolute_url()}")
    page.click(".object-actions a[href$='/edit/']")
    page.wait_for_url(re.compile(r"/organisations/\d+/edit/$"))
    page.fill("input[name=name]", "Streekziekenhuis Zuidstad")
    page.select_option("select[name=municipality]", label="Zuidstad")
    page.click("#object-form button[type=submit]")
    page.wait_for_url(re.compile(r"/organisations/\d+/$"))
    assert page.locator("h1").inner_text() == "Streekziekenhuis Zuidstad"

    page.goto(f"{live_server.url}/n/{network.slug}/")
    row = page.locator("#contribution-matrix tr", has_text="Streekziekenhuis Zuidstad")
    assert row.locator("td.matrix-cell.on").count() == 1
    assert "Zuidstad" in row.locator("td").nth(1).inner_text()
