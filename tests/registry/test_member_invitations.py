"""An admin invites a colleague by e-mail; the colleague joins with a new account or by signing in."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import invitations, services
from netwerkregie.registry.models import MemberInvitation

LINK = re.compile(r"http://testserver(/invitation/[^/\s]+/)")
STRONG = "Een-sterk-wachtwoord-2026"


def members_url(network) -> str:
    return reverse("registry:member_list", kwargs={"network": network.slug})


def invite(client: Client, network, email="collega@example.org", role="member"):
    return client.post(reverse("registry:member_invite", kwargs={"network": network.slug}),
                       {"email": email, "role": role})


def last_link() -> str:
    return LINK.search(mail.outbox[-1].body).group(1)


def test_admin_invites_and_the_colleague_makes_an_account(network, logged_in_client):
    response = invite(logged_in_client, network)
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["collega@example.org"]
    assert network.name in mail.outbox[-1].subject and "Uitnodiging" in mail.outbox[-1].subject
    link = last_link()
    invitation = MemberInvitation.objects.get()
    assert link.split("/")[2] not in invitation.digest  # only the digest is stored

    page = logged_in_client.get(members_url(network)).content.decode()
    assert 'id="member-invitations"' in page and "collega@example.org" in page

    colleague = Client()
    form = colleague.get(link)
    assert form.status_code == 200 and "collega@example.org" in form.content.decode()
    response = colleague.post(link, {"name": "Chris de Collega", "password": STRONG, "password_again": STRONG})
    assert response.status_code == 302 and response.url == network.get_absolute_url()
    user = get_user_model().objects.get(email="collega@example.org")
    assert user.get_full_name() == "Chris de Collega" and user.check_password(STRONG)
    assert network.memberships.get(user=user).role == NetworkRole.MEMBER
    assert colleague.get(network.get_absolute_url()).status_code == 200
    # The link works once; the members page no longer lists the invitation.
    assert Client().get(link).status_code == 410
    assert "collega@example.org" not in logged_in_client.get(members_url(network)).context["invitations"].values_list(
        "email", flat=True)


def test_a_weak_password_or_a_mismatch_is_named_and_nothing_is_made(network, logged_in_client):
    invite(logged_in_client, network)
    link = last_link()
    response = Client().post(link, {"name": "Chris", "password": "12345678", "password_again": "12345678"})
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    response = Client().post(link, {"name": "Chris", "password": STRONG, "password_again": STRONG + "x"})
    assert response.context["form"].errors["password_again"]
    assert not get_user_model().objects.filter(email="collega@example.org").exists()


def test_someone_with_an_account_signs_in_and_joins(network, logged_in_client, make_user):
    colleague_user = make_user("collega")
    invite(logged_in_client, network, email=colleague_user.email, role="coordinator")
    link = last_link()
    anonymous = Client().get(link).content.decode()
    assert f'{reverse("login")}?next={link}' in anonymous
    colleague = Client()
    colleague.force_login(colleague_user)
    assert "Deelnemen als collega" in colleague.get(link).content.decode()
    response = colleague.post(link)
    assert response.status_code == 302
    assert network.memberships.get(user=colleague_user).role == NetworkRole.COORDINATOR


def test_an_existing_member_keeps_a_higher_role(network, user, make_user):
    invitation, token = invitations.member_invitation_create(
        network=network, email="other@example.org", role="viewer", invited_by=user, base_url="http://x/")
    assert invitations.member_invitation_accept(token=token, user=user).role == NetworkRole.ADMIN


def test_expired_links_fail_and_resending_makes_a_new_one(network, logged_in_client):
    invite(logged_in_client, network)
    old_link = last_link()
    invitation = MemberInvitation.objects.get()
    MemberInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = Client().get(old_link)
    assert response.status_code == 410 and "verlopen" in response.content.decode()
    page = logged_in_client.get(members_url(network)).content.decode()
    assert "verlopen" in page  # the expired invitation is shown, to be sent again
    response = logged_in_client.post(reverse("registry:invitation_resend",
                                             kwargs={"network": network.slug, "pk": invitation.pk}))
    assert response.status_code == 302
    new_link = last_link()
    assert new_link != old_link
    assert Client().get(old_link).status_code == 410
    assert Client().get(new_link).status_code == 200


def test_revoked_links_stop_working(network, logged_in_client):
    invite(logged_in_client, network)
    link = last_link()
    invitation = MemberInvitation.objects.get()
    logged_in_client.post(reverse("registry:invitation_revoke", kwargs={"network": network.slug, "pk": invitation.pk}))
    response = Client().get(link)
    assert response.status_code == 410 and "ingetrokken" in response.content.decode()
    assert MemberInvitation.objects.get().revoked_at is not None  # kept on record


def test_invalid_invitations_are_refused_with_the_field_named(network, user, make_user):
    with pytest.raises(ValidationError) as error:
        invitations.member_invitation_create(network=network, email="geen-adres", role="member", invited_by=user,
                                             base_url="http://x/")
    assert "email" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        invitations.member_invitation_create(network=network, email=user.email, role="member", invited_by=user,
                                             base_url="http://x/")
    assert "al lid" in error.value.message_dict["email"][0]
    invitations.member_invitation_create(network=network, email="a@example.org", role="member", invited_by=user,
                                         base_url="http://x/")
    with pytest.raises(ValidationError) as error:
        invitations.member_invitation_create(network=network, email="A@example.org", role="member",
                                             invited_by=user, base_url="http://x/")
    assert "al uitgenodigd" in error.value.message_dict["email"][0]
    with pytest.raises(ValidationError):
        invitations.member_invitation_create(network=network, email="b@example.org", role="god", invited_by=user,
                                             base_url="http://x/")


@pytest.mark.parametrize("role", ["viewer", "member", "coordinator"])
def test_only_admins_invite_resend_or_revoke(network, user, make_user, role):
    other = make_user(f"als-{role}")
    network.memberships.create(user=other, role=role)
    invitation, _token = invitations.member_invitation_create(
        network=network, email="x@example.org", role="admin", invited_by=user, base_url="http://x/")
    client = Client()
    client.force_login(other)
    assert invite(client, network, email="y@example.org", role="admin").status_code == 403
    for name in ("invitation_resend", "invitation_revoke"):
        url = reverse(f"registry:{name}", kwargs={"network": network.slug, "pk": invitation.pk})
        assert client.post(url).status_code == 403
    assert MemberInvitation.objects.count() == 1 and MemberInvitation.objects.get().revoked_at is None


def test_api_for_admins_lists_creates_resends_and_revokes(network, bearer, make_user):
    client = Client()
    base = f"/api/v1/networks/{network.slug}/invitations/"
    created = client.post(base, {"email": "api@example.org", "role": "member"}, content_type="application/json",
                          headers=bearer)
    assert created.status_code == 201
    body = created.json()
    assert body["email"] == "api@example.org" and body["role"] == "member" and "token" not in str(body)
    assert [i["email"] for i in client.get(base, headers=bearer).json()] == ["api@example.org"]
    assert client.post(f"{base}{body['id']}/resend/", headers=bearer).status_code == 200
    assert len(mail.outbox) == 2
    assert client.post(base, {"email": "api@example.org"}, content_type="application/json",
                       headers=bearer).status_code == 422
    assert client.delete(f"{base}{body['id']}/", headers=bearer).status_code == 204
    assert client.get(base, headers=bearer).json() == []


def test_api_hides_invitations_from_non_admins(network, make_user):
    viewer = make_user("kijker")
    network.memberships.create(user=viewer, role="viewer")
    headers = {"Authorization": f"Bearer {services.api_token_create(user=viewer, name='t')[1]}"}
    base = f"/api/v1/networks/{network.slug}/invitations/"
    assert Client().get(base, headers=headers).status_code in (403, 404)
    assert Client().post(base, {"email": "z@example.org"}, content_type="application/json",
                         headers=headers).status_code in (403, 404)
    assert not MemberInvitation.objects.exists()
