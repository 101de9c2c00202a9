"""`netwerkregie report SLUG --format pdf|html|xlsx -o FILE`: the board report from the command line."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from netwerkregie.reports.models import BoardReport

pytestmark = pytest.mark.django_db


def test_each_format_is_written_and_nothing_is_saved(region, tmp_path):
    slug = region.network.slug
    call_command("report", slug, "--format", "html", "--period", "2026", "--sections", "glance", "survey",
                 "--language", "en", "-o", str(tmp_path / "r.html"), stderr=io.StringIO())
    html = (tmp_path / "r.html").read_text()
    assert '<html lang="en">' in html and "Netwerkmonitor 2026" in html and 'id="section-structure"' not in html

    call_command("report", slug, "--format", "xlsx", "--period", "2026-01-01:2026-06-30", "--sections", "glance",
                 "-o", str(tmp_path / "r.xlsx"), stderr=io.StringIO())
    about = load_workbook(tmp_path / "r.xlsx")["Rapportage"]
    assert about["B2"].value == "1 januari 2026 – 30 juni 2026"

    call_command("report", slug, "--sections", "glance", "--period", "2026", "-o", str(tmp_path / "r.pdf"),
                 stderr=io.StringIO())
    reader = PdfReader(tmp_path / "r.pdf")
    assert reader.metadata.title == "Bestuursrapportage Regio Test 2026"
    assert not BoardReport.objects.exists()


@pytest.mark.parametrize(("args", "message"), [
    (["nope", "-o", "x.pdf"], "No network with slug 'nope'."),
    (["regio-test", "--period", "twenty", "-o", "x.pdf"], "give a year (2026) or two dates"),
    (["regio-test", "--period", "2026-06-30:2026-01-01", "-o", "x.pdf"], "the end lies before the start"),
])
def test_bad_arguments_say_what_is_wrong(region, args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("report", *args)
