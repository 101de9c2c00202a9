"""Attacks on the prepared downloads of a large network: a file is handed out only to a member whose
role *now* gives at least what it holds – whoever asked for it, whatever URL is typed.

The threshold (registry.selectors.DOWNLOAD_INLINE_MAX) is lowered to 0 organisations, so the surveyed
network counts as large.
"""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from privacy_helpers import SECRET_EVIDENCE

from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import selectors as registry_selectors
from netwerkregie.registry import services as registry
from netwerkregie.reports import services
from netwerkregie.reports.models import DownloadKind, PreparedDownload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def large(monkeypatch, settings, tmp_path):
    monkeypatch.setattr(registry_selectors, "DOWNLOAD_INLINE_MAX", 0)
    settings.PREPARED_DOWNLOAD_DIR = tmp_path


def _urls(download: PreparedDownload) -> list[str]:
    kwargs = {"network": download.network.slug, "pk": download.pk}
    return [reverse("reports:download", kwargs=kwargs), reverse("reports:download_file", kwargs=kwargs)]


def _prepared(network, user, kind: str, survey_round=None) -> PreparedDownload:
    membership = network.memberships.get(user=user)
    download = services.download_request(network=network, membership=membership, kind=kind,
                                         survey_round=survey_round)
    return services.download_generate(download=download)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _body(response) -> bytes:
    return b"".join(response.streaming_content)  # the test client closes the file once it is read


@pytest.mark.parametrize("role", ["viewer", "member", "coordinator"])
def test_lower_roles_cannot_fetch_an_admins_raw_answers_even_with_the_url(surveyed, user, client_as, role):
    download = _prepared(surveyed.network, user, DownloadKind.RAW_ANSWERS, surveyed.round)
    sheet = load_workbook(io.BytesIO(_body(_client(user).get(_urls(download)[1])))).active
    assert SECRET_EVIDENCE in {row[-1] for row in sheet.iter_rows(values_only=True)}
    client = client_as(role)
    for url in _urls(download):
        assert client.get(url).status_code == 403
    listed = client.get(reverse("reports:downloads", kwargs={"network": surveyed.network.slug}))
    assert listed.status_code == (403 if role == "viewer" else 200)
    if role != "viewer":
        assert not listed.context["page"].object_list and "raw_answers" not in listed.content.decode().split(
            'id="download-request"')[1].split("</select>")[0]


@pytest.mark.parametrize("role", ["member", "coordinator"])
def test_lower_roles_cannot_ask_for_raw_answers_or_the_full_export(surveyed, client_as, role):
    client = client_as(role)
    url = reverse("reports:downloads", kwargs={"network": surveyed.network.slug})
    assert client.post(url, {"kind": "raw_answers", "survey_round": surveyed.round.pk}).status_code == 403
    assert not PreparedDownload.objects.exists()
    assert client.post(url, {"kind": "network_json"}).status_code == 302
    (download,) = PreparedDownload.objects.all()
    assert download.scope == "without_responses"
    services.download_generate(download=download)
    text = _body(client.get(_urls(download)[1])).decode()
    assert SECRET_EVIDENCE not in text and '"answers"' not in text


def test_an_admins_full_export_is_not_handed_to_a_coordinator(surveyed, user, client_as):
    download = _prepared(surveyed.network, user, DownloadKind.NETWORK_JSON)
    assert download.scope == "full"
    coordinator = client_as("coordinator")
    for url in _urls(download):
        assert coordinator.get(url).status_code == 403


def test_a_members_export_is_not_handed_to_a_role_that_does_not_see_contact_details(
        surveyed, client_as, make_user):
    network = surveyed.network
    network.contact_details_from = NetworkRole.COORDINATOR
    network.save()
    coordinator = make_user("coordinator")
    registry.membership_set(network=network, user=coordinator, role=NetworkRole.COORDINATOR)
    download = _prepared(network, coordinator, DownloadKind.REGISTRY_XLSX)
    assert download.contact_details
    member = client_as("member")
    for url in _urls(download):
        assert member.get(url).status_code == 403
    assert _client(coordinator).get(_urls(download)[1]).status_code == 200


def test_an_admin_demoted_after_asking_cannot_fetch_the_file(surveyed, user):
    download = _prepared(surveyed.network, user, DownloadKind.RAW_ANSWERS, surveyed.round)
    registry.membership_set(network=surveyed.network, user=user, role=NetworkRole.MEMBER)
    client = _client(user)
    for url in _urls(download):
        assert client.get(url).status_code == 403


def test_an_admin_waiting_for_the_second_factor_is_sent_to_confirm_it(surveyed, user):
    download = _prepared(surveyed.network, user, DownloadKind.RAW_ANSWERS, surveyed.round)
    surveyed.network.admins_use_two_factor = True
    surveyed.network.save()
    response = _client(user).get(_urls(download)[1])
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:two_factor"))


def test_a_member_of_another_network_gets_404(surveyed, user, make_user, make_network):
    download = _prepared(surveyed.network, user, DownloadKind.NETWORK_JSON)
    stranger = make_user("stranger")
    other = make_network("regio-ander", user=stranger)
    client = _client(stranger)
    for url in _urls(download):
        assert client.get(url).status_code == 404
    # Its own network's URL with this download's number: the same 404.
    kwargs = {"network": other.slug, "pk": download.pk}
    assert client.get(reverse("reports:download_file", kwargs=kwargs)).status_code == 404


def test_the_file_is_never_under_the_static_files(surveyed, user, settings):
    download = _prepared(surveyed.network, user, DownloadKind.NETWORK_JSON)
    assert settings.STATIC_URL not in _urls(download)[1]
    assert download.file_name not in _urls(download)[1]
    assert Client().get(_urls(download)[1]).status_code == 302  # to the login page
