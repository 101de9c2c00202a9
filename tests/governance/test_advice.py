import pytest
from django.core.exceptions import ValidationError

from netwerkregie.governance.advice import advise


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((5, 0.9, 0.9, 0.1), "shared_governance"),
        ((15, 0.1, 0.1, 0.5), "lead_organization"),
        ((40, 0.5, 0.5, 0.9), "nao"),
    ],
)
def test_provan_kenis_rows(args, expected):
    n, trust, goals, comp = args
    advice = advise(participants=n, trust_density=trust, goal_consensus=goals, competency_need=comp)
    assert advice.recommended == expected
    assert set(advice.scores) == {"shared_governance", "lead_organization", "nao"}


def test_invalid_fraction_names_field():
    with pytest.raises(ValidationError) as exc:
        advise(participants=5, trust_density=1.5, goal_consensus=0.5, competency_need=0.5)
    assert "trust_density" in exc.value.message_dict


def test_advise_cli_json():
    import json
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "django", "advise", "--participants", "40", "--trust-density", "0.5",
         "--goal-consensus", "0.5", "--competency-need", "0.9", "--json"],
        capture_output=True, text=True, env={**__import__("os").environ,
                                             "DJANGO_SETTINGS_MODULE": "netwerkregie.settings"},
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["recommended"] == "nao"
    bad = subprocess.run(
        [sys.executable, "-m", "django", "advise", "--participants", "4", "--trust-density", "2",
         "--goal-consensus", "0.5", "--competency-need", "0.5"],
        capture_output=True, text=True, env={**__import__("os").environ,
                                             "DJANGO_SETTINGS_MODULE": "netwerkregie.settings"},
    )
    assert bad.returncode != 0
    assert "trust_density" in bad.stderr
