from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "netwerkregie.funding"
    label = "funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        from django.db.models.signals import pre_delete

        from netwerkregie.core import signals
        from netwerkregie.registry.models import Person

        from . import selectors, services

        signals.register("funding", _("Funding"), selectors.network_signals)
        pre_delete.connect(services.person_erasing, sender=Person, dispatch_uid="funding_assessors_anonymise")
