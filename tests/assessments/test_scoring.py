"""Scoring per instrument against values worked out by hand (the arithmetic is in the comments)."""

import math

import pytest
import yaml

from netwerkregie.assessments.instruments import instrument_get, load_file
from netwerkregie.assessments.scoring import (
    DONT_KNOW,
    choice_distribution,
    contingency_scores,
    dimension_means,
    dimension_scores,
    group_scores,
    group_stats,
    item_stats,
    item_value,
    network_position,
    position_spread,
    quadrant,
    relation_scores,
    score,
    share_yes,
    to_unit_interval,
    unit_scores,
)


def test_mean_with_reverse_item_and_dont_know():
    inst = instrument_get("five_conditions")
    scores = dimension_means(inst, {"amb_shared": 4, "amb_concrete": DONT_KNOW,
                                    "bel_open": 5, "bel_conflict": 4})
    assert scores["ambitie"] == 4
    assert scores["belangen"] == 3.5  # 5 and (6 - 4) = 2


def test_five_conditions_every_condition():
    inst = instrument_get("five_conditions")
    answers = {
        # ambitie: 5, 4, 3, 4, reverse amb_unclear 2 -> 6 - 2 = 4; (5 + 4 + 3 + 4 + 4) / 5 = 4.0
        "amb_shared": 5, "amb_concrete": 4, "amb_meaningful": 3, "amb_own_org": 4, "amb_unclear": 2,
        # belangen: 2, reverse 5 -> 1, 3, don't know, missing; (2 + 1 + 3) / 3 = 2.0
        "bel_open": 2, "bel_conflict": 5, "bel_respected": 3, "bel_mutual_gain": DONT_KNOW,
        # relatie: 4, 4, 5, reverse 1 -> 5, 3; 21 / 5 = 4.2
        "rel_trust": 4, "rel_know": 4, "rel_address": 5, "rel_suspicion": 1, "rel_invest": 3,
        # organisatie: only don't know -> no score
        "org_fit": DONT_KNOW, "org_roles": DONT_KNOW,
        # proces: 1, 2 -> 1.5 (free text or a stray bool is ignored)
        "pro_careful": 1, "pro_meaning": 2, "pro_decisions": True,
    }
    scores = dimension_scores(inst, answers)
    assert scores == {"ambitie": 4.0, "belangen": 2.0, "relatie": pytest.approx(4.2), "organisatie": None,
                      "proces": 1.5}
    assert score(inst, answers) == {"dimensions": scores}


def test_network_dip_mean_of_signals_with_the_outcome_apart():
    inst = instrument_get("network_dip")
    answers = {"context_change": 5, "more_consultation": 4, "capacity_financing": 4, "goal_disputes": 2,
               "accountability_contributions": DONT_KNOW, "existential_questions": 1}
    # (5 + 4 + 4 + 2) / 4 = 3.75; the existential questions are 001's outcome, not a signal
    assert dimension_scores(inst, answers) == {"signals": pytest.approx(3.75), "outcome": 1.0}


def test_network_value_per_capital():
    inst = instrument_get("network_value")
    answers = {"eco_citizen_benefit": 4, "eco_regional_effect": 2, "eco_meeting_value": 5,  # 11 / 3
               "soc_practice": 3, "soc_cohesion": DONT_KNOW, "soc_trust_pleasure": 4,  # 7 / 2 = 3.5
               "cul_knowledge": 1}  # 1.0
    assert dimension_scores(inst, answers) == {"economic": pytest.approx(11 / 3), "social": 3.5, "cultural": 1.0}


def test_building_blocks_and_ingredients_one_mean_each():
    blocks = dimension_scores(instrument_get("seven_building_blocks"), {"ownership_q": 2, "effect_q": DONT_KNOW})
    assert blocks["ownership"] == 2 and blocks["effect"] is None and blocks["transform"] is None
    ingredients = dimension_scores(instrument_get("four_ingredients"), {
        "shared_picture_q": 5,
        # 4, 5 and reverse 2 -> 6 - 2 = 4: (4 + 5 + 4) / 3
        "sub_coalitions_q": 4, "sub_coalitions_interest": 5, "sub_coalitions_scattered": 2})
    assert ingredients == {"shared_picture": 5, "building_blocks": None, "sub_coalitions": pytest.approx(13 / 3),
                           "leadership_team": None}


