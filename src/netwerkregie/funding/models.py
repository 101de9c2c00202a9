"""Funding streams, calls with weighted criteria, applications, independent assessment, allocation.

Also the effectenarena (Deuten 2008, seed 003): who invests in an initiative and who collects the
returns. It lives here rather than in monitoring because it is the basis for agreements to share
burdens and gains (seed 004 §4) – money between financiers – and it is read beside allocations.

Assessors are registry People: a Person belongs to an Organisation, which is what makes an
automatic conflict of interest detectable; the user who acts for the person is linked on the
assessor row (users are not linked to organisations anywhere else).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from netwerkregie.monitoring.models import Goal
from netwerkregie.registry.models import Coalition, Initiative, Network, Organisation, Period, Person

MONEY = {"max_digits": 14, "decimal_places": 2}


class StreamKind(models.TextChoices):
    IZA = "iza", _("IZA transformation funds")
    GALA = "gala", _("GALA")
    WOZO = "wozo", _("WOZO")
    REGULAR = "regular", _("regular budget")
    OTHER = "other", _("other")


class StreamScope(models.TextChoices):
    """Seed 004: infrastructure money serves all partners, coalition money the parties of a coalition."""

    INFRASTRUCTURE = "infrastructure", _("network infrastructure (all partners)")
    COALITIONS = "coalitions", _("coalitions (coalition parties)")


class FundingStream(Period):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="funding_streams")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=StreamKind.choices)
    scope = models.CharField(_("funds"), max_length=20, choices=StreamScope.choices,
                             default=StreamScope.COALITIONS)
    budget = models.DecimalField(_("budget (€)"), **MONEY)
    financiers = models.ManyToManyField(Organisation, related_name="funding_streams", blank=True,
                                        verbose_name=_("financiers"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("funding stream")
        verbose_name_plural = _("funding streams")
        constraints = [models.UniqueConstraint(fields=["network", "name"], name="unique_funding_stream_name")]

    def __str__(self) -> str:
        return self.name


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Call(models.Model):
    """A call for applications on one stream. Its criteria are frozen once it opens; changes need a new version.

    The five principles of Noord-Holland Noord (seed 004) are checks a network switches on per call.
    """

    stream = models.ForeignKey(FundingStream, on_delete=models.CASCADE, related_name="calls",
                               verbose_name=_("funding stream"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField("self", on_delete=models.RESTRICT, null=True, blank=True,
                                    related_name="next_version", verbose_name=_("previous version"))
    status = models.CharField(_("status"), max_length=10, choices=CallStatus.choices, default=CallStatus.DRAFT)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5,
                                                 validators=[MinValueValidator(2), MaxValueValidator(100)])
    criteria_agreed_on = models.DateField(_("criteria agreed on"), null=True, blank=True)
    agreed_by = models.CharField(_("agreed by (decision)"), max_length=300, blank=True,
                                 help_text=_("The body and decision that agreed the criteria, e.g. "
                                             "“Bestuurlijke regiegroep, besluit 2026-04”."))
    check_min_partners = models.BooleanField(_("at least two partners"), default=True)
    check_no_market_share = models.BooleanField(_("never allocation by market share"), default=True)
    check_whole_chain = models.BooleanField(_("the whole chain cure–care–community"), default=False)
    check_level_playing_field = models.BooleanField(_("a level playing field"), default=True)
    check_criteria_with_members = models.BooleanField(_("criteria drawn up with all members"), default=True)

    class Meta:
        ordering = ["-opens_on", "name", "-version"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints = [models.UniqueConstraint(fields=["stream", "name", "version"], name="unique_call_version")]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})" if self.version > 1 else self.name

    def get_absolute_url(self) -> str:
        return reverse("funding:call_detail", kwargs={"network": self.stream.network.slug, "pk": self.pk})

    @property
    def is_frozen(self) -> bool:
        return self.status != CallStatus.DRAFT


class Criterion(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2,
                                 validators=[MinValueValidator(0.01)])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [models.UniqueConstraint(fields=["call", "name"], name="unique_criterion_name")]

    def __str__(self) -> str:
        return self.name


class Application(models.Model):
    """An application of a coalition (optionally for one of its initiatives) to a call."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="applications", verbose_name=_("call"))
    coalition = models.ForeignKey(Coalition, on_delete=models.RESTRICT, related_name="applications",
                                  verbose_name=_("coalition"))
    initiative = models.ForeignKey(Initiative, on_delete=models.RESTRICT, null=True, blank=True,
                                   related_name="applications", verbose_name=_("initiative"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    requested_amount = models.DecimalField(_("requested amount (€)"), **MONEY,
                                           validators=[MinValueValidator(0)])
    submitted_on = models.DateField(_("submitted on"))
    goals = models.ManyToManyField(Goal, related_name="applications", blank=True, verbose_name=_("goals"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True,
                                    help_text=_("Once assessors scored it, an application is withdrawn instead of "
                                                "deleted: its scores stay, it leaves the ranking."))

    class Meta:
        ordering = ["title"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [models.UniqueConstraint(fields=["call", "title"], name="unique_application_title")]

    def __str__(self) -> str:
        return self.title


class ApplicationPartner(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(Organisation, on_delete=models.RESTRICT, related_name="application_partners",
                                     verbose_name=_("organisation"))
    own_contribution = models.DecimalField(_("own contribution (€)"), **MONEY, default=0,
                                           validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("application partner")
        verbose_name_plural = _("application partners")
        constraints = [models.UniqueConstraint(fields=["application", "organisation"],
                                               name="unique_application_partner")]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.application}"


class Assessor(models.Model):
    """A person assessing a call's applications; `user` is who signs in for them. Blind until submitted.

    Erasing the person (AVG) keeps the row and its scores, so the published weighted totals and
    ranking stay reproducible: the assessor becomes "Assessor n" (`erased_number`, per call) and
    keeps the organisation the person had, so automatic conflict exclusions stay as they were.
    """

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="assessors")
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="assessments",
                               verbose_name=_("person"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="assessor_roles", verbose_name=_("user"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    erased_number = models.PositiveSmallIntegerField(_("number after erasure"), null=True, blank=True)
    erased_organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True,
                                            related_name="erased_assessors",
                                            verbose_name=_("organisation before erasure"))

    class Meta:
        ordering = ["pk"]  # assignment order, which an erasure does not change
        verbose_name = _("assessor")
        verbose_name_plural = _("assessors")
        constraints = [
            models.UniqueConstraint(fields=["call", "person"], name="unique_call_assessor"),
            models.UniqueConstraint(fields=["call", "erased_number"], name="unique_erased_assessor_number"),
            models.CheckConstraint(condition=models.Q(person__isnull=False) | models.Q(erased_number__isnull=False),
                                   name="assessor_person_or_erased_number"),
        ]

    def __str__(self) -> str:
        if self.person_id is None:
            return gettext("Assessor %(number)d") % {"number": self.erased_number}
        return str(self.person)

    @property
    def organisation_id_for_conflicts(self) -> int | None:
        """The organisation that makes an application a conflict of interest for this assessor."""
        return self.person.organisation_id if self.person_id else self.erased_organisation_id


class ConflictOfInterest(models.Model):
    """A conflict an assessor declared for one application; they do not score it."""

    assessor = models.ForeignKey(Assessor, on_delete=models.CASCADE, related_name="conflicts")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [models.UniqueConstraint(fields=["assessor", "application"], name="unique_conflict")]

    def __str__(self) -> str:
        return f"{self.assessor} – {self.application}"


class Score(models.Model):
    assessor = models.ForeignKey(Assessor, on_delete=models.CASCADE, related_name="scores")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField(_("score"))
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["assessor", "application", "criterion"],
                                               name="unique_score")]

    def __str__(self) -> str:
        return f"{self.assessor} – {self.application} – {self.criterion}: {self.score}"


class Allocation(models.Model):
    """The network's decision (its advice to the financiers) on one application, with its reasoning."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="allocation")
    amount = models.DecimalField(_("allocated amount (€)"), **MONEY, validators=[MinValueValidator(0)])
    decided_on = models.DateField(_("decided on"))
    decided_by = models.CharField(_("decided by"), max_length=300, blank=True)
    reasoning = models.TextField(_("reasoning"))

    class Meta:
        ordering = ["-decided_on"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")

    def __str__(self) -> str:
        return f"{self.application}: {self.amount}"


class ResponseKind(models.TextChoices):
    ADOPTED = "adopted", _("adopted the advice")
    DEVIATED = "deviated", _("deviated from the advice")


class FinancierResponse(models.Model):
    """What a financier did with the network's advice on an allocation, and why."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="responses")
    financier = models.ForeignKey(Organisation, on_delete=models.RESTRICT, related_name="funding_responses",
                                  verbose_name=_("financier"))
    response = models.CharField(_("response"), max_length=10, choices=ResponseKind.choices)
    amount = models.DecimalField(_("amount granted (€)"), **MONEY, null=True, blank=True)
    reason = models.TextField(_("why"), blank=True)
    responded_on = models.DateField(_("responded on"))

    class Meta:
        ordering = ["responded_on"]
        verbose_name = _("financier response")
        verbose_name_plural = _("financier responses")
        constraints = [models.UniqueConstraint(fields=["allocation", "financier"], name="unique_financier_response")]

    def __str__(self) -> str:
        return f"{self.financier}: {self.get_response_display()}"


class Stakeholder(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    INSURER = "insurer", _("health insurer")
    CARE_OFFICE = "care_office", _("care office")
    PROVIDERS = "providers", _("care and welfare providers")
    RESIDENTS = "residents", _("residents")
    EMPLOYERS = "employers", _("employers")
    HOUSING = "housing", _("housing corporations")
    OTHER = "other", _("other")


class Approach(models.TextChoices):
    CLASSIC = "classic", _("classic approach")
    INTEGRATED = "integrated", _("integrated approach")


class Arena(models.Model):
    """The effectenarena of one initiative, with residents' quality of life under both approaches (0–10)."""

    initiative = models.OneToOneField(Initiative, on_delete=models.CASCADE, related_name="arena",
                                      verbose_name=_("initiative"))
    description = models.TextField(_("description"), blank=True)
    quality_of_life_classic = models.DecimalField(_("residents' quality of life, classic (0–10)"), max_digits=4,
                                                  decimal_places=1, null=True, blank=True,
                                                  validators=[MinValueValidator(0), MaxValueValidator(10)])
    quality_of_life_integrated = models.DecimalField(_("residents' quality of life, integrated (0–10)"),
                                                     max_digits=4, decimal_places=1, null=True, blank=True,
                                                     validators=[MinValueValidator(0), MaxValueValidator(10)])

    class Meta:
        verbose_name = _("effectenarena")
        verbose_name_plural = _("effectenarenas")

    def __str__(self) -> str:
        return str(self.initiative)


class ArenaEntry(models.Model):
    """What one stakeholder invests (*investeert*) and collects (*incasseert*) per year under one approach."""

    arena = models.ForeignKey(Arena, on_delete=models.CASCADE, related_name="entries")
    stakeholder = models.CharField(_("stakeholder"), max_length=20, choices=Stakeholder.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="arena_entries", verbose_name=_("organisation"))
    approach = models.CharField(_("approach"), max_length=10, choices=Approach.choices)
    investment = models.DecimalField(_("investment (€)"), **MONEY, default=0, validators=[MinValueValidator(0)])
    returns = models.DecimalField(_("returns (€)"), **MONEY, default=0,
                                  validators=[MinValueValidator(0)])
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["stakeholder", "approach"]
        verbose_name = _("effectenarena entry")
        verbose_name_plural = _("effectenarena entries")
        constraints = [models.UniqueConstraint(fields=["arena", "stakeholder", "approach"],
                                               name="unique_arena_entry")]

    def __str__(self) -> str:
        return f"{self.get_stakeholder_display()} ({self.get_approach_display()})"
