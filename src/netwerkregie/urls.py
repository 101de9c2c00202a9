from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from netwerkregie.accounts.views import LoginView
from netwerkregie.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/", include("netwerkregie.accounts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("survey/", include("netwerkregie.assessments.survey.urls")),
    path("n/<slug:network>/reports/", include("netwerkregie.reports.urls")),
    path("n/<slug:network>/analysis/", include("netwerkregie.analysis.urls")),
    path("n/<slug:network>/assessments/", include("netwerkregie.assessments.urls")),
    path("n/<slug:network>/governance/", include("netwerkregie.governance.urls")),
    path("n/<slug:network>/audit/", include("netwerkregie.audit.urls")),
    path("n/<slug:network>/organising/", include("netwerkregie.organising.urls")),
    path("calendar/", include("netwerkregie.organising.feed_urls")),
    path("n/<slug:network>/monitoring/", include("netwerkregie.monitoring.urls")),
    path("n/<slug:network>/funding/", include("netwerkregie.funding.urls")),
    path("", include("netwerkregie.core.urls")),
    path("", include("netwerkregie.overview.urls")),
    path("", include("netwerkregie.registry.urls")),
]
