from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "netwerkregie.analysis"
    label = "analysis"
    verbose_name = _("Analysis")

    def ready(self) -> None:
        from netwerkregie.core import signals

        from . import selectors

        signals.register("structural", _("Structure of the network"), selectors.structural_warnings)
