"""What a burst of respondents costs the server: row locks, queries, a warm process, fair queueing."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from survey_helpers import build_region, open_round

from netwerkregie import wsgi
from netwerkregie.assessments import instruments
from netwerkregie.assessments import services as survey
from netwerkregie.core.management.commands import serve


@pytest.fixture
def invitations(network):
    region = build_region(network)
    survey_round = open_round(network, instruments=["five_conditions"])
    return survey.invitations_create(survey_round=survey_round, people=[region.anna, region.bram])


@pytest.mark.django_db
def test_saving_answers_locks_the_respondents_row_only(invitations):
    """Joining the round into FOR UPDATE locked the round's row: every respondent waited for every other."""
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        survey.answers_save(invitation=invitations[0], instrument="five_conditions", values={"amb_shared": 4})
    locks = [q["sql"] for q in queries.captured_queries
             if q["sql"].startswith('SELECT "assessments_invitation"."id" AS "pk"')]
    assert locks and all("JOIN" not in sql and "surveyround" not in sql for sql in locks)


@pytest.mark.django_db
def test_a_survey_page_costs_a_fixed_number_of_queries(invitations):
    """Open a page, save it, open the next: 2 + 11 + 2 queries, answers stored (the benchmark's path).

    Saving is 9 on a server; in the test's transaction the page's own one becomes a savepoint (+2).
    """
    client = Client()
    page = f"/survey/{invitations[0].token}/1/"
    with CaptureQueriesContext(connection) as opened:
        html = client.get(page).content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    with CaptureQueriesContext(connection) as saved:
        response = client.post(page, {"csrfmiddlewaretoken": token, "go": "next", "v:-:amb_shared": "4",
                                      "v:-:amb_concrete": "2"})
    assert response.status_code == 302 and invitations[0].answers.count() == 2
    with CaptureQueriesContext(connection) as following:
        assert client.get(response["Location"]).status_code == 200
    assert (len(opened), len(saved), len(following)) == (2, 11, 2)


def test_the_warm_up_prepares_a_process_without_the_database():
    """No database access (pytest-django refuses it here): gunicorn's master must not open a connection
    that the processes it forks would share."""
    instruments._registry.cache_clear()
    wsgi.warm_up()
    assert instruments._registry.cache_info().currsize == 1  # parsed before any request


def test_a_burst_queues_in_the_shared_backlog(monkeypatch):
    monkeypatch.delenv("NETWERKREGIE_WEB_THREADS", raising=False)
    monkeypatch.setenv("NETWERKREGIE_WEB_WORKERS", "5")
    assert serve.worker_options() == ["--worker-class", "sync", "--workers", "5"]
    monkeypatch.setenv("NETWERKREGIE_WEB_THREADS", "4")
    assert serve.worker_options()[-2:] == ["--worker-connections", "4"]  # accepts only what it serves
    monkeypatch.delenv("NETWERKREGIE_WEB_WORKERS")
    assert 3 <= serve.web_processes() <= serve.MAX_DEFAULT_PROCESSES
