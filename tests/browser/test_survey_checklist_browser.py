"""On a phone: search and tick the organisations one works with, answer only about those, untick one;
the coordinator previews the same pages without saving anything."""

import re

import pytest
from django.utils import timezone

from netwerkregie.assessments import services as survey
from netwerkregie.assessments.models import Answer
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import OrganisationType

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def test_checklist_search_tick_answer_and_untick_on_a_phone(live_server, browser, network, user, browser_login):
    types = list(OrganisationType.objects.order_by("order", "key")[:4])
    own = registry.organisation_create(network=network, name="Ziekenhuis Zuid", type=types[0])
    others = [registry.organisation_create(network=network, name=f"{label} {place}", type=types[k % len(types)])
              for k, (label, place) in enumerate((label, place) for label in ("Welzijn", "Huisartsen", "Wijkteam")
                                                 for place in ("Noord", "Oost", "West", "Centrum"))]
    theme = registry.theme_create(network=network, name="Gezond ouder worden")
    registry.coalition_create(network=network, theme=theme, name="Valpreventie",
                              organisations=[own, others[5], others[9]])
    person = registry.person_create(network=network, name="Anna Bakker", organisation=own, email="anna@example.org")
    today = timezone.localdate()
    r = survey.round_create(network=network, name="Meting 2026", instruments=["relations"], created_by=user,
                            opens_on=today, closes_on=today + timezone.timedelta(days=14))
    (invitation,) = survey.invitations_create(survey_round=r, people=[person], language="en")
    link = f"{live_server.url}/survey/{invitation.token}/"

    context = browser.new_context(viewport=PHONE, locale="en-US", is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    errors = []
    phone.on("console", lambda message: errors.append(message.text) if "Content Security Policy" in message.text
             else None)
    phone.goto(link)
    phone.click("#start")
    phone.wait_for_url(re.compile(r"/1/$"))
    # The coalition partners come first; the search box is there because the static script runs.
    first = phone.locator("details[data-group=coalitions] label").all_inner_texts()
    assert first == [others[5].name, others[9].name]
    search = phone.locator("[data-checklist-filter]")
    assert search.is_visible()
    search.fill("wijkteam oo")
    visible = [label for label in phone.locator("#checklist label").all() if label.is_visible()]
    assert [label.inner_text() for label in visible] == ["Wijkteam Oost"]
    visible[0].click()
    search.fill("")
    phone.click(f"#checklist label:has-text('{others[5].name}')")
    assert phone.locator("[data-checklist-count]").inner_text() == "2"
    phone.wait_for_selector("#save-status [data-state=saved]")
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)
    phone.click("#next")

    phone.wait_for_url(re.compile(r"/2/$"))
    assert phone.locator(".subject-card legend").all_inner_texts() == [others[5].name, "Wijkteam Oost"]
    wijkteam = next(o for o in others if o.name == "Wijkteam Oost")
    phone.select_option(f"select[name='v:o{wijkteam.pk}:relation_kind']", "coordinated")
    phone.select_option(f"select[name='v:o{others[5].pk}:relation_kind']", "aware")
    phone.wait_for_selector("#save-status [data-state=saved]")
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)
    phone.click("#next")
    phone.wait_for_url(re.compile(r"/finish/$"))

    # Back to the checklist: untick one, and only the other keeps its questions and answers.
    phone.goto(link + "1/")
    phone.click(f"#checklist label:has-text('{others[5].name}')")
    phone.click("#next")
    phone.wait_for_url(re.compile(r"/2/$"))
    assert phone.locator(".subject-card legend").all_inner_texts() == ["Wijkteam Oost"]
    assert set(Answer.objects.values_list("organisation__name", "value")) == {("Wijkteam Oost", "coordinated")}
    assert not errors, errors  # no script refused by the content security policy
    context.close()

    page = browser_login("regisseur")
    page.goto(f"{live_server.url}/n/{network.slug}/assessments/rounds/{r.pk}/")
    page.click("#preview-questionnaire")
    page.wait_for_selector("#preview-banner")
    page.click("#start")
    page.wait_for_selector("#checklist")
    assert page.locator("#checklist input[type=checkbox]").count() == len(others) + 1  # no own organisation
    assert page.locator("#checklist input:checked").count() == 0 and page.locator("fieldset[disabled]").count() == 1
    page.click("#next")
    page.wait_for_selector(".subject-card")
    assert page.locator(".subject-card").count() == 5
    page.goto(f"{live_server.url}/n/{network.slug}/assessments/rounds/{r.pk}/preview/invitation/")
    assert "/survey/preview-link/" in page.locator("#invitation-preview").inner_text()
    assert Answer.objects.count() == 1
