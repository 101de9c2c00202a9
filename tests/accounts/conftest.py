"""Fixtures of the accounts tests: a network whose admins must use two-factor authentication."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from netwerkregie.registry.models import Network


@pytest.fixture
def strict_network(make_network, user) -> Network:
    """`user` is its admin; admins must use two-factor authentication."""
    return make_network("regio-streng", user=user, admins_use_two_factor=True)


@pytest.fixture
def app(user) -> TOTPDevice:
    """`user`'s confirmed authenticator app, as if set up earlier."""
    return TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=True)


@pytest.fixture
def code_of() -> Callable[[TOTPDevice], str]:
    """The code the person's app shows now."""
    def code(device: TOTPDevice) -> str:
        device.refresh_from_db()
        return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"

    return code

