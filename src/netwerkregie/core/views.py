"""Access helpers every network-scoped view uses."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from netwerkregie.core.access import request_membership
from netwerkregie.core.forms import save_through_service
from netwerkregie.core.roles import NetworkRole


def network_view(minimum_role: str = NetworkRole.VIEWER) -> Callable:
    """Resolve `network` from the URL for a member, else 404; require at least `minimum_role`.

    The view receives the Network instead of its slug; request.membership holds the role. An admin
    who still has to verify their second factor (core.access) is sent to do so, then back here.
    """

    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, network: str, *args, **kwargs) -> HttpResponse:
            membership = request_membership(request, network)
            try:
                if not membership.has_role(minimum_role):
                    raise PermissionDenied
                request.membership = membership
                request.network = membership.network
                return view(request, membership.network, *args, **kwargs)
            except PermissionDenied:
                # Refused admin rights, by the role above or inside the view (raw answers): verifying helps.
                if membership.second_factor_missing:
                    return redirect_to_login(request.get_full_path(), reverse("accounts:two_factor"))
                raise

        return wrapper

    return decorator


def full_version_needs_second_factor(request: HttpRequest) -> None:
    """For a download an admin gets in full (raw answers, the complete export): an admin who still
    has to confirm their second factor is sent to do so by network_view, not given the reduced file."""
    if request.membership.second_factor_missing:
        raise PermissionDenied


def create_view(form_class: type, write: Callable, title: str, *, back: str,
                minimum_role: str = NetworkRole.COORDINATOR) -> Callable:
    """A page adding one object through `write(network=..., **cleaned_data)`, then back to `back`."""

    @network_view(minimum_role)
    def view(request: HttpRequest, network) -> HttpResponse:
        form = form_class(request.POST or None, network=network)
        if request.method == "POST" and save_through_service(form, lambda data: write(network=network, **data)):
            messages.success(request, _("Saved."))
            return redirect(back, network=network.slug)
        return render(request, "registry/object_form.html", {
            "form": form, "title": title, "cancel_url": reverse(back, kwargs={"network": network.slug})})

    return view
