"""Round results against hand-computed values; the anonymity rule in every grouping, page and export."""

from __future__ import annotations

import io
import math

import pytest
from django.test import Client
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from results_fixtures import five_conditions, make_round, organisation, respond

from netwerkregie.assessments.instruments import instrument_get
from netwerkregie.assessments.results import breakdown, quadrant, stats, trends
from netwerkregie.registry import services as registry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch():
    """Pages answer in Dutch by default; compare labels in the same language."""
    with translation.override("nl"):
        yield


def nature(x_score: int, y_score: int) -> dict[str, object]:
    """network_nature answers whose mirrored means are x_score (steering) and y_score (content)."""
    inst = instrument_get("network_nature")
    return {it.key: (6 - score if it.reverse else score)
            for dim, score in (("steering", x_score), ("content", y_score)) for it in inst.dimension(dim).items}


@pytest.fixture
def region(network):
    """Six respondents (and one who never completed) in five organisations and two themes.

    ambitie per respondent: 4, 2, 3, 5, 1, 3 – hospital 4, 2, 3; GP 5; welfare 1; GGD 3.
    Levels: three strategic, two operational, one tactical. Theme Ouderen: hospitals and GP;
    theme GGZ: GP and welfare; the GGD takes part in no coalition. The six of the five-conditions
    answers are the only answers of the GGD respondent.
    """
    h1, h2 = organisation(network, "Ziekenhuis Noord", "hospital"), organisation(network, "Ziekenhuis Zuid", "hospital")
    gp, welfare = organisation(network, "Huisartsen Oost", "gp"), organisation(network, "Welzijn West", "welfare")
    ouderen = registry.theme_create(network=network, name="Ouderen")
    ggz = registry.theme_create(network=network, name="GGZ")
    registry.coalition_create(network=network, theme=ouderen, name="Valpreventie", organisations=[h1, h2, gp])
    registry.coalition_create(network=network, theme=ggz, name="Mentaal fit", organisations=[gp, welfare])
    rnd = make_round(network, "Monitor 2025", ["five_conditions", "network_form_fit", "network_nature", "platform31"])
    # the five conditions these numbers were counted for (the two added later stay unanswered)
    fit = [it for it in instrument_get("network_form_fit").dimension("conditions").items
           if it.key not in ("unknown_effects", "no_power_relation")]
    third = dict(five_conditions(3), amb_shared="dont_know")
    rows = [
        (h1, "strategic", five_conditions(4), {it.key: True for it in fit}, (5, 5), {"strategic": 4, "tactical": 2}),
        (h1, "strategic", five_conditions(2), dict(zip([it.key for it in fit], [True, True, False, False, False],
                                                        strict=True)), (1, 1), {"strategic": 2}),
        (h2, "strategic", third, {it.key: False for it in fit}, (4, 2), {"strategic": 3}),
        (gp, "operational", five_conditions(5), {fit[0].key: True, fit[1].key: False}, (3, 4), {}),
        (welfare, "operational", five_conditions(1), {}, None, {}),
    ]
    for org, level, conditions, fit_answers, position, p31 in rows:
        answers = {"five_conditions": conditions}
        if fit_answers:
            answers["network_form_fit"] = fit_answers
        subjects = [({"level": lv}, {"platform31": {"val_task": v}}) for lv, v in p31.items()]
        if position:
            answers["network_nature"] = nature(*position)
            theme = ggz if org == gp else ouderen
            subjects.append(({"theme": theme}, {"network_nature": nature(*position)}))
        respond(rnd, org, answers, level=level, subjects=subjects,
                evidence={"five_conditions": {"amb_shared": f"Bewijs van {org.name}"}})
    respond(rnd, organisation(network, "GGD Regio", "ggd"), {"five_conditions": five_conditions(3)}, level="tactical")
    respond(rnd, gp, {"five_conditions": five_conditions(5)}, level="strategic", complete=False)
    return rnd


def by_key(stats):
    return {s.key: s for s in stats}


def group(result, kind, label):
    return next(g for g in result.groups[kind] if g.label == label)


