from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisingConfig(AppConfig):
    name = "netwerkregie.organising"
    label = "organising"
    verbose_name = _("Organising")

    def ready(self) -> None:
        from netwerkregie.core import signals

        from .selectors import warnings

        signals.register("organising", _("Rules, decisions and meetings"), warnings.organising_warnings)
