"""Django admin for funding (staff only). Scores, conflicts and the criteria of an opened call are read-only
here too: changing them would silently alter a published assessment (make a new call version instead)."""

from django.contrib import admin

from . import models


@admin.register(models.FundingStream)
class FundingStreamAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "kind", "scope", "budget", "start_date", "end_date"]
    list_filter = ["network", "kind", "scope"]
    search_fields = ["name"]
    filter_horizontal = ["financiers"]


class ReadOnlyWhenLocked:
    """Inline rows that must not change once `locked(obj)` says so for the parent `obj` (always, unless a
    subclass says when): no adding, changing or deleting them here."""

    def locked(self, obj) -> bool:
        return True

    def has_add_permission(self, request, obj=None) -> bool:
        return not self.locked(obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return not self.locked(obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not self.locked(obj)


class CriterionInline(ReadOnlyWhenLocked, admin.TabularInline):
    """An opened call's criteria stay as they were published."""

    model = models.Criterion
    extra = 0

    def locked(self, obj) -> bool:
        return obj is not None and obj.is_frozen


@admin.register(models.Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "stream", "status", "opens_on", "closes_on"]
    list_filter = ["stream__network", "status"]
    search_fields = ["name", "description"]
    list_select_related = ["stream"]
    raw_id_fields = ["previous"]
    inlines = [CriterionInline]


class PartnerInline(admin.TabularInline):
    model = models.ApplicationPartner
    extra = 0
    raw_id_fields = ["organisation"]


@admin.register(models.Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["title", "call", "coalition", "initiative", "requested_amount", "submitted_on"]
    list_filter = ["call__stream__network", "call"]
    search_fields = ["title", "summary", "coalition__name"]
    list_select_related = ["call", "coalition", "initiative"]
    raw_id_fields = ["coalition", "initiative"]
    filter_horizontal = ["goals"]
    inlines = [PartnerInline]


class ReadOnlyInline(ReadOnlyWhenLocked, admin.TabularInline):
    extra = 0


class ScoreInline(ReadOnlyInline):
    model = models.Score


class ConflictInline(ReadOnlyInline):
    model = models.ConflictOfInterest


@admin.register(models.Assessor)
class AssessorAdmin(admin.ModelAdmin):
    list_display = ["__str__", "call", "user", "submitted_at"]
    list_filter = ["call__stream__network", "call"]
    search_fields = ["person__name", "call__name"]
    list_select_related = ["person", "call", "user"]
    raw_id_fields = ["person", "user", "erased_organisation"]
    readonly_fields = ["submitted_at", "erased_number", "erased_organisation"]
    inlines = [ConflictInline, ScoreInline]


class ResponseInline(admin.TabularInline):
    model = models.FinancierResponse
    extra = 0
    raw_id_fields = ["financier"]


@admin.register(models.Allocation)
class AllocationAdmin(admin.ModelAdmin):
    list_display = ["application", "amount", "decided_on", "decided_by"]
    list_filter = ["application__call__stream__network"]
    search_fields = ["application__title", "reasoning"]
    list_select_related = ["application"]
    date_hierarchy = "decided_on"
    inlines = [ResponseInline]


class ArenaEntryInline(admin.TabularInline):
    model = models.ArenaEntry
    extra = 0
    raw_id_fields = ["organisation"]


@admin.register(models.Arena)
class ArenaAdmin(admin.ModelAdmin):
    list_display = ["initiative", "quality_of_life_classic", "quality_of_life_integrated"]
    list_filter = ["initiative__coalition__network"]
    search_fields = ["initiative__name"]
    list_select_related = ["initiative"]
    inlines = [ArenaEntryInline]
