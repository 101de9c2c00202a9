from django.contrib import admin

from .models import GovernanceProfile


@admin.register(GovernanceProfile)
class GovernanceProfileAdmin(admin.ModelAdmin):
    list_display = ["network", "current_form", "lead_organisation", "updated_at", "updated_by"]
    list_filter = ["current_form"]
    raw_id_fields = ["lead_organisation"]
    readonly_fields = ["updated_at", "updated_by"]
