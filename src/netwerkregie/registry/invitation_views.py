"""Member invitations: admins invite, resend and revoke on the members page; the colleague accepts
through the link in the e-mail, with a new account or by signing in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from netwerkregie.core.forms import save_through_service
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.views import network_view

from . import forms, invitations
from .models import MemberInvitation, Network


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@network_view(NetworkRole.ADMIN)
@require_POST
def member_invite(request: HttpRequest, network: Network) -> HttpResponse:
    """Admins only: invite an e-mail address with a role (the form sits on the members page)."""
    form = forms.MemberInviteForm(request.POST)
    invitation = save_through_service(form, lambda data: invitations.member_invitation_create(
        network=network, email=data["email"], role=data["role"], invited_by=request.user,
        base_url=_base_url(request)))
    if invitation is not None:
        invitation = invitation[0]
        messages.success(request, _("Invitation sent to %(email)s as %(role)s.")
                         % {"email": invitation.email, "role": invitation.get_role_display()})
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("registry:member_list", network=network.slug)


def _invitation(network: Network, pk: int) -> MemberInvitation:
    return get_object_or_404(network.member_invitations.select_related("network", "invited_by"), pk=pk)


@network_view(NetworkRole.ADMIN)
@require_POST
def invitation_resend(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    """Admins only: a new link and a new expiry; the old link stops working."""
    invitation = _invitation(network, pk)
    try:
        invitations.member_invitation_resend(invitation=invitation, base_url=_base_url(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Invitation sent again to %(email)s.") % {"email": invitation.email})
    return redirect("registry:member_list", network=network.slug)


@network_view(NetworkRole.ADMIN)
@require_POST
def invitation_revoke(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    """Admins only: the link stops working."""
    invitation = _invitation(network, pk)
    invitations.member_invitation_revoke(invitation=invitation)
    messages.success(request, _("Invitation to %(email)s withdrawn.") % {"email": invitation.email})
    return redirect("registry:member_list", network=network.slug)


@never_cache
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone with the link: signed in, join with one click; otherwise make an account (name and
    password) or sign in first. A link that no longer works says why, and names no one."""
    try:
        invitation = invitations.member_invitation_for_token(token)
    except invitations.InvitationLinkError as error:
        return render(request, "registry/invitation_error.html", {"message": str(error)}, status=410)
    network = invitation.network
    if request.user.is_authenticated:
        if request.method == "POST":
            invitations.member_invitation_accept(token=token, user=request.user)
            messages.success(request, _("Welcome to %(network)s.") % {"network": network.name})
            return redirect(network)
        return render(request, "registry/invitation_accept.html", {"invitation": invitation, "form": None})
    form = forms.InvitationAccountForm(request.POST or None)
    if request.method == "POST":
        created = save_through_service(form, lambda data: invitations.account_create_for_invitation(
            token=token, name=data["name"], password=data["password"]))
        if created is not None:
            login(request, created[0], backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to %(network)s.") % {"network": network.name})
            return redirect(network)
    return render(request, "registry/invitation_accept.html", {"invitation": invitation, "form": form})