def test_share_yes_for_form_fit():
    inst = instrument_get("network_form_fit")
    assert len(inst.dimensions[0].items) == 7
    answers = {"no_single_party": True, "complexity": False, "diverse_parties": True, "many_initiatives": True,
               "principle_consent": 4}
    assert share_yes(inst, answers) == 0.75  # 3 of 4 answered; the principles are no yes/no items
    assert dimension_scores(inst, answers) == {"conditions": 0.75, "principles": None}  # a reflection list
    assert dimension_means(inst, answers) == {"conditions": None, "principles": 4.0}


def test_network_nature_position_and_quadrant():
    inst = instrument_get("network_nature")
    answers = {
        # steering: 5, 4, 4, reverse 2 -> 4, don't know; mean 17 / 4 = 4.25
        # unit (4.25 - 1) / 4 = 0.8125; x = 2 * 0.8125 - 1 = 0.625
        "steer_formal_agreements": 5, "steer_progress_monitoring": 4, "steer_mandates": 4,
        "steer_inspiration": 2, "steer_conversation": DONT_KNOW,
        # content: 2, 1, 2, reverse 5 -> 1, reverse 4 -> 2; mean 8 / 5 = 1.6
        # unit (1.6 - 1) / 4 = 0.15; y = 2 * 0.15 - 1 = -0.7
        "content_vision": 2, "content_action_plan": 1, "content_targets": 2, "content_room": 5,
        "content_incremental": 4,
    }
    position = network_position(inst, answers)
    assert position["x"] == pytest.approx(0.625) and position["y"] == pytest.approx(-0.7)
    assert position["quadrant"] == "formal_ambition"
    assert score(inst, answers)["position"] == position
    # without any content answer there is no position
    assert network_position(inst, {"steer_mandates": 3}) is None


def test_quadrant_edges():
    assert quadrant(-0.5, 0.5) == "informal_action"
    assert quadrant(-0.1, -0.1) == "informal_ambition"
    assert quadrant(0.3, 0.9) == "formal_action"
    assert quadrant(0, 0.9) is None  # exactly on the axis: undecided


def test_governance_contingencies_mapped_to_unit_interval():
    answers = {
        # goal consensus: 4, 4, 5, reverse 2 -> 4, don't know; mean 17 / 4 = 4.25 -> (4.25 - 1) / 4 = 0.8125
        "gc_shared_goals": 4, "gc_priorities": 4, "gc_own_goals": 5, "gc_disputes": 2, "gc_success": DONT_KNOW,
        # competency need: 2, 3, 2, 1, reverse 4 -> 2; mean 10 / 5 = 2 -> (2 - 1) / 4 = 0.25
        "cn_interdependent_tasks": 2, "cn_specialist_skills": 3, "cn_external_demands": 2,
        "cn_dedicated_capacity": 1, "cn_partners_suffice": 4,
    }
    expected = {"goal_consensus": pytest.approx(0.8125), "competency_need": pytest.approx(0.25)}
    assert contingency_scores(answers) == expected
    inst = instrument_get("governance_contingencies")
    assert unit_scores(inst, answers) == expected
    assert score(inst, answers)["unit"] == expected
    # the extremes of the scale are the extremes of 0..1
    all_high = {it.key: (1 if it.reverse else 5) for it in inst.items}
    assert contingency_scores(all_high) == {"goal_consensus": 1.0, "competency_need": 1.0}
    assert contingency_scores({}) == {"goal_consensus": None, "competency_need": None}


def test_to_unit_interval():
    assert to_unit_interval(3, 1, 5) == 0.5
    assert to_unit_interval(2.5, 1, 4) == 0.5
    assert to_unit_interval(None, 1, 5) is None


