"""Access to a network without importing the app that defines it, and the membership a request acts with.

Like ``get_user_model()`` for users, the network model is named by a setting
(``NETWERKREGIE_NETWORK_MODEL``, "registry.Network"), so core's view decorator and API helper find
a member's network while core imports no domain app. The model provides the lookup
``membership_of(*, user, slug)``, returning the membership (with its network) or None; the
membership answers ``has_role(minimum)`` and ``needs_second_factor`` and holds
``second_factor_missing``.

Pages and API endpoints both resolve their network through ``request_membership``, so a network's
two-factor rule for its admins cannot be forgotten by one of them: until an admin verified a second
factor in this session, their own rights are held back. The session's verification comes from
django-otp's OTPMiddleware; a request authenticated by an API token has no session and so never
carries a verified second factor.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.http import Http404, HttpRequest


def get_network_model() -> type[models.Model]:
    """The model of ``settings.NETWERKREGIE_NETWORK_MODEL``."""
    try:
        return apps.get_model(settings.NETWERKREGIE_NETWORK_MODEL, require_ready=False)
    except ValueError as error:
        raise ImproperlyConfigured("NETWERKREGIE_NETWORK_MODEL must be of the form 'app_label.model_name'.") \
            from error
    except LookupError as error:
        raise ImproperlyConfigured(f"NETWERKREGIE_NETWORK_MODEL refers to model "
                                   f"'{settings.NETWERKREGIE_NETWORK_MODEL}' that has not been installed.") from error


def membership_get(*, user: AbstractBaseUser, slug: str) -> Any:
    """The user's membership of the network `slug`; a 404 when there is none.

    A network the user is not a member of is indistinguishable from one that does not exist.
    """
    if not user.is_authenticated:
        raise Http404
    membership = get_network_model().membership_of(user=user, slug=slug)
    if membership is None:
        raise Http404
    return membership


def second_factor_verified(request: HttpRequest) -> bool:
    """Whether the signed-in user confirmed a one-time password device in this session."""
    is_verified = getattr(request.user, "is_verified", None)
    return bool(callable(is_verified) and is_verified())


def request_membership(request: HttpRequest, slug: str) -> Any:
    """The user's membership of the network `slug` (404 when there is none), for this request."""
    membership = membership_get(user=request.user, slug=slug)
    membership.second_factor_missing = membership.needs_second_factor and not second_factor_verified(request)
    return membership
