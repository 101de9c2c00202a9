"""Pages of the funding app.

Roles: every member (viewer and up) reads streams, open and closed calls with their criteria and
weights, allocations, financier responses and the effectenarena. Members apply for a coalition.
Coordinators and admins manage streams, calls, criteria, assessors' results and allocations.
An assessor (the user linked to an Assessor) scores on their own sheet and sees only their own
scores until they submit; the assessment result is shown to coordinators, to assessors who
submitted, and to every member once the call is closed.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netwerkregie.core.forms import apply_service_errors, save_through_service
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.views import create_view, network_view
from netwerkregie.registry.models import Network

from . import forms, scoring, selectors, services
from .models import Allocation, Application, Call, CallStatus


@network_view()
def index(request: HttpRequest, network: Network) -> HttpResponse:
    coordinator = request.membership.has_role(NetworkRole.COORDINATOR)
    return render(request, "funding/index.html", {
        "streams": selectors.stream_views(network=network),
        "calls": selectors.call_list(network=network, include_drafts=coordinator),
        "allocations": selectors.allocation_list(network=network),
        "adoption": selectors.advice_adoption(network=network),
        "requested_per_year": selectors.requested_per_year(network=network).items(),
        "can_edit": coordinator,
    })


def _call(request: HttpRequest, network: Network, pk: int) -> Call:
    try:
        return selectors.call_get(network=network, pk=pk,
                                  include_drafts=request.membership.has_role(NetworkRole.COORDINATOR))
    except Call.DoesNotExist:
        raise Http404 from None


@network_view()
def call_detail(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    """The published call: criteria, weights, formula, checks; the result for those allowed to see it."""
    call = _call(request, network, pk)
    visible = selectors.can_see_result(call=call, membership=request.membership)
    result = selectors.call_result(call=call)
    return render(request, "funding/call_detail.html", {
        "call": call, "result": result if visible else None, "criteria": result.criteria,
        "weight_sum": result.weight_sum, "applications": [r.application for r in result.applications],
        "assessor": selectors.assessor_for(call=call, user=request.user),
        "assessors": result.assessors, "formula": scoring.__doc__.split("\n\n")[1],
        "can_edit": request.membership.has_role(NetworkRole.COORDINATOR),
        "can_apply": request.membership.has_role(NetworkRole.MEMBER) and call.status == CallStatus.OPEN,
    })


@network_view(NetworkRole.COORDINATOR)
def call_action(request: HttpRequest, network: Network, pk: int, action: str) -> HttpResponse:
    """POST: open (publish and freeze), close, or start a new version of a call."""
    call = _call(request, network, pk)
    if request.method != "POST":
        raise PermissionDenied
    actions: dict[str, Callable[..., Call]] = {"open": services.call_open, "close": services.call_close,
                                               "new-version": services.call_new_version}
    if action not in actions:
        raise Http404
    try:
        call = actions[action](call=call)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Call saved."))
    return redirect(call)


@network_view(NetworkRole.COORDINATOR)
def criterion_create(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    call = _call(request, network, pk)
    form = forms.CriterionForm(request.POST or None, network=network)
    if request.method == "POST" and save_through_service(
            form, lambda data: services.criterion_add(call=call, **data)):
        return redirect(call)
    return render(request, "registry/object_form.html", {
        "form": form, "title": _("New criterion for %(call)s") % {"call": call}, "cancel_url": call.get_absolute_url()})


@network_view(NetworkRole.COORDINATOR)
def assessor_create(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    call = _call(request, network, pk)
    form = forms.AssessorForm(request.POST or None, network=network)
    if request.method == "POST" and save_through_service(
            form, lambda data: services.assessor_add(call=call, **data)):
        return redirect(call)
    return render(request, "registry/object_form.html", {
        "form": form, "title": _("New assessor for %(call)s") % {"call": call}, "cancel_url": call.get_absolute_url()})


@network_view(NetworkRole.MEMBER)
def application_create(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    """A member applies for a coalition (users are not tied to coalitions; the coalition is chosen)."""
    call = _call(request, network, pk)
    form = forms.ApplicationForm(request.POST or None, call=call)
    partners = forms.PartnerFormSet(request.POST or None, prefix="partners", form_kwargs={"network": network})
    if request.method == "POST" and form.is_valid() and partners.is_valid():
        rows = [(row["organisation"], row.get("own_contribution") or 0) for row in partners.cleaned_data
                if row.get("organisation")]
        try:
            services.application_create(call=call, partners=rows, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Application submitted."))
            return redirect(call)
    return render(request, "funding/application_form.html", {"form": form, "partners": partners, "call": call})


def _assessor_or_403(request: HttpRequest, call: Call):
    assessor = selectors.assessor_for(call=call, user=request.user)
    if assessor is None:
        raise PermissionDenied
    return assessor


class _Rollback(Exception):
    """Undo the scores saved so far: one cell of the sheet was refused."""


def _save_scores(form: forms.ScoringForm, assessor, rows, criteria, *, submit: bool) -> bool:
    """Store every filled cell (and submit); on any error nothing is stored and errors sit beside their cells."""
    applications = {row.application.pk: row.application for row in rows}
    by_pk = {c.pk: c for c in criteria}
    try:
        with transaction.atomic():
            for application, criterion, value, reason, field in form.filled():
                try:
                    services.score_set(assessor=assessor, application=applications[application],
                                       criterion=by_pk[criterion], score=value, reason=reason)
                except ValidationError as error:
                    target = field.replace("score-", "reason-") if "reason" in error.message_dict else field
                    form.add_error(target, error.messages)
            if form.errors:
                raise _Rollback
            if submit:
                services.assessment_submit(assessor=assessor)
    except _Rollback:
        return False
    except ValidationError as error:
        form.add_error(None, error.messages)
        return False
    return True


@network_view()
def score(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    """The assessor's own sheet: their scores only. `save` keeps drafts, `submit` makes them final."""
    call = _call(request, network, pk)
    assessor = _assessor_or_403(request, call)
    criteria = list(call.criteria.all())
    rows = selectors.own_scores(assessor=assessor)
    form = forms.ScoringForm(request.POST or None, rows=rows, criteria=criteria, scale_max=call.scale_max)
    if request.method == "POST" and not assessor.submitted_at and form.is_valid() and _save_scores(
            form, assessor, rows, criteria, submit="submit" in request.POST):
        messages.success(request, _("Assessment submitted: your scores are final.") if "submit" in request.POST
                         else _("Scores saved. Submit when every application is scored."))
        return redirect("funding:score", network=network.slug, pk=call.pk)
    return render(request, "funding/score.html", {
        "call": call, "assessor": assessor, "criteria": criteria, "form": form,
        "conflict_form": forms.ConflictForm(call=call)})


