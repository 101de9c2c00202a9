from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "netwerkregie.registry"
    label = "registry"
    verbose_name = _("Registry")

    def ready(self) -> None:
        from netwerkregie.core import pickers, signals

        from . import selectors, warnings
        from .models import Organisation, Person

        signals.register("registry", _("Roles and coalitions"), warnings.network_warnings)
        pickers.register(pickers.PickerKind("organisations", Organisation, selectors.organisation_choices))
        pickers.register(pickers.PickerKind("people", Person, selectors.person_choices,
                                            label=selectors.person_choice_label, related=("organisation",)))
