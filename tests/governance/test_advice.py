"""The governance-mode rules on a table of cases, with the form the logic of Provan & Kenis (2008) and 000 gives."""

import json
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError

from netwerkregie.governance.advice import (
    HYBRID,
    LEAD,
    NAO,
    SHARED,
    ParticipantBands,
    advise,
)

# participants, trust density, goal consensus, need for network-level competencies, centralisation -> form
CASES = [
    # 60 highly trusting, agreeing partners: too many to govern themselves; the hybrid of 000
    ((60, 0.9, 0.9, 0.1, None), HYBRID),
    # moderate trust, high consensus, moderate need, 20 participants: NAO, not shared governance
    ((20, 0.5, 0.8, 0.5, None), NAO),
    # moderate trust, consensus in the middle, high need: NAO
    ((10, 0.34, 0.5, 0.66, None), NAO),
    ((5, 0.9, 0.9, 0.1, None), SHARED),
    ((12, 0.8, 0.8, 0.2, None), SHARED),  # the top of the default few band (seed 002: 10–17 at board level)
    ((15, 0.1, 0.4, 0.5, 0.8), LEAD),  # low trust, highly centralised, moderately low consensus
    ((15, 0.1, 0.4, 0.5, 0.2), NAO),  # the same with low centralisation: no lead organisation
    ((15, 0.1, 0.4, 0.5, None), NAO),  # centralisation unknown: a lead organisation cannot be confirmed
    ((40, 0.5, 0.5, 0.9, None), NAO),
    ((40, 0.9, 0.9, 0.9, None), HYBRID),
    ((25, 0.5, 0.6, 0.8, None), NAO),
]


@pytest.mark.parametrize(("args", "expected"), CASES)
def test_table_of_cases(args, expected):
    n, trust, goals, need, central = args
    advice = advise(participants=n, trust_density=trust, goal_consensus=goals, competency_need=need,
                    centralization=central)
    assert advice.recommended == expected, advice.scores
    assert set(advice.scores) == {SHARED, LEAD, NAO, HYBRID}
    assert not advice.tied


def test_moderately_high_consensus_favours_nao_and_moderately_low_favours_lead():
    common = {"participants": 15, "trust_density": 0.3, "competency_need": 0.6, "centralization": 0.8}
    high = advise(goal_consensus=0.6, **common).scores
    low = advise(goal_consensus=0.4, **common).scores
    assert high[NAO] > high[LEAD] - 0.1 and high[NAO] - high[LEAD] > low[NAO] - low[LEAD]
    # consensus counted alone: moderately high gives NAO the full fit and lead less, and the other way round
    assert advise(goal_consensus=0.6, **common).scores[NAO] > advise(goal_consensus=0.4, **common).scores[NAO]
    assert advise(goal_consensus=0.4, **common).scores[LEAD] > advise(goal_consensus=0.6, **common).scores[LEAD]


@pytest.mark.parametrize("participants", range(9, 26))
def test_nao_fits_moderate_to_many_participants(participants):
    advice = advise(participants=participants, trust_density=0.5, goal_consensus=0.6, competency_need=0.8)
    assert advice.scores[NAO] == 1.0


def test_size_caps_shared_governance():
    scores = [advise(participants=n, trust_density=1, goal_consensus=1, competency_need=0).scores[SHARED]
              for n in (5, 12, 16, 20, 30, 60)]
    assert scores[:2] == [1.0, 1.0] and scores == sorted(scores, reverse=True) and scores[-1] == 0.0
    advice = advise(participants=60, trust_density=0.9, goal_consensus=0.9, competency_need=0.1)
    assert any("inefficient" in str(r) for r in advice.reasons)
    assert any("hybrid of seed 000" in str(r) for r in advice.reasons)


def test_lead_organisation_needs_high_centralisation_and_the_reasons_say_so():
    low = advise(participants=15, trust_density=0.1, goal_consensus=0.4, competency_need=0.5, centralization=0.2)
    assert low.scores[LEAD] < low.scores[NAO]
    assert any("not a good fit" in str(r) and "centralised" in str(r) for r in low.reasons)
    unknown = advise(participants=15, trust_density=0.1, goal_consensus=0.4, competency_need=0.5)
    assert unknown.scores[LEAD] <= 0.5
    assert any("cannot be confirmed" in str(r) for r in unknown.reasons)


def test_a_tie_is_named_not_decided_by_dictionary_order():
    advice = advise(participants=5, trust_density=0, goal_consensus=0, competency_need=0)
    assert advice.recommended is None
    assert advice.tied == (SHARED, LEAD)
    assert any("fit equally well" in str(r) for r in advice.reasons)


def test_bands_overlap_and_are_settable():
    bands = ParticipantBands()
    assert bands.bands_of(10) == ("few", "moderate") and bands.bands_of(25) == ("moderate", "many")
    # a network that sets "few" up to 17 (seed 002's boards) keeps shared governance at 20
    wide = ParticipantBands(few_max=17, moderate_min=10, moderate_max=40, many_min=30)
    args = {"participants": 20, "trust_density": 0.9, "goal_consensus": 0.9, "competency_need": 0.1}
    assert advise(**args).recommended == HYBRID
    assert advise(bands=wide, **args).recommended == SHARED
    with pytest.raises(ValidationError) as exc:
        ParticipantBands(few_max=5, moderate_min=9).check()  # 6–8 in no band
    assert "participants_moderate_min" in exc.value.message_dict


def test_the_further_advice_of_seeds_000_and_002():
    new = advise(participants=20, trust_density=0.5, goal_consensus=0.6, competency_need=0.8, years_active=0.5)
    assert any("new network is often started with an NAO" in str(n) for n in new.notes)
    assert any("differ per level" in str(n) for n in new.notes)
    kept = advise(participants=30, trust_density=0.9, goal_consensus=0.9, competency_need=0.1,
                  current_form=SHARED)
    assert any("kept too long" in str(n) for n in kept.notes)
    double = advise(participants=20, trust_density=0.5, goal_consensus=0.6, competency_need=0.8,
                    current_form=NAO, lead_type="municipality")
    assert any("double role" in str(n) for n in double.notes)
    provider = advise(participants=20, trust_density=0.5, goal_consensus=0.6, competency_need=0.8,
                      current_form=NAO, lead_type="hospital")
    assert not any("double role" in str(n) for n in provider.notes)


def test_invalid_fraction_names_field():
    with pytest.raises(ValidationError) as exc:
        advise(participants=5, trust_density=1.5, goal_consensus=0.5, competency_need=0.5)
    assert "trust_density" in exc.value.message_dict


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "django", "advise", *args], capture_output=True, text=True,
                          env={**os.environ, "DJANGO_SETTINGS_MODULE": "netwerkregie.settings"})


def test_advise_cli_json():
    out = _cli("--participants", "60", "--trust-density", "0.9", "--goal-consensus", "0.9", "--competency-need",
               "0.1", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["recommended"] == "hybrid"
    bad = _cli("--participants", "4", "--trust-density", "2", "--goal-consensus", "0.5", "--competency-need", "0.5")
    assert bad.returncode != 0
    assert "trust_density" in bad.stderr
