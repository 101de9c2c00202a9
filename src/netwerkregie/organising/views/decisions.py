"""Pages of proposals and the decision log.

Every member (viewer and up) reads proposals, responses with their reasoning, and the log; a member
responds for an organisation they are a spokesperson of; coordinators and admins make, amend and decide
proposals and enter responses by proxy.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netwerkregie.core.forms import save_through_service
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.views import network_view
from netwerkregie.core.xlsx import XLSX_CONTENT_TYPE
from netwerkregie.registry.models import DecisionPrinciple, Network

from .. import decision_log, forms
from ..filters import ProposalFilter
from ..models import Spokesperson
from ..selectors import decisions as selectors
from ..selectors.bodies import body_organisations
from ..services import decisions as services


@network_view()
def proposal_list(request: HttpRequest, network: Network) -> HttpResponse:
    """The decision log, searchable (`q`), filtered by `state` and `body`; `?export=csv|xlsx` downloads it."""
    list_filter = ProposalFilter(request.GET, network=network, user=request.user)
    proposals = list_filter.queryset()
    export = request.GET.get("export")
    if export == "csv":
        response = HttpResponse(decision_log.as_csv(proposals), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{network.slug}-besluiten.csv"'
        return response
    if export == "xlsx":
        response = HttpResponse(decision_log.as_xlsx(proposals), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{network.slug}-besluiten.xlsx"'
        return response
    return render(request, "organising/proposal_list.html", {
        "proposals": proposals, "filter": list_filter,
        "can_edit": request.membership.has_role(NetworkRole.COORDINATOR)})


@network_view(NetworkRole.COORDINATOR)
def proposal_create(request: HttpRequest, network: Network) -> HttpResponse:
    form = forms.ProposalForm(request.POST or None, network=network)
    if request.method == "POST":
        proposal = save_through_service(form, lambda data: services.proposal_create(
            network=network, created_by=request.user, **data))
        if proposal:
            messages.success(request, _("Proposal saved as a draft."))
            return redirect(proposal.get_absolute_url())
    return render(request, "registry/object_form.html", {
        "form": form, "title": _("New proposal"),
        "cancel_url": reverse("organising:proposal_list", args=[network.slug])})


def _speaks_for(request: HttpRequest, network: Network):
    """The organisations this user may respond for: all participants by proxy for coordinators."""
    return network.organisations.filter(spokespeople__user=request.user).order_by("name")


@network_view()
def proposal_detail(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    proposal = get_object_or_404(selectors.proposal_list(network=network), pk=pk)
    tally = selectors.proposal_tally(proposal=proposal)
    coordinator = request.membership.has_role(NetworkRole.COORDINATOR)
    participants = body_organisations(proposal.body)
    own = participants.filter(pk__in=Spokesperson.objects.filter(user=request.user).values("organisation_id"))
    can_respond = proposal.state in services.OPEN_STATES and request.membership.has_role(NetworkRole.MEMBER) and (
        coordinator or own.exists())
    response_form = None
    if can_respond:
        response_form = forms.ResponseForm(network=network, organisations=participants if coordinator else own,
                                           kinds=sorted(services.ALLOWED_KINDS[tally.principle]))
    versions = list(proposal.versions.all())
    return render(request, "organising/proposal_detail.html", {
        "proposal": proposal, "tally": tally, "versions": versions, "current": versions[-1],
        "responses": list(proposal.responses.all()), "response_form": response_form,
        "amend_form": forms.AmendForm(network=network, initial={"text": versions[-1].text}),
        "outcome_form": forms.OutcomeForm(network=network), "financier_form": forms.FinancierResponseForm(
            network=network), "actions": services.allowed_actions(proposal) if coordinator else [],
        "principle_warning": selectors.principle_warning(proposal),
        "principle_label": DecisionPrinciple(tally.principle).label, "coordinator": coordinator,
        "own_ids": set(own.values_list("pk", flat=True)),
        "rows": [(o, tally.responses.get(o.pk), tally.asked_again.get(o.pk)) for o in tally.participants]})


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for text in (error.messages if not hasattr(error, "error_dict") else
                 [m for msgs in error.message_dict.values() for m in msgs]):
        messages.error(request, text)


@network_view(NetworkRole.MEMBER)
@require_POST
def proposal_respond(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    """A member answers for their organisation; a coordinator may tick "by proxy" for any participant."""
    proposal = get_object_or_404(network.proposals, pk=pk)
    form = forms.ResponseForm(request.POST, network=network, organisations=network.organisations.all(),
                              kinds=[k for kinds in services.ALLOWED_KINDS.values() for k in kinds])
    if not form.is_valid():
        messages.error(request, _("Choose an organisation and a response."))
        return redirect(proposal.get_absolute_url())
    try:
        services.response_record(proposal=proposal, recorded_by=request.user, **form.cleaned_data)
        messages.success(request, _("Response recorded."))
    except ValidationError as error:
        _refused(request, error)
    return redirect(proposal.get_absolute_url())


@network_view(NetworkRole.MEMBER)
@require_POST
def objection_withdraw(request: HttpRequest, network: Network, pk: int, response_pk: int) -> HttpResponse:
    proposal = get_object_or_404(network.proposals, pk=pk)
    response = get_object_or_404(proposal.responses, pk=response_pk)
    try:
        services.objection_withdraw(response=response, withdrawn_by=request.user,
                                    proxy=request.POST.get("proxy") == "on", note=request.POST.get("note", ""))
        messages.success(request, _("Objection withdrawn."))
    except ValidationError as error:
        _refused(request, error)
    return redirect(proposal.get_absolute_url())


@network_view(NetworkRole.COORDINATOR)
@require_POST
def proposal_action(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    """Open, amend, adopt, reject, withdraw, expire or conclude; refusals name the rule that forbids it."""
    proposal = get_object_or_404(network.proposals, pk=pk)
    action = request.POST.get("action", "")
    try:
        if action == "open":
            services.proposal_open(proposal=proposal)
        elif action == "amend":
            form = forms.AmendForm(request.POST, network=network)
            if not form.is_valid():
                raise ValidationError(_("An amendment needs the amended text."))
            services.proposal_amend(proposal=proposal, amended_by=request.user, **form.cleaned_data)
        elif action == "conclude":
            services.proposal_conclude(proposal=proposal)
        elif action == "outcome":
            form = forms.OutcomeForm(request.POST, network=network)
            if not save_through_service(form, lambda data: services.proposal_outcome_set(proposal=proposal, **data)):
                raise ValidationError([e for errors in form.errors.values() for e in errors])
        elif action == "financier":
            form = forms.FinancierResponseForm(request.POST, network=network)
            if not save_through_service(form, lambda data: services.financier_response_set(proposal=proposal,
                                                                                           **data)):
                raise ValidationError([e for errors in form.errors.values() for e in errors])
        else:
            form = forms.OutcomeForm(request.POST, network=network)
            data = form.cleaned_data if form.is_valid() else {}
            services.proposal_decide(proposal=proposal, action=action, **data)
        messages.success(request, _("Proposal updated."))
    except ValidationError as error:
        _refused(request, error)
    return redirect(proposal.get_absolute_url())
