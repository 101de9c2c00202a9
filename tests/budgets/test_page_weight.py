"""No page, API answer or survey page of a large network weighs more than 500 KB.

The size is `PAGE_WEIGHT_ORGANISATIONS` organisations: in the suite 250 (quick to build), in
`make bench` the 2,000 of the target.

Downloads (spreadsheets, PDF, the JSON export, calendar files) hold what they export and are left out.

Lists, the dashboard matrix and the survey's "who do you work with" step come in pages or slices
of a fixed size, so what a request sends does not grow with the network. The network is built
once for the module with bulk inserts (budget_builder.grow, the apps' lists kept small as they
are bounded by the query budgets already) and every row of the query-budget file is requested on it.
"""

from __future__ import annotations

import datetime
import os

import pytest
from budget_builder import grow
from budget_requests import requests
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from netwerkregie.assessments import selectors as survey_selectors
from netwerkregie.assessments import services as assessments
from netwerkregie.core.pagination import PAGE_SIZE
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services
from netwerkregie.registry.reference import seed_organisation_types
from netwerkregie.registry.selectors import MATRIX_COLUMNS

ORGANISATIONS = int(os.environ.get("PAGE_WEIGHT_ORGANISATIONS", "250"))
COALITIONS = 60
MAX_BYTES = 500 * 1024
# Downloads, not pages: an export holds what it exports (the JSON export round-trips the network).
DOWNLOADS = {
    "assessments:round_answers_xlsx", "assessments:round_results_xlsx", "reports:spreadsheet_template",
    "reports:registry_xlsx", "reports:network_json", "reports:download_file", "reports:board_report_pdf",
    "reports:board_report_xlsx", "organising:meeting_ics", "reports:meeting_pack",
}

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def large(django_db_setup, django_db_blocker, tmp_path_factory):
    """The network, its hubs, its admin and one survey link of an open round; rolled back afterwards."""
    downloads = override_settings(PREPARED_DOWNLOAD_DIR=tmp_path_factory.mktemp("downloads"))
    with django_db_blocker.unblock(), transaction.atomic(), downloads:
        seed_organisation_types()  # a transactional test before this module may have emptied them
        user = get_user_model().objects.create_user(username="groot", password="geheim-wachtwoord-42")
        network = services.network_create(slug="regio-groot", name="Regio Groot",
                                          municipalities=["Noorddorp", "Zuidstad", "Oosthaven"])
        services.membership_set(network=network, user=user, role=NetworkRole.ADMIN)
        hubs = grow(network, ORGANISATIONS, user, rounds=2, apps=4, coalition_count=COALITIONS)
        today = datetime.date.today()
        survey_round = assessments.round_create(
            network=network, name="Lopende ronde", instruments=["five_conditions", "network_dip", "relations"],
            opens_on=today - datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=30))
        person = network.people.order_by("pk").first()
        invitation = assessments.invitations_create(survey_round=survey_round, people=[person])[0]
        yield network, hubs, user, invitation
        transaction.set_rollback(True)


def _weigh(client: Client, rows: dict[str, tuple[str, dict[str, str]]]) -> dict[str, tuple[int, int]]:
    """Status and bytes per row."""
    result = {}
    for name, (path, headers) in rows.items():
        response = client.get(path, **headers)
        result[name] = (response.status_code, len(response.content))
    return result


def test_every_page_and_api_list_stays_under_500_kb(large):
    network, hubs, user, _invitation = large
    client = Client(HTTP_AUTHORIZATION=f"Bearer {services.api_token_create(user=user, name='weight')[1]}")
    client.force_login(user)
    weights = _weigh(client, {name: row for name, row in requests(network, hubs).items() if name not in DOWNLOADS})
    failed = {name: status for name, (status, _size) in weights.items() if status != 200}
    assert not failed, f"requests that did not answer 200: {failed}"
    heavy = {name: size for name, (_status, size) in weights.items() if size > MAX_BYTES}
    assert not heavy, f"responses over {MAX_BYTES} bytes: {heavy}"
    # The pages really are of the large network: the matrix is one full slice of it.
    matrix = client.get(reverse("overview:dashboard", kwargs={"network": network.slug}),
                        HTTP_HX_REQUEST="true").content.decode()
    assert matrix.count('<th scope="row">') == PAGE_SIZE
    assert matrix.count('class="rotate"') == MATRIX_COLUMNS


def test_every_survey_page_stays_under_500_kb(large):
    """The respondent's welcome page and every page, the "who do you work with" checklist among them."""
    _network, _hubs, _user, invitation = large
    pages = survey_selectors.survey_pages(invitation=invitation)
    assert any(page.checklist for page in pages)
    rows = {"welcome": (reverse("survey:welcome", kwargs={"token": invitation.token}), {})}
    rows |= {f"page {page.number}": (reverse("survey:page", kwargs={"token": invitation.token, "number": page.number}),
                                     {}) for page in pages}
    weights = _weigh(Client(), rows)
    assert {name: status for name, (status, _size) in weights.items() if status != 200} == {}
    heavy = {name: size for name, (_status, size) in weights.items() if size > MAX_BYTES}
    assert not heavy, f"survey pages over {MAX_BYTES} bytes: {heavy}"
