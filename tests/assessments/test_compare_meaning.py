"""The round comparison reads each change by its dimension's direction and names instruments and dimensions."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from results_fixtures import dip, five_conditions, make_round, organisation, respond

from netwerkregie.assessments.charts import VERDICT_COLOURS, comparison_chart
from netwerkregie.assessments.instruments import Better, InstrumentError, instrument_get, load_file
from netwerkregie.assessments.results import trends
from netwerkregie.assessments.results.trends import Verdict

pytestmark = pytest.mark.django_db


def nature(score: int) -> dict[str, object]:
    """network_nature answers whose steering and content means are both `score`."""
    inst = instrument_get("network_nature")
    return {it.key: (6 - score if it.reverse else score)
            for dim in ("steering", "content") for it in inst.dimension(dim).items}


@pytest.fixture
def two_rounds(network):
    """Between the rounds the five conditions fall (worse), dip signals fall (better), steering rises (neither)."""
    h = organisation(network, "Ziekenhuis", "hospital")
    instruments = ["five_conditions", "network_dip", "network_nature"]
    before = make_round(network, "Monitor 2024", instruments, opens="2024-01-10", closes="2024-03-01")
    after = make_round(network, "Monitor 2025", instruments, opens="2025-01-10", closes="2025-03-01")
    for _ in range(3):
        respond(before, h, {"five_conditions": five_conditions(4), "network_dip": dip(4), "network_nature": nature(2)})
        respond(after, h, {"five_conditions": five_conditions(3), "network_dip": dip(2), "network_nature": nature(4)})
    return before, after


def test_every_change_is_read_by_its_direction(two_rounds):
    comparison = trends.round_comparison(before=two_rounds[0], after=two_rounds[1])
    verdicts = {(d.instrument.key, d.key): d.verdict for d in comparison.differences}
    assert verdicts[("five_conditions", "ambitie")] == Verdict.WORSE  # higher is better, it went down
    assert verdicts[("network_dip", "signals")] == Verdict.BETTER  # lower is better, it went down
    assert verdicts[("network_nature", "steering")] == Verdict.NEITHER  # a position, not a grade
    same = trends.round_comparison(before=two_rounds[0], after=two_rounds[0])
    assert {d.verdict for d in same.differences if not d.suppressed} == {Verdict.SAME}


def test_the_chart_names_instruments_and_dimensions_and_colours_by_meaning(two_rounds):
    with translation.override("en"):
        chart = comparison_chart(trends.round_comparison(before=two_rounds[0], after=two_rounds[1]))
    rows = {row["dimension"]: row for row in chart.spec["data"]["values"]}
    assert rows["Network dip: Dip signals"]["meaning"] == "better"
    assert rows["Five conditions for promising cooperation: Ambition"]["meaning"] == "worse"
    assert not any(label.startswith(("network_dip", "five_conditions")) for label in rows)
    colour = chart.spec["layer"][0]["encoding"]["color"]["scale"]
    assert dict(zip(colour["domain"], colour["range"], strict=True))["better"] == VERDICT_COLOURS[Verdict.BETTER]


def test_the_compare_page_in_dutch(two_rounds, logged_in_client):
    before, after = two_rounds
    url = reverse("assessments:results_compare", kwargs={"network": before.network.slug})
    page = logged_in_client.get(url, {"a": before.pk, "b": after.pk}, HTTP_ACCEPT_LANGUAGE="nl").content.decode()

    def verdict(key: str) -> str:
        row = re.search(rf'<tr data-key="{re.escape(key)}".*?</tr>', page, re.S).group(0)
        return re.search(r'class="verdict" data-verdict="(\w+)">.*?</span>([^<]+)</td>', row, re.S).groups()

    assert verdict("network_dip.signals") == ("better", "beter")
    assert verdict("five_conditions.ambitie") == ("worse", "slechter")
    assert verdict("network_nature.steering") == ("neither", "veranderd, niet beter of slechter")
    legend = re.search(r'<ul[^>]*id="verdict-legend">(.*?)</ul>', page, re.S).group(1)
    assert re.findall(r'data-verdict="(\w+)"', legend) == [v.value for v in Verdict]
    assert VERDICT_COLOURS[Verdict.BETTER] in legend
    spec = json.loads(re.search(r'<script id="compare-spec" type="application/json">(.*?)</script>', page,
                                re.S).group(1))
    labels = [row["dimension"] for row in spec["data"]["values"]]
    assert "Netwerkdip: Dipsignalen" in labels and not any(":" in label.split(": ")[0] for label in labels)
    assert {row["meaning"] for row in spec["data"]["values"]} >= {"beter", "slechter"}


def test_an_instruments_direction_is_checked(tmp_path):
    assert instrument_get("network_dip").dimension("signals").better == Better.LOWER
    assert instrument_get("governance_contingencies").dimension("goal_consensus").better == Better.HIGHER
    assert instrument_get("governance_contingencies").dimension("competency_need").better == Better.NEITHER
    bad = tmp_path / "bad.yaml"
    bad.write_text("key: bad\nname_nl: B\nname_en: B\nsource: s\nbetter: up\n"
                   "dimensions:\n  - {key: d, name_nl: D, name_en: D, items: "
                   "[{key: i, text_nl: t, text_en: t, answer_type: likert5}]}\n")
    with pytest.raises(InstrumentError, match="'better' must be one of higher, lower, neither, not 'up'"):
        load_file(bad)
