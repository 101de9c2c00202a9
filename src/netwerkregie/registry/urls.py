from django.urls import path

from . import views

app_name = "registry"

N = "n/<slug:network>/"

urlpatterns = [
    path("", views.network_list, name="network_list"),
    path("profile/", views.profile, name="profile"),
    path(N, views.dashboard, name="dashboard"),
    path(N + "search/", views.search, name="search"),
    path(N + "organisations/", views.organisation_list, name="organisation_list"),
    path(N + "organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path(N + "people/", views.person_list, name="person_list"),
    path(N + "people/<int:pk>/", views.person_detail, name="person_detail"),
    path(N + "themes/", views.theme_list, name="theme_list"),
    path(N + "themes/<int:pk>/", views.theme_detail, name="theme_detail"),
    path(N + "coalitions/", views.coalition_list, name="coalition_list"),
    path(N + "coalitions/new/", views.coalition_create, name="coalition_create"),
    path(N + "coalitions/<int:pk>/", views.coalition_detail, name="coalition_detail"),
    path(N + "governance/", views.governance_unit_list, name="governance_unit_list"),
    path(N + "governance/<int:pk>/", views.governance_unit_detail, name="governance_unit_detail"),
]