def test_dimension_statistics_by_hand(region):
    data = breakdown.round_results(survey_round=region)
    assert (data.invited, data.respondents, data.minimum) == (7, 6, 3)
    conditions = data.instruments[0]
    assert conditions.n == 6 and not conditions.suppressed
    ambitie = by_key(conditions.dimensions)["ambitie"]
    assert ambitie.n == 6
    assert ambitie.mean == pytest.approx(3.0)
    assert ambitie.median == 3
    sd = math.sqrt(((4 - 3) ** 2 + (2 - 3) ** 2 + 0 + (5 - 3) ** 2 + (1 - 3) ** 2 + 0) / 5)
    assert ambitie.stdev == pytest.approx(sd)
    assert ambitie.ci_low == pytest.approx(3 - 1.96 * sd / math.sqrt(6))
    assert ambitie.ci_high == pytest.approx(3 + 1.96 * sd / math.sqrt(6))
    # five items per respondent, reverse items mirrored; respondent 3 said "don't know" once
    assert {k: c for k, _label, c in ambitie.distribution} == {"1": 5, "2": 5, "3": 4 + 5, "4": 5, "5": 5,
                                                                  "dont_know": 1}
    assert ambitie.dont_know == 1


def test_share_yes_is_the_mean_of_respondents_shares(region):
    fit = by_key(breakdown.round_results(survey_round=region).instruments[1].dimensions)["conditions"]
    assert fit.method == "share_yes"
    assert fit.n == 4  # the welfare respondent answered no yes/no item
    assert fit.share_yes == pytest.approx((1 + 0.4 + 0 + 0.5) / 4)
    assert {k: c for k, _l, c in fit.distribution} == {"yes": 5 + 2 + 0 + 1, "no": 0 + 3 + 5 + 1}


def test_groups_by_type_level_and_theme_with_suppression(region):
    conditions = breakdown.round_results(survey_round=region).instruments[0]
    hospital = next(g for g in conditions.groups["type"] if g.key == "hospital")
    assert hospital.n == 3 and not hospital.suppressed
    assert by_key(hospital.dimensions)["ambitie"].mean == pytest.approx(3.0)
    small = [g for g in conditions.groups["type"] if g.key in {"gp", "welfare", "ggd"}]
    assert len(small) == 3 and all(g.suppressed and g.dimensions == [] for g in small)

    levels = {g.key: g for g in conditions.groups["level"]}
    assert not levels["strategic"].suppressed and levels["strategic"].n == 3
    assert by_key(levels["strategic"].dimensions)["ambitie"].mean == pytest.approx(3.0)
    assert levels["operational"].suppressed and levels["operational"].dimensions == []
    assert levels["tactical"].suppressed

    # Ouderen is the hospitals plus the GP: Ouderen minus the hospitals would be the GP's answers,
    # and the total minus Ouderen two respondents; so the theme is hidden, the hospitals stay.
    assert group(conditions, "theme", "Ouderen").suppressed
    assert group(conditions, "theme", "GGZ").suppressed


def test_a_hidden_group_cannot_be_worked_out_from_the_total(network):
    """Four hospital respondents and one GP: total minus hospitals would give the GP's answers."""
    hospital, gp = organisation(network, "Ziekenhuis", "hospital"), organisation(network, "Huisarts", "gp")
    rnd = make_round(network, "Monitor", ["five_conditions"])
    for score in (4, 4, 3, 3):
        respond(rnd, hospital, {"five_conditions": five_conditions(score)}, level="strategic")
    respond(rnd, gp, {"five_conditions": five_conditions(1)}, level="strategic")
    conditions = breakdown.round_results(survey_round=rnd).instruments[0]
    assert all(g.suppressed and g.dimensions == [] for g in conditions.groups["type"])
    # one level holds everyone: nothing to work out, so it stays
    assert [(g.key, g.suppressed) for g in conditions.groups["level"]] == [("strategic", False)]


def test_per_level_dimensions_group_by_the_level_answered_about(region):
    platform = breakdown.round_results(survey_round=region).instruments[3]
    value = by_key(platform.dimensions)["value"]
    assert value.n == 3  # respondent 1's two levels averaged first: (4 + 2) / 2
    assert value.mean == pytest.approx((3 + 2 + 3) / 3)
    levels = {g.key: g for g in platform.groups["level"]}
    assert levels["strategic"].n == 3 and levels["tactical"].suppressed
    # The overall mean averages respondent 1's strategic 4 and tactical 2 first: the overall
    # minus the strategic level would give (2 − 4) / 2, one person's answers, so it is hidden.
    assert levels["strategic"].suppressed


