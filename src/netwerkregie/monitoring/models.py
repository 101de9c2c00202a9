"""Indicators, their values per CBS area and period, goals, evidence and legitimation.

The data team's work (docs/sources.md §7–8): values per area join across sources because areas
use CBS region codes; goals tie a theme or coalition to an indicator with baseline and target;
stories and lessons sit beside the numbers; reports and legitimation evidence show the network
accounts for what it does.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from netwerkregie.registry.models import Coalition, Network, Theme


class IndicatorSource(models.TextChoices):
    CBS = "cbs", _("CBS")
    RIVM = "rivm", _("RIVM")
    GGD = "ggd", _("GGD Gezondheidsmonitor")
    VEKTIS = "vektis", _("Vektis")
    WAARSTAATJEGEMEENTE = "waarstaatjegemeente", _("waarstaatjegemeente.nl")
    OWN = "own", _("own measurement")


class Direction(models.TextChoices):
    """Which way is good, so a trend can be read as progress or decline."""

    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


class Indicator(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=60, blank=True, help_text=_("For example %, per 1,000 residents."))
    definition = models.TextField(_("definition"), blank=True)
    source = models.CharField(_("source"), max_length=30, choices=IndicatorSource.choices,
                              default=IndicatorSource.CBS)
    direction = models.CharField(_("direction of good"), max_length=10, choices=Direction.choices,
                                 default=Direction.HIGHER)

    class Meta:
        ordering = ["name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [models.UniqueConstraint(fields=["network", "name"], name="unique_indicator_name")]

    def __str__(self) -> str:
        return self.name


class AreaKind(models.TextChoices):
    """CBS region codes: GM municipality, WK district, BU neighbourhood; anything else is the network's region."""

    MUNICIPALITY = "GM", _("municipality")
    DISTRICT = "WK", _("district")
    NEIGHBOURHOOD = "BU", _("neighbourhood")
    REGION = "RG", _("network region")


class Area(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(_("area code"), max_length=20,
                            help_text=_("CBS code such as GM0363, WK036300 or BU03630000."))
    name = models.CharField(_("name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=2, choices=AreaKind.choices)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [models.UniqueConstraint(fields=["network", "code"], name="unique_area_code")]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.name else self.code


class IndicatorValue(models.Model):
    """One measured value; `period` is the CBS key (2022JJ00, 2023KW02, 2023MM05), dates derived from it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="values")
    period = models.CharField(_("period"), max_length=8)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    source = models.CharField(_("source"), max_length=200, blank=True,
                              help_text=_("Where this value comes from, e.g. a StatLine table id."))

    class Meta:
        ordering = ["indicator", "area", "period_start"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [models.UniqueConstraint(fields=["indicator", "area", "period"], name="unique_indicator_value")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.area.code} {self.period}: {self.value}"


class Goal(models.Model):
    """A regioplan goal of a theme or a coalition on one indicator: from baseline to target by a date."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="goals")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    indicator = models.ForeignKey(Indicator, on_delete=models.RESTRICT, null=True, blank=True,
                                  related_name="goals", verbose_name=_("indicator"))
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, null=True, blank=True, related_name="goals",
                              verbose_name=_("theme"))
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="goals", verbose_name=_("coalition"))
    area = models.ForeignKey(Area, on_delete=models.RESTRICT, null=True, blank=True, related_name="goals",
                             verbose_name=_("area"))
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=4, null=True, blank=True)
    baseline_period = models.CharField(_("baseline period"), max_length=8, blank=True)
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=4, null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [models.UniqueConstraint(fields=["network", "name"], name="unique_goal_name")]

    def __str__(self) -> str:
        return self.name


class EvidenceKind(models.TextChoices):
    STORY = "story", _("story")
    LESSON = "lesson", _("lesson learned")


class Evidence(models.Model):
    """Qualitative evidence beside the numbers: a resident's story or a lesson the coalition learned."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="evidence")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence",
                              verbose_name=_("theme"))
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="evidence", verbose_name=_("coalition"))
    kind = models.CharField(_("kind"), max_length=10, choices=EvidenceKind.choices, default=EvidenceKind.STORY)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    recorded_on = models.DateField(_("date"))

    class Meta:
        ordering = ["-recorded_on", "title"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.title


class DataReport(models.Model):
    """A periodic report of the data team; overdue when its due date passed unpublished."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="data_reports")
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due date"))
    published_on = models.DateField(_("published on"), null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=False,
                                    help_text=_("Published for society, not only for the partners."))
    url = models.URLField(_("link"), blank=True)

    class Meta:
        ordering = ["due_date", "title"]
        verbose_name = _("data-team report")
        verbose_name_plural = _("data-team reports")
        constraints = [models.UniqueConstraint(fields=["network", "title"], name="unique_data_report_title")]

    def __str__(self) -> str:
        return self.title


class ValueFunction(models.TextChoices):
    """The value functions of a coalition (docs/sources.md §7, seed 002)."""

    DOING = "doe", _("doing (doe)")
    LEARNING = "leer", _("learning (leer)")
    INNOVATION = "innovatie", _("innovation (innovatie)")
    TRANSFORMATION = "transformatie", _("transformation (transformatie)")


class Beneficiary(models.TextChoices):
    RESIDENTS = "residents", _("residents")
    PROFESSIONALS = "professionals", _("professionals")
    SOCIETY = "society", _("society")


class CoalitionValue(models.Model):
    """Which value function a coalition serves, and for whom."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="value_functions")
    function = models.CharField(_("value function"), max_length=20, choices=ValueFunction.choices)
    beneficiary = models.CharField(_("for whom"), max_length=20, choices=Beneficiary.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["function", "beneficiary"]
        verbose_name = _("value function")
        verbose_name_plural = _("value functions")
        constraints = [models.UniqueConstraint(fields=["coalition", "function", "beneficiary"],
                                               name="unique_coalition_value")]

    def __str__(self) -> str:
        return f"{self.coalition}: {self.get_function_display()} – {self.get_beneficiary_display()}"


class LegitimationRoute(models.TextChoices):
    """The five legitimation routes of seed 002."""

    SELF = "A", _("A – self-legitimation")
    SOCIETY = "B", _("B – organised legitimation to society")
    SUPERVISORY = "C", _("C – supervisory boards")
    ADVISORY = "D", _("D – advisory board")
    REGULATORS = "E", _("E – external regulators")


class LegitimationEvidence(models.Model):
    """Proof that the network accounts for itself along a route: an annual report, an advisory meeting …"""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="legitimation_evidence")
    route = models.CharField(_("route"), max_length=1, choices=LegitimationRoute.choices)
    description = models.CharField(_("evidence"), max_length=300)
    occurred_on = models.DateField(_("date"))
    url = models.URLField(_("link"), blank=True)

    class Meta:
        ordering = ["route", "-occurred_on"]
        verbose_name = _("legitimation evidence")
        verbose_name_plural = _("legitimation evidence")

    def __str__(self) -> str:
        return f"{self.route}: {self.description}"


def effect_url(network: Network, *, theme: Theme | None = None, coalition: Coalition | None = None) -> str:
    if coalition is not None:
        return reverse("monitoring:coalition_effect", kwargs={"network": network.slug, "pk": coalition.pk})
    return reverse("monitoring:theme_effect", kwargs={"network": network.slug, "pk": theme.pk})
