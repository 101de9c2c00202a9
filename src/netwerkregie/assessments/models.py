"""Survey rounds: instruments sent to the partners of a network, and their answers.

Instruments themselves are data files (instruments/*.yaml), referred to by key. Respondents
need no account: each gets an Invitation with an unguessable token, of which only a digest is
stored (like a password), so nobody with access to the database or an export can open a
respondent's answers. Answers are personal data; results leave the app only aggregated over
groups of at least the network's anonymity minimum (see selectors).
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netwerkregie.registry.models import Coalition, Level, Network, Organisation, Person, Theme
from netwerkregie.registry.services import token_digest


class Language(models.TextChoices):
    NL = "nl", "Nederlands"
    EN = "en", "English"


class SurveyRound(models.Model):
    """One measurement moment (e.g. the yearly 2025 round) for a network, theme or coalition."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="survey_rounds")
    name = models.CharField(_("name"), max_length=200)
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="survey_rounds",
        verbose_name=_("theme"), help_text=_("Leave empty for the whole network."),
    )
    coalition = models.ForeignKey(
        Coalition, on_delete=models.SET_NULL, null=True, blank=True, related_name="survey_rounds",
        verbose_name=_("coalition"),
    )
    instruments = models.JSONField(_("instruments"), default=list, help_text=_("Instrument keys, in order."))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    invitation_subject_nl = models.CharField(_("invitation subject (Dutch)"), max_length=200, blank=True)
    invitation_body_nl = models.TextField(_("invitation text (Dutch)"), blank=True)
    invitation_subject_en = models.CharField(_("invitation subject (English)"), max_length=200, blank=True)
    invitation_body_en = models.TextField(_("invitation text (English)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "name"]
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        constraints = [models.UniqueConstraint(fields=["network", "name"], name="unique_survey_round_name")]

    def __str__(self) -> str:
        return self.name

    def is_open(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.opens_on <= on <= self.closes_on


def new_invitation_token() -> tuple[str, str]:
    """A personal survey link's secret (256 random bits, unguessable) and the digest stored for it."""
    plain = secrets.token_urlsafe(32)
    return plain, token_digest(plain)


class Invitation(models.Model):
    """A respondent's personal link to one round.

    Organisation and level are copied at invitation time so results stay grouped as they
    were when the person answered, even after they change jobs or are deleted. Only the
    SHA-256 digest of the link's token is stored; the plain token exists only in the e-mail
    (services issue a new one for every e-mail) and, on an instance, as the transient `token`
    attribute in the request that issued it or that was opened with it.
    """

    token: str | None = None

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="survey_invitations"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="survey_invitations"
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.NL)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    # Digest of the address the link was first e-mailed to: once the respondent has started, new
    # links go only there, so changing a person's e-mail address cannot divert someone's answers.
    email_digest = models.CharField(max_length=64, blank=True, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # The relational survey's first step, "with which organisations do you work?": only these
    # get the relation questions. An organisation not ticked counts as no relation.
    partners = models.ManyToManyField(Organisation, blank=True, related_name="+",
                                      verbose_name=_("organisations worked with"))

    class Meta:
        ordering = ["round", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="unique_invitation_per_person")
        ]
        # Results, counts and respondent lists read one round's (completed) invitations.
        indexes = [models.Index(fields=["round", "completed_at"], name="invitation_round_completed")]

    def __str__(self) -> str:
        return f"{self.round} – {self.person or _('(deleted person)')}"


class Answer(models.Model):
    """One answer to one item, optionally about a subject: a theme, a level or another organisation.

    `value` holds what the answer type needs: a number, "dont_know", true/false, a choice key,
    a list of choice keys or free text. `subject` is derived from the subject fields so that a
    single unique constraint works on every database (NULLs are never equal in SQL).
    """

    # No index of its own: the unique constraint's index starts with it (see Meta).
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="answers", db_index=False)
    instrument = models.CharField(max_length=64)
    item = models.CharField(max_length=64)
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    level = models.CharField(max_length=20, choices=Level.choices, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(max_length=40, blank=True, editable=False)
    value = models.JSONField(null=True, blank=True)
    evidence = models.TextField(_("what shows this?"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["invitation", "instrument", "subject", "item"]
        # The unique constraint's index starts with the invitation, so every read of a round's answers
        # goes round → its invitations → their answers and never touches another network's rows. An
        # index starting with the instrument would tempt the planner to scan every network's answers to
        # an instrument (docs/performance.md), so there is none.
        constraints = [
            models.UniqueConstraint(fields=["invitation", "instrument", "item", "subject"],
                                    name="unique_answer_per_item_and_subject")
        ]

    def __str__(self) -> str:
        return f"{self.instrument}.{self.item} {self.subject}".strip()

    def save(self, *args, **kwargs) -> None:
        self.subject = self.subject_key(theme_id=self.theme_id, level=self.level,
                                        organisation_id=self.organisation_id)
        super().save(*args, **kwargs)

    @staticmethod
    def subject_key(*, theme_id: int | None = None, level: str = "", organisation_id: int | None = None) -> str:
        parts = []
        if theme_id:
            parts.append(f"t{theme_id}")
        if level:
            parts.append(f"l{level}")
        if organisation_id:
            parts.append(f"o{organisation_id}")
        return ":".join(parts)