def test_relations_trust_and_value_means():
    answers = {
        "relation_kind": "coordinated", "frequency": "monthly", "flows": ["information", "clients"],
        # trust: 4, 3, don't know -> (4 + 3) / 2 = 3.5
        "trust_reliability": 4, "trust_openness": 3, "trust_mission": DONT_KNOW,
        # value: 2, 3, 4 -> 9 / 3 = 3.0
        "value_power": 2, "value_involvement": 3, "value_resources": 4,
    }
    assert relation_scores(answers) == {"trust": 3.5, "value": 3.0}
    scores = dimension_scores(instrument_get("relations"), answers)
    assert scores == {"relation": None, "flows": None, "trust": 3.5, "value": 3.0}
    inst = instrument_get("relations")
    assert item_value(inst.item("relation_kind"), "coordinated") == 3
    assert item_value(inst.item("frequency"), "monthly") == 3
    assert item_value(inst.item("flows"), ["information"]) is None


def test_regie_roles_mean_from_tight_to_loose_and_participation_ladder():
    inst = instrument_get("regie_roles")
    roles = ["client", "client", "client", "co_producer", "co_producer", "co_producer", "co_producer",
             "facilitator", "facilitator"]
    answers = {item.key: role for item, role in zip(inst.dimension("regie_roles").items, roles, strict=True)}
    # participation: informed 1, advising 2, co_producing 4, self_governance 5 -> 12 / 4 = 3
    answers |= {"part_agenda": "informed", "part_framework": "advising", "part_execution": "co_producing",
                "part_evaluation": "self_governance"}
    scores = dimension_scores(inst, answers)
    assert scores["regie_roles"] == pytest.approx(17 / 9)  # (3 * 1 + 4 * 2 + 2 * 3) / 9
    assert scores["participation"] == 3
    assert item_value(inst.item("role_goal"), "unknown_role") is None


def test_platform31_per_level_answers_and_characteristics():
    inst = instrument_get("platform31")
    strategic = {"val_task": 4, "val_ambition": 5, "val_realised": 3,  # (4 + 5 + 3) / 3 = 4
                 "des_membership": 2, "des_funds": 1,  # 1.5
                 "fun_rules": DONT_KNOW,  # None
                 "leg_support": 3, "leg_routes": ["self", "advisory_board"]}  # routes add no number: 3
    assert dimension_scores(inst, strategic) == {"value": 4, "design": 1.5, "functioning": None,
                                                  "legitimation": 3, "characteristics": None}
    characteristics = {it.key: True for it in inst.dimension("characteristics").items}
    characteristics["chr_sovereignty"] = characteristics["chr_public"] = False
    # 5 of 7 yes
    assert dimension_scores(inst, characteristics)["characteristics"] == pytest.approx(5 / 7)
    assert share_yes(inst, characteristics, dimension="characteristics") == pytest.approx(5 / 7)


def test_reverse_is_mirrored_on_the_items_own_scale(tmp_path):
    path = tmp_path / "four.yaml"
    path.write_text(yaml.safe_dump({
        "key": "four", "name_nl": "V", "name_en": "F", "source": "s", "instructions_nl": "i", "instructions_en": "i",
        "dimensions": [{"key": "d", "name_nl": "D", "name_en": "D", "items": [
            {"key": "a", "text_nl": "a", "text_en": "A", "answer_type": "scale_1_4", "reverse": True},
            {"key": "b", "text_nl": "b", "text_en": "B", "answer_type": "rating10", "reverse": True}]}]}))
    inst = load_file(path)
    assert item_value(inst.item("a"), 1) == 4  # 1 + 4 - 1
    assert item_value(inst.item("b"), 3) == 8  # 1 + 10 - 3
    assert dimension_means(inst, {"a": 1, "b": 3}) == {"d": 6}


def test_group_stats():
    stats = group_stats([1, 3, 3, 5, DONT_KNOW])
    assert stats["n"] == 4 and stats["mean"] == 3 and stats["median"] == 3
    assert stats["distribution"] == {1: 1, 3: 2, 5: 1}
    # sample standard deviation: squared deviations 4 + 0 + 0 + 4 = 8; sqrt(8 / 3) = 1.63299
    assert round(stats["stdev"], 4) == 1.633
    assert stats["dont_know"] == 1


