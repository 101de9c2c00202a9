from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "netwerkregie.registry"
    label = "registry"
    verbose_name = _("Registry")

    def ready(self) -> None:
        from netwerkregie.core import signals

        from . import warnings

        signals.register("registry", _("Roles and coalitions"), warnings.network_warnings)
