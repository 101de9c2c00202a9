"""Pages of meetings: calendar, meeting, task overview, calendar files and the subscription feed.

Every member (viewer and up) reads meetings, agendas, attendance, minutes and action points and downloads
.ics files; coordinators and admins plan meetings, send invitations and keep attendance, minutes and
action points. The subscription feed answers only to the user's secret token and lists the meetings of
that user's networks.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netwerkregie.core.forms import save_through_service
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.views import network_view
from netwerkregie.registry.models import Network

from .. import forms
from ..calendar import calendar_ics
from ..filters import TaskFilter
from ..models import ActionPoint, CalendarFeed
from ..selectors import meetings as selectors
from ..services import meetings as services


def _base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@network_view()
def meeting_list(request: HttpRequest, network: Network) -> HttpResponse:
    """Twelve months from `?from=YYYY-MM` (default: two months ago), one list per month."""
    today = timezone.localdate()
    try:
        start = datetime.date.fromisoformat(request.GET.get("from", "") + "-01")
    except ValueError:
        start = selectors.add_months(today, -2)
    months = selectors.calendar_months(network=network, start=start)
    return render(request, "organising/meeting_list.html", {
        "months": months, "previous": selectors.add_months(start, -12), "next": selectors.add_months(start, 12),
        "can_edit": request.membership.has_role(NetworkRole.COORDINATOR)})


@network_view(NetworkRole.COORDINATOR)
def meeting_create(request: HttpRequest, network: Network) -> HttpResponse:
    form = forms.MeetingForm(request.POST or None, network=network)
    if request.method == "POST":
        meeting = save_through_service(form, lambda data: services.meeting_create(network=network, **data))
        if meeting:
            messages.success(request, _("Meeting planned."))
            return redirect(meeting.get_absolute_url())
    return render(request, "registry/object_form.html", {
        "form": form, "title": _("New meeting"), "cancel_url": reverse("organising:meeting_list", args=[network.slug])})


@network_view()
def meeting_detail(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    meeting = get_object_or_404(selectors.meeting_detail_queryset(network=network), pk=pk)
    coordinator = request.membership.has_role(NetworkRole.COORDINATOR)
    return render(request, "organising/meeting_detail.html", {
        "meeting": meeting, "coordinator": coordinator, "member": request.membership.has_role(NetworkRole.MEMBER),
        "agenda_form": forms.AgendaItemForm(network=network), "attendance_form": forms.AttendanceForm(network=network),
        "minutes_form": forms.MinutesForm(network=network, initial={
            "minutes": meeting.minutes, "minutes_status": meeting.minutes_status or "draft"}),
        "action_form": forms.ActionPointForm(network=network),
        "total_minutes": sum(i.duration_minutes for i in meeting.agenda_items.all())})


@network_view(NetworkRole.COORDINATOR)
@require_POST
def meeting_change(request: HttpRequest, network: Network, pk: int, part: str) -> HttpResponse:
    """One form of the meeting page: agenda item, attendance, minutes, action point or invitations."""
    meeting = get_object_or_404(network.meetings, pk=pk)
    writers = {
        "agenda": (forms.AgendaItemForm, lambda data: services.agenda_item_add(meeting=meeting, **data)),
        "attendance": (forms.AttendanceForm, lambda data: services.attendance_record(meeting=meeting, **data)),
        "minutes": (forms.MinutesForm, lambda data: services.minutes_save(
            meeting=meeting, text=data["minutes"], status=data["minutes_status"])),
        "action": (forms.ActionPointForm, lambda data: services.action_point_add(meeting=meeting, **data)),
    }
    if part == "invite":
        count = services.invitations_send(meeting=meeting, base_url=_base_url(request))
        messages.success(request, _("Invitations sent (%(count)d e-mails).") % {"count": count})
        return redirect(meeting.get_absolute_url())
    if part not in writers:
        raise Http404
    form_class, write = writers[part]
    form = form_class(request.POST, network=network)
    if save_through_service(form, write):
        messages.success(request, _("Meeting updated."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(meeting.get_absolute_url())


@network_view(NetworkRole.COORDINATOR)
@require_POST
def action_point_status(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    point = get_object_or_404(ActionPoint.objects.filter(meeting__network=network), pk=pk)
    try:
        services.action_point_update(action_point=point, status=request.POST.get("status", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(request.POST.get("next") or reverse("organising:task_list", args=[network.slug]))


@network_view()
def meeting_ics(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    meeting = get_object_or_404(selectors.meeting_list(network=network), pk=pk)
    return _ics_response(calendar_ics([meeting], name=meeting.title, base_url=_base_url(request)),
                         f"{network.slug}-{meeting.pk}.ics")


@network_view()
def task_list(request: HttpRequest, network: Network) -> HttpResponse:
    """Action points: `?view=mine` (owner's e-mail is yours), `open` (default) or `overdue`."""
    list_filter = TaskFilter(request.GET, network=network, user=request.user)
    points = list_filter.queryset()
    return render(request, "organising/task_list.html", {
        "points": points, "filter": list_filter,
        "view": list_filter.cleaned_data.get("view") or selectors.TaskView.OPEN,
        "today": timezone.localdate(), "can_edit": request.membership.has_role(NetworkRole.COORDINATOR)})


@login_required
def calendar_subscription(request: HttpRequest) -> HttpResponse:
    """The user's own feed address; POST renews the token so an old address stops working."""
    if request.method == "POST":
        services.calendar_feed_token(user=request.user, renew=True)
        messages.success(request, _("A new calendar address was made; the old one no longer works."))
        return redirect("organising_feed:subscription")
    feed = services.calendar_feed_token(user=request.user)
    url = _base_url(request) + reverse("organising_feed:feed", kwargs={"token": feed.token})
    return render(request, "organising/calendar_subscription.html", {"url": url})


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Meetings of the token owner's networks; an unknown token is a 404 and reveals nothing."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    return _ics_response(calendar_ics(selectors.feed_meetings(user=feed.user), name="netwerkregie",
                                      base_url=_base_url(request)), "netwerkregie.ics")
