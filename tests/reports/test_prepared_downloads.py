"""A large network's downloads are prepared by the background worker; a small network's stay direct,
except those holding many answers.

The threshold (registry.selectors.DOWNLOAD_INLINE_MAX) is lowered to 0 organisations, so the test
region counts as large; the files go to a temporary directory.
"""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from netwerkregie.assessments import selectors as assessments_selectors
from netwerkregie.assessments.models import Answer
from netwerkregie.audit.models import AuditAction, AuditEvent
from netwerkregie.registry import selectors as registry_selectors
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import Network
from netwerkregie.reports import services
from netwerkregie.reports.exchange import network_export, network_import
from netwerkregie.reports.models import DownloadKind, PreparedDownload, ReportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def large(monkeypatch, settings, tmp_path):
    """Every network with an organisation counts as large; prepared files go to a directory of the test."""
    monkeypatch.setattr(registry_selectors, "DOWNLOAD_INLINE_MAX", 0)
    settings.PREPARED_DOWNLOAD_DIR = tmp_path / "downloads"
    return settings.PREPARED_DOWNLOAD_DIR


def _url(network: Network, name: str, **kwargs) -> str:
    return reverse(f"reports:{name}", kwargs={"network": network.slug, **kwargs})


def _fetch(client, download: PreparedDownload) -> bytes:
    response = client.get(_url(download.network, "download_file", pk=download.pk))
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)  # the test client closes the file once it is read


