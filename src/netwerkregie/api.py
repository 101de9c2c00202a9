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


ERROR_SCHEMAS = {
    "Error": {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]},
    "ValidationErrors": {
        "type": "object", "required": ["detail"],
        "properties": {"detail": {"type": "array", "items": {
            "type": "object", "required": ["field", "messages"],
            "properties": {"field": {"type": "string"}, "messages": {"type": "array", "items": {"type": "string"}}},
        }}},
    },
}
ERROR_RESPONSES = {
    401: ("Error", "No valid API token."),
    403: ("Error", "Your role in this network does not allow this."),
    404: ("Error", "Not found, or not a network you are a member of."),
    422: ("ValidationErrors", "Invalid input, with the messages per field."),
}


def _errors_of(operation: dict) -> list[int]:
    """The error statuses an operation can answer with, from what it declares.

    Every operation needs a token (401); an operation in a network (a {slug} in the path) checks
    the role (403); a path parameter may name nothing (404); parameters or a body may be invalid (422).
    """
    parameters = operation.get("parameters", [])
    codes = [401] if operation.get("security") else []
    if any(p["in"] == "path" and p["name"] == "slug" for p in parameters):
        codes.append(403)
    if any(p["in"] == "path" for p in parameters):
        codes.append(404)
    if parameters or "requestBody" in operation:
        codes.append(422)
    return codes


class NetwerkregieAPI(NinjaAPI):
    """The API with the error responses of every operation declared in one place."""

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {}).update(ERROR_SCHEMAS)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for code in _errors_of(operation):
                    name, description = ERROR_RESPONSES[code]
                    operation["responses"].setdefault(code, {"description": description, "content": {
                        "application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}})
        return schema


api = NetwerkregieAPI(
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
api.add_router("/", "netwerkregie.analysis.api.router")
api.add_router("/", "netwerkregie.analysis.map_api.router")
api.add_router("/", "netwerkregie.assessments.api.router")
api.add_router("/", "netwerkregie.governance.api.router")
api.add_router("/", "netwerkregie.organising.api.router")
api.add_router("/", "netwerkregie.monitoring.api.router")
api.add_router("/", "netwerkregie.funding.api.router")