def test_group_stats_empty_and_single():
    assert group_stats([]) == {"n": 0, "mean": None, "median": None, "stdev": None, "distribution": {},
                               "dont_know": 0}
    assert group_stats([None, 4])["stdev"] is None


def test_choice_distribution_counts_each_pick_once():
    values = [["information", "clients"], ["information", "information"], "money", DONT_KNOW, None]
    assert choice_distribution(values) == {"information": 2, "clients": 1, "money": 1}


def test_group_scores_over_respondents():
    inst = instrument_get("governance_contingencies")
    respondents = [
        {"gc_shared_goals": 5, "gc_disputes": 1},  # 5 and 6 - 1 = 5 -> 5
        {"gc_shared_goals": 3, "gc_priorities": 2},  # 2.5
        {"gc_shared_goals": DONT_KNOW},  # no score
        {"gc_own_goals": 1},  # 1
    ]
    stats = group_scores(inst, respondents)["goal_consensus"]
    assert stats["n"] == 3 and stats["mean"] == pytest.approx(8.5 / 3) and stats["median"] == 2.5
    # deviations from 8.5/3: 6.5/3, -1/3, -5.5/3; squares sum (42.25 + 1 + 30.25) / 9 = 73.5 / 9
    assert stats["stdev"] == pytest.approx(math.sqrt(73.5 / 9 / 2))
    assert stats["distribution"] == {5: 1, 2.5: 1, 1: 1}


def test_item_stats_per_answer_type():
    rel = instrument_get("relations")
    respondents = [
        {"relation_kind": "aware", "flows": ["information"], "trust_reliability": 4},
        {"relation_kind": "aware", "flows": ["information", "money"], "trust_reliability": DONT_KNOW},
        {"relation_kind": "integrated", "trust_reliability": 2},
    ]
    stats = item_stats(rel, respondents)
    assert stats["relation_kind"] == {"n": 3, "distribution": {"none": 0, "aware": 2, "cooperative": 0,
                                                               "coordinated": 0, "integrated": 1}}
    assert stats["flows"]["distribution"] == {"information": 2, "clients": 0, "money": 1, "staff": 0, "knowledge": 0}
    assert stats["flows"]["n"] == 2
    assert stats["trust_reliability"]["mean"] == 3 and stats["trust_reliability"]["dont_know"] == 1

    fit = item_stats(instrument_get("network_form_fit"), [{"complexity": True}, {"complexity": False},
                                                          {"complexity": True}])
    assert fit["complexity"] == {"n": 3, "distribution": {"yes": 2, "no": 1}, "share_yes": pytest.approx(2 / 3)}
    # reverse items are reported as ticked, not mirrored
    five = item_stats(instrument_get("five_conditions"), [{"bel_conflict": 5}, {"bel_conflict": 4}])
    assert five["bel_conflict"]["distribution"] == {5: 1, 4: 1}


def test_position_spread_shows_disagreement():
    inst = instrument_get("network_nature")
    formal_action = {"steer_formal_agreements": 5, "content_vision": 5}  # x = 1, y = 1
    informal_ambition = {"steer_formal_agreements": 1, "content_vision": 2}  # x = -1, y = 2 * 0.25 - 1 = -0.5
    spread = position_spread(inst, [formal_action, informal_ambition, {"steer_mandates": 3}])
    assert [(p["x"], p["y"]) for p in spread["positions"]] == [(1, 1), (-1, -0.5)]
    assert spread["centre"] == {"x": 0, "y": 0.25}
    # two points: stdev = |a - b| / sqrt(2)
    assert spread["stdev"]["x"] == pytest.approx(2 / math.sqrt(2))
    assert spread["stdev"]["y"] == pytest.approx(1.5 / math.sqrt(2))
    assert spread["quadrants"] == {"formal_action": 1, "informal_ambition": 1}
    assert position_spread(inst, []) == {"positions": [], "centre": None, "stdev": None, "quadrants": {}}
