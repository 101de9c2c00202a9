"""Issue 8, leak 5: the network-nature quadrant shows respondents per square, never one dot per respondent."""

from __future__ import annotations

import pytest

from netwerkregie.assessments.instruments import instrument_get

pytestmark = pytest.mark.django_db


def nature(x_score: int, y_score: int) -> dict[str, object]:
    inst = instrument_get("network_nature")
    return {it.key: (6 - score if it.reverse else score)
            for dim, score in (("steering", x_score), ("content", y_score)) for it in inst.dimension(dim).items}


@pytest.mark.parametrize("role", ["viewer", "member"])
def test_no_single_respondent_is_placed_on_the_quadrant(survey, network, member_as, role):
    """Four agree at (−0.5, −0.5); one stands alone at (+1, +1), for the network and for a theme."""
    rnd = survey.round(["network_nature"])
    org = survey.organisation("Welzijn", "welfare", ("Ouderen",))
    theme = network.themes.get()
    for x, y in [(2, 2)] * 4 + [(5, 5)]:
        survey.respond(rnd, org, {"network_nature": nature(x, y)},
                       subjects=[({"theme": theme}, {"network_nature": nature(x, y)})])
    response = member_as(role).web.get(f"/n/{network.slug}/assessments/quadrant/?round={rnd.pk}")
    assert response.status_code == 200
    for quadrant, chart in response.context["charts"]:
        assert quadrant.n == 5 and not quadrant.suppressed
        squares = [row for row in chart.spec["data"]["values"] if row["x2"] is not None]
        assert [(row["x"], row["y"], row["count"]) for row in squares] == [(-0.5, -0.5, 4)]
        # the one respondent's quadrant is hidden, and so is the other, which would give it away
        assert dict(quadrant.counts)["formeel · actie"] is None and dict(quadrant.counts)["informeel · ambitie"] is None
        assert all(count is None or count == 0 or count >= 3 for _label, count in quadrant.counts)
        assert all(row["x"] != 1.0 for row in chart.spec["data"]["values"])  # nothing at the lone (+1, +1)
