"""Meetings (*overleggen*) of a body: agenda, invitations, attendance, minutes and action points."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from netwerkregie.registry.models import Coalition, Level, Network, Organisation, Person, Theme

from .bodies import BodyMixin, one_body
from .decisions import Proposal


class MinutesStatus(models.TextChoices):
    """Minutes are drafted, amended by the attendees, then made final."""

    NONE = "", _("no minutes yet")
    DRAFT = "draft", _("draft")
    AMENDED = "amended", _("amended")
    FINAL = "final", _("final")


class Meeting(BodyMixin):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_status = models.CharField(_("minutes status"), max_length=20, choices=MinutesStatus.choices,
                                      blank=True, default=MinutesStatus.NONE)
    # Kept by export and import; unique per network, so a restored copy next to the original still differs
    # in its calendar UID, which adds the network's slug.
    uid = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [one_body("meeting_one_body"),
                       models.UniqueConstraint(fields=["network", "uid"], name="unique_meeting_uid"),
                       models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                              name="meeting_ends_after_start",
                                              violation_error_message=_("A meeting ends after it starts."))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("organising:meeting_detail", kwargs={"network": self.network.slug, "pk": self.pk})


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=15)
    proposal = models.ForeignKey(Proposal, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="agenda_items", verbose_name=_("proposal"))
    theme = models.ForeignKey(Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                              verbose_name=_("theme"))
    coalition_link = models.ForeignKey(Coalition, on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="+", verbose_name=_("coalition"))

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class MeetingInvitation(models.Model):
    """An organisation invited to a meeting; `sent_at` is set when the e-mail with the .ics went out."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="meeting_invitations")
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "organisation"], name="unique_meeting_invitation")]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.meeting}"


class Attendance(models.Model):
    """Whether an organisation was at a meeting, and at which level it was represented."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="meeting_attendances",
                                     verbose_name=_("organisation"))
    present = models.BooleanField(_("present"), default=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "organisation"], name="unique_meeting_attendance")]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.meeting}"


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class ActionPoint(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_points")
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_points",
                              verbose_name=_("owner"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("action point")
        verbose_name_plural = _("action points")

    def __str__(self) -> str:
        return self.title


class CalendarFeed(models.Model):
    """A user's secret calendar subscription: the token in the URL is the only credential."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return f"{self.user} calendar"
