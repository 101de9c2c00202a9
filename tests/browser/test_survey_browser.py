"""A respondent answers on a phone, closes the tab, comes back, finishes; the coordinator sees it counted."""

import re

import pytest
from django.utils import timezone

from netwerkregie.assessments import services as survey
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import OrganisationType

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def test_respondent_on_a_phone_and_the_coordinator_sees_the_response(live_server, browser, network,
                                                                    browser_login):
    types = {t.key: t for t in OrganisationType.objects.filter(key__in=["hospital", "gp", "welfare"])}
    orgs = [registry.organisation_create(network=network, name=name, type=types[key]) for name, key in
            [("Ziekenhuis Zuid", "hospital"), ("Huisartsen Noord", "gp"), ("Welzijn Oost", "welfare")]]
    people = [registry.person_create(network=network, name=f"Persoon {i}", organisation=org,
                                     email=f"p{i}@example.org") for i, org in enumerate(orgs)]
    today = timezone.localdate()
    r = survey.round_create(network=network, name="Meting 2026", instruments=["network_form_fit", "relations"],
                            opens_on=today, closes_on=today + timezone.timedelta(days=14))
    invitation = survey.invitations_create(survey_round=r, people=people)[0]
    link = f"{live_server.url}/survey/{invitation.token}/"

    context = browser.new_context(viewport=PHONE, locale="en-US", is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    phone.goto(link)
    assert phone.locator("#privacy").is_visible()
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)
    phone.click("#start")

    # Page 1: yes/no items, saved as soon as they are tapped.
    phone.click("label[for='v:-:no_single_party-yes']")
    phone.click("label[for='v:-:complexity-no']")
    phone.wait_for_selector("#save-status [data-state=saved]")
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)
    phone.click("#next")

    # Page 2: the principles of the form; page 3: the relational survey asks first which of the
    # other organisations one works with.
    phone.wait_for_url(re.compile(r"/2/$"))
    phone.click("#next")
    phone.wait_for_url(re.compile(r"/3/$"))
    assert phone.locator("#checklist label").all_inner_texts() == ["Huisartsen Noord", "Welzijn Oost"]
    phone.click("#checklist label:has-text('Huisartsen Noord')")
    phone.click("#checklist label:has-text('Welzijn Oost')")
    phone.wait_for_selector("#save-status [data-state=saved]")
    phone.click("#next")
    phone.wait_for_url(re.compile(r"/4/$"))
    cards = phone.locator(".subject-card legend").all_inner_texts()
    assert cards == ["Huisartsen Noord", "Welzijn Oost"]
    phone.select_option(f"select[name='v:o{orgs[1].pk}:relation_kind']", "coordinated")
    phone.wait_for_selector("#save-status [data-state=saved]")
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)
    phone.close()  # the tab is closed without pressing "next"

    again = context.new_page()
    again.goto(link + "4/")
    assert again.locator(f"select[name='v:o{orgs[1].pk}:relation_kind']").input_value() == "coordinated"
    again.goto(link + "1/")
    assert again.locator("#v\\:-\\:no_single_party-yes").is_checked()
    assert again.locator("#v\\:-\\:complexity-no").is_checked()
    again.goto(link + "finish/")
    again.click("#complete")
    again.wait_for_selector("#done")
    context.close()

    page = browser_login("regisseur")
    page.goto(f"{live_server.url}/n/{network.slug}/assessments/rounds/{r.pk}/")
    summary = page.locator("#response-summary").inner_text()
    assert re.search(r"\b1\b\D+\b3\b", summary), summary
    row = page.locator("#invitation-list tr[data-status=completed]")
    assert row.count() == 1 and "Persoon 0" in row.inner_text()
