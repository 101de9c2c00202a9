from django.urls import path

from . import views
from .map import views as map_views

app_name = "analysis"

urlpatterns: list = [
    path("", views.analysis_page, name="index"),
    path("refresh/", views.analysis_refresh, name="refresh"),
    path("relations/", views.relation_list, name="relation_list"),
    path("relations/new/", views.relation_create, name="relation_create"),
    path("relations/<int:pk>/edit/", views.relation_update, name="relation_update"),
    path("relations/<int:pk>/delete/", views.relation_delete, name="relation_delete"),
    path("map/", map_views.map_page, name="map"),
    path("map/data.json", map_views.map_data_json, name="map_data"),
]
