from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.exchange, name="exchange"),
    path("template.xlsx", views.spreadsheet_template, name="spreadsheet_template"),
    path("registry.xlsx", views.registry_xlsx, name="registry_xlsx"),
    path("network.json", views.network_json, name="network_json"),
]
