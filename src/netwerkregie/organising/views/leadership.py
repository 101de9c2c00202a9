"""Leadership over time and who speaks for which organisation.

Every member (viewer and up) sees the leadership timeline and the spokespeople; coordinators and admins
name spokespeople and officers.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from netwerkregie.core.forms import save_through_service
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.views import network_view
from netwerkregie.registry.models import Network

from .. import forms
from ..selectors.leadership import leadership as leadership_data
from ..services import bodies as services


@network_view()
def leadership(request: HttpRequest, network: Network) -> HttpResponse:
    """Who held which role when, per network or `?theme=<id>`; roles per person and organisation.
    Coordinators add the chairs and secretaries of governance units here."""
    can_edit = request.membership.has_role(NetworkRole.COORDINATOR)
    form = forms.UnitOfficerForm(request.POST or None, network=network)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if save_through_service(form, lambda data: services.unit_officer_add(**data)):
            messages.success(request, _("Officer added."))
            return redirect("organising:leadership", network=network.slug)
    theme = request.GET.get("theme", "")
    data = leadership_data(network=network, theme_id=int(theme) if theme.isdigit() else None)
    return render(request, "organising/leadership.html", {
        "data": data, "themes": network.themes.order_by("name"), "theme": theme, "form": form,
        "can_edit": can_edit})


@network_view()
def spokespeople(request: HttpRequest, network: Network) -> HttpResponse:
    form = forms.SpokespersonForm(request.POST or None, network=network)
    can_edit = request.membership.has_role(NetworkRole.COORDINATOR)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if save_through_service(form, lambda data: services.spokesperson_add(network=network, **data)):
            messages.success(request, _("Spokesperson added."))
            return redirect("organising:spokespeople", network=network.slug)
    return render(request, "organising/spokespeople.html", {
        "spokespeople": network.spokespeople.select_related("user", "organisation").order_by("organisation__name"),
        "form": form, "can_edit": can_edit})
