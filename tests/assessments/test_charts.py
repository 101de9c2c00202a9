"""Chart specs are valid Vega-Lite (rendered to SVG on the server), carry only visible groups,
and every chart on a page comes with its table view; in a browser vega-embed draws them."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from results_fixtures import dip, five_conditions, make_round, organisation, respond

from netwerkregie.assessments import charts
from netwerkregie.assessments.instruments import instrument_get
from netwerkregie.assessments.results import breakdown, quadrant, trends
from netwerkregie.core.charts import Chart, chart_svg, spec

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def nature(x: int, y: int) -> dict[str, object]:
    inst = instrument_get("network_nature")
    return {it.key: (6 - s if it.reverse else s) for d, s in (("steering", x), ("content", y))
            for it in inst.dimension(d).items}


@pytest.fixture
def rounds(network):
    """Two network rounds: three hospital respondents, and one each of a GP, welfare and the GGD
    (groups too small to show, together large enough not to give each other away)."""
    hospital, gp = organisation(network, "Ziekenhuis", "hospital"), organisation(network, "Huisartsen", "gp")
    others = [gp, organisation(network, "Welzijn", "welfare"), organisation(network, "GGD", "ggd")]
    made = []
    for year, scores in ((2024, (4, 4, 5, 2, 3, 3)), (2025, (3, 2, 3, 5, 4, 2))):
        rnd = make_round(network, f"Monitor {year}", ["five_conditions", "network_dip", "network_nature", "relations"],
                         opens=f"{year}-01-10", closes=f"{year}-03-01")
        for i, score in enumerate(scores):
            org = others[i - 3] if i >= 3 else hospital
            respond(rnd, org, {"five_conditions": five_conditions(score), "network_dip": dip(6 - score),
                               "network_nature": nature(score, 6 - score)}, level="strategic",
                    subjects=[({"organisation": hospital if org == gp else gp},
                               {"relations": {"relation_kind": "cooperative", "flows": ["information"],
                                              "trust_reliability": min(4, score)}})])
        made.append(rnd)
    return made


def assert_svg(chart: Chart) -> None:
    svg = chart_svg(chart.spec)
    assert svg.lstrip().startswith("<svg") and "</svg>" in svg
    assert chart.rows == [[row.get(name) for name, _label in chart.columns] for row in chart.spec["data"]["values"]]


def test_every_result_chart_renders_to_svg(rounds):
    data = breakdown.round_results(survey_round=rounds[1])
    built = []
    for result in data.instruments:
        built += charts.distribution_charts(result, prefix=result.instrument.key)
        built += [charts.group_chart(result, kind, prefix=result.instrument.key, minimum=data.minimum)
                  for kind in breakdown.GROUPINGS]
    built.append(charts.trend_chart(trends.trend(network=rounds[0].network, instrument_key="five_conditions")))
    built.append(charts.comparison_chart(trends.round_comparison(before=rounds[0], after=rounds[1])))
    built += [charts.quadrant_chart(q, minimum=data.minimum) for q in quadrant.quadrants(survey_round=rounds[1])]
    assert len({c.id for c in built}) == len(built)  # ids are unique on a page
    for chart in built:
        assert chart.spec["$schema"].endswith("/v6.json")
        assert_svg(chart)
    # relations: the choice dimensions get their own distribution chart
    relations = next(r for r in data.instruments if r.instrument.key == "relations")
    ids = [c.id for c in charts.distribution_charts(relations, prefix="relations")]
    assert ids == ["relations-dist", "relations-dist-relation", "relations-dist-flows"]
    kind = next(c for c in charts.distribution_charts(relations, prefix="relations") if c.id.endswith("-relation"))
    bars = {row["dimension"] for row in kind.spec["data"]["values"]}
    assert len(bars) == 2  # kind of relation and frequency, each with its own choices
    counts = {row["answer"]: row["count"] for row in kind.spec["data"]["values"] if row["count"]}
    assert list(counts.values()) == [6]  # all six said "cooperative"; frequency was not asked


def test_distribution_chart_counts_answers_per_dimension(rounds):
    conditions = breakdown.round_results(survey_round=rounds[0], instruments=["five_conditions"]).instruments[0]
    chart, = charts.distribution_charts(conditions, prefix="fc")
    ambitie = {row["answer"]: row["count"] for row in chart.spec["data"]["values"] if row["dimension"] == "Ambitie"}
    assert {k: v for k, v in ambitie.items() if k.isdigit()} == {"1": 0, "2": 5, "3": 10, "4": 10, "5": 5}
    assert len(ambitie) == 6 and sum(ambitie.values()) == 30  # plus "don't know", not chosen
    assert chart.spec["encoding"]["color"]["scale"]["range"][-1] == charts.DONT_KNOW_COLOUR


def test_group_chart_leaves_out_small_groups_and_names_them(rounds):
    conditions = breakdown.round_results(survey_round=rounds[0], instruments=["five_conditions"]).instruments[0]
    chart = charts.group_chart(conditions, "type", prefix="fc", minimum=3)
    groups = {row["group"] for row in chart.spec["data"]["values"]}
    gp_label = next(g.label for g in conditions.groups["type"] if g.key == "gp")
    hospital_label = next(g.label for g in conditions.groups["type"] if g.key == "hospital")
    assert groups == {hospital_label}
    assert any(gp_label in note and "3" in note for note in chart.notes)
    ambitie = next(r for r in chart.spec["data"]["values"] if r["dimension"] == "Ambitie")
    assert ambitie["mean"] == pytest.approx(13 / 3, abs=0.005) and ambitie["n"] == 3


def test_trend_chart_has_a_band_per_round(rounds):
    chart = charts.trend_chart(trends.trend(network=rounds[0].network, instrument_key="five_conditions"))
    rows = [r for r in chart.spec["data"]["values"] if r["dimension"] == "Ambitie"]
    assert [r["round"] for r in rows] == ["Monitor 2024", "Monitor 2025"]
    for row in rows:
        assert row["ci_low"] < row["mean"] < row["ci_high"]
    assert [layer["mark"]["type"] for layer in chart.spec["layer"]] == ["area", "line"]


def test_quadrant_chart_counts_squares_not_respondents(rounds):
    whole = quadrant.quadrants(survey_round=rounds[0])[0]
    chart = charts.quadrant_chart(whole, minimum=3)
    rows = chart.spec["data"]["values"]
    squares = [r for r in rows if r["x2"] is not None]
    assert all(r["count"] >= 3 for r in squares)  # never a square of one or two respondents
    assert sum(r["count"] for r in squares) <= whole.n
    centre = rows[-1]
    assert (centre["x"], centre["y"]) == pytest.approx((0.25, -0.25))
    assert chart.spec["layer"][-1]["encoding"]["x"]["scale"] == {"domain": [-1, 1]}
    assert [layer["mark"]["type"] for layer in chart.spec["layer"]][:2] == ["rect", "text"]
    names = chart.spec["layer"][4]["data"]["values"]
    assert len(names) == 4


def test_suppressed_quadrant_draws_nothing(network):
    rnd = make_round(network, "Klein", ["network_nature"])
    respond(rnd, organisation(network, "Ziekenhuis", "hospital"), {"network_nature": nature(5, 5)})
    nature_quadrant = quadrant.quadrants(survey_round=rnd)[0]
    chart = charts.quadrant_chart(nature_quadrant, minimum=3)
    assert chart.is_empty and chart.notes
    html = render_to_string("core/chart.html", {"chart": chart})
    assert "chart-empty" in html and "<table" not in html


def test_chart_include_has_a_table_of_the_same_rows():
    chart = Chart("demo-chart", "Titel", spec(data=[{"a": "x", "b": 1}, {"a": "y", "b": None}], mark="bar",
                                               encoding={"x": {"field": "b", "type": "quantitative"}}),
                  [("a", "A"), ("b", "B")])
    html = render_to_string("core/chart.html", {"chart": chart})
    assert 'id="demo-chart-spec"' in html and 'data-vega-spec="demo-chart-spec"' in html
    assert "<caption" in html and "<th scope=\"col\">A</th>" in html
    assert "<td>x</td><td>1</td>" in html and "<td>y</td><td>–</td>" in html


def test_pages_contain_chart_specs_and_table_views(rounds, logged_in_client):
    base = f"/n/{rounds[0].network.slug}/assessments/"
    for url in (f"rounds/{rounds[1].pk}/results/", "trend/", f"compare/?a={rounds[0].pk}&b={rounds[1].pk}",
                f"quadrant/?round={rounds[1].pk}"):
        html = logged_in_client.get(base + url).content.decode()
        assert 'type="application/json"' in html and "data-vega-spec" in html, url
        assert '<details class="chart-table' in html, url
        assert "vendor/vega/vega-embed.min.js" in html, url



def test_every_chart_on_a_page_downloads_as_svg_drawn_on_the_server(rounds, logged_in_client):
    base = f"/n/{rounds[0].network.slug}/assessments/"
    for url in (f"rounds/{rounds[1].pk}/results/?instrument=five_conditions", "trend/?instrument=five_conditions",
                f"compare/?a={rounds[0].pk}&b={rounds[1].pk}", f"quadrant/?round={rounds[1].pk}"):
        html = logged_in_client.get(base + url).content.decode()
        links = re.findall(r'href="([^"]*svg=[^"]+)" download', html)
        assert links, url
        for link in links:
            query = html_lib.unescape(link)
            assert "svg=" in query and ("?" not in url or url.split("?")[1].split("&")[0] in query), (url, query)
            response = logged_in_client.get(base + url.split("?")[0] + query)
            assert response.status_code == 200, query
            assert response["Content-Type"] == "image/svg+xml"
            assert response["Content-Disposition"].endswith('.svg"')
            assert response.content.lstrip().startswith(b"<svg")
    assert logged_in_client.get(base + "trend/?svg=no-such-chart").status_code == 404

@pytest.mark.browser
def test_browser_draws_the_charts(rounds, live_server, browser_login, user):
    page = browser_login(user.username)
    page.goto(f"{live_server.url}/n/{rounds[0].network.slug}/assessments/rounds/{rounds[1].pk}/results/")
    page.wait_for_selector(".chart-view svg")
    assert page.locator(".chart-view svg").count() >= 2
    page.locator("details.chart-table summary").first.click()
    assert page.locator("details.chart-table table").first.is_visible()
