from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("n/<slug:network>/choices/<slug:kind>/", views.choices, name="choices"),
]
