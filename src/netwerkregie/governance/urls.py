from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("", views.advice, name="advice"),
    path("profile/", views.profile_edit, name="profile_edit"),
]
