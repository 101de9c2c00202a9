"""The results of a round as an xlsx workbook: aggregated, with the anonymity rule of results.py.

Sheets: dimensions (whole round), groups (by organisation type, level and theme), answer
distributions, texts (free text and evidence without names) and, only when asked for by an
admin, the raw answers.
"""

from __future__ import annotations

import io
import json

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from netwerkregie.core.xlsx import append_row

from .models import SurveyRound
from .results import GROUPINGS, RoundResults, Stat, raw_answers
from .stored import stored_round_results

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _n(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _cells(stat: Stat, hidden: str) -> list:
    """n and statistics; a suppressed statistic shows only "fewer than N", not even its size."""
    if stat.suppressed:
        return [None, hidden, None, None, None, None, None]
    return [stat.n, _n(stat.mean), _n(stat.median), _n(stat.stdev), _n(stat.ci_low), _n(stat.ci_high),
            stat.dont_know]


def _sheet(workbook: Workbook, title: str, header: list[str], rows: list[list]) -> None:
    sheet = workbook.create_sheet(title[:31])
    append_row(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, row)
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJKL", (28, 34, 26, 10, 10, 10, 10, 10, 10, 10, 10, 10), strict=True):
        sheet.column_dimensions[column].width = width


def results_workbook(*, round: SurveyRound, include_raw: bool = False, include_texts: bool = False) -> bytes:
    """The workbook's bytes; `include_raw` only for admins, `include_texts` as `results.texts_visible`
    (the view checks the role)."""
    data: RoundResults = stored_round_results(round=round, with_texts=include_texts)
    hidden, withheld = data.suppressed_label, data.withheld_label
    stats_header = ["n", _("mean / share yes"), _("median"), _("standard deviation"), _("95% lower bound"),
                    _("95% upper bound"), _("don't know")]
    workbook = Workbook()
    workbook.remove(workbook.active)
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
    about = [[_("survey round"), round.name], [_("opens on"), round.opens_on.isoformat()],
             [_("closes on"), round.closes_on.isoformat()], [_("invited"), data.invited],
             [_("respondents"), data.respondents], [_("anonymity minimum"), data.minimum],
             [_("note"), _("Groups with fewer respondents than the anonymity minimum are not shown, nor groups "
                           "that compared with another group or the total would give away fewer.")]]
    _sheet(workbook, _("Round"), [_("field"), _("value")], about)
    if include_raw:
        raw = [[row["invitation_id"], row["invitation__organisation__name"], row["invitation__level"],
                row["instrument"], row["item"], row["theme__name"], row["level"], row["organisation__name"],
                json.dumps(row["value"], ensure_ascii=False), row["evidence"]] for row in raw_answers(round=round)]
        _sheet(workbook, _("Raw answers"), [_("respondent"), _("organisation"), _("level"), _("instrument"),
                                            _("item"), _("theme"), _("level answered about"),
                                            _("organisation answered about"), _("value"), _("evidence")], raw)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

