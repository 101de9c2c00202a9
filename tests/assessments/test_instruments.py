import copy
import json
from io import StringIO

import pytest
import yaml
from django.core.management import call_command

from netwerkregie.assessments.instruments import (
    INSTRUMENT_DIR,
    LEVELS,
    SCALES,
    InstrumentError,
    instrument_get,
    instrument_list,
    load_file,
)

MINIMAL = {
    "key": "x", "name_nl": "X", "name_en": "X", "source": "s",
    "instructions_nl": "Doe dit.", "instructions_en": "Do this.",
    "dimensions": [{"key": "d", "name_nl": "D", "name_en": "D", "items": [
        {"key": "i", "text_nl": "Vraag", "text_en": "Question", "answer_type": "likert5"},
    ]}],
}


def write(tmp_path, data: dict, name: str = "bad.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def variant(**item_changes) -> dict:
    data = copy.deepcopy(MINIMAL)
    item = data["dimensions"][0]["items"][0]
    for key, value in item_changes.items():
        if value is None:
            item.pop(key)
        else:
            item[key] = value
    return data


# --- the loader and its validation -------------------------------------------------------------

def test_minimal_file_loads(tmp_path):
    inst = load_file(write(tmp_path, MINIMAL, "ok.yaml"))
    assert inst.key == "x" and inst.instructions_en == "Do this."
    assert inst.item("i").scale == (1, 5) and inst.item("i").dont_know
    assert not (inst.per_theme or inst.per_level or inst.per_organisation)


def test_bad_answer_type_names_file_and_path(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("key: x\nname_nl: a\nname_en: a\nsource: s\ndimensions:\n"
                   "  - {key: d, name_nl: d, name_en: d, items: [{key: i, text_nl: t, text_en: t, answer_type: x}]}\n")
    with pytest.raises(InstrumentError, match=r"bad.yaml: dimensions\[0\].items\[0\].answer_type: unknown type 'x'"):
        load_file(bad)


def test_missing_text_en_names_file_and_item(tmp_path):
    expected = r"^bad.yaml: dimensions\[0\]\.items\[0\]: missing 'text_en' \(item 'i'\)"
    with pytest.raises(InstrumentError, match=expected):
        load_file(write(tmp_path, variant(text_en=None)))


def test_empty_text_nl_is_refused(tmp_path):
    with pytest.raises(InstrumentError, match=r"'text_nl' must be a non-empty text \(item 'i'\)"):
        load_file(write(tmp_path, variant(text_nl="  ")))


def test_unknown_item_field_is_refused(tmp_path):
    with pytest.raises(InstrumentError, match=r"unknown field\(s\) revers \(item 'i'\)"):
        load_file(write(tmp_path, variant(revers=True)))


def test_missing_instructions_are_refused(tmp_path):
    data = copy.deepcopy(MINIMAL)
    del data["instructions_en"]
    with pytest.raises(InstrumentError, match=r"^bad.yaml: missing 'instructions_en'"):
        load_file(write(tmp_path, data))


def test_choice_item_needs_choices_with_both_labels(tmp_path):
    with pytest.raises(InstrumentError, match=r"items\[0\]: missing 'choices' \(item 'i'\)"):
        load_file(write(tmp_path, variant(answer_type="choice")))
    choices = [{"key": "a", "label_nl": "A", "label_en": "A"}, {"key": "b", "label_nl": "B"}]
    with pytest.raises(InstrumentError, match=r"choices\[1\]: missing 'label_en' \(item 'i'\)"):
        load_file(write(tmp_path, variant(answer_type="multi_choice", choices=choices)))


def test_choices_must_be_scored_all_or_none_and_unique(tmp_path):
    mixed = [{"key": "a", "label_nl": "A", "label_en": "A", "score": 1}, {"key": "b", "label_nl": "B", "label_en": "B"}]
    with pytest.raises(InstrumentError, match="give every choice a score, or none"):
        load_file(write(tmp_path, variant(answer_type="choice", choices=mixed)))
    twice = [{"key": "a", "label_nl": "A", "label_en": "A"}, {"key": "a", "label_nl": "B", "label_en": "B"}]
    with pytest.raises(InstrumentError, match="duplicate choice keys"):
        load_file(write(tmp_path, variant(answer_type="choice", choices=twice)))


def test_choices_only_on_choice_items_and_reverse_only_on_scales(tmp_path):
    with pytest.raises(InstrumentError, match="only choice and multi_choice items have choices"):
        load_file(write(tmp_path, variant(choices=[{"key": "a", "label_nl": "A", "label_en": "A"}])))
    with pytest.raises(InstrumentError, match="'reverse' needs a scale answer type, not 'yes_no'"):
        load_file(write(tmp_path, variant(answer_type="yes_no", reverse=True)))


def test_scale_1_4_and_multi_choice_are_answer_types(tmp_path):
    inst = load_file(write(tmp_path, variant(answer_type="scale_1_4"), "ok.yaml"))
    assert inst.item("i").scale == (1, 4) == SCALES["scale_1_4"]
    choices = [{"key": "a", "label_nl": "A", "label_en": "A"}, {"key": "b", "label_nl": "B", "label_en": "B"}]
    inst = load_file(write(tmp_path, variant(answer_type="multi_choice", choices=choices), "ok.yaml"))
    assert [c.key for c in inst.item("i").choices] == ["a", "b"] and inst.item("i").scale is None


def test_subject_flags_and_dimension_override(tmp_path):
    data = copy.deepcopy(MINIMAL)
    data.update(per_theme=True, per_level=True, per_organisation=True)
    data["dimensions"].append({"key": "e", "name_nl": "E", "name_en": "E", "per_level": False, "scoring": "share_yes",
                               "items": [{"key": "j", "text_nl": "J", "text_en": "J", "answer_type": "yes_no"}]})
    inst = load_file(write(tmp_path, data, "ok.yaml"))
    assert inst.per_theme and inst.per_level and inst.per_organisation
    dims = [(d.key, d.per_level, d.scoring) for d in inst.dimensions]
    assert dims == [("d", True, "mean"), ("e", False, "share_yes")]
    data["per_level"] = "yes"
    with pytest.raises(InstrumentError, match="'per_level' must be true or false"):
        load_file(write(tmp_path, data))


def test_scoring_must_point_at_existing_mean_dimensions(tmp_path):
    data = copy.deepcopy(MINIMAL)
    data["scoring"] = {"position": {"x": "d", "y": "nope"}}
    with pytest.raises(InstrumentError, match=r"scoring.position.y: no dimension 'nope'"):
        load_file(write(tmp_path, data))
    data["scoring"] = {"unit_interval": ["d"], "method": "share_yes"}
    with pytest.raises(InstrumentError, match=r"scoring.unit_interval\[0\]: dimension 'd' is not scored by mean"):
        load_file(write(tmp_path, data))


def test_duplicate_item_keys_are_named(tmp_path):
    data = copy.deepcopy(MINIMAL)
    data["dimensions"][0]["items"].append(dict(data["dimensions"][0]["items"][0]))
    with pytest.raises(InstrumentError, match="^bad.yaml: duplicate item keys: i$"):
        load_file(write(tmp_path, data))


def test_invalid_yaml_names_the_file(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("key: [unclosed\n")
    with pytest.raises(InstrumentError, match="^broken.yaml: invalid YAML"):
        load_file(bad)


# --- the ten instruments -----------------------------------------------------------------------

ALL_KEYS = {"five_conditions", "network_dip", "network_value", "seven_building_blocks", "four_ingredients",
            "network_nature", "governance_contingencies", "network_form_fit", "platform31", "regie_roles",
            "relations", "rules_of_play"}


def test_every_instrument_file_is_one_of_the_ten_and_named_after_its_key():
    keys = {i.key for i in instrument_list()}
    assert keys <= ALL_KEYS
    assert {p.stem for p in INSTRUMENT_DIR.glob("*.yaml")} == keys


def test_all_instruments_have_nl_and_en_everywhere():
    for inst in instrument_list():
        texts = [inst.name_nl, inst.name_en, inst.instructions_nl, inst.instructions_en, inst.source]
        for dim in inst.dimensions:
            texts += [dim.name_nl, dim.name_en]
            for item in dim.items:
                texts += [item.text_nl, item.text_en]
                texts += [label for c in item.choices for label in (c.label_nl, c.label_en)]
        assert all(t.strip() for t in texts), inst.key
        # an English text that equals the Dutch one is an untranslated copy
        for item in inst.items:
            assert item.text_nl != item.text_en, (inst.key, item.key)


def test_sources_name_a_seed_file_and_a_frameworks_section():
    for inst in instrument_list():
        assert (".txt" in inst.source or "PARTNER" in inst.source) and "docs/sources.md §" in inst.source, inst.key
    assert instrument_get("relations").source.startswith("PARTNER")  # not a seed: the PARTNER survey
    assert "000_" not in instrument_get("relations").source


def test_five_conditions_has_at_least_four_items_per_condition():
    inst = instrument_get("five_conditions")
    assert [d.key for d in inst.dimensions] == ["ambitie", "belangen", "relatie", "organisatie", "proces"]
    assert all(len(d.items) >= 4 for d in inst.dimensions)
    assert all(it.answer_type == "likert5" and it.dont_know for it in inst.items)
    assert any(it.reverse for d in inst.dimensions for it in d.items)
    assert any(it.evidence for it in inst.items)


def test_network_dip_has_the_signals_of_001_and_its_outcome_apart():
    inst = instrument_get("network_dip")
    assert [(d.key, len(d.items)) for d in inst.dimensions] == [("signals", 15), ("outcome", 1)]
    texts = " ".join(it.text_nl for it in inst.items)
    for phrase in ("zorgen voor onzekerheid", "het nakomen van beloften en het waarmaken van gewekte verwachtingen",
                   "ambitie en belangen", "houvast en structuur", "sturing, heldere doelen en zekerheden"):
        assert phrase in texts, phrase
    assert "controle" not in texts and "ongestroomlijnd" not in texts


def test_building_blocks_and_ingredients_counts():
    blocks = instrument_get("seven_building_blocks")
    assert [d.key for d in blocks.dimensions] == ["collective_action", "coherent_themes", "overview", "ownership",
                                                  "effect", "learning", "transform"]
    ingredients = instrument_get("four_ingredients")
    assert [d.key for d in ingredients.dimensions] == ["shared_picture", "building_blocks", "sub_coalitions",
                                                       "leadership_team"]
    assert all(len(d.items) >= 3 for d in blocks.dimensions + ingredients.dimensions)


def test_cli_json_contract():
    out = StringIO()
    call_command("instruments", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert {i["key"] for i in data} == {i.key for i in instrument_list()}
    for inst in data:
        assert {"key", "name_nl", "name_en", "source", "dimensions"} <= set(inst)
        for dim in inst["dimensions"]:
            assert {"key", "name_nl", "name_en", "items"} <= set(dim)
            for item in dim["items"]:
                assert {"key", "text_nl", "text_en", "answer_type"} <= set(item)
    five = next(i for i in data if i["key"] == "five_conditions")
    assert five["dimensions"][0]["items"][0]["scale"] == [1, 5]


def test_cli_readable_listing():
    out = StringIO()
    call_command("instruments", stdout=out)
    assert "five_conditions: Five conditions for promising cooperation" in out.getvalue()
    assert "  proces: 5 items, scored by mean" in out.getvalue()


def test_levels_match_the_registry():
    from netwerkregie.registry.models import Level

    assert set(LEVELS) == set(Level.values)


def keys(instrument_key: str, dimension: str | None = None) -> list[str]:
    inst = instrument_get(instrument_key)
    items = inst.dimension(dimension).items if dimension else inst.items
    return [it.key for it in items]


def test_network_dip_asks_every_signal_of_section_6_as_how_much_it_applies():
    inst = instrument_get("network_dip")
    assert keys("network_dip", "signals") == [
        "context_change", "more_consultation", "capacity_financing", "goal_disputes", "accountability_contributions",
        "promises_expectations", "show_results", "need_structure", "need_steering", "old_leadership", "cost_benefit",
        "ambition_cracks", "changed_relations", "power_shift", "unaligned_accountability"]
    assert keys("network_dip", "outcome") == ["existential_questions"]
    assert {it.answer_type for it in inst.items} == {"likert5"}
    assert "In hoeverre is dit nu van toepassing op het netwerk?" in inst.instructions_nl


def test_four_ingredients_has_willems_building_blocks_rule_topics_and_leadership_dimensions():
    inst = instrument_get("four_ingredients")
    blocks = " ".join(it.text_nl for it in inst.dimension("building_blocks").items)
    for block in ("Identiteit:", "Actoren: we weten wie wat met elkaar doet", "Ambities:", "Fundament:"):
        assert block in blocks
    for topic in ("wie meedoen en hoe", "financiering van en in het netwerk", "lopende en nieuwe initiatieven",
                  "het leren organiseren en het effect bewaken"):
        assert topic in blocks
    leadership = " ".join(it.text_nl for it in inst.dimension("leadership_team").items)
    for dimension in ("Activiteiten en rollen", "Regie en vorm", "Gedrag en competenties"):
        assert dimension in leadership
    assert inst.dimension("sub_coalitions").name_nl == "Deelcoalities"
    assert "ubcoalit" not in " ".join(it.text_nl for it in inst.items)


def test_one_agreement_scale_across_instruments():
    agree = [i for i in instrument_list() if "mee eens" in i.instructions_nl]
    assert len(agree) >= 5
    assert all("1 = helemaal mee oneens" in i.instructions_nl for i in agree), [
        i.key for i in agree if "1 = helemaal mee oneens" not in i.instructions_nl]


def test_network_nature_asks_current_and_desired_position_on_independent_axes():
    inst = instrument_get("network_nature")
    assert [d.key for d in inst.dimensions] == ["steering", "content", "steering_desired", "content_desired"]
    assert inst.scoring["position"] == {"x": "steering", "y": "content"}
    item_sets = [{it.key for it in d.items} for d in inst.dimensions]
    assert sum(len(s) for s in item_sets) == len(set().union(*item_sets))  # no item on two axes
    assert "inrichtingsprincipes" in inst.instructions_nl


def test_network_form_fit_adds_power_and_unknown_effects_and_the_principles_of_004():
    inst = instrument_get("network_form_fit")
    assert {"no_power_relation", "unknown_effects"} <= set(keys("network_form_fit", "conditions"))
    principles = inst.dimension("principles")
    assert principles.scoring == "distribution" and len(principles.items) == 10


def test_network_value_has_the_three_capitals_with_evidence_on_every_question():
    inst = instrument_get("network_value")
    assert [(d.key, len(d.items)) for d in inst.dimensions] == [("economic", 3), ("social", 3), ("cultural", 2)]
    assert all(it.evidence for it in inst.items)
    assert "Waaruit maken we dit op?" in inst.instructions_nl and "What shows this?" in inst.instructions_en


def test_network_nature_is_per_theme_with_two_axes():
    inst = instrument_get("network_nature")
    assert inst.per_theme and not inst.per_level and not inst.per_organisation
    assert inst.scoring["position"] == {"x": "steering", "y": "content"}
    for dim in inst.dimensions:
        # both poles are worded, so acquiescence does not push everyone to one corner
        assert {it.reverse for it in dim.items} == {True, False}


def test_governance_contingencies_measure_consensus_and_competency_need():
    inst = instrument_get("governance_contingencies")
    assert inst.scoring["unit_interval"] == ["goal_consensus", "competency_need"]
    assert all(len(d.items) >= 4 for d in inst.dimensions)


def test_platform31_four_parts_per_level_and_seven_characteristics_once():
    inst = instrument_get("platform31")
    assert inst.per_level
    parts = [d for d in inst.dimensions if d.per_level]
    assert [d.key for d in parts] == ["value", "design", "functioning", "legitimation"]
    assert all(len(d.items) >= 4 for d in parts)
    chars = inst.dimension("characteristics")
    assert not chars.per_level and chars.scoring == "share_yes"
    assert len(chars.items) == 7 and {it.answer_type for it in chars.items} == {"yes_no"}
    routes = inst.item("leg_routes")
    assert routes.answer_type == "multi_choice" and len(routes.choices) == 5


def test_regie_roles_nine_categories_times_three_roles():
    inst = instrument_get("regie_roles")
    roles = inst.dimension("regie_roles").items
    assert [it.key.removeprefix("role_") for it in roles] == [
        "vision", "goal", "actors", "alignment", "steering", "preconditions", "dependency", "responsibility",
        "monitoring"]
    for item in roles:
        assert item.answer_type == "choice"
        assert [(c.key, c.score) for c in item.choices] == [("client", 1), ("co_producer", 2), ("facilitator", 3)]
        assert "(opdrachtgever)" in item.choices[0].label_nl and "(facilitator)" in item.choices[2].label_en
    ladder = inst.dimension("participation").items
    assert [it.key for it in ladder] == ["part_agenda", "part_framework", "part_execution", "part_evaluation"]
    for item in ladder:
        assert [c.key for c in item.choices] == ["informed", "advising", "consulted", "co_producing",
                                                 "self_governance"]
        assert [c.score for c in item.choices] == [1, 2, 3, 4, 5]


def test_relations_is_per_organisation_with_kind_frequency_flows_trust_and_value():
    inst = instrument_get("relations")
    assert inst.per_organisation and not inst.per_theme
    assert [c.key for c in inst.item("relation_kind").choices] == [
        "none", "aware", "cooperative", "coordinated", "integrated"]
    assert inst.item("frequency").answer_type == "choice"
    flows = inst.item("flows")
    assert flows.answer_type == "multi_choice"
    assert [c.key for c in flows.choices] == ["information", "clients", "money", "staff", "knowledge"]
    assert keys("relations", "trust") == ["trust_reliability", "trust_openness", "trust_mission"]
    assert keys("relations", "value") == ["value_power", "value_involvement", "value_resources"]
    assert {inst.item(k).scale for k in keys("relations", "trust") + keys("relations", "value")} == {(1, 4)}


def test_docs_table_lists_every_instrument_with_its_item_count():
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs" / "instruments.md"
    rows = {}
    for line in docs.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 8:
            rows[cells[0].strip("`")] = int(cells[3])
    assert rows == {inst.key: len(inst.items) for inst in instrument_list()}


# --- checking answers --------------------------------------------------------------------------

def test_clean_answer_scales_accept_form_strings_and_dont_know():
    from netwerkregie.assessments.instruments import DONT_KNOW, AnswerError, clean_answer

    likert = instrument_get("five_conditions").item("amb_shared")
    assert clean_answer(likert, "4") == 4 and clean_answer(likert, 5) == 5 and clean_answer(likert, 3.0) == 3
    assert clean_answer(likert, DONT_KNOW) == DONT_KNOW
    assert clean_answer(likert, None) is None and clean_answer(likert, "") is None
    for bad in (0, 6, "2.5", "veel", True, float("nan"), "inf"):
        with pytest.raises(AnswerError, match=r"^amb_shared: expected"):
            clean_answer(likert, bad)
    trust = instrument_get("relations").item("trust_reliability")
    with pytest.raises(AnswerError, match=r'from 1 to 4 or "dont_know", got 5'):
        clean_answer(trust, 5)


def test_clean_answer_yes_no_choice_multi_choice_and_text(tmp_path):
    from netwerkregie.assessments.instruments import AnswerError, clean_answer

    fit = instrument_get("network_form_fit").item("complexity")
    assert clean_answer(fit, "ja") is True and clean_answer(fit, "no") is False and clean_answer(fit, True) is True
    with pytest.raises(AnswerError, match="complexity: expected yes or no"):
        clean_answer(fit, "misschien")
    kind = instrument_get("relations").item("relation_kind")
    assert clean_answer(kind, "aware") == "aware"
    with pytest.raises(AnswerError, match="relation_kind: unknown choice 'friends'; expected one of none, aware"):
        clean_answer(kind, "friends")
    flows = instrument_get("relations").item("flows")
    # stored in the instrument's order, each once; a single key is a list of one
    assert clean_answer(flows, ["money", "information", "money"]) == ["information", "money"]
    assert clean_answer(flows, "staff") == ["staff"]
    with pytest.raises(AnswerError, match="flows: unknown choice 'love'"):
        clean_answer(flows, ["information", "love"])
    inst = load_file(write(tmp_path, {**MINIMAL, "dimensions": [{"key": "d", "name_nl": "D", "name_en": "D", "items": [
        {"key": "t", "text_nl": "T", "text_en": "Tx", "answer_type": "free_text"},
        {"key": "n", "text_nl": "N", "text_en": "Nx", "answer_type": "number"}]}]}, "ok.yaml"))
    assert clean_answer(inst.item("t"), "  goed  ") == "goed"
    with pytest.raises(AnswerError, match="t: text longer than 5000"):
        clean_answer(inst.item("t"), "x" * 5001)
    assert clean_answer(inst.item("n"), "2,5") == 2.5 and clean_answer(inst.item("n"), "12") == 12
    with pytest.raises(AnswerError, match="n: expected a number"):
        clean_answer(inst.item("n"), "twaalf")