def test_per_theme_instrument_groups_by_the_theme_answered_about(region):
    nature_result = breakdown.round_results(survey_round=region).instruments[2]
    steering = by_key(nature_result.dimensions)["steering"]
    assert steering.n == 4 and steering.mean == pytest.approx((5 + 1 + 4 + 3) / 4)
    ouderen = group(nature_result, "theme", "Ouderen")
    assert ouderen.n == 3  # the three hospital respondents, about the theme
    # ... but the network as a whole has them and the GP: one respondent apart, so hidden
    assert ouderen.suppressed and group(nature_result, "theme", "GGZ").suppressed


def test_no_visible_statistic_rests_on_fewer_respondents_than_the_minimum(region):
    for minimum in range(1, 7):
        region.network.anonymity_minimum = minimum
        region.network.save()
        data = breakdown.round_results(survey_round=region)
        for result in data.instruments:
            if result.suppressed:
                assert result.n < minimum and result.dimensions == [] and result.texts == []
                continue
            stats = list(result.dimensions)
            for groups in result.groups.values():
                for g in groups:
                    assert g.suppressed or g.n >= minimum
                    stats += g.dimensions
            hidden_rest = result.n - sum(g.n for g in result.groups["type"] if not g.suppressed)
            assert hidden_rest == 0 or hidden_rest >= minimum  # no hidden type group by subtraction
            for stat in stats:
                assert stat.suppressed or stat.n >= minimum
                if stat.suppressed:
                    assert stat.mean is None and stat.distribution == []


def test_texts_are_listed_without_names_and_only_above_the_minimum(region, logged_in_client):
    conditions = breakdown.round_results(survey_round=region, with_texts=True).instruments[0]
    texts = sorted(t.text for t in conditions.texts if t.is_evidence)
    assert texts == sorted(f"Bewijs van {name}" for name in
                           ["Ziekenhuis Noord", "Ziekenhuis Noord", "Ziekenhuis Zuid", "Huisartsen Oost",
                            "Welzijn West"])
    page = logged_in_client.get(f"/n/{region.network.slug}/assessments/rounds/{region.pk}/results/").content.decode()
    assert "Bewijs van Welzijn West" in page
    assert "Respondent" not in page  # no respondent's name anywhere
    registry.network_update(network=region.network, anonymity_minimum=7)  # stored results go out of date
    page = logged_in_client.get(f"/n/{region.network.slug}/assessments/rounds/{region.pk}/results/").content.decode()
    assert "Bewijs van" not in page
    assert 'id="instrument-suppressed"' in page


def _group_section(html: str, label: str) -> str:
    start = html.index(f'<h4 class="h6 mt-2">{label}')
    end = html.find("<h4", start + 10)
    return html[start:end if end > 0 else None]


def test_results_page_suppresses_small_groups(region, logged_in_client):
    response = logged_in_client.get(f"/n/{region.network.slug}/assessments/rounds/{region.pk}/results/")
    assert response.status_code == 200
    html = response.content.decode()
    suppressed = stats.withheld_label(3)
    for _label, chart, groups in response.context["group_charts"]:
        hidden = {g.label for g in groups if g.suppressed}
        for label in hidden:
            section = _group_section(html, label)
            assert suppressed in section and "n =" not in section and "<td class=\"text-end" not in section
        assert hidden, "every grouping in this fixture has a small group"
        assert not hidden & {row["group"] for row in chart.spec["data"]["values"]}
        assert all(any(label in note for note in chart.notes) for label in hidden)


