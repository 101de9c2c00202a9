"""The results of a round as an xlsx workbook: aggregated, with the anonymity rule of the results package.

Sheets: dimensions (whole round), groups (by organisation type, level and theme), answer
distributions, texts (free text and evidence without names) and, only when asked for by an
admin, the raw answers – in the same shape as the raw-answers download (`raw_answers_workbook`).
"""

from __future__ import annotations

import io
import json

from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font

from netwerkregie.core.xlsx import append_row

from ..models import SurveyRound
from ..selectors import answer_rows
from .breakdown import GROUPINGS, RoundResults
from .stats import Stat
from .stored import stored_round_results


def _n(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _cells(stat: Stat, hidden: str) -> list:
    """n and statistics; a suppressed statistic shows only "fewer than N", not even its size."""
    if stat.suppressed:
        return [None, hidden, None, None, None, None, None]
    return [stat.n, _n(stat.mean), _n(stat.median), _n(stat.stdev), _n(stat.ci_low), _n(stat.ci_high),
            stat.dont_know]


def _sheet(workbook: Workbook, title: str, header: list[str], rows: list[list]) -> None:
    """A sheet written row by row (the workbooks are write-only: a round's raw answers run to a
    million cells, which a workbook held in memory writes several times slower)."""
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJKL", (28, 34, 26, 10, 10, 10, 10, 10, 10, 10, 10, 10), strict=True):
        sheet.column_dimensions[column].width = width
    bold = Font(bold=True)
    header_cells = [Cell(sheet, row=1, column=1, value=str(name)) for name in header]  # placed by append
    for cell in header_cells:
        cell.font = bold
    sheet.append(header_cells)
    for row in rows:
        append_row(sheet, row)


def results_workbook(*, survey_round: SurveyRound, include_raw: bool = False, include_texts: bool = False) -> bytes:
    """The workbook's bytes; `include_raw` only for admins, `include_texts` as `visibility.texts_visible`
    (the view checks the role)."""
    data: RoundResults = stored_round_results(survey_round=survey_round, with_texts=include_texts)
    hidden, withheld = data.suppressed_label, data.withheld_label
    stats_header = ["n", _("mean / share yes"), _("median"), _("standard deviation"), _("95% lower bound"),
                    _("95% upper bound"), _("don't know")]
    workbook = Workbook(write_only=True)
    dims, groups, dists, texts = [], [], [], []
    for result in data.instruments:
        if result.suppressed:
            dims.append([result.name, "", hidden])
            continue
        for stat in result.dimensions:
            dims.append([result.name, stat.name, *_cells(stat, withheld)])
            dists += [[result.name, stat.name, label, count] for _k, label, count in stat.distribution]
        for kind, label in GROUPINGS.items():
            for group in result.groups.get(kind, []):
                if group.suppressed:
                    groups.append([result.name, str(label), group.label, "", None, withheld])
                    continue
                groups += [[result.name, str(label), group.label, stat.name, *_cells(stat, withheld)]
                           for stat in group.dimensions]
        texts += [[result.name, t.question, t.subject, _("evidence") if t.is_evidence else _("free text"), t.text]
                  for t in result.texts]
    _sheet(workbook, _("Dimensions"), [_("instrument"), _("dimension"), *stats_header], dims)
    _sheet(workbook, _("Groups"), [_("instrument"), _("grouping"), _("group"), _("dimension"), *stats_header],
           groups)
    _sheet(workbook, _("Distributions"), [_("instrument"), _("dimension"), _("answer"), _("count")], dists)
    _sheet(workbook, _("Texts"), [_("instrument"), _("question"), _("about"), _("kind"), _("text")], texts)
    about = [[_("survey round"), survey_round.name], [_("opens on"), survey_round.opens_on.isoformat()],
             [_("closes on"), survey_round.closes_on.isoformat()], [_("invited"), data.invited],
             [_("respondents"), data.respondents], [_("anonymity minimum"), data.minimum],
             [_("note"), _("Groups with fewer respondents than the anonymity minimum are not shown, nor groups "
                           "that compared with another group or the total would give away fewer.")]]
    _sheet(workbook, _("Round"), [_("field"), _("value")], about)
    if include_raw:
        _sheet(workbook, _("Raw answers"), _raw_header(), _raw_rows(survey_round))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _raw_header() -> list[str]:
    return [str(h) for h in (_("respondent"), _("organisation"), _("organisation type"), _("level"), _("instrument"),
                             _("item"), _("about theme"), _("about level"), _("about organisation"), _("answer"),
                             _("what shows this?"))]


def _raw_cell(value: object) -> object:
    """A stored answer as a spreadsheet cell: lists joined, booleans as yes/no."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _raw_rows(survey_round: SurveyRound) -> list[list]:
    return [[*row[:9], _raw_cell(row[9]), row[10]] for row in answer_rows(survey_round=survey_round)]


def raw_answers_filename(survey_round: SurveyRound) -> str:
    """The name the raw answers workbook is saved under, downloaded directly or prepared in the background."""
    return f"{slugify(survey_round.name)}-answers.xlsx"


def raw_answers_workbook(*, survey_round: SurveyRound) -> bytes:
    """Every answer of the round, respondents as R1, R2, … with organisation and level only (admins only:
    the view checks `access.survey_access(...).raw_answers`)."""
    workbook = Workbook(write_only=True)
    _sheet(workbook, _("Answers"), _raw_header(), _raw_rows(survey_round))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
