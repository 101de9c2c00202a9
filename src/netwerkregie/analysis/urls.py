from django.urls import path

from . import map_views

app_name = "analysis"

urlpatterns: list = [
    path("map/", map_views.map_page, name="map"),
    path("map/data.json", map_views.map_data_json, name="map_data"),
]
