"""The membership a request acts with: the user's role in the network, with an admin's own rights
held back until they verified a second factor in this session where the network requires it.

Pages and API endpoints both resolve their network here, so a network's two-factor rule cannot be
forgotten by one of them. The session's verification comes from django-otp's OTPMiddleware; a
request authenticated by an API token has no session and so never carries a verified second factor.
"""

from __future__ import annotations

from django.http import HttpRequest

from netwerkregie.registry.models import NetworkMembership
from netwerkregie.registry.selectors import membership_get


def second_factor_verified(request: HttpRequest) -> bool:
    """Whether the signed-in user confirmed a one-time password device in this session."""
    is_verified = getattr(request.user, "is_verified", None)
    return bool(callable(is_verified) and is_verified())


def request_membership(request: HttpRequest, slug: str) -> NetworkMembership:
    """The user's membership of the network `slug` (404 when there is none), for this request."""
    membership = membership_get(user=request.user, slug=slug)
    membership.second_factor_missing = membership.needs_second_factor and not second_factor_verified(request)
    return membership
