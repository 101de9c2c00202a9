from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "netwerkregie.funding"
    label = "funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        from netwerkregie.core import signals

        from . import selectors

        signals.register("funding", _("Funding"), selectors.network_signals)
