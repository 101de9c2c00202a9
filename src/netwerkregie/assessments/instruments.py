"""Measurement instruments defined as YAML data, loaded and validated once.

Instruments are data so that wording can change without code, and so that survey rounds,
result pages, exports and the ``instruments --json`` command all read the same definition.

Public API (stable; survey rounds and result pages build on it):

- ``instrument_list() -> list[Instrument]`` and ``instrument_get(key) -> Instrument``
  (``KeyError`` for an unknown key); ``load_file(path) -> Instrument`` raises
  ``InstrumentError`` naming the file, the path inside it and the item key.
- ``instrument_as_dict(instrument) -> dict``: the JSON form (the ``instruments --json`` contract).
- ``clean_answer(item, value) -> object``: checks one answer (form strings accepted) and returns
  the value to store, or raises ``AnswerError`` naming the item and what is expected.
- ``localized(obj, field) -> str``: ``field_nl`` or ``field_en`` by Django's active language.
- ``Instrument`` (key, name_nl/en, source, dimensions, scoring, instructions_nl/en,
  per_theme, per_level, per_organisation; ``items``, ``item(key)``, ``dimension(key)``),
  ``Dimension`` (key, name_nl/en, items, per_level, scoring), ``Item`` (key, text_nl/en,
  answer_type, reverse, evidence, choices; ``scale``, ``dont_know``, ``choice(key)``),
  ``Choice`` (key, label_nl/en, score).
- Constants: ``ANSWER_TYPES``, ``SCALES`` (answer type -> (low, high)), ``DONT_KNOW_TYPES``,
  ``CHOICE_TYPES``, ``DIMENSION_METHODS``, ``DONT_KNOW``, ``LEVELS`` (the registry's level keys),
  ``EVIDENCE_PROMPT_NL``/``EVIDENCE_PROMPT_EN``.

Subjects: an instrument marked ``per_theme`` is answered for the network and again per theme,
``per_organisation`` once per *other* organisation, and a dimension with ``per_level`` once per
level in ``LEVELS`` (the instrument's ``per_level`` is the default for its dimensions). The
answers for one subject are scored on their own (see ``scoring``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import get_language

INSTRUMENT_DIR = Path(__file__).parent / "instruments"
ANSWER_TYPES = frozenset(
    {"likert5", "scale_1_4", "rating10", "yes_no", "choice", "multi_choice", "free_text", "number"}
)
SCALES: dict[str, tuple[int, int]] = {"likert5": (1, 5), "scale_1_4": (1, 4), "rating10": (1, 10)}
DONT_KNOW_TYPES = frozenset({"likert5", "scale_1_4"})
DONT_KNOW = "dont_know"  # the stored "don't know" answer (also scoring.DONT_KNOW)
FREE_TEXT_MAX = 5000
CHOICE_TYPES = frozenset({"choice", "multi_choice"})
DIMENSION_METHODS = frozenset({"mean", "share_yes", "distribution"})
LEVELS = ("strategic", "tactical", "operational")  # registry.models.Level keys
EVIDENCE_PROMPT_NL = "Waaruit maken we dit op?"
EVIDENCE_PROMPT_EN = "What shows this?"

_INSTRUMENT_KEYS = {"key", "name_nl", "name_en", "source", "instructions_nl", "instructions_en", "scoring",
                    "dimensions", "per_theme", "per_level", "per_organisation"}
_DIMENSION_KEYS = {"key", "name_nl", "name_en", "items", "per_level", "scoring"}
_ITEM_KEYS = {"key", "text_nl", "text_en", "answer_type", "reverse", "evidence", "choices"}
_CHOICE_KEYS = {"key", "label_nl", "label_en", "score"}
_SCORING_KEYS = {"method", "scale", "per", "position", "unit_interval"}


class InstrumentError(ValueError):
    """A malformed instrument file; the message names file and path."""


class AnswerError(ValueError):
    """An answer that does not fit its item; the message names the item and what is expected."""


@dataclass(frozen=True)
class Choice:
    key: str
    label_nl: str
    label_en: str
    score: float | None = None


@dataclass(frozen=True)
class Item:
    key: str
    text_nl: str
    text_en: str
    answer_type: str
    reverse: bool = False
    evidence: bool = False
    choices: tuple[Choice, ...] = ()

    @property
    def scale(self) -> tuple[float, float] | None:
        """Range of the numeric value this item contributes to means, or None if it contributes none."""
        if self.answer_type in SCALES:
            return SCALES[self.answer_type]
        scores = [c.score for c in self.choices if c.score is not None]
        if self.answer_type == "choice" and scores:
            return min(scores), max(scores)
        return None

    @property
    def dont_know(self) -> bool:
        """Whether respondents may answer "don't know" (stored as scoring.DONT_KNOW)."""
        return self.answer_type in DONT_KNOW_TYPES

    def choice(self, key: str) -> Choice:
        for choice in self.choices:
            if choice.key == key:
                return choice
        raise KeyError(key)


@dataclass(frozen=True)
class Dimension:
    key: str
    name_nl: str
    name_en: str
    items: tuple[Item, ...]
    per_level: bool = False
    scoring: str = "mean"


@dataclass(frozen=True)
class Instrument:
    key: str
    name_nl: str
    name_en: str
    source: str
    dimensions: tuple[Dimension, ...]
    scoring: dict
    instructions_nl: str = ""
    instructions_en: str = ""
    per_theme: bool = False
    per_level: bool = False
    per_organisation: bool = False

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(it for d in self.dimensions for it in d.items)

    def item(self, key: str) -> Item:
        for it in self.items:
            if it.key == key:
                return it
        raise KeyError(key)

    def dimension(self, key: str) -> Dimension:
        for dim in self.dimensions:
            if dim.key == key:
                return dim
        raise KeyError(key)


def localized(obj: object, field: str) -> str:
    """Return the nl or en variant of a text field by Django's active language."""
    lang = "nl" if (get_language() or "nl").startswith("nl") else "en"
    return getattr(obj, f"{field}_{lang}")


