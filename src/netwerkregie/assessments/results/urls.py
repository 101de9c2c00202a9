"""Result pages of survey rounds, included by assessments/urls.py under n/<network>/assessments/."""

from django.urls import path

from . import views

urlpatterns = [
    path("results/", views.results_index, name="results_index"),
    path("rounds/<int:round_id>/results/", views.round_results, name="round_results"),
    path("rounds/<int:round_id>/results.xlsx", views.round_results_xlsx, name="round_results_xlsx"),
    path("trend/", views.results_trend, name="results_trend"),
    path("compare/", views.results_compare, name="results_compare"),
    path("quadrant/", views.results_quadrant, name="results_quadrant"),
]
