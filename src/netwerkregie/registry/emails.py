"""The e-mail a person gets when added to a network: how to log in, or choose a first password."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import NetworkMembership


def membership_message(membership: NetworkMembership, *, base_url: str) -> EmailMessage:
    """One text for new and existing accounts, so the adder learns nothing from what is sent."""
    user = membership.user
    base = base_url.rstrip("/")
    password_url = base + reverse("password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)})
    context = {"membership": membership, "network": membership.network, "login_url": base + reverse("login"),
               "password_url": password_url}
    subject = render_to_string("registry/membership_email_subject.txt", context).strip()
    return EmailMessage(subject=subject, body=render_to_string("registry/membership_email.txt", context),
                        from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email])
