"""The dip warning: fires on a fabricated dip, stays quiet on a stable series, respects anonymity."""

from __future__ import annotations

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from results_fixtures import dip, five_conditions, make_round, organisation, respond

from netwerkregie.assessments import results
from netwerkregie.registry import services as registry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def monitor(network, year: int, scores: list[tuple[int, int]], **extra):
    """A closed network-wide round; scores per respondent: (five conditions, dip signals)."""
    rnd = make_round(network, f"Monitor {year}", ["five_conditions", "network_dip"], opens=f"{year}-01-10",
                     closes=f"{year}-03-01", **extra)
    org = organisation(network, f"Ziekenhuis {year}", "hospital")
    for conditions, signals in scores:
        respond(rnd, org, {"five_conditions": five_conditions(conditions), "network_dip": dip(signals)})
    return rnd


def test_stable_series_gives_no_warning(network):
    monitor(network, 2024, [(4, 2), (4, 2), (3, 2)])
    monitor(network, 2025, [(4, 2), (3, 2), (4, 3)])  # conditions 3.67 → 3.67, signals 2.0 → 2.33
    assert results.dip_warning(network=network) == []


def test_fewer_than_two_closed_rounds_give_no_warning(network):
    assert results.dip_warning(network=network) == []
    monitor(network, 2024, [(4, 2)] * 3)
    assert results.dip_warning(network=network) == []


def test_rising_signals_and_falling_conditions_are_named_with_before_and_after(network):
    before = monitor(network, 2024, [(4, 2), (4, 2), (4, 2)])
    after = monitor(network, 2025, [(4, 3), (3, 2), (4, 2)])  # signals +0.33, conditions -0.33: quiet
    assert results.dip_warning(network=network) == []
    after.delete()
    after = monitor(network, 2026, [(3, 3), (4, 3), (4, 2)])  # signals 2.0 → 2.67, conditions 4.0 → 3.67
    warning, = results.dip_warning(network=network)
    assert (warning.before, warning.after) == (before, after)
    assert {m.instrument for m in warning.moves} == {"network_dip"}
    assert len(warning.moves) == 13  # every signal rose by 0.67
    move = next(m for m in warning.moves if m.key == "need_structure")
    assert (move.before, move.after) == pytest.approx((2.0, 8 / 3))
    assert "2.0 → 2.7" in warning.message and "De behoefte aan structuur" in warning.message
    assert warning.code == "network_dip"
    assert warning.url.endswith(f"?a={before.pk}&b={after.pk}")


def test_threshold_is_inclusive_and_conditions_fall_counts(network):
    monitor(network, 2024, [(4, 2), (4, 2), (4, 2), (4, 2)])
    monitor(network, 2025, [(4, 2), (4, 2), (3, 2), (3, 2)])  # conditions exactly -0.5, signals unchanged
    warning, = results.dip_warning(network=network)
    assert {(m.instrument, m.key) for m in warning.moves} == {
        ("five_conditions", key) for key in ("ambitie", "belangen", "relatie", "organisatie", "proces")}
    assert all(m.change == pytest.approx(-results.CONDITION_FALL) for m in warning.moves)


def test_only_the_two_most_recent_closed_network_rounds_count(network):
    monitor(network, 2023, [(4, 2)] * 3)
    monitor(network, 2024, [(2, 4)] * 3)  # the dip
    monitor(network, 2025, [(2, 4)] * 3)  # stays down: no new movement
    assert results.dip_warning(network=network) == []
    assert results.dip_warning(network=network, on=datetime.date(2024, 6, 1))  # as seen in mid-2024
    # a round still open, and a round about one theme, do not count
    monitor(network, timezone.localdate().year + 1, [(1, 5)] * 3)  # closes next year
    theme = registry.theme_create(network=network, name="Ouderen")
    rnd = make_round(network, "Ouderen 2025", ["five_conditions", "network_dip"], opens="2025-04-01",
                     closes="2025-05-01", theme=theme)
    for i in range(3):
        respond(rnd, organisation(network, f"Thema-org {i}", "gp"),
                {"five_conditions": five_conditions(5), "network_dip": dip(1)})
    assert results.dip_warning(network=network) == []


def test_groups_below_the_anonymity_minimum_are_not_computed(network):
    monitor(network, 2024, [(4, 2), (4, 2)])
    monitor(network, 2025, [(1, 5), (1, 5)])
    assert results.dip_warning(network=network) == []  # two respondents: below the minimum of three
    network.anonymity_minimum = 2
    network.save()
    assert results.dip_warning(network=network)


def test_dashboard_include_renders_the_moves(network):
    monitor(network, 2024, [(4, 2)] * 3)
    monitor(network, 2025, [(2, 2)] * 3)
    html = render_to_string("assessments/_dip_warning.html", {"dip_warnings": results.dip_warning(network=network)})
    assert 'data-code="network_dip"' in html
    assert 'data-key="relatie"' in html and "4,00 → 2,00" in html and "(-2,00)" in html
    assert "Monitor 2024" in html and "Monitor 2025" in html
    assert render_to_string("assessments/_dip_warning.html", {"dip_warnings": []}).strip() == ""
