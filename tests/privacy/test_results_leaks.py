"""Issue 8, leaks 3 and 4: differencing shown groups, and watching an open round, tried as members would."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from privacy_helpers import conditions

from netwerkregie.assessments.instruments import instrument_get

pytestmark = pytest.mark.django_db


def api_results(member, network, rnd) -> dict:
    response = member.api.get(f"/api/v1/networks/{network.slug}/survey-rounds/{rnd.pk}/results/")
    assert response.status_code == 200, response.content
    return response.json()


def shown_means(data: dict, instrument: str, dimension: str) -> dict[tuple[str, str], tuple[int, float]]:
    """(kind, group label) -> (n, mean) of every shown statistic of one dimension, the total as ("total", "")."""
    result = next(i for i in data["instruments"] if i["key"] == instrument)
    shown = {}
    for stat in result["dimensions"]:
        if stat["key"] == dimension and not stat["suppressed"]:
            shown[("total", "")] = (stat["n"], stat["mean"])
    for group in result["groups"]:
        for stat in group["dimensions"]:
            if stat["key"] == dimension and not stat["suppressed"]:
                shown[(group["kind"], group["label"])] = (stat["n"], stat["mean"])
    return shown


@pytest.fixture
def overlapping_themes(survey):
    """Nine respondents, one per organisation; theme T1 holds all nine, T2 all but the last (who scores 1)."""
    rnd = survey.round(["five_conditions"])
    for i in range(9):
        org = survey.organisation(f"Partner {i}", "hospital", ("T1",) if i == 8 else ("T1", "T2"))
        survey.respond(rnd, org, {"five_conditions": conditions(1 if i == 8 else 5)})
    return rnd


@pytest.mark.parametrize("role", ["viewer", "member"])
def test_two_overlapping_themes_do_not_give_away_one_respondent(overlapping_themes, network, member_as, role):
    """9·mean(T1) − 8·mean(T2) was the ninth respondent's score, in the API, on the page and in the xlsx."""
    member = member_as(role)
    shown = shown_means(api_results(member, network, overlapping_themes), "five_conditions", "ambitie")
    assert ("theme", "T1") in shown or ("total", "") in shown
    assert ("theme", "T2") not in shown  # eight of nine: one respondent apart from T1 and from the total
    for a, (n_a, _mean_a) in shown.items():
        for b, (n_b, _mean_b) in shown.items():
            if 0 < n_a - n_b < 3:
                pytest.fail(f"{a} minus {b} isolates {n_a - n_b} respondent(s)")

    page = member.web.get(f"/n/{network.slug}/assessments/rounds/{overlapping_themes.pk}/results/")
    t2 = next(g for g in page.context["result"].groups["theme"] if g.label == "T2")
    assert t2.suppressed and t2.dimensions == []
    html = page.content.decode()
    section = html[html.index('<h4 class="h6 mt-2">T2'):]
    assert "n = 8" not in section[:300]

    sheet = load_workbook(io.BytesIO(member.web.get(
        f"/n/{network.slug}/assessments/rounds/{overlapping_themes.pk}/results.xlsx").content))["Groepen"]
    t2_rows = [row for row in sheet.iter_rows(values_only=True) if row[2] == "T2"]
    assert t2_rows and all(not any(isinstance(v, int | float) for v in row[3:]) for row in t2_rows)


def test_dont_know_answers_count_per_dimension(survey, network, member_as):
    """Three types of three; two welfare respondents say "don't know" on interests (belangen).

    Before: all three types were shown, and total − hospitals − GPs on belangen was the one welfare
    respondent who did answer it.
    """
    rnd = survey.round(["five_conditions"])
    for type_key in ("hospital", "gp", "welfare"):
        org = survey.organisation(f"Organisatie {type_key}", type_key)
        for i in range(3):
            unknown = ("belangen",) if type_key == "welfare" and i else ()
            survey.respond(rnd, org, {"five_conditions": conditions(2 + i, dont_know=unknown)})
    shown = shown_means(api_results(member_as("viewer"), network, rnd), "five_conditions", "belangen")
    total_n, total_mean = shown[("total", "")]
    types = {label: value for (kind, label), value in shown.items() if kind == "type"}
    assert total_n == 7 and len(types) <= 1  # a second type would leave the one welfare answer by subtraction
    rest = total_n - sum(n for n, _mean in types.values())
    assert rest == 0 or rest >= 3
    # ambition, answered by all nine, still shows every type
    assert len({label for (kind, label) in shown_means(api_results(member_as("viewer"), network, rnd),
                                                       "five_conditions", "ambitie") if kind == "type"}) == 3


