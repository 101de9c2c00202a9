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
from budget_builder import INSTRUMENTS, Hubs, grow
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from ninja.operation import PathView

from netwerkregie.registry import services
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


def requests(network: Network, hubs: Hubs) -> dict[str, tuple[str, dict[str, str]]]:
    """Row name → (path, extra headers). A row is a URL name, with `|variant` for a second request."""
    slug = network.slug

    def page(name: str, **kwargs) -> str:
        return reverse(name, kwargs={"network": slug, **kwargs})

    def api(name: str, **kwargs) -> str:
        return reverse(f"api-v1:{name}", kwargs={"slug": slug, **kwargs})

    registry_details = {"organisation": hubs.organisation, "person": hubs.person, "theme": hubs.theme,
                        "coalition": hubs.coalition, "governance_unit": hubs.unit}
    registry_children = {"initiative": hubs.initiative, "participation": hubs.participation,
                         "theme_role": hubs.theme_role, "unit_membership": hubs.unit_membership}
    rows: dict[str, tuple[str, dict[str, str]]] = {
        "overview:dashboard": (page("overview:dashboard"), {}),
        "overview:dashboard|filtered": (page("overview:dashboard") + "?sort=coalitions&municipality=Noorddorp", {}),
        "overview:dashboard|matrix": (page("overview:dashboard") + "?sort=type", {"HTTP_HX_REQUEST": "true"}),
        "registry:network_list": (reverse("registry:network_list"), {}),
        "registry:network_create": (reverse("registry:network_create"), {}),
        "registry:profile": (reverse("registry:profile"), {}),
        "registry:api_tokens": (reverse("registry:api_tokens"), {}),
        "registry:network_settings": (page("registry:network_settings"), {}),
        "registry:member_list": (page("registry:member_list"), {}),
        "registry:search": (page("registry:search") + "?q=e", {}),
        "registry:organisation_list|filtered": (page("registry:organisation_list") + "?q=Organisatie&type=hospital",
                                                {}),
    }
    for kind in ("organisation", "person", "theme", "coalition", "governance_unit"):
        rows[f"registry:{kind}_list"] = (page(f"registry:{kind}_list"), {})
        rows[f"registry:{kind}_create"] = (page(f"registry:{kind}_create"), {})
        rows[f"registry:{kind}_detail"] = (page(f"registry:{kind}_detail", pk=registry_details[kind]), {})
        rows[f"registry:{kind}_update"] = (page(f"registry:{kind}_update", pk=registry_details[kind]), {})
        if kind != "person":  # a person is erased on the survey app's page (below)
            rows[f"registry:{kind}_delete"] = (page(f"registry:{kind}_delete", pk=registry_details[kind]), {})
    for kind in ("organisation", "person"):
        rows[f"registry:{kind}_archive"] = (page(f"registry:{kind}_archive", pk=registry_details[kind]), {})
    for kind, pk in registry_children.items():
        rows[f"registry:{kind}_update"] = (page(f"registry:{kind}_update", pk=pk), {})
        rows[f"registry:{kind}_delete"] = (page(f"registry:{kind}_delete", pk=pk), {})
    rows.update({
        "registry:initiative_list": (page("registry:initiative_list"), {}),
        "registry:initiative_create": (page("registry:initiative_create", parent=hubs.coalition), {}),
        "registry:participation_create": (page("registry:participation_create", parent=hubs.coalition), {}),
        "registry:unit_membership_create": (page("registry:unit_membership_create", parent=hubs.unit), {}),
        "audit:log": (page("audit:log"), {}),
    })
    rows.update({
        "analysis:index": (page("analysis:index"), {}),
        "analysis:relation_list": (page("analysis:relation_list"), {}),
        "analysis:relation_create": (page("analysis:relation_create"), {}),
        "analysis:relation_update": (page("analysis:relation_update", pk=hubs.relation), {}),
        "analysis:relation_delete": (page("analysis:relation_delete", pk=hubs.relation), {}),
        "analysis:map": (page("analysis:map"), {}),
        "analysis:map_data": (page("analysis:map_data"), {}),
        "assessments:round_list": (page("assessments:round_list"), {}),
        "assessments:round_create": (page("assessments:round_create"), {}),
        "assessments:round_detail": (page("assessments:round_detail", pk=hubs.round), {}),
        "assessments:round_update": (page("assessments:round_update", pk=hubs.round), {}),
        "assessments:round_delete": (page("assessments:round_delete", pk=hubs.round), {}),
        "assessments:round_respondents": (page("assessments:round_respondents", pk=hubs.round), {}),
        "assessments:round_preview": (page("assessments:round_preview", pk=hubs.round), {}),
        "assessments:round_preview_page": (page("assessments:round_preview_page", pk=hubs.round, number=1), {}),
        "assessments:round_preview_page|relations": (
            page("assessments:round_preview_page", pk=hubs.round, number=len(INSTRUMENTS)), {}),
        "assessments:round_preview_invitation": (page("assessments:round_preview_invitation", pk=hubs.round), {}),
        "assessments:round_answers_xlsx": (page("assessments:round_answers_xlsx", pk=hubs.round), {}),
        "assessments:person_erase": (page("assessments:person_erase", pk=hubs.person), {}),
        "assessments:results_index": (page("assessments:results_index"), {}),
        "assessments:round_results": (page("assessments:round_results", round_id=hubs.round), {}),
        "assessments:round_results_xlsx": (page("assessments:round_results_xlsx", round_id=hubs.round), {}),
        "assessments:results_trend": (page("assessments:results_trend"), {}),
        "assessments:results_compare": (page("assessments:results_compare"), {}),
        "assessments:results_quadrant": (page("assessments:results_quadrant"), {}),
        "governance:advice": (page("governance:advice"), {}),
        "governance:profile_edit": (page("governance:profile_edit"), {}),
        "reports:exchange": (page("reports:exchange"), {}),
        "reports:spreadsheet_template": (page("reports:spreadsheet_template"), {}),
        "reports:registry_xlsx": (page("reports:registry_xlsx"), {}),
        "reports:network_json": (page("reports:network_json"), {}),
        "reports:board_reports": (page("reports:board_reports"), {}),
        "reports:board_report": (page("reports:board_report", pk=hubs.board_report), {}),
        "reports:board_report_pdf": (page("reports:board_report_pdf", pk=hubs.board_report), {}),
        "reports:board_report_xlsx": (page("reports:board_report_xlsx", pk=hubs.board_report), {}),
        "organising:rule_list": (page("organising:rule_list"), {}),
        "organising:rule_create": (page("organising:rule_create"), {}),
        "organising:rule_evaluation": (page("organising:rule_evaluation"), {}),
        "organising:rule_detail": (page("organising:rule_detail", pk=hubs.rule), {}),
        "organising:rule_edit": (page("organising:rule_edit", pk=hubs.rule), {}),
        "organising:commitment_list": (page("organising:commitment_list"), {}),
        "organising:proposal_list": (page("organising:proposal_list"), {}),
        "organising:proposal_create": (page("organising:proposal_create"), {}),
        "organising:proposal_detail": (page("organising:proposal_detail", pk=hubs.proposal), {}),
        "organising:meeting_list": (page("organising:meeting_list"), {}),
        "organising:meeting_create": (page("organising:meeting_create"), {}),
        "organising:meeting_detail": (page("organising:meeting_detail", pk=hubs.meeting), {}),
        "organising:meeting_ics": (page("organising:meeting_ics", pk=hubs.meeting), {}),
        "reports:meeting_pack": (page("reports:meeting_pack", pk=hubs.meeting), {}),
        "organising:task_list": (page("organising:task_list"), {}),
        "organising:leadership": (page("organising:leadership"), {}),
        "organising:spokespeople": (page("organising:spokespeople"), {}),
        "organising_feed:subscription": (reverse("organising_feed:subscription"), {}),
        "monitoring:index": (page("monitoring:index"), {}),
        "monitoring:import": (page("monitoring:import"), {}),
        "monitoring:indicator_create": (page("monitoring:indicator_create"), {}),
        "monitoring:goal_create": (page("monitoring:goal_create"), {}),
        "monitoring:report_create": (page("monitoring:report_create"), {}),
        "monitoring:evidence_create": (page("monitoring:evidence_create"), {}),
        "monitoring:value_function_create": (page("monitoring:value_function_create"), {}),
        "monitoring:theme_effect": (page("monitoring:theme_effect", pk=hubs.theme), {}),
        "monitoring:coalition_effect": (page("monitoring:coalition_effect", pk=hubs.coalition), {}),
        "monitoring:legitimation": (page("monitoring:legitimation"), {}),
        "monitoring:legitimation_create": (page("monitoring:legitimation_create"), {}),
        "funding:index": (page("funding:index"), {}),
        "funding:stream_create": (page("funding:stream_create"), {}),
        "funding:call_create": (page("funding:call_create"), {}),
        "funding:call_detail": (page("funding:call_detail", pk=hubs.call), {}),
        "funding:criterion_create": (page("funding:criterion_create", pk=hubs.call), {}),
        "funding:assessor_create": (page("funding:assessor_create", pk=hubs.call), {}),
        "funding:application_create": (page("funding:application_create", pk=hubs.call), {}),
        "funding:score": (page("funding:score", pk=hubs.call), {}),
        "funding:allocate": (page("funding:allocate", pk=hubs.application), {}),
        "funding:response_record": (page("funding:response_record", pk=hubs.allocation), {}),
        "funding:arena": (page("funding:arena"), {}),
        "funding:arena_entry_create": (page("funding:arena_entry_create"), {}),
        "monitoring:indicator_detail": (page("monitoring:indicator_detail", pk=hubs.indicator), {}),
        "funding:application_withdraw": (page("funding:application_withdraw", pk=hubs.application), {}),
        "funding:allocation_delete": (page("funding:allocation_delete", pk=hubs.allocation), {}),
        "funding:response_delete": (page("funding:response_delete", pk=hubs.response), {}),
        "api-v1:network_list": (reverse("api-v1:network_list"), {}),
        "api-v1:organisation_type_list": (reverse("api-v1:organisation_type_list"), {}),
        "api-v1:network_read": (api("network_read"), {}),
        "api-v1:organisation_read": (api("organisation_read", organisation_id=hubs.organisation), {}),
        "api-v1:person_read": (api("person_read", person_id=hubs.person), {}),
        "api-v1:theme_read": (api("theme_read", theme_id=hubs.theme), {}),
        "api-v1:coalition_read": (api("coalition_read", coalition_id=hubs.coalition), {}),
        "api-v1:governance_unit_read": (api("governance_unit_read", unit_id=hubs.unit), {}),
        "api-v1:relation_read": (api("relation_read", relation_id=hubs.relation), {}),
        "api-v1:round_read": (api("round_read", round_id=hubs.round), {}),
        "api-v1:invitation_list": (api("invitation_list", round_id=hubs.round) + "?limit=1000", {}),
        "api-v1:round_results": (api("round_results", round_id=hubs.round), {}),
        "api-v1:network_analysis": (api("network_analysis"), {}),
        "api-v1:network_map": (api("network_map"), {}),
        "api-v1:dip_assessment": (api("dip_assessment"), {}),
        "api-v1:round_response": (api("round_response", round_id=hubs.round), {}),
        "api-v1:invitation_list|members": (api("invitation_list"), {}),
        "api-v1:rule_read": (api("rule_read", rule_id=hubs.rule), {}),
        "api-v1:proposal_read": (api("proposal_read", proposal_id=hubs.proposal), {}),
        "api-v1:meeting_read": (api("meeting_read", meeting_id=hubs.meeting), {}),
        "api-v1:agenda_item_list": (api("agenda_item_list", meeting_id=hubs.meeting), {}),
        "api-v1:attendance_list": (api("attendance_list", meeting_id=hubs.meeting), {}),
        "api-v1:call_result": (api("call_result", call_id=hubs.call), {}),
        "api-v1:legitimation_read": (api("legitimation_read"), {}),
        "api-v1:membership_read": (api("membership_read", membership_id=hubs.membership), {}),
        "api-v1:initiative_read": (api("initiative_read", initiative_id=hubs.initiative), {}),
        "api-v1:participation_read": (api("participation_read", participation_id=hubs.participation), {}),
        "api-v1:theme_role_read": (api("theme_role_read", role_id=hubs.theme_role), {}),
        "api-v1:unit_membership_read": (api("unit_membership_read", membership_id=hubs.unit_membership), {}),
        "api-v1:advice_read": (api("advice_read"), {}),
        "api-v1:profile_read": (api("profile_read"), {}),
    })
    for app, kinds in (("monitoring", ("indicator", "value", "goal", "report", "evidence", "value_function",
                                       "legitimation")),
                       ("funding", ("stream", "call", "criterion", "application", "assessor", "arena_entry"))):
        for kind in kinds:
            for view in ("update", "delete"):
                rows[f"{app}:{kind}_{view}"] = (page(f"{app}:{kind}_{view}", pk=getattr(hubs, kind)), {})
    for name in ("membership", "organisation", "person", "theme", "theme_role", "coalition", "participation",
                 "initiative", "governance_unit", "unit_membership", "relation", "round", "rule", "commitment",
                 "proposal", "objection", "meeting", "action_point", "indicator", "area", "value", "goal",
                 "report", "evidence", "stream", "call", "application", "allocation", "arena"):
        rows[f"api-v1:{name}_list"] = (api(f"{name}_list") + "?limit=1000", {})
    return rows


def measure(network: Network, hubs: Hubs, user) -> dict[str, tuple[int, int]]:
    """Queries and response size per row, as a network admin (who sees everything)."""
    client = Client(HTTP_AUTHORIZATION=f"Bearer {services.api_token_create(user=user, name='budget')[1]}")
    client.force_login(user)
    result, failed = {}, {}
    for name, (path, headers) in requests(network, hubs).items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, **headers)
        if response.status_code != 200:
            failed[name] = (path, response.status_code)
        result[name] = (len(queries), len(response.content))
    assert not failed, f"requests that did not answer 200: {failed}"
    return result


def test_every_page_and_api_list_keeps_its_query_budget(settings, make_network, make_user):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
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
