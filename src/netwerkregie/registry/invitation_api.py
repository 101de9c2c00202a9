"""API of member invitations, for admins of the network only (others get 404 like for the network).

The link's token is never returned: it goes to the invited address by e-mail only.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from netwerkregie.core.api import PathId, Slug, Text, network_for
from netwerkregie.core.roles import NetworkRole

from . import invitations
from .models import MemberInvitation

router = Router(tags=["members"])


class InvitationOut(Schema):
    id: int
    email: str
    role: NetworkRole
    invited_by: str | None
    created_at: datetime.datetime
    sent_at: datetime.datetime
    expires_at: datetime.datetime
    expired: bool

    @staticmethod
    def resolve_expired(obj: MemberInvitation) -> bool:
        return not obj.is_pending

    @staticmethod
    def resolve_invited_by(obj: MemberInvitation) -> str | None:
        return obj.invited_by.get_username() if obj.invited_by else None


class InvitationIn(Schema):
    email: Text
    role: NetworkRole = NetworkRole.VIEWER


def _open(request: HttpRequest, slug: str):
    network = network_for(request, slug, NetworkRole.ADMIN)
    return network.member_invitations.open().select_related("invited_by")


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@router.get("/networks/{slug}/invitations/", response=list[InvitationOut])
def invitation_list(request: HttpRequest, slug: Slug):
    """Open invitations: not accepted or revoked (an expired one can be sent again)."""
    return list(_open(request, slug))


@router.post("/networks/{slug}/invitations/", response={201: InvitationOut})
def invitation_create(request: HttpRequest, slug: Slug, payload: InvitationIn):
    """Invite an e-mail address with a role; the link is e-mailed."""
    network = network_for(request, slug, NetworkRole.ADMIN)
    invitation, _token = invitations.member_invitation_create(
        network=network, email=payload.email, role=payload.role, invited_by=request.user,
        base_url=_base_url(request))
    return 201, invitation


@router.post("/networks/{slug}/invitations/{invitation_id}/resend/", response=InvitationOut)
def invitation_resend(request: HttpRequest, slug: Slug, invitation_id: PathId):
    """A new link and expiry, e-mailed again; the earlier link stops working."""
    invitation = get_object_or_404(_open(request, slug), pk=invitation_id)
    invitations.member_invitation_resend(invitation=invitation, base_url=_base_url(request))
    return invitation


@router.delete("/networks/{slug}/invitations/{invitation_id}/", response={204: None})
def invitation_revoke(request: HttpRequest, slug: Slug, invitation_id: PathId):
    """Withdraw an open invitation; it stays on record."""
    invitation = get_object_or_404(_open(request, slug), pk=invitation_id)
    invitations.member_invitation_revoke(invitation=invitation)
    return 204, None
