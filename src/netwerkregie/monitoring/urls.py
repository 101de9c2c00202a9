from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views.value_import, name="import"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("goals/new/", views.goal_create, name="goal_create"),
    path("reports/new/", views.report_create, name="report_create"),
    path("evidence/new/", views.evidence_create, name="evidence_create"),
    path("value-functions/new/", views.value_function_create, name="value_function_create"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("themes/<int:pk>/", views.theme_effect, name="theme_effect"),
    path("coalitions/<int:pk>/", views.coalition_effect, name="coalition_effect"),
    path("legitimation/", views.legitimation, name="legitimation"),
    path("legitimation/new/", views.legitimation_create, name="legitimation_create"),
] + [
    path(f"{prefix}/<int:pk>/{action}/", getattr(views, f"{kind}_{view}"), name=f"{kind}_{view}")
    for kind, prefix in [("indicator", "indicators"), ("value", "values"), ("goal", "goals"), ("report", "reports"),
                         ("evidence", "evidence"), ("value_function", "value-functions"),
                         ("legitimation", "legitimation")]
    for view, action in [("update", "edit"), ("delete", "delete")]
]