def test_overall_minus_a_level_does_not_isolate_a_respondent(survey, network, member_as):
    """Per-level instruments: three answer about the strategic level, one only about the tactical one."""
    rnd = survey.round(["platform31"])
    org = survey.organisation("Gemeente", "municipality")
    items = [item.key for item in instrument_get("platform31").dimension("value").items]
    for level, score in (("strategic", 4), ("strategic", 4), ("strategic", 3), ("tactical", 1)):
        survey.respond(rnd, org, {}, subjects=[({"level": level}, {"platform31": dict.fromkeys(items, score)})])
    shown = shown_means(api_results(member_as("member"), network, rnd), "platform31", "value")
    assert shown[("total", "")][0] == 4
    assert ("level", "strategisch / bestuurlijk") not in shown  # 4·total − 3·strategic = the tactical answer
    assert not any(kind == "level" for kind, _label in shown)


@pytest.fixture
def open_round(survey):
    rnd = survey.round(["five_conditions", "network_nature"], open_round=True)
    org = survey.organisation("Ziekenhuis", "hospital")
    for score in (2, 4):
        survey.respond(rnd, org, {"five_conditions": conditions(score)})
    return rnd


@pytest.mark.parametrize("role", ["viewer", "member", "coordinator"])
def test_an_open_round_shows_no_results_below_admin(open_round, survey, network, member_as, role):
    for score in (3, 5):  # four completed: above the minimum, but the round is open
        survey.respond(open_round, open_round.invitations.first().organisation, {"five_conditions": conditions(score)})
    member = member_as(role)
    base = f"/n/{network.slug}/assessments"
    page = member.web.get(f"{base}/rounds/{open_round.pk}/results/")
    html = page.content.decode()
    assert page.status_code == 200 and 'id="results-hidden"' in html and 'id="round-summary"' not in html
    assert page.context["data"] is None
    assert member.web.get(f"{base}/rounds/{open_round.pk}/results.xlsx").status_code == 403
    assert member.web.get(f"{base}/rounds/{open_round.pk}/results/?svg=five_conditions-dist").status_code != 200
    api = member.api.get(f"/api/v1/networks/{network.slug}/survey-rounds/{open_round.pk}/results/")
    assert api.status_code == 403
    assert member.web.get(f"{base}/compare/?a={open_round.pk}&b={open_round.pk}").status_code == 404
    assert member.web.get(f"{base}/quadrant/?round={open_round.pk}").status_code == 404
    trend = member.web.get(f"{base}/trend/?instrument=five_conditions")
    assert trend.status_code == 404 or open_round not in (trend.context["trend"].rounds if trend.context["trend"]
                                                          else [])


def test_an_admin_sees_an_open_round_once_the_minimum_completed(open_round, survey, network, member_as):
    admin = member_as("admin")
    base = f"/n/{network.slug}/assessments/rounds/{open_round.pk}"
    assert 'id="results-hidden"' in admin.web.get(f"{base}/results/").content.decode()  # two of three
    assert admin.api.get(f"/api/v1/networks/{network.slug}/survey-rounds/{open_round.pk}/results/").status_code == 403
    survey.respond(open_round, open_round.invitations.first().organisation, {"five_conditions": conditions(3)})
    html = admin.web.get(f"{base}/results/").content.decode()
    assert 'id="round-open"' in html and 'id="results-hidden"' not in html
    assert admin.web.get(f"{base}/results.xlsx").status_code == 200
    data = admin.api.get(f"/api/v1/networks/{network.slug}/survey-rounds/{open_round.pk}/results/").json()
    assert data["respondents"] == 3
