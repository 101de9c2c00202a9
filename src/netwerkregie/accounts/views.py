"""Signing in: the login page (with the single sign-on button when it is configured), setting up
and confirming a second factor, and the security page where people manage it.

Who sees what: the login and failure pages are public; everything else is for the signed-in
person about their own account only.
"""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from netwerkregie.core.access import second_factor_verified
from netwerkregie.core.forms import save_through_service

from . import selectors, services
from .forms import CodeForm


def _next_url(request: HttpRequest) -> str:
    """Where to go afterwards: a `next` on this site, else the list of one's networks."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


class LoginView(auth_views.LoginView):
    """Public: username and password, and the single sign-on button when it is configured."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.OIDC_ENABLED:
            context["sso_label"] = settings.OIDC_BUTTON_LABEL or _("Sign in with your organisation's account")
        return context


def sso_failed(request: HttpRequest) -> HttpResponse:
    """Public: the provider refused, the answer could not be trusted, or the address is not verified."""
    return render(request, "accounts/sso_failed.html", status=403)


@login_required
def no_network(request: HttpRequest) -> HttpResponse:
    """The signed-in person: signed in by single sign-on, but no network has invited them yet."""
    return render(request, "accounts/no_network.html")


def _qr_svg(device: TOTPDevice) -> str:
    # An SVG drawn by segno from the otpauth:// address; no script, so the CSP stays as it is.
    return mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=5, border=2))  # noqa: S308


def _secret(device: TOTPDevice) -> str:
    """The key as people type it into an app without a camera: base32 in groups of four."""
    key = base64.b32encode(device.bin_key).decode()
    return " ".join(key[index:index + 4] for index in range(0, len(key), 4))


def _setup(request: HttpRequest, next_url: str) -> HttpResponse:
    device = services.authenticator_app_start(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        codes = save_through_service(form, lambda data: services.authenticator_app_confirm(device=device,
                                                                                          code=data["code"]))
        if codes is not None:
            otp_login(request, device)
            return render(request, "accounts/backup_codes.html", {"codes": codes, "next": next_url})
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "next": next_url, "qr": _qr_svg(device), "secret": _secret(device),
        "networks": selectors.networks_requiring_two_factor(user=request.user)})


@never_cache
@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """The signed-in person: set up an authenticator app (the first time) or confirm this session.

    Admins of a network that requires two-factor authentication are sent here from its admin
    pages (core.views.network_view) and back to where they were going afterwards.
    """
    next_url = _next_url(request)
    if selectors.authenticator_app(user=request.user) is None:
        return _setup(request, next_url)
    if request.method == "GET" and second_factor_verified(request):
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        device = save_through_service(form, lambda data: services.second_factor_check(user=request.user,
                                                                                      code=data["code"]))
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(request, _("You used a backup code; %(count)s are left. Each code works once.")
                                 % {"count": device.token_set.count()})
            return redirect(next_url)
    return render(request, "accounts/two_factor_verify.html", {
        "form": form, "next": next_url, "networks": selectors.networks_requiring_two_factor(user=request.user)})


@never_cache
@login_required
def security(request: HttpRequest) -> HttpResponse:
    """The signed-in person: their second factor, new backup codes, removing it."""
    return render(request, "accounts/security.html", {
        "status": selectors.two_factor_status(user=request.user), "verified": second_factor_verified(request),
        "networks": selectors.networks_requiring_two_factor(user=request.user)})


def _verify_first(request: HttpRequest) -> HttpResponse:
    messages.info(request, _("Confirm it is you with a code first."))
    return redirect(f"{reverse('accounts:two_factor')}?next={reverse('accounts:security')}")


@require_POST
@login_required
def backup_codes_renew(request: HttpRequest) -> HttpResponse:
    """The signed-in person, after confirming this session: ten new backup codes, shown once."""
    if not second_factor_verified(request):
        return _verify_first(request)
    codes = services.backup_codes_renew(user=request.user)
    return render(request, "accounts/backup_codes.html", {"codes": codes, "next": reverse("accounts:security")})


@require_POST
@login_required
def two_factor_remove(request: HttpRequest) -> HttpResponse:
    """The signed-in person, after confirming this session (so a stolen password cannot remove it)."""
    if not second_factor_verified(request):
        return _verify_first(request)
    services.two_factor_remove(user=request.user, actor=request.user, how="removed by the user")
    messages.success(request, _("Two-factor authentication removed. Networks that require it will ask you to set "
                                "it up again."))
    return redirect("accounts:security")
