"""Long lists come in pages and the dashboard matrix in slices; filters stay in the URL while moving.

The dashboard summarises the warnings per kind (a few examples and a count) and links to the
warnings page, which lists them all, by kind, paginated, for every role of the network.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netwerkregie.assessments import selectors as survey_selectors
from netwerkregie.assessments import services as survey
from netwerkregie.audit.models import AuditAction, AuditEvent
from netwerkregie.core.pagination import PAGE_SIZE
from netwerkregie.core.roles import NetworkRole
from netwerkregie.overview.selectors import EXAMPLES_PER_KIND, warning_list, warning_summary
from netwerkregie.registry import selectors, services
from netwerkregie.registry.filters import OrganisationFilter
from netwerkregie.registry.models import Coalition, CoalitionParticipation, Organisation, Person
from netwerkregie.registry.selectors import MATRIX_COLUMNS

pytestmark = pytest.mark.django_db

EXTRA_ROWS, EXTRA_COLUMNS = 3, 2


@pytest.fixture
def wide(network, org_type):
    """PAGE_SIZE + 3 organisations (the last three in every coalition) and MATRIX_COLUMNS + 2 coalitions."""
    theme = services.theme_create(network=network, name="Thema")
    hospital, gp = org_type("hospital"), org_type("gp")
    organisations = Organisation.objects.bulk_create([
        Organisation(network=network, name=f"Org {i:03}", type=hospital if i % 2 else gp)
        for i in range(PAGE_SIZE + EXTRA_ROWS)])
    coalitions = Coalition.objects.bulk_create([Coalition(network=network, theme=theme, name=f"Coalitie {k:03}")
                                                for k in range(MATRIX_COLUMNS + EXTRA_COLUMNS)])
    CoalitionParticipation.objects.bulk_create([
        CoalitionParticipation(coalition=c, organisation=o) for c in coalitions for o in organisations[-EXTRA_ROWS:]])
    return organisations, coalitions


def test_the_matrix_comes_in_slices_of_rows_and_columns(network, wide):
    organisations, coalitions = wide
    first = selectors.contribution_matrix(network=network)
    assert [o.name for o, _cells in first.rows] == [o.name for o in organisations[:PAGE_SIZE]]
    assert first.coalitions == coalitions[:MATRIX_COLUMNS]
    assert first.organisations.paginator.count == PAGE_SIZE + EXTRA_ROWS
    assert first.columns.paginator.count == MATRIX_COLUMNS + EXTRA_COLUMNS
    assert all(cell is None for _o, cells in first.rows for cell in cells)

    last = selectors.contribution_matrix(network=network, row_page=2, column_page="2")
    assert [o.name for o, _cells in last.rows] == [o.name for o in organisations[PAGE_SIZE:]]
    assert last.coalitions == coalitions[MATRIX_COLUMNS:]
    assert [[cell.coalition_id for cell in cells] for _o, cells in last.rows] == [
        [c.pk for c in coalitions[MATRIX_COLUMNS:]]] * EXTRA_ROWS
    # Most involved first puts the last three on the first slice; nonsense pages give the first.
    busy = selectors.contribution_matrix(
        network=network, organisations=OrganisationFilter({"sort": "coalitions"}, network=network).queryset(),
        row_page="onzin")
    assert [o.name for o, _cells in busy.rows][:EXTRA_ROWS] == [o.name for o in organisations[-EXTRA_ROWS:]]
    assert selectors.contribution_matrix(network=network, row_page=99).organisations.number == 2


def test_the_dashboard_moves_through_the_matrix_keeping_its_filters(network, wide, logged_in_client):
    url = reverse("overview:dashboard", kwargs={"network": network.slug})
    page = logged_in_client.get(url).content.decode()
    assert page.count('<th scope="row">') == PAGE_SIZE and page.count('class="rotate"') == MATRIX_COLUMNS
    assert 'href="?page=2" hx-get="?page=2" hx-target="#matrix"' in page
    assert 'href="?columns=2" hx-get="?columns=2"' in page

    # An htmx request for a filtered slice answers the matrix alone, its links keep the filters.
    part = logged_in_client.get(url + "?sort=type&type=hospital&columns=2", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in part and 'id="contribution-matrix"' in part
    assert part.count('<th scope="row">') == (PAGE_SIZE + EXTRA_ROWS) // 2
    assert part.count('class="rotate"') == EXTRA_COLUMNS
    assert 'href="?sort=type&amp;type=hospital&amp;columns=1"' in part
    assert 'rel="next"' not in part  # one page of hospitals


def test_warnings_are_summarised_per_kind_and_listed_in_full(network, wide, make_user, org_type):
    organisations, _coalitions = wide
    Organisation.objects.bulk_create([Organisation(network=network, name=f"Los {i}", type=org_type())
                                      for i in range(2)])
    idle = PAGE_SIZE + 2  # every organisation outside the coalitions is in none
    summary = {group.key: group for group in warning_summary(network=network)}["registry"]
    kind = next(k for k in summary.kinds if k.code == "organisation_without_coalition")
    assert kind.count == idle and len(kind.examples) == EXAMPLES_PER_KIND and kind.more == idle - EXAMPLES_PER_KIND
    assert len(warning_list(network=network, code="organisation_without_coalition").rows) == idle
    assert {row.group for row in warning_list(network=network, group="registry").rows} == {"registry"}

    viewer = make_user("kijker")
    services.membership_set(network=network, user=viewer, role=NetworkRole.VIEWER)
    client = Client()
    client.force_login(viewer)
    dashboard = client.get(reverse("overview:dashboard", kwargs={"network": network.slug})).content.decode()
    warnings_url = reverse("overview:warnings", kwargs={"network": network.slug})
    assert dashboard.count('data-code="organisation_without_coalition"') == EXAMPLES_PER_KIND
    assert f'{warnings_url}?code=organisation_without_coalition' in dashboard
    assert 'data-more="organisation_without_coalition"' in dashboard

    full = client.get(warnings_url + "?code=organisation_without_coalition").content.decode()
    assert full.count('<tr data-code="organisation_without_coalition">') == PAGE_SIZE
    assert 'href="?code=organisation_without_coalition&amp;page=2"' in full
    # Page 1 names the first organisation; the rest are on the next page.
    assert organisations[0].name in full
    second = client.get(warnings_url + "?code=organisation_without_coalition&page=2").content.decode()
    assert second.count("<tr data-code=") == idle - PAGE_SIZE
    assert client.get(warnings_url + "?code=onbekend").content.decode().count("<tr data-code=") == 0

    stranger = make_user("vreemde")
    client.force_login(stranger)
    assert client.get(warnings_url).status_code == 404


def test_the_audit_log_is_paginated_and_filtered_by_action(network, logged_in_client, user):
    AuditEvent.objects.bulk_create(
        [AuditEvent(network=network, actor=user, actor_name=user.username, action=AuditAction.EXPORT,
                    detail=f"export {i}") for i in range(PAGE_SIZE + 1)]
        + [AuditEvent(network=network, actor=user, actor_name=user.username, action=AuditAction.ROLE_CHANGE,
                      detail="rol")])
    url = reverse("audit:log", kwargs={"network": network.slug})
    assert logged_in_client.get(url).content.decode().count("<tr data-action=") == PAGE_SIZE
    assert logged_in_client.get(url + "?page=2").content.decode().count("<tr data-action=") == 2
    exports = logged_in_client.get(url + "?action=export&page=2").content.decode()
    assert exports.count('<tr data-action="export">') == 1 and 'data-action="role_change"' not in exports
    assert 'href="?action=export&amp;page=1"' in exports
    only = logged_in_client.get(url + "?action=role_change").content.decode()
    assert only.count("<tr data-action=") == 1


def test_invitations_and_candidates_come_in_pages(network, org_type, logged_in_client):
    organisation = services.organisation_create(network=network, name="Zorg", type=org_type())
    people = Person.objects.bulk_create([Person(network=network, name=f"Persoon {i:03}", organisation=organisation)
                                         for i in range(PAGE_SIZE + 2)])
    today = timezone.localdate()
    survey_round = survey.round_create(network=network, name="Ronde", instruments=["five_conditions"],
                                       opens_on=today, closes_on=today + datetime.timedelta(days=20))
    survey.invitations_create(survey_round=survey_round, people=people[:PAGE_SIZE + 1])
    assert len(survey_selectors.invitation_list(survey_round=survey_round)) == PAGE_SIZE
    assert survey_selectors.invitation_list(survey_round=survey_round, page=2).paginator.count == PAGE_SIZE + 1

    detail = reverse("assessments:round_detail", kwargs={"network": network.slug, "pk": survey_round.pk})
    assert logged_in_client.get(detail).content.decode().count("<tr data-status=") == PAGE_SIZE
    assert logged_in_client.get(detail + "?page=2").content.decode().count("<tr data-status=") == 1

    # Candidates: a person ticked on page 1 comes along to page 2 and stays ticked there.
    respondents = reverse("assessments:round_respondents", kwargs={"network": network.slug, "pk": survey_round.pk})
    first = logged_in_client.get(respondents).content.decode()
    assert first.count('name="people"') == PAGE_SIZE
    assert 'hx-include="#candidates input[name=people]:checked:not(:disabled)"' in first
    ticked = people[0].pk
    second = logged_in_client.get(respondents + f"?page=2&people={ticked}", HTTP_HX_REQUEST="true").content.decode()
    assert second.count('class="form-check-input" type="checkbox" name="people"') == 3  # two candidates + ticked
    assert f'value="{ticked}" id="person-{ticked}" checked' in second
    assert f'id="candidate-count">{PAGE_SIZE + 2} ' in second
    assert 'href="?page=1"' in second  # the page links leave the ticked people to hx-include
