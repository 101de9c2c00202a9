from netwerkregie.assessments.instruments import instrument_get
from netwerkregie.assessments.scoring import DONT_KNOW, dimension_means, group_stats


def test_mean_with_reverse_item_and_dont_know():
    inst = instrument_get("five_conditions")
    scores = dimension_means(inst, {"amb_shared": 4, "amb_concrete": DONT_KNOW,
                                    "bel_open": 5, "bel_conflict": 4})
    assert scores["ambitie"] == 4
    assert scores["belangen"] == 3.5  # 5 and (6 - 4) = 2


def test_group_stats():
    stats = group_stats([1, 3, 3, 5, DONT_KNOW])
    assert stats["n"] == 4 and stats["mean"] == 3 and stats["median"] == 3
    assert stats["distribution"] == {1: 1, 3: 2, 5: 1}
    assert round(stats["stdev"], 4) == 1.633


def test_share_yes_for_form_fit():
    from netwerkregie.assessments.scoring import share_yes

    inst = instrument_get("network_form_fit")
    assert len(inst.dimensions[0].items) == 5
    assert share_yes(inst, {"no_single_party": True, "complexity": False, "diverse_parties": True,
                            "many_initiatives": True}) == 0.75
