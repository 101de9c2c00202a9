"""Who did what that matters for privacy and access: exports, raw answers, roles, invitations, second factors.

The network and the person are kept by name too, so the record outlives a deleted network or
account (the foreign keys then become empty, the names stay).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    EXPORT = "export", _("export")
    RAW_ANSWERS = "raw_answers", _("raw answers viewed")
    ROLE_CHANGE = "role_change", _("role changed")
    MEMBER_ADD = "member_add", _("member added")
    MEMBER_REMOVE = "member_remove", _("member removed")
    INVITATION = "invitation", _("colleague invited")
    TWO_FACTOR_ON = "two_factor_on", _("two-factor authentication set up")
    TWO_FACTOR_OFF = "two_factor_off", _("two-factor authentication removed")


class AuditEvent(models.Model):
    network = models.ForeignKey(settings.NETWERKREGIE_NETWORK_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+")
    network_name = models.CharField(_("network"), max_length=200, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    actor_name = models.CharField(_("by"), max_length=150)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    detail = models.CharField(_("what"), max_length=500, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["network", "-at"], name="audit_network_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name}: {self.get_action_display()} {self.detail}"
