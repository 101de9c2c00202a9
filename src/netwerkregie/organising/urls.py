from django.urls import path

from .views import decisions, leadership, meetings, rules

app_name = "organising"

urlpatterns = [
    path("rules/", rules.rule_list, name="rule_list"),
    path("rules/new/", rules.rule_create, name="rule_create"),
    path("rules/template/", rules.rules_template, name="rules_template"),
    path("rules/evaluation/", rules.rule_evaluation, name="rule_evaluation"),
    path("rules/<int:pk>/", rules.rule_detail, name="rule_detail"),
    path("rules/<int:pk>/edit/", rules.rule_edit, name="rule_edit"),
    path("commitments/", rules.commitment_list, name="commitment_list"),
    path("decisions/", decisions.proposal_list, name="proposal_list"),
    path("decisions/new/", decisions.proposal_create, name="proposal_create"),
    path("decisions/<int:pk>/", decisions.proposal_detail, name="proposal_detail"),
    path("decisions/<int:pk>/respond/", decisions.proposal_respond, name="proposal_respond"),
    path("decisions/<int:pk>/action/", decisions.proposal_action, name="proposal_action"),
    path("decisions/<int:pk>/objections/<int:response_pk>/withdraw/", decisions.objection_withdraw,
         name="objection_withdraw"),
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/meeting.ics", meetings.meeting_ics, name="meeting_ics"),
    path("meetings/<int:pk>/<slug:part>/", meetings.meeting_change, name="meeting_change"),
    path("tasks/", meetings.task_list, name="task_list"),
    path("tasks/<int:pk>/status/", meetings.action_point_status, name="action_point_status"),
    path("leadership/", leadership.leadership, name="leadership"),
    path("spokespeople/", leadership.spokespeople, name="spokespeople"),
]
