"""Django admin for survey rounds: for the installation's superusers, mostly read-only.

Invitations and answers are written by the services only (tokens, copied organisation and
level, validated values), so the admin shows them without letting anyone edit them by hand.
"""

from django.contrib import admin

from netwerkregie.registry.admin import ChangesFigures

from . import models


class InvitationInline(admin.TabularInline):
    model = models.Invitation
    extra = 0
    can_delete = False
    fields = ["person", "organisation", "level", "language", "sent_at", "reminder_count", "started_at",
              "completed_at"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.SurveyRound)
class SurveyRoundAdmin(ChangesFigures):
    list_display = ["name", "network", "opens_on", "closes_on"]
    list_filter = ["network"]
    search_fields = ["name"]
    date_hierarchy = "opens_on"
    readonly_fields = ["network", "instruments", "created_by", "created_at"]
    inlines = [InvitationInline]


class AnswerInline(admin.TabularInline):
    model = models.Answer
    extra = 0
    can_delete = False
    fields = ["instrument", "item", "subject", "value", "evidence", "updated_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "level", "language", "sent_at", "completed_at"]
    list_filter = ["round__network", "round", "level"]
    list_select_related = ["round", "person", "organisation"]
    readonly_fields = ["round", "person", "organisation", "level", "language", "sent_at", "reminded_at",
                       "reminder_count", "started_at", "completed_at"]
    exclude = ["token_digest"]
    inlines = [AnswerInline]

    def has_add_permission(self, request) -> bool:
        return False
