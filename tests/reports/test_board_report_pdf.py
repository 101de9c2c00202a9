"""The board report as PDF and workbook: sections on their own pages, the selectors' figures, no small groups."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from netwerkregie.assessments.results import breakdown
from netwerkregie.registry import selectors as registry_selectors
from netwerkregie.reports.board.base import Period
from netwerkregie.reports.board.render import report_pdf, report_xlsx, safe_cell
from netwerkregie.reports.board.sections import SECTION_KEYS, SECTIONS, build_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(region):
    return build_report(network=region.network, period=Period.year(2026), language="en", keys=SECTION_KEYS,
                        foreword="A word to the board.")


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_pdf_has_cover_contents_every_section_on_its_own_pages_and_an_appendix(region, built):
    pdf = report_pdf(built)
    reader = PdfReader(io.BytesIO(pdf))
    pages = _pages(pdf)
    assert reader.metadata.title == "Board report Regio Test 2026"
    assert "/Lang" in reader.trailer["/Root"] and reader.trailer["/Root"]["/Lang"] == "en"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged: PDF/UA
    assert "Regio Test" in pages[0] and "2026" in pages[0] and pages[1].startswith("Contents")
    with translation.override("en"):
        titles = ["Foreword", *[str(section.title) for section in SECTIONS], "Appendix: the data"]
    outline = {item.title: reader.get_destination_page_number(item) for item in reader.outline
               if not isinstance(item, list)}
    assert list(outline)[:2] == ["Regio Test", "Contents"] and set(titles) <= set(outline)
    starts = [outline[title] for title in titles]
    assert starts == sorted(starts) and len(set(starts)) == len(titles)  # each begins a page of its own
    assert all(pages[start].startswith(title) or f" {title} " in pages[start][:300]
               for title, start in zip(titles, starts, strict=True))
    # page x of y and the running header with network and period on every page after the cover
    assert all(f"Page {i + 1} of {len(pages)}" in text for i, text in enumerate(pages) if i)
    assert all("Regio Test" in text and "Board report 2026" in text for text in pages[1:])
    # the contents list the page each section starts on
    contents = " ".join(pages[1].replace(".", " ").split())
    for title, start in zip(titles, starts, strict=True):
        assert f"{title} {start + 1}" in contents


def test_the_pdf_text_shows_the_selectors_figures_and_no_small_group(region, built):
    text = " ".join(_pages(report_pdf(built)))
    counts = registry_selectors.network_counts(network=region.network)
    assert f"{counts['organisations']} Organisations" in text
    with translation.override("en"):
        round_results = breakdown.round_results(survey_round=region.latest)
    for stat in round_results.instruments[0].dimensions:
        assert f"{stat.name} {stat.n} {stat.mean:.2f}" in text
    hidden = [g.label for g in round_results.instruments[0].groups["type"] if g.suppressed]
    start = text.index("Survey results, trend and dip status Latest")
    survey = text[start:text.index("Map and structure", start)]
    assert hidden and not any(label in survey for label in hidden)
    assert "Netwerkmonitor 2026" in survey and "7 of 7 invited people responded" in survey


def _as_read(value: object) -> object:
    """A table value as openpyxl reads it back: empty text is no value, numbers are floats (Excel's precision)."""
    if value is None or value == "":
        return None
    return value if isinstance(value, str | int) else pytest.approx(float(value), rel=1e-12)


def test_the_workbook_has_one_sheet_per_table_matching_the_report(region, built):
    workbook = load_workbook(io.BytesIO(report_xlsx(built)))
    assert workbook.sheetnames[0] == "Report" and len(workbook.sheetnames) == len(built.tables) + 1
    assert list(workbook["Report"].iter_rows(values_only=True))[:2] == [
        ("Board report", "Regio Test"), ("Period", "2026")]
    for sheet_name, table in zip(workbook.sheetnames[1:], built.tables, strict=True):
        rows = list(workbook[sheet_name].iter_rows(values_only=True))
        assert list(rows[0]) == table.columns
        assert [list(row) for row in rows[1:]] == [[_as_read(value) for value in row] for row in table.rows]
    by_type = next(t for t in built.tables if t.key.endswith("_by_type"))
    labels = {row[0] for row in by_type.rows}
    with translation.override("en"):
        groups = breakdown.round_results(survey_round=region.latest).instruments[0].groups["type"]
    assert labels == {g.label for g in groups if not g.suppressed}


def test_cells_that_a_spreadsheet_would_run_stay_text():
    assert safe_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert [safe_cell(v) for v in ("+31", "-1", "@SUM(A1)")] == ["'+31", "'-1", "'@SUM(A1)"]
    assert safe_cell("bel\x07 ons\x00") == "bel ons" and safe_cell(3) == 3 and safe_cell(None) is None


def test_dutch_by_default_english_on_request(region):
    dutch = build_report(network=region.network, period=Period.year(2026), language="nl", keys=["glance"])
    text = " ".join(_pages(report_pdf(dutch)))
    assert "Inhoud" in text and "Pagina 2 van" in text