def test_xlsx_export_is_aggregated_and_suppresses_small_groups(region, logged_in_client):
    response = logged_in_client.get(f"/n/{region.network.slug}/assessments/rounds/{region.pk}/results.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 5  # no raw answers
    dims = list(workbook.worksheets[0].iter_rows(values_only=True))
    ambitie = next(r for r in dims if r[1] == "Ambitie")
    assert ambitie[2] == 6 and ambitie[3] == pytest.approx(3.0)
    groups = list(workbook.worksheets[1].iter_rows(values_only=True))[1:]
    hidden = stats.withheld_label(3)
    ggz = [r for r in groups if r[2] == "GGZ"]
    assert ggz and all(r[4] is None and r[5] == hidden for r in ggz)
    assert all(r[4] is None and r[5] == hidden for r in groups
               if r[2] == "Ouderen" and r[3] == "Ambitie")  # hospitals + one GP
    hospitals = [r for r in groups if r[2] == "Ziekenhuis" and r[3] == "Ambitie"]
    assert hospitals[0][4] == 3 and hospitals[0][5] == pytest.approx(3.0)
    # nothing but suppressed rows for groups under three respondents
    for row in groups:
        if row[5] != hidden and row[4] is not None:
            assert row[4] >= 3


def test_raw_answers_only_for_admins(region, network, make_user):
    admin = Client()
    admin.force_login(network.memberships.get().user)
    url = f"/n/{network.slug}/assessments/rounds/{region.pk}/results.xlsx?raw=1"
    raw = load_workbook(io.BytesIO(admin.get(url).content)).worksheets[-1]
    assert raw.max_row > 100
    viewer = make_user("kijker")
    registry.membership_set(network=network, user=viewer, role="viewer")
    client = Client()
    client.force_login(viewer)
    names = load_workbook(io.BytesIO(client.get(url).content)).sheetnames
    assert len(names) == 5  # no raw sheet for a viewer, whatever the query string says
    assert "raw=1" not in client.get(f"/n/{network.slug}/assessments/rounds/{region.pk}/results/").content.decode()


def test_quadrant_counts_per_square_and_centre(region):
    quadrants = {q.label: q for q in quadrant.quadrants(survey_round=region)}
    whole = next(q for q in quadrants.values() if q.theme_id is None)
    assert whole.n == 4 and not whole.suppressed
    # four respondents at (1, 1), (−1, −1), (0.5, −0.5) and (0, 0.5): one per square and quadrant,
    # fewer than three each, so no square or quadrant count is shown – only the centre of all four
    assert whole.bins == []
    assert not hasattr(whole, "positions")
    assert whole.centre == pytest.approx({"x": 0.125, "y": 0.0})
    assert whole.quadrants == {"formal_action": None, "informal_ambition": None, "formal_ambition": None,
                               "informal_action": 0, None: None}
    assert quadrants["Ouderen"].n == 3 and quadrants["Ouderen"].centre == pytest.approx({"x": 1 / 6, "y": -1 / 6})
    assert quadrants["GGZ"].suppressed and quadrants["GGZ"].bins == [] and quadrants["GGZ"].centre is None


def test_trend_and_comparison(network):
    h = organisation(network, "Ziekenhuis", "hospital")
    before = make_round(network, "Monitor 2024", ["five_conditions"], opens="2024-01-10", closes="2024-03-01")
    after = make_round(network, "Monitor 2025", ["five_conditions"], opens="2025-01-10", closes="2025-03-01")
    theme_round = make_round(network, "Ouderen 2025", ["five_conditions"], opens="2025-04-01", closes="2025-05-01",
                             theme=registry.theme_create(network=network, name="Ouderen"))
    for score in (4, 4, 5):
        respond(before, h, {"five_conditions": five_conditions(score)})
    conditions_after = [five_conditions(3), five_conditions(4), five_conditions(4)]
    conditions_after[0]["amb_shared"] = 1  # ambitie of this respondent: (1 + 3 + 3 + 3 + 3) / 5 = 2.6
    for answers in conditions_after:
        respond(after, h, {"five_conditions": answers})
    for score in (1, 1, 1):
        respond(theme_round, h, {"five_conditions": five_conditions(score)})

    trend = trends.trend(network=network, instrument_key="five_conditions")
    assert [r.name for r in trend.rounds] == ["Monitor 2024", "Monitor 2025"]  # the theme round is not the network
    belangen = next(s for s in trend.series if s.key == "belangen")
    first, second = (p.stat for p in belangen.points)
    assert first.mean == pytest.approx(13 / 3)
    sd = math.sqrt(((4 - 13 / 3) ** 2 * 2 + (5 - 13 / 3) ** 2) / 2)
    assert (first.ci_low, first.ci_high) == pytest.approx((13 / 3 - 1.96 * sd / math.sqrt(3),
                                                           13 / 3 + 1.96 * sd / math.sqrt(3)))
    assert second.mean == pytest.approx(11 / 3)

    comparison = trends.round_comparison(before=before, after=after)
    diffs = {d.key: d for d in comparison.differences}
    assert diffs["belangen"].change == pytest.approx(11 / 3 - 13 / 3)
    assert diffs["belangen"].flagged  # -0.67 beyond 0.5
    assert diffs["ambitie"].after.mean == pytest.approx((2.6 + 4 + 4) / 3)
    assert diffs["ambitie"].change == pytest.approx((2.6 + 4 + 4) / 3 - 13 / 3)
    assert diffs["ambitie"].threshold == pytest.approx(0.5)


def test_comparison_threshold_is_inclusive(network):
    h = organisation(network, "Ziekenhuis", "hospital")
    rounds = [make_round(network, f"R{i}", ["five_conditions"], opens=f"202{i}-01-10", closes=f"202{i}-03-01")
              for i in (3, 4, 5)]
    for scores, rnd in zip(((4, 4, 4, 4), (4, 4, 3, 3), (4, 4, 3, 3)), rounds, strict=True):
        for score in scores:
            respond(rnd, h, {"five_conditions": five_conditions(score)})
    # R3 → R4: 4.0 → 3.5 exactly the threshold; R4 → R5: no change
    assert all(d.flagged and d.change == pytest.approx(-0.5) for d in
               trends.round_comparison(before=rounds[0], after=rounds[1]).differences)
    assert not any(d.flagged for d in trends.round_comparison(before=rounds[1], after=rounds[2]).differences)


def test_a_suppressed_round_hides_its_side_of_the_comparison(network):
    h = organisation(network, "Ziekenhuis", "hospital")
    big = make_round(network, "Groot", ["five_conditions"])
    small = make_round(network, "Klein", ["five_conditions"], opens="2026-01-10", closes="2026-03-01")
    for score in (4, 4, 4):
        respond(big, h, {"five_conditions": five_conditions(score)})
    respond(small, h, {"five_conditions": five_conditions(1)})
    diffs = trends.round_comparison(before=big, after=small).differences
    assert all(d.suppressed and d.change is None and d.after.mean is None for d in diffs)


def test_round_results_use_a_fixed_number_of_queries(network, django_assert_max_num_queries):
    h = organisation(network, "Ziekenhuis", "hospital")
    small = make_round(network, "Klein", ["five_conditions", "network_nature"])
    big = make_round(network, "Groot", ["five_conditions", "network_nature"], opens="2026-01-10",
                     closes="2026-03-01")
    for score in (2, 3, 4):
        respond(small, h, {"five_conditions": five_conditions(score), "network_nature": nature(score, score)})
    for score in [1, 2, 3, 4, 5] * 4:
        respond(big, h, {"five_conditions": five_conditions(score), "network_nature": nature(score, score)})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for rnd in (small, big):
        with CaptureQueriesContext(connection) as ctx:
            breakdown.round_results(survey_round=rnd)
            quadrant.quadrants(survey_round=rnd)
        counts.append(len(ctx))
    assert counts[0] == counts[1] <= 14


def test_other_networks_rounds_are_404(region, make_network, make_user, logged_in_client):
    other = make_network("regio-ander")
    foreign = make_round(other, "Vreemd", ["five_conditions", "network_nature"])
    base = f"/n/{region.network.slug}/assessments/"
    for url in (f"rounds/{foreign.pk}/results/", f"rounds/{foreign.pk}/results.xlsx",
                f"compare/?a={region.pk}&b={foreign.pk}", f"quadrant/?round={foreign.pk}",
                f"rounds/{region.pk}/results/?instrument=relations", "trend/?instrument=relations"):
        assert logged_in_client.get(base + url).status_code == 404, url
    outsider = Client()
    outsider.force_login(make_user("buitenstaander"))
    for url in ("results/", f"rounds/{region.pk}/results/", f"rounds/{region.pk}/results.xlsx", "trend/",
                "compare/", "quadrant/"):
        assert outsider.get(base + url).status_code == 404, url


def test_index_lists_rounds_with_links(region, logged_in_client):
    html = logged_in_client.get(f"/n/{region.network.slug}/assessments/results/").content.decode()
    assert f"/assessments/rounds/{region.pk}/results/" in html
    assert f"/assessments/rounds/{region.pk}/results.xlsx" in html
    assert "Monitor 2025" in html


def _api(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {registry.api_token_create(user=user, name='test')[1]}")


def test_api_results_are_aggregated_and_suppressed(region, user):
    response = _api(user).get(f"/api/v1/networks/{region.network.slug}/survey-rounds/{region.pk}/results/")
    assert response.status_code == 200
    body = response.json()
    assert (body["invited"], body["respondents"], body["anonymity_minimum"]) == (7, 6, 3)
    conditions = body["instruments"][0]
    ambitie = next(d for d in conditions["dimensions"] if d["key"] == "ambitie")
    assert ambitie["n"] == 6 and ambitie["mean"] == pytest.approx(3.0)
    groups = {(g["kind"], g["key"]): g for g in conditions["groups"]}
    assert groups[("type", "hospital")]["n"] == 3
    for key in ("gp", "welfare", "ggd"):
        assert groups[("type", key)] == {"kind": "type", "key": key, "label": groups[("type", key)]["label"],
                                         "suppressed": True, "n": None, "dimensions": []}
    assert not any("Respondent" in str(value) for value in body.values())
    # every number in the answer rests on at least the minimum
    for instrument in body["instruments"]:
        for stat in instrument["dimensions"] + [s for g in instrument["groups"] for s in g["dimensions"]]:
            assert stat["suppressed"] or stat["n"] >= 3


def test_api_results_whole_instrument_suppressed_and_isolation(region, user, make_network, make_user):
    registry.network_update(network=region.network, anonymity_minimum=7)  # stored results go out of date
    client = _api(user)
    body = client.get(f"/api/v1/networks/{region.network.slug}/survey-rounds/{region.pk}/results/").json()
    assert all(i["suppressed"] and i["n"] is None and i["dimensions"] == [] and i["texts"] == []
               for i in body["instruments"])
    foreign = make_round(make_network("regio-ander"), "Vreemd", ["five_conditions"])
    assert client.get(f"/api/v1/networks/{region.network.slug}/survey-rounds/{foreign.pk}/results/"
                      ).status_code == 404
    outsider = _api(make_user("buitenstaander"))
    assert outsider.get(f"/api/v1/networks/{region.network.slug}/survey-rounds/{region.pk}/results/"
                        ).status_code == 404
    assert outsider.get(f"/api/v1/networks/{region.network.slug}/dip/").status_code == 404


def test_result_pages_use_a_fixed_number_of_queries(network, logged_in_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    h = organisation(network, "Ziekenhuis", "hospital")
    theme = registry.theme_create(network=network, name="Ouderen")
    rounds = [make_round(network, f"Monitor {year}", ["five_conditions", "network_nature"], opens=f"{year}-01-10",
                         closes=f"{year}-03-01") for year in (2024, 2025)]
    base = f"/n/{network.slug}/assessments/"
    pages = [f"rounds/{rounds[1].pk}/results/", f"rounds/{rounds[1].pk}/results.xlsx",
             f"quadrant/?round={rounds[1].pk}", "trend/", "results/", f"compare/?a={rounds[0].pk}&b={rounds[1].pk}"]
    counts: dict[str, list[int]] = {}
    for size in (3, 12):  # add respondents to the same rounds: more rows, never more queries
        for rnd in rounds:
            for i in range(size):
                respond(rnd, h, {"five_conditions": five_conditions(1 + i % 5),
                                 "network_nature": nature(3, 1 + i % 5)},
                        subjects=[({"theme": theme}, {"network_nature": nature(2, 4)})])
        registry.data_changed(network=network)  # answers written with the ORM: stored results are out of date
        for url in pages:
            with CaptureQueriesContext(connection) as ctx:
                assert logged_in_client.get(base + url).status_code == 200
            counts.setdefault(url, []).append(len(ctx))
    for url, (small, big) in counts.items():
        assert big == small <= 25, url


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(st.tuples(st.sampled_from(["hospital", "gp", "welfare", "ggd"]),
                                 st.sampled_from(["strategic", "tactical", "operational"]),
                                 st.integers(1, 5)), min_size=0, max_size=12),
       minimum=st.integers(1, 5))
def test_anonymity_holds_for_any_set_of_respondents(network, people, minimum):
    """Whatever answered: nothing shown rests on fewer than the minimum, and no hidden group of a
    split (types, levels) can be worked out by subtracting the shown ones from the total."""
    network.anonymity_minimum = minimum
    network.save()
    orgs = {key: organisation(network, f"Org {key} {network.survey_rounds.count()}", key)
            for key in ("hospital", "gp", "welfare", "ggd")}
    rnd = make_round(network, f"Ronde {network.survey_rounds.count()}", ["five_conditions"])
    for type_key, level, score in people:
        respond(rnd, orgs[type_key], {"five_conditions": five_conditions(score)}, level=level)
    result = breakdown.round_results(survey_round=rnd).instruments[0]
    assert result.suppressed == (len(people) < minimum)
    if not result.suppressed:
        for kind in ("type", "level"):
            shown = [g for g in result.groups[kind] if not g.suppressed]
            assert all(g.n >= minimum and all(s.suppressed or s.n >= minimum for s in g.dimensions) for g in shown)
            rest = len(people) - sum(g.n for g in shown)
            assert rest == 0 or rest >= minimum, kind
            if shown:
                mean = sum(s for _t, _l, s in people) / len(people)
                assert by_key(result.dimensions)["ambitie"].mean == pytest.approx(mean)


def test_an_open_round_says_its_results_still_change(network, logged_in_client):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    rnd = make_round(network, "Lopend", ["five_conditions"], opens=(today - datetime.timedelta(days=3)).isoformat(),
                     closes=(today + datetime.timedelta(days=30)).isoformat())
    html = logged_in_client.get(f"/n/{network.slug}/assessments/rounds/{rnd.pk}/results/").content.decode()
    assert 'id="results-hidden"' in html and 'id="round-summary"' not in html  # no answers yet, even for an admin
    hospital = organisation(network, "Ziekenhuis", "hospital")
    for score in (2, 3, 4):
        respond(rnd, hospital, {"five_conditions": five_conditions(score)})
    html = logged_in_client.get(f"/n/{network.slug}/assessments/rounds/{rnd.pk}/results/").content.decode()
    assert 'id="round-open"' in html and 'id="results-hidden"' not in html  # the admin, once three completed
    rnd.closes_on = today - datetime.timedelta(days=1)
    rnd.save()
    html = logged_in_client.get(f"/n/{network.slug}/assessments/rounds/{rnd.pk}/results/").content.decode()
    assert 'id="round-open"' not in html


def test_api_free_texts_come_in_pages(region, user):
    url = f"/api/v1/networks/{region.network.slug}/survey-rounds/{region.pk}/results/"
    client = _api(user)
    everything = client.get(url).json()["instruments"][0]
    assert everything["texts_count"] == len(everything["texts"]) == 5
    pages = [client.get(url + f"?texts_limit=2&texts_offset={offset}").json()["instruments"][0]
             for offset in (0, 2, 4)]
    assert [len(page["texts"]) for page in pages] == [2, 2, 1]
    assert {page["texts_count"] for page in pages} == {5}
    assert [t for page in pages for t in page["texts"]] == everything["texts"]
    assert client.get(url + "?texts_limit=0").json()["instruments"][0]["texts"] == []
    assert client.get(url + "?texts_limit=5000").status_code == 422


def test_api_groups_come_in_pages(region, user):
    """The theme groups grow with the network: the groups come in pages, types and levels first."""
    url = f"/api/v1/networks/{region.network.slug}/survey-rounds/{region.pk}/results/"
    client = _api(user)
    everything = client.get(url + "?groups_limit=500").json()["instruments"][0]
    count = everything["groups_count"]
    assert count == len(everything["groups"]) >= 3
    assert [g["kind"] for g in everything["groups"]] == sorted((g["kind"] for g in everything["groups"]),
                                                               key=["type", "level", "theme"].index)
    pages = [client.get(url + f"?groups_limit=2&groups_offset={offset}").json()["instruments"][0]
             for offset in range(0, count, 2)]
    assert {len(page["groups"]) for page in pages[:-1]} == {2} and {page["groups_count"] for page in pages} == {count}
    assert [g for page in pages for g in page["groups"]] == everything["groups"]
    assert client.get(url + "?groups_limit=0").json()["instruments"][0]["groups"] == []
    assert client.get(url + "?groups_limit=5000").status_code == 422
