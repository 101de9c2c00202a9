import pytest

from netwerkregie.assessments.instruments import InstrumentError, instrument_get, instrument_list, load_file


def test_all_instruments_load_with_nl_and_en_texts():
    assert instrument_list()
    for inst in instrument_list():
        for dim in inst.dimensions:
            for item in dim.items:
                assert item.text_nl and item.text_en


def test_five_conditions_has_reverse_item():
    inst = instrument_get("five_conditions")
    assert any(it.reverse for d in inst.dimensions for it in d.items)


def test_bad_answer_type_names_file_and_path(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("key: x\nname_nl: a\nname_en: a\nsource: s\ndimensions:\n"
                   "  - {key: d, name_nl: d, name_en: d, items: [{key: i, text_nl: t, text_en: t, answer_type: x}]}\n")
    with pytest.raises(InstrumentError, match=r"bad.yaml: dimensions\[0\].items\[0\].answer_type"):
        load_file(bad)


def test_cli_json_contract():
    import json
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("instruments", "--json", stdout=out)
    data = json.loads(out.getvalue())
    first = next(i for i in data if i["key"] == "five_conditions")
    assert {"key", "name_nl", "name_en", "source", "dimensions"} <= set(first)
    assert {"key", "text_nl", "text_en", "answer_type"} <= set(first["dimensions"][0]["items"][0])


def test_network_dip_has_13_signals():
    assert len(instrument_get("network_dip").dimensions[0].items) == 13


def test_building_blocks_and_ingredients_counts():
    assert len(instrument_get("seven_building_blocks").dimensions) == 7
    assert len(instrument_get("four_ingredients").dimensions) == 4
