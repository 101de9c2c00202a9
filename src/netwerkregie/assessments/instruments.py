"""Measurement instruments defined as YAML data, loaded and validated once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import get_language

INSTRUMENT_DIR = Path(__file__).parent / "instruments"
ANSWER_TYPES = {"likert5", "rating10", "yes_no", "choice", "free_text", "number"}


class InstrumentError(ValueError):
    """A malformed instrument file; the message names file and path."""


@dataclass(frozen=True)
class Item:
    key: str
    text_nl: str
    text_en: str
    answer_type: str
    reverse: bool = False
    evidence: bool = False


@dataclass(frozen=True)
class Dimension:
    key: str
    name_nl: str
    name_en: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Instrument:
    key: str
    name_nl: str
    name_en: str
    source: str
    dimensions: tuple[Dimension, ...]
    scoring: dict


def localized(obj: object, field: str) -> str:
    """Return the nl or en variant of a text field by Django's active language."""
    lang = "nl" if (get_language() or "nl").startswith("nl") else "en"
    return getattr(obj, f"{field}_{lang}")


def _req(data: dict, key: str, where: str) -> object:
    if not isinstance(data, dict) or key not in data:
        raise InstrumentError(f"{where}: missing '{key}'")
    return data[key]


def load_file(path: Path) -> Instrument:
    """Parse one YAML file into an Instrument; errors name the file and the path inside it."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InstrumentError(f"{path.name}: invalid YAML: {exc}") from exc
    where = path.name
    dims = []
    for i, d in enumerate(_req(data, "dimensions", where)):
        dwhere = f"{where}: dimensions[{i}]"
        items = []
        for j, it in enumerate(_req(d, "items", dwhere)):
            iwhere = f"{dwhere}.items[{j}]"
            atype = _req(it, "answer_type", iwhere)
            if atype not in ANSWER_TYPES:
                raise InstrumentError(f"{iwhere}.answer_type: unknown type '{atype}'")
            items.append(Item(key=_req(it, "key", iwhere), text_nl=_req(it, "text_nl", iwhere),
                              text_en=_req(it, "text_en", iwhere), answer_type=atype,
                              reverse=bool(it.get("reverse")), evidence=bool(it.get("evidence"))))
        dims.append(Dimension(key=_req(d, "key", dwhere), name_nl=_req(d, "name_nl", dwhere),
                              name_en=_req(d, "name_en", dwhere), items=tuple(items)))
    keys = [it.key for d in dims for it in d.items]
    if len(keys) != len(set(keys)):
        raise InstrumentError(f"{where}: duplicate item keys")
    return Instrument(key=_req(data, "key", where), name_nl=_req(data, "name_nl", where),
                      name_en=_req(data, "name_en", where), source=_req(data, "source", where),
                      dimensions=tuple(dims), scoring=data.get("scoring", {}))


@cache
def _registry() -> dict[str, Instrument]:
    result: dict[str, Instrument] = {}
    for path in sorted(INSTRUMENT_DIR.glob("*.yaml")):
        inst = load_file(path)
        if inst.key in result:
            raise InstrumentError(f"{path.name}: duplicate instrument key '{inst.key}'")
        result[inst.key] = inst
    return result


def instrument_list() -> list[Instrument]:
    return list(_registry().values())


def instrument_get(key: str) -> Instrument:
    return _registry()[key]
