"""The calendar subscription: outside any network, since one feed lists the meetings of all the user's networks."""

from django.urls import path

from .views import meetings

app_name = "organising_feed"

urlpatterns = [
    path("", meetings.calendar_subscription, name="subscription"),
    path("<str:token>.ics", meetings.calendar_feed, name="feed"),
]
