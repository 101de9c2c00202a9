"""Django admin for the installation's superusers. Edits here bypass the services, so the admins of
everything figures are computed from bump the network's data version as the services do."""

from django.contrib import admin

from . import models
from .services import data_changed


class ChangesFigures(admin.ModelAdmin):
    """An admin whose saves and deletes (with their inlines) make the network's stored figures out of date."""

    def networks(self, obj) -> set[int]:
        return {obj.pk if isinstance(obj, models.Network) else obj.network_id}

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        for network_id in self.networks(form.instance):
            data_changed(network=network_id)

    def delete_model(self, request, obj) -> None:
        networks = self.networks(obj)
        super().delete_model(request, obj)
        for network_id in networks:
            data_changed(network=network_id)

    def delete_queryset(self, request, queryset) -> None:
        networks = set().union(*(self.networks(obj) for obj in queryset))
        super().delete_queryset(request, queryset)
        for network_id in networks:
            data_changed(network=network_id)


class MunicipalityInline(admin.TabularInline):
    model = models.Municipality
    extra = 0


class NetworkMembershipInline(admin.TabularInline):
    model = models.NetworkMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(models.Network)
class NetworkAdmin(ChangesFigures):
    list_display = ["name", "slug", "start_date"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug"]
    inlines = [MunicipalityInline, NetworkMembershipInline]


@admin.register(models.OrganisationType)
class OrganisationTypeAdmin(ChangesFigures):
    """Types are shared: a change (their names label the results' groups) touches every network using them."""

    list_display = ["key", "name_nl", "name_en", "colour", "order"]
    list_editable = ["name_nl", "name_en", "colour", "order"]

    def networks(self, obj) -> set[int]:
        return set(obj.organisations.values_list("network_id", flat=True).distinct())

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)  # list_editable saves without save_related
        for network_id in self.networks(obj):
            data_changed(network=network_id)


@admin.register(models.Organisation)
class OrganisationAdmin(ChangesFigures):
    list_display = ["name", "network", "type", "municipality"]
    list_filter = ["network", "type"]
    search_fields = ["name"]


@admin.register(models.Person)
class PersonAdmin(ChangesFigures):
    list_display = ["name", "network", "organisation", "function", "email"]
    list_filter = ["network"]
    search_fields = ["name", "email"]


class ThemeRoleInline(admin.TabularInline):
    model = models.ThemeRole
    extra = 0
    raw_id_fields = ["person"]


@admin.register(models.Theme)
class ThemeAdmin(ChangesFigures):
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
class CoalitionAdmin(ChangesFigures):
    list_display = ["name", "network", "theme", "form", "status"]
    list_filter = ["network", "form", "status"]
    search_fields = ["name"]
    inlines = [ParticipationInline, InitiativeInline]


class UnitMembershipInline(admin.TabularInline):
    model = models.GovernanceUnitMembership
    extra = 0
    raw_id_fields = ["person"]


@admin.register(models.GovernanceUnit)
class GovernanceUnitAdmin(ChangesFigures):
    list_display = ["name", "network", "kind"]
    list_filter = ["network", "kind"]
    inlines = [UnitMembershipInline]


@admin.register(models.ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at"]
    readonly_fields = ["digest", "prefix", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False  # a token's plain text exists only at creation: use `netwerkregie create-token`
