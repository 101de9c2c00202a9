"""Coordinator pages of survey rounds; the result pages are appended from results/urls.py."""

from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/edit/", views.round_update, name="round_update"),
    path("rounds/<int:pk>/delete/", views.round_delete, name="round_delete"),
    path("rounds/<int:pk>/response/", views.round_response, name="round_response"),
    path("rounds/<int:pk>/respondents/", views.round_respondents, name="round_respondents"),
    path("rounds/<int:pk>/send/", views.round_send, name="round_send"),
    path("rounds/<int:pk>/remind/", views.round_remind, name="round_remind"),
    path("rounds/<int:pk>/invitations/<int:invitation>/delete/", views.invitation_delete,
         name="invitation_delete"),
    path("rounds/<int:pk>/invitations/<int:invitation>/resend/", views.invitation_resend,
         name="invitation_resend"),
    path("rounds/<int:pk>/invitations/<int:invitation>/link/", views.invitation_link,
         name="invitation_link"),
    path("rounds/<int:pk>/preview/", views.round_preview, name="round_preview"),
    path("rounds/<int:pk>/preview/<int:number>/", views.round_preview_page, name="round_preview_page"),
    path("rounds/<int:pk>/preview/invitation/", views.round_preview_invitation, name="round_preview_invitation"),
    path("rounds/<int:pk>/answers.xlsx", views.round_answers_xlsx, name="round_answers_xlsx"),
]

from .results.urls import urlpatterns as results_urlpatterns  # noqa: E402  (result pages, see results/views.py)

urlpatterns += results_urlpatterns
