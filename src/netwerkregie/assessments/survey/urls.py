"""The respondent's survey: /survey/<token>/…, reached through a personal link without an account."""

from django.urls import path

from . import views

app_name = "survey"

urlpatterns = [
    path("<str:token>/", views.welcome, name="welcome"),
    path("<str:token>/<int:number>/", views.page, name="page"),
    path("<str:token>/<int:number>/save/", views.autosave, name="autosave"),
    path("<str:token>/finish/", views.finish, name="finish"),
    path("<str:token>/done/", views.done, name="done"),
]
