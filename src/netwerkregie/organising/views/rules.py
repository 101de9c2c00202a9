"""Pages of the rules of play. Every member (viewer and up) reads rules, versions and commitments;
coordinators and admins write them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netwerkregie.core.forms import save_through_service
from netwerkregie.core.pagination import PAGE_SIZE, page_of
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.views import network_view
from netwerkregie.registry.models import Network

from .. import forms
from ..models import Rule
from ..selectors import evaluation
from ..selectors import rules as selectors
from ..services import evaluation as evaluation_services
from ..services import rules as services


def _can_edit(request: HttpRequest) -> bool:
    return request.membership.has_role(NetworkRole.COORDINATOR)


@network_view()
def rule_list(request: HttpRequest, network: Network) -> HttpResponse:
    """All topics with their rules and an example for each; "start from template" while none exist."""
    return render(request, "organising/rule_list.html", {
        "topics": selectors.rules_by_topic(network=network), "has_rules": network.rules.exists(),
        "can_edit": _can_edit(request)})


@network_view(NetworkRole.COORDINATOR)
@require_POST
def rules_template(request: HttpRequest, network: Network) -> HttpResponse:
    created = services.rules_from_template(network=network, created_by=request.user,
                                           language=request.LANGUAGE_CODE)
    messages.success(request, _("%(count)d rules of play added from the template as drafts.") % {"count": len(created)})
    return redirect("organising:rule_list", network=network.slug)


def _rule_form(request: HttpRequest, network: Network, rule: Rule | None) -> HttpResponse:
    form = forms.RuleForm(request.POST or None, instance=rule, network=network,
                          initial={"topic": request.GET.get("topic", "")})
    if request.method == "POST":
        def write(data):
            note = data.pop("note", "")
            if rule is None:
                return services.rule_create(network=network, created_by=request.user, **data)
            return services.rule_update(rule=rule, changed_by=request.user, note=note, **data)
        saved = save_through_service(form, write)
        if saved:
            messages.success(request, _("Rule of play saved."))
            return redirect(saved.get_absolute_url())
    return render(request, "registry/object_form.html", {
        "form": form, "title": _("Edit rule of play") if rule else _("New rule of play"),
        "cancel_url": rule.get_absolute_url() if rule else reverse("organising:rule_list", args=[network.slug])})


@network_view(NetworkRole.COORDINATOR)
def rule_create(request: HttpRequest, network: Network) -> HttpResponse:
    return _rule_form(request, network, None)


@network_view(NetworkRole.COORDINATOR)
def rule_edit(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    return _rule_form(request, network, get_object_or_404(network.rules, pk=pk))


@network_view()
def rule_detail(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    """A rule, its versions and, with `?a=<n>&b=<m>`, the word-level difference of two versions."""
    rule = get_object_or_404(selectors.rule_list(network=network), pk=pk)
    versions = list(rule.versions.all())
    by_number = {v.number: v for v in versions}
    a, b = request.GET.get("a", ""), request.GET.get("b", "")
    old = by_number.get(int(a)) if a.isdigit() else (versions[-2] if len(versions) > 1 else None)
    new = by_number.get(int(b)) if b.isdigit() else versions[-1]
    status_form = forms.RuleStatusForm(request.POST or None, network=network)
    if request.method == "POST":
        if not _can_edit(request):
            raise PermissionDenied
        if save_through_service(status_form, lambda data: services.rule_set_status(
                rule=rule, changed_by=request.user, **data)):
            messages.success(request, _("Status changed."))
            return redirect(rule.get_absolute_url())
    return render(request, "organising/rule_detail.html", {
        "rule": rule, "versions": versions, "old": old, "new": new,
        "diff": selectors.version_diff(old, new) if old and new and old != new else None,
        "status_form": status_form, "can_edit": _can_edit(request)})


@network_view()
def rule_evaluation(request: HttpRequest, network: Network) -> HttpResponse:
    """Topic means of a rules-of-play evaluation round (`?round=<id>`, default the latest); a coordinator turns
    the topics below the threshold into a draft revision proposal to the fundament."""
    rounds = evaluation.evaluation_rounds(network=network)
    wanted = request.GET.get("round") or request.POST.get("round", "")
    survey_round = next((r for r in rounds if str(r.pk) == wanted), rounds[0] if rounds else None)
    if request.method == "POST":
        if not _can_edit(request):
            raise PermissionDenied
        try:
            proposal = evaluation_services.revision_proposal_from_evaluation(
                network=network, survey_round=survey_round, created_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Revision proposal drafted."))
            return redirect(proposal.get_absolute_url())
    return render(request, "organising/rule_evaluation.html", {
        "rounds": rounds, "survey_round": survey_round, "can_edit": _can_edit(request),
        "verdicts": evaluation.rule_evaluation(survey_round=survey_round) if survey_round else [],
        "threshold": evaluation.REVISION_THRESHOLD})


@network_view()
def commitment_list(request: HttpRequest, network: Network) -> HttpResponse:
    """Which organisations committed to the rules of play, who for them, when, recorded by whom.

    Every role reads (paged, the first PAGE_SIZE of the organisations not yet committed named and the
    rest counted); members and up record.
    """
    form = forms.CommitmentForm(request.POST or None, network=network)
    if request.method == "POST":
        if not _can_edit(request):
            raise PermissionDenied
        if save_through_service(form, lambda data: services.commitment_record(
                network=network, recorded_by=request.user, **data)):
            messages.success(request, _("Commitment recorded."))
            return redirect("organising:commitment_list", network=network.slug)
    uncommitted = selectors.uncommitted_organisations(network=network)
    return render(request, "organising/commitment_list.html", {
        "page": page_of(request, selectors.commitment_list(network=network).order_by("organisation__sort_name", "pk")),
        "uncommitted": uncommitted[:PAGE_SIZE], "uncommitted_count": uncommitted.count(), "form": form,
        "can_edit": _can_edit(request)})
