"""The HTTP API under /api/v1: one NinjaAPI, a router per app, per-user token auth."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import NinjaAPI
from ninja.errors import Throttled
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from netwerkregie.core.ratelimit import token_attempt_failed, token_attempts_blocked
from netwerkregie.registry.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` with a token from the user's profile page.

    An address that sent too many wrong tokens gets 429 until its window ends, even with a right one.
    """

    def authenticate(self, request: HttpRequest, token: str):
        if token_attempts_blocked(request):
            raise Throttled(wait=int(settings.TOKEN_FAILURE_WINDOW.total_seconds()))
        api_token = api_token_authenticate(plain=token)
        if api_token is None:
            token_attempt_failed(request)
            return None
        request.user = api_token.user
        return api_token.user


api = NinjaAPI(
    title="netwerkregie API",
    version="1",
    description="Registry, measurement and analysis of regional care and welfare networks.",
    auth=TokenAuth(),
    urls_namespace="api-v1",
)


@api.exception_handler(ValidationError)
def django_validation_error(request: HttpRequest, exc: ValidationError):
    """Model and service validation: 422 with the messages per field."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(
        request,
        {"detail": [{"field": name, "messages": messages} for name, messages in errors.items()]},
        status=422,
    )


@api.exception_handler(NinjaValidationError)
def schema_validation_error(request: HttpRequest, exc: NinjaValidationError):
    """Schema validation: 422 naming each field, in the same shape as model validation."""
    detail = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", []) if part not in ("body", "payload", "query", "path")]
        detail.append({"field": ".".join(location) or "__all__", "messages": [error.get("msg")]})
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404):
    return api.create_response(request, {"detail": "Not found."}, status=404)


api.add_router("/", "netwerkregie.registry.api.router")
api.add_router("/", "netwerkregie.registry.invitation_api.router")
api.add_router("/", "netwerkregie.reports.api.router")
api.add_router("/", "netwerkregie.analysis.api.router")
api.add_router("/", "netwerkregie.analysis.map_api.router")
api.add_router("/", "netwerkregie.assessments.api.router")
api.add_router("/", "netwerkregie.governance.api.router")
