from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Signing in: single sign-on by OpenID Connect and two-factor authentication for admins."""

    name = "netwerkregie.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
