"""Two assessors score a call in a real browser; each sees only their own scores until they submit."""

import re

import pytest

from netwerkregie.funding import selectors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_sheet(page, assessed, rows: dict[str, tuple[int, int, int]], reason: str) -> None:
    for name, scores in rows.items():
        for criterion, score in zip("ABC", scores, strict=True):
            key = f"{assessed.applications[name].pk}-{assessed.criteria[criterion].pk}"
            page.fill(f"input[name=score-{key}]", str(score))
            page.fill(f"textarea[name=reason-{key}]", f"{reason} {name}{criterion}")


def test_two_assessors_score_blind_then_see_the_result(live_server, page, browser_login, build_call, network):
    assessed = build_call(score=False)
    slug = network.slug

    browser_login("p2")
    page.goto(f"{live_server.url}/n/{slug}/")
    page.click("#nav-menu-effects")
    page.click(f"#nav-network a[href='/n/{slug}/funding/']")
    page.click("#call-list a")
    page.wait_for_url(re.compile(r"/funding/calls/\d+/$"))
    assert page.locator("#result-hidden").is_visible()
    page.click("#score-link")
    page.wait_for_url(re.compile(r"/score/$"))
    fill_sheet(page, assessed, {"X": (5, 4, 3), "Y": (3, 3, 3), "Z": (3, 4, 1)}, "Oordeel P2")
    page.click("#score-form button[name=save]")
    page.wait_for_url(re.compile(r"/score/$"))
    assert page.locator("#score-form input[name^=score-]").first.input_value() == "5"
    page.click("#score-form button[name=submit]")
    page.wait_for_selector("#submitted-note")
    page.click(f"a[href$='/funding/calls/{assessed.call.pk}/']")
    page.wait_for_url(re.compile(rf"/funding/calls/{assessed.call.pk}/$"))
    page.wait_for_selector(".application-result")
    assert page.locator(".application-result").count() == 3
    assert "Oordeel P2 XA" in page.content()

    page.context.clear_cookies()
    browser_login("p3")
    page.goto(f"{live_server.url}/n/{slug}/funding/calls/{assessed.call.pk}/score/")
    assert "Oordeel P2" not in page.content()  # blind: P2's reasons are not on P3's sheet
    assert page.locator(f"#application-{assessed.applications['Z'].pk} .excluded").is_visible()
    fill_sheet(page, assessed, {"X": (4, 4, 4), "Y": (5, 2, 4)}, "Oordeel P3")
    page.click("#score-form button[name=submit]")
    page.wait_for_selector("#submitted-note")
    page.goto(f"{live_server.url}/n/{slug}/funding/calls/{assessed.call.pk}/")
    totals = page.locator(".application-result .weighted-total").all_inner_texts()
    expected = selectors.call_result(call=assessed.call)
    assert [r.application.title for r in expected.ranking] == ["Aanvraag X", "Aanvraag Y", "Aanvraag Z"]
    # X: (3·4.5 + 2·4 + 1·3.5) / 6 = 4.17; Y: (3·4 + 2·2.5 + 1·3.5) / 6 = 3.42; Z: P2 alone (9+8+1)/6 = 3.00
    assert [t.replace(",", ".") for t in totals] == ["4.17", "3.42", "3.00"]
