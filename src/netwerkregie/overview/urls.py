from django.urls import path

from . import views

app_name = "overview"

urlpatterns = [
    path("n/<slug:network>/", views.dashboard, name="dashboard"),
    path("n/<slug:network>/warnings/", views.warning_list, name="warnings"),
]
