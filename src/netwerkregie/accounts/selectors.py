"""Reads of a user's second factor: their authenticator app and how many backup codes are left."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry.models import Network


@dataclass(frozen=True)
class TwoFactorStatus:
    """What the security page shows: whether an app is confirmed, and the backup codes left."""

    app: TOTPDevice | None
    backup_codes_left: int

    @property
    def is_set_up(self) -> bool:
        return self.app is not None


def authenticator_app(*, user: AbstractBaseUser) -> TOTPDevice | None:
    """The user's confirmed authenticator app (setting up a new one replaces the old)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def two_factor_status(*, user: AbstractBaseUser) -> TwoFactorStatus:
    return TwoFactorStatus(
        app=authenticator_app(user=user),
        backup_codes_left=StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def networks_requiring_two_factor(*, user: AbstractBaseUser) -> list[Network]:
    """The networks where this user is an admin and admins must use two-factor authentication."""
    return list(Network.objects.filter(memberships__user=user, memberships__role=NetworkRole.ADMIN,
                                       admins_use_two_factor=True).order_by("name"))
