from django.contrib import admin

from . import models


class MunicipalityInline(admin.TabularInline):
    model = models.Municipality
    extra = 0


class NetworkMembershipInline(admin.TabularInline):
    model = models.NetworkMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(models.Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "start_date"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug"]
    inlines = [MunicipalityInline, NetworkMembershipInline]


@admin.register(models.OrganisationType)
class OrganisationTypeAdmin(admin.ModelAdmin):
    list_display = ["key", "name_nl", "name_en", "colour", "order"]
    list_editable = ["name_nl", "name_en", "colour", "order"]


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "type", "municipality"]
    list_filter = ["network", "type"]
    search_fields = ["name"]


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "organisation", "function", "email"]
    list_filter = ["network"]
    search_fields = ["name", "email"]


class ThemeRoleInline(admin.TabularInline):
    model = models.ThemeRole
    extra = 0
    raw_id_fields = ["person"]


@admin.register(models.Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "challenge"]
    list_filter = ["network", "challenge"]
    inlines = [ThemeRoleInline]


class ParticipationInline(admin.TabularInline):
    model = models.CoalitionParticipation
    extra = 0
    raw_id_fields = ["organisation"]


class InitiativeInline(admin.TabularInline):
    model = models.Initiative
    extra = 0


@admin.register(models.Coalition)
class CoalitionAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "theme", "form", "status"]
    list_filter = ["network", "form", "status"]
    search_fields = ["name"]
    inlines = [ParticipationInline, InitiativeInline]


class UnitMembershipInline(admin.TabularInline):
    model = models.GovernanceUnitMembership
    extra = 0
    raw_id_fields = ["person"]


@admin.register(models.GovernanceUnit)
class GovernanceUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "kind"]
    list_filter = ["network", "kind"]
    inlines = [UnitMembershipInline]


@admin.register(models.ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at"]
    readonly_fields = ["digest", "prefix", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False  # a token's plain text exists only at creation: use `netwerkregie create-token`
