"""Django admin for the data team's records (staff only); everyday editing happens on the monitoring pages."""

from django.contrib import admin

from . import models


@admin.register(models.Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "unit", "source", "direction"]
    list_filter = ["network", "source", "direction"]
    search_fields = ["name", "definition"]


@admin.register(models.Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "network"]
    list_filter = ["network", "kind"]
    search_fields = ["code", "name"]


@admin.register(models.IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "area", "period", "value", "source"]
    list_filter = ["indicator__network", "indicator"]
    search_fields = ["indicator__name", "area__code", "area__name", "period"]
    list_select_related = ["indicator", "area"]
    raw_id_fields = ["indicator", "area"]


@admin.register(models.Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "theme", "coalition", "indicator", "baseline", "target", "target_date"]
    list_filter = ["network"]
    search_fields = ["name", "description"]
    list_select_related = ["network", "theme", "coalition", "indicator"]


@admin.register(models.Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "network", "theme", "coalition", "recorded_on"]
    list_filter = ["network", "kind"]
    search_fields = ["title", "text"]
    date_hierarchy = "recorded_on"


@admin.register(models.DataReport)
class DataReportAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "due_date", "published_on", "is_public"]
    list_filter = ["network", "is_public"]
    search_fields = ["title"]


@admin.register(models.CoalitionValue)
class CoalitionValueAdmin(admin.ModelAdmin):
    list_display = ["coalition", "function", "beneficiary"]
    list_filter = ["coalition__network", "function", "beneficiary"]
    search_fields = ["coalition__name", "note"]


@admin.register(models.LegitimationEvidence)
class LegitimationEvidenceAdmin(admin.ModelAdmin):
    list_display = ["description", "route", "network", "occurred_on"]
    list_filter = ["network", "route"]
    search_fields = ["description"]
