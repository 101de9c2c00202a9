from django.urls import path

from . import views

app_name = "funding"

urlpatterns = [
    path("", views.index, name="index"),
    path("streams/new/", views.stream_create, name="stream_create"),
    path("calls/new/", views.call_create, name="call_create"),
    path("calls/<int:pk>/", views.call_detail, name="call_detail"),
    path("calls/<int:pk>/criteria/new/", views.criterion_create, name="criterion_create"),
    path("calls/<int:pk>/assessors/new/", views.assessor_create, name="assessor_create"),
    path("calls/<int:pk>/apply/", views.application_create, name="application_create"),
    path("calls/<int:pk>/score/", views.score, name="score"),
    path("calls/<int:pk>/conflict/", views.conflict_declare, name="conflict_declare"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"),
    *[path(f"{prefix}/<int:pk>/{action}/", getattr(views, f"{kind}_{view}"), name=f"{kind}_{view}")
      for kind, prefix, views_of_kind in [
          ("stream", "streams", ("update", "delete")), ("call", "calls", ("update", "delete")),
          ("criterion", "criteria", ("update", "delete")), ("application", "applications", ("update", "delete")),
          ("assessor", "assessors", ("update", "delete")), ("allocation", "allocations", ("delete",)),
          ("response", "responses", ("delete",)), ("arena_entry", "arena", ("update", "delete"))]
      for view, action in [("update", "edit"), ("delete", "delete")] if view in views_of_kind],
    path("calls/<int:pk>/<slug:action>/", views.call_action, name="call_action"),
    path("applications/<int:pk>/allocate/", views.allocate, name="allocate"),
    path("allocations/<int:pk>/response/", views.response_record, name="response_record"),
    path("arena/", views.arena, name="arena"),
    path("arena/new/", views.arena_entry_create, name="arena_entry_create"),
]