@network_view()
def conflict_declare(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    call = _call(request, network, pk)
    assessor = _assessor_or_403(request, call)
    form = forms.ConflictForm(request.POST or None, call=call)
    if request.method == "POST" and save_through_service(form, lambda data: services.conflict_declare(
            assessor=assessor, **data)):
        messages.success(request, _("Conflict of interest recorded; you do not score this application."))
    elif request.method == "POST":
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("funding:score", network=network.slug, pk=call.pk)


@network_view(NetworkRole.COORDINATOR)
def allocate(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.select_related("call__stream"),
                                     call__stream__network=network, pk=pk)
    existing = Allocation.objects.filter(application=application).first()
    form = forms.AllocationForm(request.POST or None, instance=existing, network=network)
    if request.method == "POST" and save_through_service(
            form, lambda data: services.allocation_decide(application=application, **data)):
        return redirect(application.call)
    return render(request, "registry/object_form.html", {
        "form": form, "title": _("Allocation for %(application)s") % {"application": application},
        "cancel_url": application.call.get_absolute_url()})


@network_view(NetworkRole.COORDINATOR)
def response_record(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    allocation = get_object_or_404(Allocation.objects.select_related("application__call__stream"),
                                   application__call__stream__network=network, pk=pk)
    form = forms.ResponseForm(request.POST or None, allocation=allocation)
    if request.method == "POST" and save_through_service(
            form, lambda data: services.financier_response_record(allocation=allocation, **data)):
        return redirect("funding:index", network=network.slug)
    return render(request, "registry/object_form.html", {
        "form": form, "title": _("Financier's response to the advice on %(application)s")
        % {"application": allocation.application}, "cancel_url": reverse("funding:index", args=[network.slug])})


@network_view()
def arena(request: HttpRequest, network: Network) -> HttpResponse:
    return render(request, "funding/arena.html", {"arenas": selectors.arena_views(network=network),
                                                  "can_edit": request.membership.has_role(NetworkRole.COORDINATOR)})


def _create_view(form_class: type, write: Callable, title: str, back: str = "funding:index") -> Callable:
    return create_view(form_class, write, title, back=back)


def _call_create(*, network: Network, stream, **data) -> Call:
    return services.call_create(stream=stream, **data)


def _arena_entry(*, network: Network, initiative, **data):
    return services.arena_entry_set(arena=services.arena_set(initiative=initiative), **data)


stream_create = _create_view(forms.StreamForm, services.stream_create, gettext_lazy("New funding stream"))
call_create = _create_view(forms.CallForm, _call_create, gettext_lazy("New call"))
arena_entry_create = _create_view(forms.ArenaEntryForm, _arena_entry, gettext_lazy("New effectenarena entry"),
                                  back="funding:arena")
