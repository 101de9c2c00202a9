"""The request of every query-budget row: a page or API list of a network built by budget_builder.grow.

A row is a URL name, with `|variant` for a second request of the same URL. The query budgets
(test_query_budgets) and the page weights (test_page_weight) measure the same rows.
"""

from __future__ import annotations

from budget_builder import INSTRUMENTS, Hubs
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netwerkregie.registry import services
from netwerkregie.registry.models import Network


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
        "overview:dashboard|slice": (page("overview:dashboard") + "?sort=coalitions&page=2&columns=2",
                                     {"HTTP_HX_REQUEST": "true"}),
        "overview:warnings": (page("overview:warnings"), {}),
        "overview:warnings|kind": (page("overview:warnings") + "?code=organisation_without_coalition&page=2", {}),
        "registry:network_list": (reverse("registry:network_list"), {}),
        "registry:network_create": (reverse("registry:network_create"), {}),
        "registry:profile": (reverse("registry:profile"), {}),
        "registry:api_tokens": (reverse("registry:api_tokens"), {}),
        "registry:network_settings": (page("registry:network_settings"), {}),
        "registry:member_list": (page("registry:member_list"), {}),
        "registry:search": (page("registry:search") + "?q=e", {}),
        "core:choices": (page("core:choices", kind="organisations") + "?q=organisatie&for=organisations&multiple=1"
                         f"&organisations={hubs.organisation}", {"HTTP_HX_REQUEST": "true"}),
        "core:choices|people": (page("core:choices", kind="people") + "?q=persoon&for=person",
                                {"HTTP_HX_REQUEST": "true"}),
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
        "audit:log|filtered": (page("audit:log") + "?action=export&page=2", {}),
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
        "assessments:round_detail|page": (page("assessments:round_detail", pk=hubs.round) + "?page=2", {}),
        "assessments:round_update": (page("assessments:round_update", pk=hubs.round), {}),
        "assessments:round_delete": (page("assessments:round_delete", pk=hubs.round), {}),
        "assessments:round_respondents": (page("assessments:round_respondents", pk=hubs.round), {}),
        "assessments:round_respondents|page": (page("assessments:round_respondents", pk=hubs.round)
                                               + f"?page=2&people={hubs.person}", {"HTTP_HX_REQUEST": "true"}),
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
        "reports:downloads": (page("reports:downloads"), {}),
        "reports:download": (page("reports:download", pk=hubs.download), {}),
        "reports:download|poll": (page("reports:download", pk=hubs.download), {"HTTP_HX_REQUEST": "true"}),
        "reports:download_file": (page("reports:download_file", pk=hubs.download), {}),
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
        size = sum(map(len, response.streaming_content)) if response.streaming else len(response.content)
        result[name] = (len(queries), size)
    assert not failed, f"requests that did not answer 200: {failed}"
    return result
