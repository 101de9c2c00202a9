"""The Content-Security-Policy allows no inline script or style, and the pages still work under it:
the network map (Cytoscape), the result charts (vega-embed), the survey round page (htmx, our own JS)."""

import pytest

from netwerkregie.assessments.models import SurveyRound
from netwerkregie.demo.generator import build_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def violations(page) -> list[str]:
    """Every CSP violation and script error the browser reports."""
    found: list[str] = []
    page.on("console", lambda message: found.append(f"{page.url}: {message.text} {message.location}")
            if "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: found.append(str(error)))
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI))")
    return found


def test_map_and_charts_render_under_the_policy(live_server, page, browser_login, violations):
    network = build_demo()
    survey_round = SurveyRound.objects.filter(network=network).order_by("pk").first()
    response = page.request.get(f"{live_server.url}/accounts/login/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src-attr")[0]

    browser_login("demo", "demo")
    page.goto(f"{live_server.url}/n/{network.slug}/analysis/map/")
    page.wait_for_function("() => window.networkMap && window.networkMap.nodes().length > 10")
    assert page.locator("#network-map canvas").count() > 0
    # The map's own style sheet moved out of the template still applies.
    assert page.evaluate("getComputedStyle(document.getElementById('network-map')).minHeight") == "420px"

    page.goto(f"{live_server.url}/n/{network.slug}/assessments/rounds/{survey_round.pk}/results/")
    page.wait_for_selector(".chart-view svg")
    assert page.locator(".chart-view svg .mark-rect, .chart-view svg .mark-symbol, .chart-view svg .mark-line").count()
    # vega-embed's action menu is styled by the copied style sheet, not by an injected <style>.
    assert page.locator("style").count() == 0
    assert page.evaluate("getComputedStyle(document.querySelector('.vega-embed.has-actions')).paddingRight") == "38px"

    page.goto(f"{live_server.url}/n/{network.slug}/assessments/rounds/{survey_round.pk}/")
    page.on("dialog", lambda dialog: dialog.dismiss())
    withdraw = page.locator("form[data-confirm] button.withdraw")
    if withdraw.count():
        withdraw.first.click()  # dismissed: the page stays, the confirm came from our script
        assert page.url.endswith(f"/rounds/{survey_round.pk}/")
    assert violations == []


def test_api_docs_and_admin_work_under_the_policy(live_server, page, browser_login, user, violations):
    browser_login(user.username)
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    page.goto(f"{live_server.url}/admin/login/")
    page.wait_for_selector("#login-form, #content")
    assert violations == []
