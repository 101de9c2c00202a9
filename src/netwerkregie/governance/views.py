"""Thin views of the governance advice: any member reads it, coordinators edit the current form."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from netwerkregie.core.forms import save_through_service
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.views import network_view
from netwerkregie.registry.models import Network

from . import forms, selectors, services


@network_view()
def advice(request: HttpRequest, network: Network) -> HttpResponse:
    """The governance-mode advice from the network's own data; `?round=<id>` picks a survey round."""
    rounds = network.survey_rounds.order_by("-opens_on", "-pk")
    round_id = request.GET.get("round", "")
    survey_round = get_object_or_404(rounds, pk=round_id) if round_id.isdigit() else None
    return render(request, "governance/advice.html", {
        "result": selectors.governance_advice(network=network, survey_round=survey_round),
        "rounds": rounds, "survey_round": survey_round,
        "can_edit": request.membership.has_role(NetworkRole.COORDINATOR),
    })


@network_view(NetworkRole.COORDINATOR)
def profile_edit(request: HttpRequest, network: Network) -> HttpResponse:
    profile = selectors.governance_profile_get(network=network)
    form = forms.GovernanceProfileForm(request.POST or None, instance=profile, network=network)
    if request.method == "POST" and save_through_service(form, lambda data: services.governance_profile_update(
            network=network, updated_by=request.user, **data)):
        messages.success(request, _("Governance profile saved."))
        return redirect("governance:advice", network=network.slug)
    return render(request, "governance/profile_form.html", {
        "form": form, "cancel_url": reverse("governance:advice", kwargs={"network": network.slug})})
