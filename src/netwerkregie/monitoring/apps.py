from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "netwerkregie.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from netwerkregie.core import signals

        from . import selectors

        signals.register("monitoring", _("Effects and legitimation"), selectors.network_signals)
