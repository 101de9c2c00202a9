"""The network registry: who takes part, in which themes and coalitions, in which role.

Every row belongs to a Network, except the shared reference list of organisation types.
Roles carry start and end dates so that the history of who held what is kept.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netwerkregie.core.roles import NetworkRole, role_at_least


class Level(models.TextChoices):
    """The three levels of participation (docs/sources.md §1)."""

    STRATEGIC = "strategic", _("strategic / board")
    TACTICAL = "tactical", _("tactical / management")
    OPERATIONAL = "operational", _("operational / professional")


class RegiobeeldChallenge(models.TextChoices):
    """Challenges found in nearly every regiobeeld (docs/sources.md §1)."""

    PREVENTION = "prevention", _("prevention")
    YOUTH = "youth", _("youth")
    ELDERLY = "elderly", _("(frail) elderly")
    MENTAL_HEALTH = "mental_health", _("mental health")
    SMARTER_CARE = "smarter_care", _("smarter care organisation (right care, right place)")
    CARE_SOCIAL = "care_social", _("cooperation between care and the social domain")
    LABOUR_MARKET = "labour_market", _("labour market, including informal care")
    DIGITAL = "digital", _("digital infrastructure and e-health")
    NEIGHBOURHOOD = "neighbourhood", _("care and welfare infrastructure in every neighbourhood")


class ActiveQuerySet(models.QuerySet):
    """Rows with a start and end date; `active()` keeps those valid on a given day."""

    def active(self, on: datetime.date | None = None) -> ActiveQuerySet:
        on = on or timezone.localdate()
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=on),
            Q(end_date__isnull=True) | Q(end_date__gte=on),
        )


class Period(models.Model):
    """Start and end date of a role; an open end means it still holds."""

    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return (self.start_date is None or self.start_date <= today) and (
            self.end_date is None or self.end_date >= today
        )


class SurveyTies(models.TextChoices):
    """What members below admin see of the ties respondents report in the relational survey.

    A reported tie is a respondent's answer, so by default a tie is shown only where at least
    the anonymity minimum of respondents reported it; a network may agree that the mere
    presence of ties is no secret among its partners.
    """

    AGGREGATED = "aggregated", _("only ties reported by at least the anonymity minimum of respondents")
    PRESENCE = "presence", _("every reported tie, but only that it exists: no kind or weight")


class ArchivableQuerySet(models.QuerySet):
    """Organisations and people are archived rather than deleted, so survey history stays."""

    def current(self) -> ArchivableQuerySet:
        return self.filter(archived_on__isnull=True)

    def archived(self) -> ArchivableQuerySet:
        return self.filter(archived_on__isnull=False)


class Archivable(models.Model):
    """An archived row has left the network: out of current lists and choices, kept in history."""

    archived_on = models.DateField(_("archived on"), null=True, blank=True, editable=False)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_on is not None


class Network(models.Model):
    """A regional network (*samenwerkingsverband*) around a shared societal task."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    region_description = models.TextField(_("region description"), blank=True)
    societal_task = models.TextField(_("societal task (maatschappelijke opgave)"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    anonymity_minimum = models.PositiveSmallIntegerField(
        _("anonymity minimum"),
        default=3,
        help_text=_("Survey results are shown only for groups with at least this many respondents."),
    )
    round_response_share = models.PositiveSmallIntegerField(
        _("response share for a round to count (%)"),
        default=50, validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("A closed survey round counts as the network's latest picture (analysis, map, warnings, "
                    "advice) only when at least this share of the invited people answered."),
    )
    publish_free_text = models.BooleanField(
        _("publish free text to all members"), default=False,
        help_text=_("Open answers and evidence from surveys are shown to coordinators and admins; tick this "
                    "when the partners agreed that every member may read them."),
    )
    map_survey_ties = models.CharField(
        _("survey ties on the map"), max_length=16, choices=SurveyTies.choices, default=SurveyTies.AGGREGATED,
        help_text=_("What members and viewers see of the relations respondents reported; admins see all."),
    )
    contact_details_from = models.CharField(
        _("e-mail and phone visible from"), max_length=20, choices=NetworkRole.choices,
        default=NetworkRole.MEMBER,
        help_text=_("Everyone in the network sees people's name, organisation and function; "
                    "their e-mail address and phone number only this role and up."))
    admins_use_two_factor = models.BooleanField(
        _("admins must use two-factor authentication"), default=False,
        help_text=_("Admins see raw answers and manage members: with this on, they confirm each session with a "
                    "code from an authenticator app before any admin page, export or API call of this network."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("overview:dashboard", kwargs={"network": self.slug})

    @classmethod
    def membership_of(cls, *, user, slug: str) -> NetworkMembership | None:
        """The user's membership of the network `slug` with its network, or None (see core.access)."""
        return NetworkMembership.objects.select_related("network").filter(user=user, network__slug=slug).first()


class Municipality(models.Model):
    """A municipality (*gemeente*) covered by the network."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="municipalities")
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="unique_municipality_name")
        ]

    def __str__(self) -> str:
        return self.name


class NetworkMembership(models.Model):
    """A user's access to a network; without one the network does not exist for them."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=NetworkRole.choices,
                            default=NetworkRole.VIEWER)

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        constraints = [
            models.UniqueConstraint(fields=["network", "user"], name="unique_network_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.network} ({self.get_role_display()})"

    # Set per request (core.access) for an admin whose network asks for two-factor authentication
    # and who has not verified a device in this session: until they do, they act as a coordinator.
    second_factor_missing = False

    @property
    def needs_second_factor(self) -> bool:
        """An admin of a network that requires two-factor authentication for its admins."""
        return self.role == NetworkRole.ADMIN and self.network.admins_use_two_factor

    def has_role(self, minimum: str) -> bool:
        """At least `minimum`; an admin's own rights wait for the second factor where it is required."""
        role = NetworkRole.COORDINATOR if self.second_factor_missing else self.role
        return role_at_least(role, minimum)


class OrganisationType(models.Model):
    """Shared, editable reference list of organisation types (docs/sources.md §1)."""

    key = models.SlugField(_("key"), max_length=50, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    colour = models.CharField(_("colour"), max_length=7, default="#6c757d")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("organisation type")
        verbose_name_plural = _("organisation types")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        from django.utils.translation import get_language

        return self.name_en if (get_language() or "nl").startswith("en") else self.name_nl


class Organisation(Archivable):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(_("name"), max_length=200)
    sort_name = models.CharField(max_length=200, editable=False, db_index=True, default="")
    type = models.ForeignKey(
        OrganisationType, on_delete=models.PROTECT, related_name="organisations",
        verbose_name=_("type"),
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="organisations", verbose_name=_("municipality"),
    )
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="unique_organisation_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:organisation_detail",
                       kwargs={"network": self.network.slug, "pk": self.pk})


class Person(Archivable):
    """A person in the network. Personal data: editable, archived when they leave, and erased
    on request (registry.services.person_erase)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("name"), max_length=200)
    sort_name = models.CharField(max_length=200, editable=False, db_index=True, default="")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="people",
        verbose_name=_("organisation"),
    )
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:person_detail",
                       kwargs={"network": self.network.slug, "pk": self.pk})


class Theme(models.Model):
    """A cluster of related issues (*thema*) with a board lead and a coordinator."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    challenge = models.CharField(_("regiobeeld challenge"), max_length=30,
                                 choices=RegiobeeldChallenge.choices, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="unique_theme_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:theme_detail",
                       kwargs={"network": self.network.slug, "pk": self.pk})


class ThemeRoleKind(models.TextChoices):
    BOARD_LEAD = "board_lead", _("board lead (bestuurlijk trekker)")
    COORDINATOR = "coordinator", _("coordinator")


class ThemeRole(Period):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="theme_roles")
    kind = models.CharField(_("role"), max_length=20, choices=ThemeRoleKind.choices)

    class Meta:
        ordering = ["kind", "person__name"]
        verbose_name = _("theme role")
        verbose_name_plural = _("theme roles")

    def __str__(self) -> str:
        return f"{self.person} – {self.get_kind_display()} {self.theme}"


class CoalitionForm(models.TextChoices):
    PROGRAMME = "programme", _("programme")
    PROJECT = "project", _("project")
    ALLIANCE = "alliance", _("alliance")
    RESEARCH_GROUP = "research_group", _("research group")
    SHARED_SERVICE_CENTRE = "shared_service_centre", _("shared service centre")
    OTHER = "other", _("other")


class CoalitionStatus(models.TextChoices):
    EXPLORING = "exploring", _("exploring")
    ACTIVE = "active", _("active")
    PAUSED = "paused", _("paused")
    COMPLETED = "completed", _("completed")
    STOPPED = "stopped", _("stopped")


class DecisionPrinciple(models.TextChoices):
    CONSENSUS = "consensus", _("consensus")
    CONSENT = "consent", _("consent")
    MAJORITY = "majority", _("majority")


# A coalition is a cooperation: with fewer organisations the form refuses it and the dashboard warns.
COALITION_MINIMUM = 2


class Coalition(models.Model):
    """A coalition of the willing inside a theme, committed to a sub-task."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="coalitions")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="coalitions",
                              verbose_name=_("theme"))
    name = models.CharField(_("name"), max_length=200)
    sub_task = models.TextField(_("sub-task"), blank=True)
    form = models.CharField(_("form"), max_length=30, choices=CoalitionForm.choices,
                            default=CoalitionForm.PROJECT)
    status = models.CharField(_("status"), max_length=20, choices=CoalitionStatus.choices,
                              default=CoalitionStatus.ACTIVE)
    decision_principle = models.CharField(
        _("decision principle"), max_length=20, choices=DecisionPrinciple.choices,
        default=DecisionPrinciple.CONSENSUS,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="unique_coalition_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:coalition_detail",
                       kwargs={"network": self.network.slug, "pk": self.pk})


class CoalitionParticipation(Period):
    """An organisation taking part in a coalition and what it brings in."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE,
                                  related_name="participations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="participations",
                                     verbose_name=_("organisation"))
    contribution_people = models.DecimalField(
        _("contribution in people (FTE)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    contribution_money = models.DecimalField(
        _("contribution in money (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    contribution_knowledge = models.TextField(_("contribution in knowledge"), blank=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("coalition participation")
        verbose_name_plural = _("coalition participations")

    def __str__(self) -> str:
        return f"{self.organisation} in {self.coalition}"


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    RUNNING = "running", _("running")
    COMPLETED = "completed", _("completed")
    STOPPED = "stopped", _("stopped")


class Initiative(models.Model):
    """A project carried out by a coalition."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE,
                                  related_name="initiatives", verbose_name=_("coalition"))
    name = models.CharField(_("name"), max_length=200)
    sort_name = models.CharField(max_length=200, editable=False, db_index=True, default="")
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=InitiativeStatus.choices,
                              default=InitiativeStatus.PLANNED)

    class Meta:
        ordering = ["start_date", "name"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self) -> str:
        return self.name


class GovernanceUnitKind(models.TextChoices):
    """The minimal governance units of docs/sources.md §1."""

    FUNDAMENT = "fundament", _("fundament / broad network meeting")
    BOARD_DIRECTION_GROUP = "board_direction_group", _("board direction group (bestuurlijke regiegroep)")
    DIRECTION_TEAM = "direction_team", _("network director / direction team (regieteam)")
    POLICY_ADVISORY_GROUP = "policy_advisory_group", _("policy advisory group (beleidsadviesgroep)")
    DATA_RESEARCH_TEAM = "data_research_team", _("data and research team")
    OTHER = "other", _("other")


class GovernanceUnit(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE,
                                related_name="governance_units")
    kind = models.CharField(_("kind"), max_length=30, choices=GovernanceUnitKind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("governance unit")
        verbose_name_plural = _("governance units")
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="unique_governance_unit_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:governance_unit_detail",
                       kwargs={"network": self.network.slug, "pk": self.pk})


class GovernanceUnitMembership(Period):
    """A person's seat in a governance unit, at a level, for a period."""

    unit = models.ForeignKey(GovernanceUnit, on_delete=models.CASCADE,
                             related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE,
                               related_name="unit_memberships", verbose_name=_("person"))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    role_title = models.CharField(_("role"), max_length=120, blank=True)

    class Meta:
        ordering = ["level", "person__name"]
        verbose_name = _("governance unit membership")
        verbose_name_plural = _("governance unit memberships")

    def __str__(self) -> str:
        return f"{self.person} in {self.unit}"


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 digest is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class MemberInvitationQuerySet(models.QuerySet):
    def open(self) -> MemberInvitationQuerySet:
        """Neither accepted nor revoked: pending, or expired and waiting to be sent again."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)

    def pending(self) -> MemberInvitationQuerySet:
        """Neither accepted nor revoked, and not yet expired: the link still works."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class MemberInvitation(models.Model):
    """An admin's invitation to a colleague by e-mail, with the role they get on accepting.

    Only the SHA-256 digest of the link's token is stored (as for API tokens); resending makes a
    new token, so an older e-mail's link stops working. Accepted and revoked invitations stay as
    the record of who was let in by whom.
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="member_invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=NetworkRole.choices, default=NetworkRole.VIEWER)
    digest = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("invited by"))
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("last sent at"))
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("accepted by"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = MemberInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("member invitation")
        verbose_name_plural = _("member invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.network} ({self.get_role_display()})"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()
