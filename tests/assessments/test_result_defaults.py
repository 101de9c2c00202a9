"""Which rounds and instrument the trend, compare and quadrant pages show by default (selectors, no views)."""

from __future__ import annotations

import pytest
from django.http import Http404

from netwerkregie.assessments.models import SurveyRound
from netwerkregie.assessments.results import quadrant, trends


def rounds(*instrument_lists: list[str]) -> list[SurveyRound]:
    """Rounds newest first, ids counting down (as selectors.round_list orders them)."""
    count = len(instrument_lists)
    return [SurveyRound(pk=count - i, name=f"R{count - i}", instruments=keys)
            for i, keys in enumerate(instrument_lists)]


def test_compare_defaults_to_the_last_two_rounds_oldest_first():
    newest, previous, oldest = rounds([], [], [])
    assert trends.compared_rounds(rounds=[newest, previous, oldest], before_id=None, after_id=None) == (
        previous, newest)
    assert trends.compared_rounds(rounds=[newest, previous, oldest], before_id=oldest.pk, after_id=None) == (
        oldest, None)
    assert trends.compared_rounds(rounds=[newest], before_id=None, after_id=None) == (None, None)
    with pytest.raises(Http404):  # a round the member may not see is like one that does not exist
        trends.compared_rounds(rounds=[newest, previous], before_id=99, after_id=newest.pk)


def test_trend_opens_on_the_five_conditions_when_asked():
    assert trends.trend_instrument(asked=["network_dip", "five_conditions"], chosen=None) == "five_conditions"
    assert trends.trend_instrument(asked=["network_dip", "relations"], chosen=None) == "network_dip"
    assert trends.trend_instrument(asked=[], chosen=None) == ""
    assert trends.trend_instrument(asked=["network_dip"], chosen="network_dip") == "network_dip"
    with pytest.raises(Http404):
        trends.trend_instrument(asked=["network_dip"], chosen="five_conditions")


def test_quadrant_shows_the_newest_round_that_asked_it():
    newest, asked, oldest = rounds(["five_conditions"], ["network_nature"], ["network_nature"])
    everything = [newest, asked, oldest]
    assert quadrant.quadrant_round(rounds=everything, chosen=None) == asked
    assert quadrant.quadrant_round(rounds=everything, chosen=str(oldest.pk)) == oldest
    assert quadrant.quadrant_round(rounds=[newest], chosen=None) is None
    for wrong in (str(newest.pk), "abc", "999"):  # not asking the quadrant, not an id, not visible
        with pytest.raises(Http404):
            quadrant.quadrant_round(rounds=everything, chosen=wrong)
