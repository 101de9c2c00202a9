"""Writes of two-factor authentication: set up an authenticator app, check a code, backup codes, removal.

Setting up and removing a second factor is recorded in the audit log of every network the person
is an admin of, since that is where it matters; without such a network the event is kept without one.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from netwerkregie.audit import services as audit
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry.models import Network

from .selectors import authenticator_app

APP_NAME = "authenticator app"
BACKUP_NAME = "backup codes"
BACKUP_CODE_COUNT = 10


def _normalised(code: str) -> str:
    """People type codes with spaces or in capitals; both kinds of code are lower-case without spaces."""
    return "".join(code.split()).lower()


def _audit(*, user: AbstractBaseUser, actor: AbstractBaseUser | None, action: str, detail: str) -> None:
    networks = list(Network.objects.filter(memberships__user=user, memberships__role=NetworkRole.ADMIN)) or [None]
    for network in networks:
        audit.record(action=action, actor=actor, network=network, detail=f"{user.get_username()} ({detail})")


@transaction.atomic
def authenticator_app_start(*, user: AbstractBaseUser) -> TOTPDevice:
    """The app being set up: a new secret, kept (unconfirmed) until a first code proves it works."""
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return pending or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def _new_backup_codes(user: AbstractBaseUser) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _index in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def authenticator_app_confirm(*, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the app with its first code; replaces an earlier app and returns new backup codes (shown once)."""
    if device.confirmed:
        raise ValidationError(_("This authenticator app is set up already."))
    if not device.verify_token(_normalised(code)):
        raise ValidationError({"code": _("This code is not right. Check that your phone's clock is correct and "
                                         "enter the code the app shows now.")})
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_backup_codes(device.user)
    _audit(user=device.user, actor=device.user, action=audit.AuditAction.TWO_FACTOR_ON, detail=APP_NAME)
    return codes


@transaction.atomic
def backup_codes_renew(*, user: AbstractBaseUser) -> list[str]:
    """New backup codes; the old ones stop working."""
    if authenticator_app(user=user) is None:
        raise ValidationError(_("Set up an authenticator app first."))
    return _new_backup_codes(user)


def second_factor_check(*, user: AbstractBaseUser, code: str) -> Device:
    """The device that accepts `code`: the app's current code or an unused backup code (used up).

    Each device slows down guessing by itself: after a wrong code django-otp makes the next try wait,
    twice as long after every further wrong code.
    """
    devices = [device for device in (authenticator_app(user=user),
                                     StaticDevice.objects.filter(user=user, confirmed=True).first()) if device]
    if not devices:
        raise ValidationError(_("Set up an authenticator app first."))
    allowed = [device for device in devices if device.verify_is_allowed()[0]]
    if not allowed:
        raise ValidationError({"code": _("Too many wrong codes in a row. Wait a minute, then try again.")})
    code = _normalised(code)
    with transaction.atomic():
        for device in allowed:
            if device.verify_token(code):
                return device
    raise ValidationError({"code": _("This code is not right. Enter the code your authenticator app shows now, "
                                     "or one of your backup codes.")})


@transaction.atomic
def two_factor_remove(*, user: AbstractBaseUser, actor: AbstractBaseUser | None, how: str) -> bool:
    """Remove the user's app and backup codes; they set up again when a network asks for it.

    `how` goes into the audit log (who removed it and by which route). Returns whether there was an app.
    """
    had_app = authenticator_app(user=user) is not None
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    if had_app:
        _audit(user=user, actor=actor, action=audit.AuditAction.TWO_FACTOR_OFF, detail=how)
    return had_app
