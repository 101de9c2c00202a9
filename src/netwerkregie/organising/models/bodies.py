"""The bodies that decide and meet, and who speaks or presides for whom.

A body is a governance unit (fundament, regiegroep, …) or a coalition: `BodyMixin` holds exactly
one of the two. Users are not people in the registry, so a `Spokesperson` row says which
organisation a user may answer proposals for.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from netwerkregie.registry.models import Coalition, GovernanceUnit, Network, Organisation, Period, Person


class BodyMixin(models.Model):
    """Belongs to exactly one body: a governance unit or a coalition.

    RESTRICT: a body with decisions or meetings is not deleted (the registry's delete page says why), while
    deleting the whole network removes everything.
    """

    unit = models.ForeignKey(GovernanceUnit, on_delete=models.RESTRICT, null=True, blank=True,
                             related_name="+", verbose_name=_("governance unit"))
    coalition = models.ForeignKey(Coalition, on_delete=models.RESTRICT, null=True, blank=True,
                                  related_name="+", verbose_name=_("coalition"))

    class Meta:
        abstract = True

    @property
    def body(self) -> GovernanceUnit | Coalition:
        return self.unit or self.coalition


def one_body(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=(Q(unit__isnull=False, coalition__isnull=True) | Q(unit__isnull=True, coalition__isnull=False)),
        name=name, violation_error_message=_("Choose either a governance unit or a coalition."))


class Spokesperson(models.Model):
    """A user who answers proposals on behalf of an organisation of the network."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="spokespeople")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="spokesperson_for")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="spokespeople",
                                     verbose_name=_("organisation"))

    class Meta:
        verbose_name = _("spokesperson")
        verbose_name_plural = _("spokespeople")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_spokesperson")]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


class UnitOfficerRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    SECRETARY = "secretary", _("secretary")


class UnitOfficer(Period):
    """The chair or secretary of a governance unit for a period; a chair may be independent (004)."""

    unit = models.ForeignKey(GovernanceUnit, on_delete=models.CASCADE, related_name="officers")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="unit_offices",
                               verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=20, choices=UnitOfficerRole.choices)
    independent = models.BooleanField(_("independent"), default=False,
                                      help_text=_("Not employed by any organisation of the network."))

    class Meta:
        ordering = ["role", "start_date"]
        verbose_name = _("officer")
        verbose_name_plural = _("officers")

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} {self.unit}"
