"""Access helpers every network-scoped view uses."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from netwerkregie.core import pickers
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


Back = str | Callable[[models.Model], str]  # a URL name taking the network, or the object's page


def _back_url(back: Back, network, obj: models.Model) -> str:
    return back(obj) if callable(back) else reverse(back, kwargs={"network": network.slug})


def edit_view(form_class: type, scope: Callable[..., models.QuerySet], write: Callable, *, back: Back,
              minimum_role: str = NetworkRole.COORDINATOR,
              initial: Callable[[models.Model], dict] | None = None) -> Callable:
    """The counterpart of `create_view`: a page changing one object of `scope(network)` through
    `write(obj, **cleaned_data)`. Model forms get the object; plain forms get `initial(obj)`."""

    @network_view(minimum_role)
    def view(request: HttpRequest, network, pk: int) -> HttpResponse:
        obj = get_object_or_404(scope(network), pk=pk)
        # Title and way back before the form changes the object in memory.
        title = _("Edit %(kind)s “%(name)s”") % {"kind": obj._meta.verbose_name, "name": obj}
        cancel_url = _back_url(back, network, obj)
        bound = {"initial": initial(obj)} if initial else {"instance": obj}
        form = form_class(request.POST or None, network=network, **bound)
        if request.method == "POST" and save_through_service(form, lambda data: write(obj, **data)):
            messages.success(request, _("Changes saved."))
            return redirect(_back_url(back, network, obj))
        return render(request, "registry/object_form.html", {
            "form": form, "title": title, "cancel_url": cancel_url})

    return view


def delete_view(scope: Callable[..., models.QuerySet], delete: Callable[[models.Model], object], *, back: Back,
                rule: str, minimum_role: str = NetworkRole.COORDINATOR) -> Callable:
    """A page stating `rule` (what deleting does to history), then `delete(obj)` on POST.

    A service refuses with a ValidationError naming the dependants that keep history; the page
    shows it and nothing is deleted.
    """

    @network_view(minimum_role)
    def view(request: HttpRequest, network, pk: int) -> HttpResponse:
        obj = get_object_or_404(scope(network), pk=pk)
        back_url = _back_url(back, network, obj)
        name, kind = str(obj), obj._meta.verbose_name
        refused: list[str] = []
        if request.method == "POST":
            try:
                delete(obj)
            except ValidationError as error:
                refused = error.messages
            else:
                messages.success(request, _("%(kind)s “%(name)s” deleted.") % {"kind": capfirst(kind), "name": name})
                return redirect(back_url)
        return render(request, "registry/object_confirm_delete.html", {
            "title": _("Delete %(kind)s “%(name)s”?") % {"kind": kind, "name": name}, "explanation": rule,
            "protected": refused, "button": _("Delete"), "cancel_url": back_url})

    return view


@network_view(NetworkRole.VIEWER)
def choices(request: HttpRequest, network, kind: str) -> HttpResponse:
    """The matches of a search picker (core.pickers): at most PICKER_RESULTS names of this network.

    Any member may search, as far as the kind's role allows: only names the lists already show them
    (never e-mail or phone). A non-member or an unknown kind gets a 404; another network's objects
    are never searched. `for` names the form field the boxes belong to, `multiple` whether it takes
    several; the ids already chosen (sent as that field) are left out.
    """
    picker_kind = pickers.kind_get(kind)
    if picker_kind is None or not request.membership.has_role(picker_kind.role):
        raise Http404
    name = request.GET.get("for", "")
    if not _FIELD_NAME.fullmatch(name):
        raise Http404
    q = request.GET.get("q", "")[:100]
    results, more = pickers.picker_search(kind=picker_kind, network=network, q=q,
                                          exclude=request.GET.getlist(name))
    return render(request, "core/widgets/picker_results.html", {
        "results": results, "more": more, "q": q, "name": name, "limit": pickers.PICKER_RESULTS,
        "input_type": "checkbox" if request.GET.get("multiple") else "radio"})


_FIELD_NAME = re.compile(r"[A-Za-z_][\w-]{0,99}")
