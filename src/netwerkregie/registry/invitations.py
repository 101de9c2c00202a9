"""Services of member invitations: an admin invites a colleague by e-mail, the colleague accepts.

Kept beside services.py (same rules: keyword-only, one transaction, validation inside) because
the invitation has its own e-mail and token handling. Tokens are returned once and e-mailed;
only their digest is stored.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from netwerkregie.audit import services as audit

from .models import MemberInvitation, Network, NetworkMembership
from .services import _check_role, membership_set, token_digest


class InvitationLinkError(Exception):
    """The link is unknown, revoked, used or expired; `invitation` is set when it was found."""

    def __init__(self, message: str, invitation: MemberInvitation | None = None):
        super().__init__(message)
        self.invitation = invitation


def invitation_url(token: str, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("registry:invitation_accept", kwargs={"token": token})


def _send(invitation: MemberInvitation, token: str, *, base_url: str) -> None:
    """The e-mail with the personal link, in Dutch (the product's language), naming who invites."""
    inviter = invitation.invited_by
    context = {"invitation": invitation, "network": invitation.network, "link": invitation_url(token, base_url),
               "inviter": (inviter.get_full_name() or inviter.get_username()) if inviter else "",
               "days": settings.MEMBER_INVITATION_DAYS}
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Invitation to %(network)s in netwerkregie") % {"network": invitation.network.name}
        body = render_to_string("registry/email/member_invitation.txt", context)
    EmailMessage(subject, body, to=[invitation.email]).send()


def _new_token(invitation: MemberInvitation) -> str:
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.digest = token_digest(token)
    invitation.sent_at = now
    invitation.expires_at = now + datetime.timedelta(days=settings.MEMBER_INVITATION_DAYS)
    return token


@transaction.atomic
def member_invitation_create(*, network: Network, email: str, role: str, invited_by: AbstractBaseUser | None,
                             base_url: str) -> tuple[MemberInvitation, str]:
    """Invite `email` with `role` and send the link; returns the invitation and the plain token.

    Refused when that address already belongs to a member or has a pending invitation (resend
    that one instead). Only admins invite, so telling them an address is a member reveals nothing
    they could not see on the members page. The invitation is recorded in the audit log.
    """
    _check_role(role)
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("“%(email)s” is not a valid e-mail address.") % {"email": email}}) from None
    Network.objects.select_for_update().filter(pk=network.pk).first()  # two admins inviting at once
    if network.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("%(email)s is already a member of this network.") % {"email": email}})
    if network.member_invitations.pending().filter(email__iexact=email).exists():
        raise ValidationError({"email": _("%(email)s has already been invited; resend that invitation instead.")
                               % {"email": email}})
    invitation = MemberInvitation(network=network, email=email, role=role, invited_by=invited_by)
    token = _new_token(invitation)
    invitation.full_clean()
    invitation.save()
    _send(invitation, token, base_url=base_url)
    audit.record(action=audit.AuditAction.INVITATION, actor=invited_by, network=network,
                 detail=f"{invitation.email}: {invitation.role}")
    return invitation, token


@transaction.atomic
def member_invitation_resend(*, invitation: MemberInvitation, base_url: str) -> str:
    """Send a new link with a new expiry; the earlier link stops working. Returns the new token."""
    if invitation.accepted_at or invitation.revoked_at:
        raise ValidationError(_("This invitation was already accepted or revoked; invite again instead."))
    token = _new_token(invitation)
    invitation.save(update_fields=["digest", "sent_at", "expires_at"])
    _send(invitation, token, base_url=base_url)
    return token


def member_invitation_revoke(*, invitation: MemberInvitation) -> None:
    """The link stops working; the invitation stays on record."""
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def member_invitation_for_token(token: str) -> MemberInvitation:
    """The pending invitation of a link, or InvitationLinkError saying why it does not work."""
    invitation = (MemberInvitation.objects.select_related("network", "invited_by")
                  .filter(digest=token_digest(token)).first())
    if invitation is None:
        raise InvitationLinkError(_("This invitation link is unknown. Perhaps a newer e-mail replaced it."))
    if invitation.accepted_at:
        raise InvitationLinkError(_("This invitation has already been accepted."), invitation)
    if invitation.revoked_at:
        raise InvitationLinkError(_("This invitation was withdrawn."), invitation)
    if invitation.expires_at <= timezone.now():
        raise InvitationLinkError(_("This invitation has expired. Ask the person who invited you to send it again."),
                                  invitation)
    return invitation


@transaction.atomic
def member_invitation_accept(*, token: str, user: AbstractBaseUser) -> NetworkMembership:
    """Let `user` into the network with the invitation's role; an existing member keeps a higher role."""
    invitation = member_invitation_for_token(token)
    MemberInvitation.objects.select_for_update().filter(pk=invitation.pk).first()
    return _accept(invitation, user)


@transaction.atomic
def member_invitations_accept_for_email(*, user: AbstractBaseUser) -> list[NetworkMembership]:
    """Accept every pending invitation addressed to `user`'s e-mail address.

    Only for an address a single sign-on provider vouched for (accounts.oidc): signing in with it
    proves the same as following the link that was e-mailed to it.
    """
    if not user.email:
        return []
    pending = (MemberInvitation.objects.select_for_update().select_related("network")
               .pending().filter(email__iexact=user.email).order_by("pk"))
    return [_accept(invitation, user) for invitation in pending]


def _accept(invitation: MemberInvitation, user: AbstractBaseUser) -> NetworkMembership:
    existing = invitation.network.memberships.filter(user=user).first()
    if existing is not None and existing.has_role(invitation.role):
        membership = existing
    else:
        membership = membership_set(network=invitation.network, user=user, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def account_create_for_invitation(*, token: str, name: str, password: str) -> tuple[AbstractBaseUser,
                                                                                  NetworkMembership]:
    """A new account for the invited address (username = the address), then accept the invitation."""
    invitation = member_invitation_for_token(token)
    user_model = get_user_model()
    email = invitation.email
    if user_model.objects.filter(email__iexact=email).exists() or user_model.objects.filter(
            **{f"{user_model.USERNAME_FIELD}__iexact": email}).exists():
        raise ValidationError({"email": _("An account with this e-mail address exists already: sign in instead.")})
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give your name, so colleagues know who you are.")})
    first, _space, last = name.partition(" ")
    user = user_model(**{user_model.USERNAME_FIELD: email.lower()}, email=email, first_name=first[:150],
                      last_name=last[:150])
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    user.set_password(password)
    user.full_clean()
    user.save()
    return user, member_invitation_accept(token=token, user=user)

