"""The coordinator's survey pages under /n/<network>/assessments/.

Who may do what:
- every member (viewer and up) sees the rounds and their overall response: counts of people,
  never answers;
- coordinators and admins create, edit and delete rounds, pick respondents, send invitations
  and reminders, see the response per organisation (counts from the anonymity minimum up),
  e-mail a person a new link, and make a link to hand over to someone without an e-mail address
  who has not started. Nobody sees the link of a respondent who has started: only a digest
  is stored;
- coordinators and admins preview the questionnaire (every page, read-only) and the invitation
  e-mail before sending; a preview stores nothing and needs no invitation;
- admins download the raw answers (respondents identified by organisation and level only).
What each role may see is decided in access.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from netwerkregie.audit import services as audit
from netwerkregie.core.forms import save_through_service
from netwerkregie.core.pagination import page_of
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.views import network_view
from netwerkregie.core.xlsx import XLSX_CONTENT_TYPE
from netwerkregie.registry.models import Network

from . import emails, forms, selectors, services
from .access import survey_access
from .instruments import instrument_get, localized
from .models import Invitation, Language, SurveyRound
from .results.export import raw_answers_filename, raw_answers_workbook
from .survey import views as survey_views


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@network_view()
def round_list(request: HttpRequest, network: Network) -> HttpResponse:
    rounds = list(selectors.round_list(network=network))
    for r in rounds:
        r.rate = r.completed / r.invited if r.invited else None
        r.instrument_names = [localized(instrument_get(key), "name") for key in r.instruments]
    return render(request, "assessments/round_list.html", {
        "rounds": rounds, "can_edit": request.membership.has_role(NetworkRole.COORDINATOR)})


def _round_form(request: HttpRequest, network: Network, instance: SurveyRound | None, write) -> HttpResponse:
    """Create and edit share one form page; the service does the checking."""
    form = forms.RoundForm(request.POST or None, network=network,
                           instance=instance or SurveyRound(network=network))
    if request.method == "POST":
        saved = save_through_service(form, write)
        if saved is not None:
            messages.success(request, _("Survey round “%(name)s” saved.") % {"name": saved.name})
            return redirect("assessments:round_detail", network=network.slug, pk=saved.pk)
    cancel = (reverse("assessments:round_detail", args=[network.slug, instance.pk]) if instance
              else reverse("assessments:round_list", args=[network.slug]))
    return render(request, "assessments/round_form.html", {
        "form": form, "round": instance, "cancel_url": cancel,
        "title": _("Edit survey round") if instance else _("New survey round")})


@network_view(NetworkRole.COORDINATOR)
def round_create(request: HttpRequest, network: Network) -> HttpResponse:
    return _round_form(request, network, None, lambda data: services.round_create(
        network=network, created_by=request.user, **data))


@network_view(NetworkRole.COORDINATOR)
def round_update(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    survey_round = selectors.round_get(network=network, pk=pk)
    return _round_form(request, network, survey_round,
                       lambda data: services.round_update(survey_round=survey_round, **data))


@network_view(NetworkRole.COORDINATOR)
def round_delete(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    survey_round = selectors.round_get(network=network, pk=pk)
    if request.method == "POST":
        services.round_delete(survey_round=survey_round)
        messages.success(request, _("Survey round “%(name)s” deleted.") % {"name": survey_round.name})
        return redirect("assessments:round_list", network=network.slug)
    response = selectors.round_response(survey_round=survey_round)
    return render(request, "registry/object_confirm_delete.html", {
        "title": _("Delete survey round “%(name)s”?") % {"name": survey_round.name},
        "explanation": _("This deletes the round with its %(invited)s invitations and every answer given "
                         "(%(completed)s completed responses). Results of this round are gone for good.")
        % {"invited": response.invited, "completed": response.completed},
        "button": _("Delete"),
        "cancel_url": reverse("assessments:round_detail", args=[network.slug, pk])})


def _response(request: HttpRequest, survey_round: SurveyRound) -> selectors.RoundResponse:
    access = survey_access(request.membership)
    return selectors.round_response(survey_round=survey_round, per_organisation=access.organisation_counts)


@network_view()
def round_detail(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    survey_round = selectors.round_get(network=network, pk=pk)
    access = survey_access(request.membership)
    return render(request, "assessments/round_detail.html", {
        "round": survey_round, "response": _response(request, survey_round),
        "invitations": selectors.invitation_list(survey_round=survey_round, page=request.GET.get("page"))
        if access.invitations else [],
        "can_edit": access.invitations, "is_admin": access.raw_answers,
        "instrument_names": [localized(instrument_get(key), "name") for key in survey_round.instruments]})


@network_view()
def round_response(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    """htmx: the live response panel, polled by the round page."""
    survey_round = selectors.round_get(network=network, pk=pk)
    return render(request, "assessments/_response.html",
                  {"round": survey_round, "response": _response(request, survey_round)})


@network_view(NetworkRole.COORDINATOR)
def round_respondents(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    """Pick people of the registry to invite; the filter and the pages update the list in place (htmx).

    The candidates come in pages (core.pagination); people ticked on another page or before the
    filter changed come along with the request and stay ticked.
    """
    survey_round = selectors.round_get(network=network, pk=pk)
    if request.method == "POST":
        form = forms.InviteForm(request.POST, network=network)
        created = save_through_service(form, lambda data: services.invitations_create(
            survey_round=survey_round, people=data["people"], language=data["language"], level=data["level"] or None))
        if created is not None:
            messages.success(request, ngettext("%(n)d person is invited.", "%(n)d people are invited.",
                                               len(created)) % {"n": len(created)})
            return redirect("assessments:round_detail", network=network.slug, pk=pk)
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    filter_form = forms.RespondentFilterForm(request.GET or None, network=network)
    people = page_of(request, selectors.candidate_list(network=network, **filter_form.filters()))
    invited = set(survey_round.invitations.values_list("person_id", flat=True))
    ticked = selectors.ticked_people(network=network, ids=request.GET.getlist("people"))
    shown = {person.pk for person in people}
    context = {"round": survey_round, "filter_form": filter_form, "people": people, "invited": invited,
               "ticked": {person.pk for person in ticked},
               "ticked_elsewhere": [person for person in ticked if person.pk not in shown],
               "invite_form": forms.InviteForm(network=network)}
    if request.htmx:
        return render(request, "assessments/_candidates.html", context)
    return render(request, "assessments/round_respondents.html", context)


@require_POST
@network_view(NetworkRole.COORDINATOR)
def round_send(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    survey_round = selectors.round_get(network=network, pk=pk)
    _mail(request, lambda: services.invitations_send(survey_round=survey_round, base_url=_base_url(request)))
    unreachable = services.unreachable_invitations(survey_round=survey_round)
    if unreachable:
        messages.warning(request, _("No e-mail address for %(names)s: make a personal link for them in the "
                                    "invitation list and hand it over yourself.")
                         % {"names": ", ".join(str(inv.person or _("(deleted person)")) for inv in unreachable)})
    return redirect("assessments:round_detail", network=network.slug, pk=pk)


@require_POST
@network_view(NetworkRole.COORDINATOR)
def round_remind(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    survey_round = selectors.round_get(network=network, pk=pk)
    _mail(request, lambda: services.reminders_send(survey_round=survey_round, base_url=_base_url(request)))
    return redirect("assessments:round_detail", network=network.slug, pk=pk)


@require_POST
@network_view(NetworkRole.COORDINATOR)
def invitation_delete(request: HttpRequest, network: Network, pk: int, invitation: int) -> HttpResponse:
    """Withdraw one invitation with its answers: its link stops working at once."""
    survey_round = selectors.round_get(network=network, pk=pk)
    withdrawn = survey_round.invitations.select_related("person").filter(pk=invitation).first()
    if withdrawn is None:
        raise Http404
    services.invitation_delete(invitation=withdrawn)
    messages.success(request, _("The invitation of %(person)s is withdrawn.")
                     % {"person": withdrawn.person or _("(deleted person)")})
    return redirect("assessments:round_detail", network=network.slug, pk=pk)


def _invitation(survey_round: SurveyRound, pk: int):
    invitation = survey_round.invitations.select_related("person", "round__network").filter(pk=pk).first()
    if invitation is None:
        raise Http404
    return invitation


@require_POST
@network_view(NetworkRole.COORDINATOR)
def invitation_resend(request: HttpRequest, network: Network, pk: int, invitation: int) -> HttpResponse:
    """E-mail one person a new link (the old one stops working); the link never reaches the screen."""
    survey_round = selectors.round_get(network=network, pk=pk)
    chosen = _invitation(survey_round, invitation)
    try:
        services.invitation_resend(invitation=chosen, base_url=_base_url(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("A new personal link is e-mailed to %(person)s; the previous link no "
                                    "longer works.") % {"person": chosen.person})
    return redirect("assessments:round_detail", network=network.slug, pk=pk)


@require_POST
@never_cache
@network_view(NetworkRole.COORDINATOR)
def invitation_link(request: HttpRequest, network: Network, pk: int, invitation: int) -> HttpResponse:
    """A new link for someone without e-mail who has not started, shown once on this page only."""
    survey_round = selectors.round_get(network=network, pk=pk)
    chosen = _invitation(survey_round, invitation)
    try:
        token = services.invitation_link_new(invitation=chosen)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("assessments:round_detail", network=network.slug, pk=pk)
    chosen.token = token
    return render(request, "assessments/invitation_link.html", {
        "round": survey_round, "invitation": chosen, "link": emails.survey_url(chosen, _base_url(request))})


def _mail(request: HttpRequest, send) -> None:
    """Run a sending service and report the number sent, or why nothing was sent."""
    try:
        count = send()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return
    messages.success(request, ngettext("%(n)d e-mail sent.", "%(n)d e-mails sent.", count) % {"n": count})


@network_view()
def round_answers_xlsx(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    """Raw answers for admins; respondents appear as R1, R2, … with organisation and level only.

    A large round's workbook (selectors.answers_download_in_background) is prepared by the background
    worker: the reports app's downloads page asks for it, audits it and serves it to admins only."""
    if not survey_access(request.membership).raw_answers:
        raise PermissionDenied
    survey_round = selectors.round_get(network=network, pk=pk)
    if selectors.answers_download_in_background(network=network, survey_round=survey_round):
        return redirect(reverse("reports:downloads", kwargs={"network": network.slug})
                        + f"?kind=raw_answers&round={survey_round.pk}")
    audit.record(action=audit.AuditAction.RAW_ANSWERS, actor=request.user, network=network, detail=survey_round.name)
    response = HttpResponse(raw_answers_workbook(survey_round=survey_round), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{raw_answers_filename(survey_round)}"'
    return response


# Preview -------------------------------------------------------------------------------------

PREVIEW_TOKEN = "preview-link"  # a dummy shown in the previewed e-mail; no invitation has it


def _preview_language(request: HttpRequest) -> str:
    chosen = request.GET.get("lang")
    return chosen if chosen in Language.values else translation.get_language()[:2]


def _preview(survey_round: SurveyRound, language: str
             ) -> tuple[Invitation, list[selectors.SurveyPage], selectors.SurveyEstimate]:
    """An unsaved invitation without organisation, so the checklist lists every organisation; the
    relation pages show its first few as an example. The estimate is a new respondent's."""
    invitation = Invitation(round=survey_round, language=language)
    checklist = selectors.relation_checklist(invitation=invitation)
    sample = [entry.organisation for group in checklist.groups for entry in group.entries]
    pages = selectors.survey_pages(invitation=invitation, partners=sample[:selectors.PARTNERS_PER_PAGE])
    return invitation, pages, selectors.survey_estimate(invitation=invitation)


@never_cache
@network_view(NetworkRole.COORDINATOR)
def round_preview(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    """The welcome page as respondents see it (coordinator and admin; stores nothing)."""
    survey_round = selectors.round_get(network=network, pk=pk)
    with translation.override(_preview_language(request)):
        invitation, pages, estimate = _preview(survey_round, translation.get_language())
        return render(request, "survey/welcome.html",
                      {**survey_views.welcome_context(invitation, pages, estimate), "preview": True})


@never_cache
@network_view(NetworkRole.COORDINATOR)
def round_preview_page(request: HttpRequest, network: Network, pk: int, number: int) -> HttpResponse:
    """One page of the questionnaire, read-only (coordinator and admin; stores nothing)."""
    survey_round = selectors.round_get(network=network, pk=pk)
    with translation.override(_preview_language(request)):
        invitation, pages, _estimate = _preview(survey_round, translation.get_language())
        if not 1 <= number <= len(pages):
            raise Http404
        context = survey_views.page_context(invitation, pages[number - 1], pages, {})
        return render(request, "survey/page.html", {**context, "preview": True})


@never_cache
@network_view(NetworkRole.COORDINATOR)
def round_preview_invitation(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    """The invitation e-mail in each language with a dummy link and name (coordinator and admin)."""
    survey_round = selectors.round_get(network=network, pk=pk)
    link = _base_url(request).rstrip("/") + reverse("survey:welcome", kwargs={"token": PREVIEW_TOKEN})
    minutes = _preview(survey_round, Language.NL)[2].minutes
    mails = [(label, *emails.invitation_rendered(survey_round, code, name=_("(name of the respondent)"),
                                                 link=link, minutes=minutes))
             for code, label in Language.choices]
    return render(request, "assessments/round_preview_invitation.html",
                  {"round": survey_round, "mails": mails, "minutes": minutes})
