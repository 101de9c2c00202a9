"""The query budget of every page and API list: an exact SQL query count that does not grow with the data.

`query_counts.json` holds one row per page or API request (as NetBox's tests/query_counts.json does).
A small and a large network are built (builder.grow: every repeating thing grows), each request
runs on both as a network admin, and both counts must equal the row. A change that adds a query
fails here; if the extra query is deliberate and constant, run with UPDATE_QUERY_BUDGETS=1 to
rewrite the file and commit it. Every URL of the project must have a row or a reason in EXEMPT,
so a new page cannot slip past its budget.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from budget_builder import Hubs, grow
from budget_requests import measure, requests
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from ninja.operation import PathView

from netwerkregie.assessments import selectors as assessments_selectors
from netwerkregie.core import pickers
from netwerkregie.registry import selectors as registry_selectors
from netwerkregie.registry.models import Network

pytestmark = pytest.mark.django_db

BUDGET_FILE = Path(__file__).with_name("query_counts.json")
SMALL, LARGE = 12, 160

# URL names without a row, and why.
POST_ONLY = (
    "registry:member_role", "registry:member_remove", "registry:member_invite", "registry:api_token_revoke",
    "registry:invitation_resend",
    "registry:invitation_revoke", "registry:organisation_restore", "registry:person_restore",
    "registry:theme_role_end", "registry:participation_end", "registry:unit_membership_end",
    "analysis:refresh", "assessments:round_send", "assessments:round_remind", "assessments:round_response",
    "assessments:invitation_delete", "assessments:invitation_resend", "assessments:invitation_link",
    "organising:rules_template", "organising:proposal_respond", "organising:objection_withdraw",
    "organising:proposal_action", "organising:meeting_change", "organising:action_point_status",
    "funding:call_action",
)
EXEMPT = {
    **dict.fromkeys(POST_ONLY, "POST only"),
    "registry:theme_role_create": "form of a child object; the theme page carries the same form",
    "registry:invitation_accept": "a personal token page, not a network page; tests/registry has its own tests",
    "funding:conflict_declare": "POST only; a GET goes back to the score page, which has its own row",
    "organising_feed:feed": "a personal calendar token; tests/organising has its own tests",
    "api-v1:openapi-json": "the schema, not data",
    "api-v1:openapi-view": "the schema viewer, not data",
    "api-v1:api-root": "the schema viewer, not data",
}
# Auth pages and the respondent's survey pages are not network pages (no network in their URL,
# or a personal token); the survey pages have their own query tests.
EXEMPT_PREFIXES = ("accounts/", "admin/", "i18n/", "survey/")


def test_every_page_and_api_list_keeps_its_query_budget(settings, make_network, make_user, monkeypatch, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Both networks download directly (the rows of the direct downloads); the prepared downloads of a
    # large network have rows of their own (reports:download…), the same on both.
    monkeypatch.setattr(registry_selectors, "DOWNLOAD_INLINE_MAX", LARGE)
    monkeypatch.setattr(assessments_selectors, "ANSWERS_INLINE_MAX", 10**9)
    settings.PREPARED_DOWNLOAD_DIR = tmp_path
    # Both networks choose among their organisations and people with a search picker, as a large one does
    # (below the threshold a plain list costs one query, the picker a COUNT and one for what is chosen).
    monkeypatch.setattr(pickers, "PICKER_THRESHOLD", 0)
    # Each network has its own admin, so what a first visit creates (a calendar feed) is created on both.
    small_user, large_user = make_user("klein"), make_user("groot")
    small_network = make_network("regio-klein", user=small_user, municipalities=["Noorddorp", "Zuidstad"])
    large_network = make_network("regio-groot", user=large_user,
                                 municipalities=["Noorddorp", "Zuidstad", "Oosthaven"])
    small = measure(small_network, grow(small_network, SMALL, small_user), small_user)
    large = measure(large_network, grow(large_network, LARGE, large_user), large_user)

    counts = {name: small[name][0] for name in sorted(small)}
    if os.environ.get("UPDATE_QUERY_BUDGETS") == "1":
        BUDGET_FILE.write_text(json.dumps(counts, indent=1, sort_keys=True) + "\n")
    budgets = json.loads(BUDGET_FILE.read_text())
    grown = {name: (small[name][0], large[name][0]) for name in small if small[name][0] != large[name][0]}
    assert not grown, f"query count grows with the data (small, large): {grown}"
    changed = {name: (budgets.get(name), counts[name]) for name in counts if budgets.get(name) != counts[name]}
    assert not changed, f"query count differs from {BUDGET_FILE.name} (budget, now): {changed}"
    assert set(budgets) == set(counts), f"rows without a request: {set(budgets) - set(counts)}"
    # The large network really answered with more on the pages that list things.
    for name in ("overview:dashboard", "registry:organisation_list", "api-v1:organisation_list",
                 "assessments:round_respondents", "analysis:map_data"):
        assert large[name][1] > small[name][1], name


def _url_patterns(resolver: URLResolver, prefix: str = "", namespace: str | None = None):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _url_patterns(pattern, route, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield route, f"{namespace}:{pattern.name}" if namespace else pattern.name, pattern.callback


def _reads(callback) -> bool:
    """Whether a URL answers GET: an API path whose operations are all writes has no row to keep."""
    path_view = next((cell.cell_contents for cell in callback.__closure__ or ()
                      if isinstance(cell.cell_contents, PathView)), None)
    return path_view is None or any("GET" in operation.methods for operation in path_view.operations)


def test_every_url_has_a_budget_row_or_a_reason():
    """Rows are matched by route, so an API path that carries several URL names is covered once."""
    hubs = Hubs(**dict.fromkeys(Hubs.__dataclass_fields__, 1))
    rows = requests(Network(slug="regio"), hubs)
    covered = {resolve(path.split("?")[0]).route for path, _headers in rows.values()}
    missing = sorted(
        name for route, name, callback in _url_patterns(get_resolver())
        if not route.startswith(EXEMPT_PREFIXES) and name not in EXEMPT and route not in covered
        and _reads(callback))
    assert not missing, f"add a row to {BUDGET_FILE.name} (or a reason to EXEMPT) for: {missing}"
    assert set(rows) == set(json.loads(BUDGET_FILE.read_text())), f"{BUDGET_FILE.name} and the requests differ"
