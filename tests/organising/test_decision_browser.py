"""In a real browser: a coordinator proposes, a member objects with a reason, the proposal is amended and passes."""

from __future__ import annotations

import re

import pytest

from netwerkregie.organising.models import ObjectionStatus, Proposal, ProposalState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "geheim-wachtwoord-42"


def _login(browser, live_server, username: str):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


def test_consent_with_an_objection_resolved_by_amendment(live_server, browser, builder):
    slug = builder.network.slug
    coordinator = _login(browser, live_server, builder.coordinator.username)
    coordinator.goto(f"{live_server.url}/n/{slug}/")
    coordinator.click("#nav-menu-organise")
    coordinator.click(f"#nav-network a[href='/n/{slug}/organising/decisions/']")
    coordinator.click("#proposal-new")
    coordinator.select_option("select[name=body]", value=f"unit:{builder.fundament.pk}")
    coordinator.fill("input[name=title]", "Eén agenda voor het netwerk")
    coordinator.fill("textarea[name=text]", "We plannen alle overleggen in één gezamenlijke agenda.")
    coordinator.click("#object-form button[type=submit]")
    coordinator.wait_for_url(re.compile(r"/decisions/\d+/$"))
    coordinator.click("#action-open")
    assert coordinator.locator("#proposal-state").get_attribute("data-state") == "open"
    proposal = Proposal.objects.get(title="Eén agenda voor het netwerk")

    member = _login(browser, live_server, builder.speakers[1].username)
    member.goto(f"{live_server.url}{proposal.get_absolute_url()}")
    member.select_option("#response-form select[name=kind]", value="objection")
    member.click("#response-form button[type=submit]")
    assert "onderbouwd bezwaar" in member.locator(".alert-danger").inner_text()
    member.select_option("#response-form select[name=kind]", value="objection")
    member.fill("#response-form textarea[name=reason]", "Een gedeelde agenda kost ons te veel beheer.")
    member.click("#response-form button[type=submit]")
    assert "Een gedeelde agenda kost ons te veel beheer." in member.locator("#responses").inner_text()

    coordinator.reload()
    assert coordinator.locator("#action-adopt").count() == 0  # a standing objection: no adopt button
    coordinator.click("#amend summary")
    coordinator.fill("#amend-form textarea[name=text]", "We plannen alle overleggen in één agenda; het "
                                                        "netwerkbureau beheert hem.")
    coordinator.click("#amend-form button[type=submit]")
    assert "netwerkbureau beheert hem" in coordinator.locator("#proposal-text").inner_text()
    assert "opnieuw gevraagd voor versie 2" in coordinator.locator("#responses").inner_text()
    for organisation in builder.organisations:
        coordinator.select_option("#response-form select[name=organisation]", value=str(organisation.pk))
        coordinator.select_option("#response-form select[name=kind]", value="consent")
        coordinator.check("#response-form input[name=proxy]")
        coordinator.click("#response-form button[type=submit]")
    coordinator.click("#action-adopt")
    assert coordinator.locator("#proposal-state").get_attribute("data-state") == "passed"
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PASSED
    objection = proposal.responses.get(version=1)
    assert objection.objection_status == ObjectionStatus.RESOLVED
    assert proposal.responses.filter(version=2, proxy=True).count() == 3
