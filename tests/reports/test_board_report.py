"""Board report: sections equal the apps' selectors, suppression holds, versions, roles and queries."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from netwerkregie.analysis import tasks
from netwerkregie.analysis.selectors import network_analysis
from netwerkregie.assessments.results import breakdown
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import selectors as registry_selectors
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import OrganisationType
from netwerkregie.reports import services
from netwerkregie.reports.board.base import Period
from netwerkregie.reports.board.render import report_html
from netwerkregie.reports.board.sections import SECTION_KEYS, build_report
from netwerkregie.reports.models import BoardReport, ReportStatus

pytestmark = pytest.mark.django_db
YEAR = Period.year(2026)


def _content(built, key):
    return next(section.content for section in built.sections if section.key == key)


def test_every_section_shows_what_its_app_selectors_give(region):
    network = region.network
    built = build_report(network=network, period=YEAR, language="en", keys=SECTION_KEYS)
    assert [s.key for s in built.sections] == SECTION_KEYS
    glance = _content(built, "glance")
    assert {f.key.split(".")[1]: f.value for f in glance.counts} == registry_selectors.network_counts(network=network)

    survey = _content(built, "survey")
    with translation.override("en"):
        expected = breakdown.round_results(survey_round=region.latest)
    assert survey.round_name == "Netwerkmonitor 2026" and survey.respondents == expected.respondents == 7
    (conditions,) = expected.instruments
    assert [(s.name, s.mean) for s in survey.instruments[0].dimensions] == [
        (s.name, s.mean) for s in conditions.dimensions]
    assert [t.rounds for t in survey.trends] == [["Netwerkmonitor 2025", "Netwerkmonitor 2026"]]

    analysis = network_analysis(network=network)
    structure = _content(built, "structure")
    assert {f.key: f.value for f in structure.figures_explained}["nodes"] == analysis.nodes == 9
    assert structure.map.startswith("<svg") and structure.map.count("<circle") == 9
    assert _content(built, "changes").previous_period == ""
    assert built.figures["glance.organisations"] == {"label": "Organisations", "value": 9}


def test_the_structure_section_reads_the_stored_analysis_and_follows_a_change(region, monkeypatch):
    """The worker does not redo an analysis a page had computed; a change of the data makes it compute anew."""
    network = region.network
    first = _content(build_report(network=network, period=YEAR, language="en", keys=["structure"]), "structure")
    computed = []
    real = tasks.selectors.network_analysis
    monkeypatch.setattr(tasks.selectors, "network_analysis", lambda **kw: computed.append(kw) or real(**kw))
    again = _content(build_report(network=network, period=YEAR, language="en", keys=["structure"]), "structure")
    assert computed == [] and again.figures_explained == first.figures_explained

    registry.organisation_create(network=network, name="Nieuwe partner", type=OrganisationType.objects.first())
    changed = _content(build_report(network=network, period=YEAR, language="en", keys=["structure"]), "structure")
    assert len(computed) == 1 and {f.key: f.value for f in changed.figures_explained}["nodes"] == 10


def test_a_period_before_the_latest_round_reports_the_round_of_then(region):
    built = build_report(network=region.network, period=Period.year(2025), language="en", keys=["survey"])
    survey = _content(built, "survey")
    assert survey.round_name == "Netwerkmonitor 2025" and survey.trends == []


def test_suppressed_groups_are_absent_from_page_and_tables(region):
    built = build_report(network=region.network, period=YEAR, language="en", keys=["survey"])
    with translation.override("en"):
        groups = breakdown.round_results(survey_round=region.latest).instruments[0].groups["type"]
    visible = [g.label for g in groups if not g.suppressed]
    hidden = [g.label for g in groups if g.suppressed]
    assert region.small_type.name_en in hidden and visible
    instrument = _content(built, "survey").instruments[0]
    assert [g.label for g in instrument.groups] == visible and instrument.hidden_groups == len(hidden)
    by_type = next(t for t in built.tables if t.key.endswith("_by_type"))
    assert [row[0] for row in by_type.rows] == visible
    page = report_html(built)
    assert region.small_type.name_en not in page
    assert f"{len(hidden)} organisation types are not shown: fewer than 3 respondents." in page


def test_a_report_is_requested_generated_in_the_background_and_compared_with_the_previous(
        region, user, run_task_worker):
    network = region.network
    first = services.board_report_request(network=network, user=user, period=YEAR, sections=SECTION_KEYS,
                                          foreword="Voor het bestuur.")
    assert first.status == ReportStatus.QUEUED and first.task_id and first.steps == len(SECTION_KEYS) + 2
    run_task_worker()
    first.refresh_from_db()
    assert first.status == ReportStatus.READY and first.progress == 100
    assert bytes(first.pdf).startswith(b"%PDF") and bytes(first.xlsx).startswith(b"PK")
    assert "Voor het bestuur." in first.html and first.figures["glance.organisations"]["value"] == 9

    registry.organisation_create(network=network, name="Nieuwkomer", type=OrganisationType.objects.get(key="ggz"))
    second = services.board_report_request(network=network, user=user, period=YEAR, sections=["glance", "changes"],
                                           language="en")
    run_task_worker()
    second.refresh_from_db()
    assert second.status == ReportStatus.READY
    assert "Compared with the previous report over 2026" in second.html
    assert "<td>Organisations</td><td class=\"num\">9</td><td class=\"num\">10</td><td class=\"num\">+1</td>" in (
        second.html)


@pytest.mark.parametrize(("data", "field"), [
    ({"sections": []}, "sections"), ({"sections": ["glance", "nonsense"]}, "sections"),
    ({"sections": ["glance"], "language": "de"}, "language")])
def test_a_bad_request_names_the_field_and_stores_nothing(region, user, data, field):
    with pytest.raises(ValidationError) as error:
        services.board_report_request(network=region.network, user=user, period=YEAR, **data)
    assert field in error.value.message_dict and not BoardReport.objects.exists()


@pytest.fixture
def role_client(make_user, region):
    def login(role: str | None) -> Client:
        user = make_user(f"user-{role}")
        if role:
            registry.membership_set(network=region.network, user=user, role=role)
        client = Client()
        client.force_login(user)
        return client

    return login


def _ready_report(region, user) -> BoardReport:
    report = services.board_report_request(network=region.network, user=user, period=YEAR, sections=["glance"])
    services.board_report_generate(report=report)
    return report


def test_roles_coordinators_create_members_download_viewers_read(region, role_client, user):
    slug = region.network.slug
    list_url = reverse("reports:board_reports", kwargs={"network": slug})
    form = {"year": "2026", "sections": ["glance", "warnings"], "foreword": "", "language": "nl"}

    viewer = role_client(NetworkRole.VIEWER)
    assert viewer.get(list_url).status_code == 200
    assert viewer.post(list_url, form).status_code == 403
    coordinator = role_client(NetworkRole.COORDINATOR)
    response = coordinator.post(list_url, form)
    report = BoardReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "reports:board_report", kwargs={"network": slug, "pk": report.pk})
    assert report.sections == ["glance", "warnings"] and report.period_label == "2026"

    ready = _ready_report(region, user)
    pdf_url = reverse("reports:board_report_pdf", kwargs={"network": slug, "pk": ready.pk})
    xlsx_url = reverse("reports:board_report_xlsx", kwargs={"network": slug, "pk": ready.pk})
    assert viewer.get(pdf_url).status_code == 403 and viewer.get(xlsx_url).status_code == 403
    assert viewer.get(reverse("reports:board_report", kwargs={"network": slug, "pk": ready.pk})).status_code == 200
    member = role_client(NetworkRole.MEMBER)
    response = member.get(pdf_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert member.get(xlsx_url).content.startswith(b"PK")
    queued_pdf = reverse("reports:board_report_pdf", kwargs={"network": slug, "pk": report.pk})
    assert member.get(queued_pdf).status_code == 404  # not made yet
    outsider = role_client(None)
    assert outsider.get(list_url).status_code == 404 and outsider.get(pdf_url).status_code == 404


def test_the_form_says_what_is_wrong_with_the_period(region, role_client):
    url = reverse("reports:board_reports", kwargs={"network": region.network.slug})
    response = role_client(NetworkRole.COORDINATOR).post(url, {
        "period_start": "2026-06-30", "period_end": "2026-01-01", "sections": ["glance"], "language": "en"})
    assert response.status_code == 200 and not BoardReport.objects.exists()
    assert response.context["form"].errors["period_end"]


def test_progress_is_polled_until_ready_then_the_page_reloads(region, role_client, user):
    client = role_client(NetworkRole.MEMBER)
    report = services.board_report_request(network=region.network, user=user, period=YEAR, sections=["glance"])
    url = reverse("reports:board_report", kwargs={"network": region.network.slug, "pk": report.pk})
    page = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'id="worker-hint"' in page and 'hx-trigger="every 2s"' in page
    assert 'id="no-worker"' in page  # no worker's heartbeat in the tests: the page says so
    services.board_report_generate(report=report)
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.headers["HX-Refresh"] == "true"
    page = client.get(url).content.decode()
    assert 'id="download-pdf"' in page and 'id="section-glance"' in page


def _list_queries(client: Client, slug: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("reports:board_reports", kwargs={"network": slug})).status_code == 200
    return len(queries)


def test_the_list_page_runs_the_same_queries_for_one_or_many_reports(region, role_client, user):
    client = role_client(NetworkRole.COORDINATOR)
    slug = region.network.slug
    services.board_report_request(network=region.network, user=user, period=YEAR, sections=["glance"])
    one = _list_queries(client, slug)
    for month in range(1, 9):
        services.board_report_request(network=region.network, user=user, sections=["glance"], period=Period(
            datetime.date(2026, month, 1), datetime.date(2026, month, 28)))
    assert _list_queries(client, slug) == one


def test_a_failing_report_is_marked_failed_and_the_page_says_so(region, role_client, user, monkeypatch):
    report = services.board_report_request(network=region.network, user=user, period=YEAR, sections=["glance"])
    def report_pdf(built):
        raise OSError("disk full")

    monkeypatch.setattr(services, "report_pdf", report_pdf)
    with pytest.raises(OSError):
        services.board_report_generate(report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED and "disk full" in report.error and not report.pdf
    url = reverse("reports:board_report", kwargs={"network": region.network.slug, "pk": report.pk})
    page = role_client(NetworkRole.MEMBER).get(url).content.decode()
    assert 'id="report-failed"' in page and "hx-trigger" not in page