def _request(client, network: Network, data: dict) -> PreparedDownload:
    response = client.post(_url(network, "downloads"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    download = PreparedDownload.objects.get(pk=int(response.url.rstrip("/").rsplit("/", 1)[1]))
    assert response.url == _url(network, "download", pk=download.pk)
    return download


def test_small_networks_keep_the_direct_downloads(region, logged_in_client, settings, tmp_path):
    settings.PREPARED_DOWNLOAD_DIR = tmp_path
    network = region.network
    assert not registry_selectors.download_in_background(network=network)
    assert logged_in_client.get(_url(network, "network_json")).json()["scope"] == "full"
    assert logged_in_client.get(_url(network, "registry_xlsx")).content.startswith(b"PK")
    raw = reverse("assessments:round_answers_xlsx", kwargs={"network": network.slug, "pk": region.latest.pk})
    assert logged_in_client.get(raw).content.startswith(b"PK")
    assert not PreparedDownload.objects.exists() and not list(tmp_path.iterdir())


def test_many_answers_send_a_small_networks_answer_downloads_to_the_worker(
        region, logged_in_client, monkeypatch, settings, tmp_path):
    """A round with more answers than ANSWERS_INLINE_MAX, and the JSON export of all rounds, are prepared;
    a round below it and the registry workbook (few organisations) stay direct."""
    settings.PREPARED_DOWNLOAD_DIR = tmp_path
    network = region.network
    below = Answer.objects.filter(invitation__round=region.earlier).count()
    assert Answer.objects.filter(invitation__round=region.latest).count() > below
    monkeypatch.setattr(assessments_selectors, "ANSWERS_INLINE_MAX", below)

    def raw(survey_round):
        return reverse("assessments:round_answers_xlsx", kwargs={"network": network.slug, "pk": survey_round.pk})

    response = logged_in_client.get(raw(region.latest))
    assert response.status_code == 302
    assert response.url == _url(network, "downloads") + f"?kind=raw_answers&round={region.latest.pk}"
    assert logged_in_client.get(raw(region.earlier)).content.startswith(b"PK")
    response = logged_in_client.get(_url(network, "network_json"))
    assert response.status_code == 302 and response.url == _url(network, "downloads") + "?kind=network_json"
    assert logged_in_client.get(_url(network, "registry_xlsx")).content.startswith(b"PK")
    intro = logged_in_client.get(_url(network, "downloads")).content.decode()
    assert f"Downloads met meer dan {below} antwoorden" in intro
    assert 'id="downloads-in-background"' in logged_in_client.get(_url(network, "exchange")).content.decode()
    assert not PreparedDownload.objects.exists()


def test_a_large_networks_json_export_is_made_in_the_background_and_imports_back(
        region, large, logged_in_client, user, run_task_worker):
    network = region.network
    response = logged_in_client.get(_url(network, "network_json"))
    assert response.status_code == 302 and response.url == _url(network, "downloads") + "?kind=network_json"
    page = logged_in_client.get(response.url).content.decode()
    assert 'id="download-request"' in page and 'id="downloads-intro"' in page

    download = _request(logged_in_client, network, {"kind": DownloadKind.NETWORK_JSON})
    assert download.status == ReportStatus.QUEUED and download.task_id and download.scope == "full"
    assert download.requested_by == user and download.contact_details
    waiting = logged_in_client.get(_url(network, "download", pk=download.pk)).content.decode()
    assert 'id="worker-hint"' in waiting and 'hx-trigger="every 2s"' in waiting
    assert 'id="no-worker"' in waiting and 'netwerkregie worker' in waiting
    # Asking again while it is made hands out the same download, not a second task.
    assert _request(logged_in_client, network, {"kind": DownloadKind.NETWORK_JSON}) == download

    run_task_worker()
    download.refresh_from_db()
    assert download.status == ReportStatus.READY and download.size > 0
    path = large / download.file_name
    assert path.is_file() and path.stat().st_size == download.size and len(download.file_name) > 40
    assert not [p for p in large.iterdir() if p.name.endswith(".part")]  # written aside, then renamed
    ready = logged_in_client.get(_url(network, "download", pk=download.pk)).content.decode()
    assert 'id="download-ready"' in ready and "hx-trigger" not in ready
    assert _url(network, "download_file", pk=download.pk) in ready
    listed = logged_in_client.get(_url(network, "downloads")).content.decode()
    assert _url(network, "download", pk=download.pk) in listed

    document = json.loads(_fetch(logged_in_client, download))
    assert document == json.loads(json.dumps(network_export(network=network)))
    details = list(AuditEvent.objects.filter(network=network, action=AuditAction.EXPORT).values_list(
        "detail", flat=True).order_by("pk"))
    # Each request and the fetch are audited, as the direct download is; the request says so.
    assert len(details) == 3 and details[0] == details[1] != details[2] and details[0].endswith(details[2])
    assert download.download_name in details[2]

    slug = network.slug
    Network.objects.filter(pk=network.pk).delete()
    restored = network_import(data=document)
    assert restored.slug == slug
    assert json.loads(json.dumps(network_export(network=restored))) == document
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 3  # the history outlives the network


def test_a_large_rounds_raw_answers_are_made_in_the_background(region, large, logged_in_client, run_task_worker):
    network, survey_round = region.network, region.latest
    raw = reverse("assessments:round_answers_xlsx", kwargs={"network": network.slug, "pk": survey_round.pk})
    response = logged_in_client.get(raw)
    assert response.status_code == 302
    assert response.url == _url(network, "downloads") + f"?kind=raw_answers&round={survey_round.pk}"
    form = logged_in_client.get(response.url).context["form"]
    assert form["kind"].value() == "raw_answers" and str(form["survey_round"].value()) == str(survey_round.pk)

    download = _request(logged_in_client, network, {"kind": "raw_answers", "survey_round": survey_round.pk})
    assert AuditEvent.objects.filter(network=network, action=AuditAction.RAW_ANSWERS).count() == 1
    run_task_worker()
    sheet = load_workbook(io.BytesIO(_fetch(logged_in_client, download))).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == Answer.objects.filter(invitation__round=survey_round).count() > 0
    assert {row[0] for row in rows} == {f"R{i}" for i in range(1, 8)}
    assert AuditEvent.objects.filter(network=network, action=AuditAction.RAW_ANSWERS).count() == 2


def test_a_large_networks_registry_workbook_is_made_in_the_background(region, large, logged_in_client,
                                                                      run_task_worker):
    network = region.network
    response = logged_in_client.get(_url(network, "registry_xlsx"))
    assert response.status_code == 302 and response.url.endswith("?kind=registry_xlsx")
    exchange = logged_in_client.get(_url(network, "exchange")).content.decode()
    assert 'id="downloads-in-background"' in exchange
    download = _request(logged_in_client, network, {"kind": "registry_xlsx"})
    run_task_worker()
    workbook = load_workbook(io.BytesIO(_fetch(logged_in_client, download)))
    names = {row[0] for sheet in workbook.worksheets for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(network.organisations.values_list("name", flat=True)) <= names


def test_raw_answers_need_a_round_of_the_network(region, large, logged_in_client, make_network, user):
    network = region.network
    response = logged_in_client.post(_url(network, "downloads"), {"kind": "raw_answers"})
    assert response.status_code == 200 and response.context["form"].errors["survey_round"]
    assert not PreparedDownload.objects.exists()


@pytest.mark.parametrize(("status", "marker"), [
    (ReportStatus.QUEUED, 'id="worker-hint"'), (ReportStatus.RUNNING, 'id="download-waiting"'),
    (ReportStatus.FAILED, 'id="download-failed"')])
def test_the_status_page_shows_waiting_running_and_failed(region, large, logged_in_client, status, marker):
    download = _request(logged_in_client, region.network, {"kind": "network_json"})
    PreparedDownload.objects.filter(pk=download.pk).update(status=status)
    poll = logged_in_client.get(_url(region.network, "download", pk=download.pk), HTTP_HX_REQUEST="true")
    html = poll.content.decode()
    assert marker in html and "<html" not in html
    assert ("hx-trigger" in html) == (status != ReportStatus.FAILED)
    assert logged_in_client.get(_url(region.network, "download_file", pk=download.pk)).status_code == 404


def test_a_failure_is_stored_and_leaves_no_file(region, large, logged_in_client, user, monkeypatch):
    download = _request(logged_in_client, region.network, {"kind": "network_json"})

    def broken(**_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "network_export", broken)
    with pytest.raises(RuntimeError):
        services.download_generate(download=download)
    download.refresh_from_db()
    assert download.status == ReportStatus.FAILED and "disk full" in download.error and not download.file_name
    assert not list(large.iterdir())
    page = logged_in_client.get(_url(region.network, "download", pk=download.pk)).content.decode()
    assert 'id="download-failed"' in page


def _ready(region, user, kind: str = "network_json") -> PreparedDownload:
    membership = region.network.memberships.get(user=user)
    download = services.download_request(network=region.network, membership=membership, kind=kind)
    return services.download_generate(download=download)


def test_expired_files_are_gone_and_the_history_stays(region, large, logged_in_client, user):
    download = _ready(region, user)
    path = large / download.file_name
    events = AuditEvent.objects.count()
    PreparedDownload.objects.filter(pk=download.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=25))
    # Expired is expired, even before the files are cleared.
    assert logged_in_client.get(_url(region.network, "download_file", pk=download.pk)).status_code == 404
    assert logged_in_client.get(_url(region.network, "download", pk=download.pk)).status_code == 404
    assert services.downloads_expire() == 1
    assert not path.exists() and not PreparedDownload.objects.exists()
    assert AuditEvent.objects.count() == events


def test_a_download_of_newer_data_replaces_the_older_file(region, large, user, logged_in_client, org_type):
    first = _ready(region, user)
    assert _ready(region, user) == first  # unchanged data: the same file is handed out again
    registry.organisation_create(network=region.network, name="Nieuwkomer", type=org_type("ggz"))
    page = logged_in_client.get(_url(region.network, "download", pk=first.pk)).content.decode()
    assert 'id="download-outdated"' in page
    second = _ready(region, user)
    assert second.pk != first.pk
    assert not PreparedDownload.objects.filter(pk=first.pk).exists() and not (large / first.file_name).exists()
    assert (large / second.file_name).is_file()
    assert "Nieuwkomer" in _fetch(logged_in_client, second).decode()


def test_the_expire_command_deletes_old_downloads(region, large, user):
    download = _ready(region, user)
    PreparedDownload.objects.filter(pk=download.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))
    out = io.StringIO()
    call_command("expire_downloads", stdout=out)
    assert out.getvalue().startswith("1 prepared download(s)") and not list(large.iterdir())


def test_files_of_deleted_networks_are_cleared_once_old(region, large, user):
    download = _ready(region, user)
    path = large / download.file_name
    Network.objects.filter(pk=region.network.pk).delete()  # the downloads go with the network
    services.downloads_expire()
    assert path.exists()  # not yet as old as an expired download
    services.downloads_expire(now=timezone.now() + datetime.timedelta(hours=25))
    assert not path.exists()
