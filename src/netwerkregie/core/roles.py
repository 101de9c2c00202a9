"""The roles a member has in a network, from low to high; every app's access check uses them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NetworkRole(models.TextChoices):
    VIEWER = "viewer", _("viewer")
    MEMBER = "member", _("member")
    COORDINATOR = "coordinator", _("coordinator")
    ADMIN = "admin", _("admin")


ROLE_RANK = {NetworkRole.VIEWER: 0, NetworkRole.MEMBER: 1, NetworkRole.COORDINATOR: 2,
             NetworkRole.ADMIN: 3}


def role_at_least(role: str, minimum: str) -> bool:
    """Whether `role` is `minimum` or a higher one."""
    return ROLE_RANK[role] >= ROLE_RANK[minimum]
