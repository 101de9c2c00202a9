"""On PostgreSQL, the heaviest queries of a network's pages are answered from indexes that start
with that network's (or that round's) key, so another network's rows are never read.

Runs only when DATABASE_URL points at PostgreSQL (SQLite's planner is checked by the speed
benchmark, benchmarks/pages.py, which times the demo alone and beside a large network).
Two networks are built (the budget builder); the real pages are requested as the small
network's admin and every query they send to the network-scoped tables is EXPLAINed with
sequential scans switched off: a query that still shows a Seq Scan on such a table has no
usable index at all. The answers, people and organisations must come from the indexes named in
the models (docs/performance.md lists the plans).
"""

from __future__ import annotations

import os
import re

import pytest
from budget_builder import grow
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netwerkregie.registry import services

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
                       reason="query plans are checked on PostgreSQL only (DATABASE_URL)"),
]

# Tables that hold every network's rows and grow with them.
NETWORK_TABLES = ("assessments_answer", "assessments_invitation", "assessments_surveyround", "registry_organisation",
                  "registry_person", "analysis_relation", "registry_coalitionparticipation")
# Survey tables: the largest by far (a million answers at 2,000 organisations); no index on them
# may be walked without a condition. Joins from a network's rows into the registry tables by their
# keys are left to the planner (on tiny test tables it merges or hashes them).
SURVEY_TABLES = ("assessments_answer", "assessments_invitation")
# The index each heavy read must use, by the table it reads. The paged people and organisation
# lists are not in it: since they count and slice, the planner does not pick their
# (network, sort_name) indexes on the tiny test tables (issue 13 keeps this open).
DEFINED = {
    "assessments_answer": "unique_answer_per_item_and_subject",
}


def _full_index_scans(plan: str) -> set[str]:
    """Tables of SURVEY_TABLES read by an index scan without an index condition: every row, in order.

    Primary keys are left out: a join by primary key to the few rows found is hashed or looked up
    row by row as the (tiny) test tables make cheaper, and both cost the same on real sizes."""
    lines = plan.splitlines()
    found = set()
    for number, line in enumerate(lines):
        match = re.search(r"Index (?:Only )?Scan(?: Backward)? using (\w+) on (\w+)", line)
        if not match or match.group(2) not in SURVEY_TABLES or match.group(1).endswith("_pkey"):
            continue
        depth = len(line) - len(line.lstrip(" ->"))
        details = []
        for following in lines[number + 1:]:
            if "->" in following or len(following) - len(following.lstrip()) <= depth:
                break
            details.append(following)
        if not any("Index Cond:" in detail for detail in details):
            found.add(match.group(2))
    return found


def _plans(client, path: str) -> list[tuple[str, str]]:
    """(SQL, plan) of every SELECT the page sends that reads a network-scoped table."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200, path
    result = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            sql = query["sql"]
            if not sql.startswith("SELECT") or not any(f'"{table}"' in sql for table in NETWORK_TABLES):
                continue
            cursor.execute(f"EXPLAIN {sql}")
            result.append((sql, "\n".join(row[0] for row in cursor.fetchall())))
    return result


@pytest.fixture
def admin_client(make_network, make_user):
    """The small network's admin, with a larger network beside it in the same database."""
    small_admin, large_admin = make_user("klein"), make_user("groot")
    small = make_network("regio-klein", user=small_admin, municipalities=["Noorddorp", "Zuidstad"])
    large = make_network("regio-groot", user=large_admin, municipalities=["Noorddorp", "Zuidstad"])
    hubs = grow(small, 12, small_admin)
    grow(large, 40, large_admin)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SET LOCAL enable_seqscan = off")  # tiny test tables: make the planner show its index
    client = Client(HTTP_AUTHORIZATION=f"Bearer {services.api_token_create(user=small_admin, name='plans')[1]}")
    client.force_login(small_admin)
    return client, small, hubs


def test_heaviest_queries_use_network_first_indexes(admin_client):
    client, network, hubs = admin_client

    def page(name: str, **kwargs) -> str:
        return reverse(name, kwargs={"network": network.slug, **kwargs})

    pages = {
        "relational answers (analysis)": page("analysis:index"),
        "map ties": page("analysis:map_data"),
        "round results": page("assessments:round_results", round_id=hubs.round),
        "round results API": reverse("api-v1:round_results", kwargs={"slug": network.slug, "round_id": hubs.round}),
        "people": page("registry:person_list"),
        "organisations": page("registry:organisation_list"),
    }
    seen: set[str] = set()
    for label, path in pages.items():
        plans = _plans(client, path)
        assert plans, f"{label}: no query read a network's table"
        for sql, plan in plans:
            scanned = set(re.findall(r"Seq Scan on (\w+)", plan)) & set(NETWORK_TABLES)
            assert not scanned, f"{label}: sequential scan of {scanned}\n{sql}\n{plan}"
            walked = _full_index_scans(plan)
            assert not walked, f"{label}: every row of {walked} read through an index\n{sql}\n{plan}"
            for table, index in DEFINED.items():
                if f'FROM "{table}"' in sql and index in plan:
                    seen.add(index)
            # Answers come from the round's invitations only, never from an index over every network's.
            answer_indexes = set(re.findall(r"(?:using|Index Scan on) (assessments_answer\w*)", plan))
            assert not answer_indexes, f"{label}: answers read through {answer_indexes}\n{sql}\n{plan}"
    assert seen == set(DEFINED.values()), f"indexes never used: {set(DEFINED.values()) - seen}"