def _req(data: dict, key: str, where: str) -> object:
    if not isinstance(data, dict) or key not in data:
        raise InstrumentError(f"{where}: missing '{key}'")
    return data[key]


def _text(data: dict, key: str, where: str) -> str:
    """A required, non-empty text: an empty Dutch or English text is as bad as a missing one."""
    value = _req(data, key, where)
    if not isinstance(value, str) or not value.strip():
        raise InstrumentError(f"{where}: '{key}' must be a non-empty text")
    return value


def _flag(data: dict, key: str, where: str, default: bool = False) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise InstrumentError(f"{where}: '{key}' must be true or false")
    return value


def _no_unknown_keys(data: object, allowed: set[str], where: str) -> None:
    """Reject typos such as 'revers' that would otherwise be silently ignored."""
    if not isinstance(data, dict):
        raise InstrumentError(f"{where}: expected a mapping")
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise InstrumentError(f"{where}: unknown field(s) {', '.join(unknown)}")


def _list(data: dict, key: str, where: str) -> list:
    value = _req(data, key, where)
    if not isinstance(value, list) or not value:
        raise InstrumentError(f"{where}: '{key}' must be a non-empty list")
    return value


def _parse_choice(data: dict, where: str) -> Choice:
    _no_unknown_keys(data, _CHOICE_KEYS, where)
    score = data.get("score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, int | float)):
        raise InstrumentError(f"{where}: 'score' must be a number")
    return Choice(key=str(_req(data, "key", where)), label_nl=_text(data, "label_nl", where),
                  label_en=_text(data, "label_en", where), score=score)


@contextmanager
def _naming(kind: str, data: object) -> Iterator[None]:
    """Add the item's or dimension's key to an error so authors find it without counting."""
    try:
        yield
    except InstrumentError as exc:
        if isinstance(data, dict) and "key" in data:
            raise InstrumentError(f"{exc} ({kind} '{data['key']}')") from None
        raise


def _parse_item(data: dict, where: str) -> Item:
    with _naming("item", data):
        return _build_item(data, where)


def _build_item(data: dict, where: str) -> Item:
    _no_unknown_keys(data, _ITEM_KEYS, where)
    key = str(_req(data, "key", where))
    atype = _req(data, "answer_type", where)
    if atype not in ANSWER_TYPES:
        raise InstrumentError(f"{where}.answer_type: unknown type '{atype}' (expected one of "
                              f"{', '.join(sorted(ANSWER_TYPES))})")
    reverse = _flag(data, "reverse", where)
    if reverse and atype not in SCALES:
        raise InstrumentError(f"{where}: 'reverse' needs a scale answer type, not '{atype}'")
    choices: tuple[Choice, ...] = ()
    if atype in CHOICE_TYPES:
        choices = tuple(_parse_choice(c, f"{where}.choices[{k}]") for k, c in enumerate(_list(data, "choices", where)))
        if len(choices) < 2:
            raise InstrumentError(f"{where}: a {atype} item needs at least two choices")
        if len({c.key for c in choices}) != len(choices):
            raise InstrumentError(f"{where}: duplicate choice keys")
        if len({c.score is None for c in choices}) > 1:
            raise InstrumentError(f"{where}: give every choice a score, or none")
    elif "choices" in data:
        raise InstrumentError(f"{where}: only choice and multi_choice items have choices")
    return Item(key=key, text_nl=_text(data, "text_nl", where), text_en=_text(data, "text_en", where),
                answer_type=atype, reverse=reverse, evidence=_flag(data, "evidence", where), choices=choices)


def _parse_dimension(data: dict, where: str, default_method: str, default_per_level: bool) -> Dimension:
    with _naming("dimension", data):
        return _build_dimension(data, where, default_method, default_per_level)


def _build_dimension(data: dict, where: str, default_method: str, default_per_level: bool) -> Dimension:
    _no_unknown_keys(data, _DIMENSION_KEYS, where)
    method = data.get("scoring", default_method)
    if method not in DIMENSION_METHODS:
        raise InstrumentError(f"{where}.scoring: unknown method '{method}'")
    items = tuple(_parse_item(it, f"{where}.items[{j}]") for j, it in enumerate(_list(data, "items", where)))
    return Dimension(key=str(_req(data, "key", where)), name_nl=_text(data, "name_nl", where),
                     name_en=_text(data, "name_en", where), items=items,
                     per_level=_flag(data, "per_level", where, default_per_level), scoring=method)


def _check_scoring(scoring: dict, dims: tuple[Dimension, ...], where: str) -> None:
    """Position axes and 0..1 outputs must point at mean-scored dimensions of this instrument."""
    by_key = {d.key: d for d in dims}

    def check_dim(key: object, path: str) -> None:
        if key not in by_key:
            raise InstrumentError(f"{where}: {path}: no dimension '{key}'")
        if by_key[key].scoring != "mean":
            raise InstrumentError(f"{where}: {path}: dimension '{key}' is not scored by mean")

    position = scoring.get("position")
    if position is not None:
        if not isinstance(position, dict) or set(position) != {"x", "y"}:
            raise InstrumentError(f"{where}: scoring.position needs exactly 'x' and 'y'")
        for axis, key in position.items():
            check_dim(key, f"scoring.position.{axis}")
    for k, key in enumerate(scoring.get("unit_interval", [])):
        check_dim(key, f"scoring.unit_interval[{k}]")


# libyaml's parser when PyYAML has it: the same safe subset, about ten times faster than pure
# Python, which a server process otherwise pays on its first survey request.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_file(path: Path) -> Instrument:
    """Parse one YAML file into an Instrument; errors name the file and the path inside it."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise InstrumentError(f"{path.name}: invalid YAML: {exc}") from exc
    where = path.name
    _no_unknown_keys(data, _INSTRUMENT_KEYS, where)
    scoring = data.get("scoring") or {}
    _no_unknown_keys(scoring, _SCORING_KEYS, f"{where}: scoring")
    method = scoring.get("method", "mean")
    if method not in DIMENSION_METHODS:
        raise InstrumentError(f"{where}: scoring.method: unknown method '{method}'")
    per_level = _flag(data, "per_level", where)
    dims = tuple(_parse_dimension(d, f"{where}: dimensions[{i}]", method, per_level)
                 for i, d in enumerate(_list(data, "dimensions", where)))
    for label, keys in (("dimension", [d.key for d in dims]), ("item", [it.key for d in dims for it in d.items])):
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise InstrumentError(f"{where}: duplicate {label} keys: {', '.join(duplicates)}")
    _check_scoring(scoring, dims, where)
    return Instrument(key=str(_req(data, "key", where)), name_nl=_text(data, "name_nl", where),
                      name_en=_text(data, "name_en", where), source=_text(data, "source", where),
                      dimensions=dims, scoring=scoring,
                      instructions_nl=_text(data, "instructions_nl", where),
                      instructions_en=_text(data, "instructions_en", where),
                      per_theme=_flag(data, "per_theme", where), per_level=per_level,
                      per_organisation=_flag(data, "per_organisation", where))


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


def _clean_yes_no(item: Item, value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"yes", "ja", "true", "1", "no", "nee", "false", "0"}:
        return value.strip().lower() in {"yes", "ja", "true", "1"}
    raise AnswerError(f"{item.key}: expected yes or no, got {value!r}")


def _clean_number(item: Item, value: object) -> int | float:
    if isinstance(value, bool):
        raise AnswerError(f"{item.key}: expected a number, got {value!r}")
    if isinstance(value, int | float) and math.isfinite(value):
        return value
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise AnswerError(f"{item.key}: expected a number, got {value!r}")
    return int(number) if number.is_integer() else number


def _clean_scale(item: Item, value: object) -> int | str:
    if value == DONT_KNOW and item.dont_know:
        return DONT_KNOW
    low, high = SCALES[item.answer_type]
    number = _clean_number(item, value)
    if number != int(number) or not low <= number <= high:
        extra = ' or "dont_know"' if item.dont_know else ""
        raise AnswerError(f"{item.key}: expected a whole number from {low} to {high}{extra}, got {value!r}")
    return int(number)


def _clean_choices(item: Item, value: object) -> str | list[str]:
    keys = [c.key for c in item.choices]
    picks = value if item.answer_type == "multi_choice" and isinstance(value, list | tuple) else [value]
    unknown = [p for p in picks if p not in keys]
    if unknown:
        raise AnswerError(f"{item.key}: unknown choice {unknown[0]!r}; expected one of {', '.join(keys)}")
    if item.answer_type == "choice":
        return picks[0]
    return [k for k in keys if k in picks]  # in the instrument's order, each once


def _clean_text(item: Item, value: object) -> str:
    if not isinstance(value, str):
        raise AnswerError(f"{item.key}: expected text, got {value!r}")
    if len(value) > FREE_TEXT_MAX:
        raise AnswerError(f"{item.key}: text longer than {FREE_TEXT_MAX} characters")
    return value.strip()


def clean_answer(item: Item, value: object) -> object:
    """Check one answer against its item and return the value to store; None means unanswered.

    Form posts arrive as strings, so "4", "ja" and "2,5" are accepted and converted. Stored values are
    what ``scoring`` reads: int on a scale or DONT_KNOW, bool, a choice key, a list of keys, text, a number.
    """
    if value is None or value == "":
        return None
    if item.answer_type in SCALES:
        return _clean_scale(item, value)
    cleaners = {"yes_no": _clean_yes_no, "number": _clean_number, "choice": _clean_choices,
                "multi_choice": _clean_choices, "free_text": _clean_text}
    return cleaners[item.answer_type](item, value)


def _fields(obj: object, names: tuple[str, ...]) -> dict:
    return {name: getattr(obj, name) for name in names}


def instrument_as_dict(instrument: Instrument) -> dict:
    """The JSON form of an instrument: the ``instruments --json`` contract plus every schema field."""
    return {
        **_fields(instrument, ("key", "name_nl", "name_en", "source", "instructions_nl", "instructions_en",
                               "per_theme", "per_level", "per_organisation", "scoring")),
        "dimensions": [
            {**_fields(d, ("key", "name_nl", "name_en", "per_level", "scoring")),
             "items": [{**_fields(it, ("key", "text_nl", "text_en", "answer_type", "reverse", "evidence",
                                       "dont_know")),
                        "scale": list(it.scale) if it.scale else None,
                        "choices": [_fields(c, ("key", "label_nl", "label_en", "score")) for c in it.choices]}
                       for it in d.items]}
            for d in instrument.dimensions],
    }
