"""A director in a real browser: asks for the board report, watches its progress, downloads the PDF."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_director_makes_the_board_report_and_downloads_the_pdf(live_server, page, browser_login, region,
                                                                run_task_worker):
    slug = region.network.slug
    browser_login("regisseur")
    page.goto(f"{live_server.url}/n/{slug}/")
    page.click(f"nav a[href='/n/{slug}/reports/board/']")
    page.wait_for_url(re.compile(r"/reports/board/$"))
    assert "Nog geen rapportages." in page.locator("#board-report-list").inner_text()  # Dutch by default
    page.fill("input[name=year]", "2026")
    page.uncheck("#board-report-form input[value=structure]")
    page.fill("textarea[name=foreword]", "Voor de vergadering van het bestuur.")
    page.click("#board-report-form button[type=submit]")
    page.wait_for_url(re.compile(r"/reports/board/\d+/$"))
    assert "netwerkregie worker" in page.locator("#no-worker").inner_text()  # no worker yet: the page says so

    run_task_worker()  # the page polls every 2 s and reloads itself once the report is ready
    page.locator("#download-pdf").wait_for()
    assert "Voor de vergadering van het bestuur." in page.locator("#section-foreword").inner_text()
    assert page.locator("#section-structure").count() == 0
    assert "Netwerkmonitor 2026" in page.locator("#section-survey").inner_text()
    with page.expect_download() as download:
        page.click("#download-pdf")
    assert re.fullmatch(rf"{slug}-2026-\d{{8}}-\d{{4}}\.pdf", download.value.suggested_filename)
    reader = PdfReader(download.value.path())
    assert reader.metadata.title == "Bestuursrapportage Regio Test 2026"
    text = " ".join(page_.extract_text() for page_ in reader.pages)
    assert "Voor de vergadering van het bestuur." in text

    page.click("nav[aria-label=Kruimelpad] a")
    assert "klaar" in page.locator("#board-report-list").inner_text()
