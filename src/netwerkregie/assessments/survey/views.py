"""The respondent's survey under /survey/<token>/: no account, the personal link is the key.

Answers are saved per page when the respondent moves on and, through htmx, whenever a field
changes, so a closed tab loses nothing. The page language follows the invitation, with a
switch kept in the session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..instruments import SCALES, Item, localized
from ..models import Answer, Invitation, Language
from ..scoring import DONT_KNOW
from ..selectors import SurveyPage

SCALE_ENDS = {
    "likert5": (gettext_lazy("strongly disagree"), gettext_lazy("strongly agree")),
    "scale_1_4": (gettext_lazy("not at all"), gettext_lazy("to a great extent")),
    "rating10": (gettext_lazy("very poor"), gettext_lazy("excellent")),
}
LANGUAGE_KEY = "survey-language"


def survey_view(view: Callable) -> Callable:
    """Resolve the token to an open invitation in its language, else a friendly 404/410 page."""

    @never_cache
    @wraps(view)
    def wrapper(request: HttpRequest, token: str, *args, **kwargs) -> HttpResponse:
        try:
            invitation = selectors.invitation_for_token(token)
        except selectors.SurveyLinkError as error:
            if error.invitation is not None:
                _activate(request, error.invitation)
            return render(request, "survey/link_error.html",
                          {"error": type(error).__name__, "invitation": error.invitation,
                           "round": error.invitation.round if error.invitation else None},
                          status=error.status)
        _activate(request, invitation)
        response = view(request, invitation, *args, **kwargs)
        response["Content-Language"] = translation.get_language()
        return response

    return wrapper


def _activate(request: HttpRequest, invitation: Invitation) -> None:
    """The invitation's language, unless the respondent switched (`?lang=`)."""
    chosen = request.GET.get("lang")
    if chosen in Language.values:
        request.session[LANGUAGE_KEY] = chosen
    language = request.session.get(LANGUAGE_KEY) or invitation.language
    translation.activate(language)
    request.LANGUAGE_CODE = language


# The questions of a page ---------------------------------------------------------------------


@dataclass
class Question:
    """One item about one subject as the template shows it."""

    item: Item
    name: str
    value: object = None
    evidence: str = ""
    error: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return localized(self.item, "text")

    @property
    def evidence_name(self) -> str:
        return "e" + self.name[1:]

    @property
    def checked(self) -> list[str]:
        """The value(s) as strings, to compare with option values in the template."""
        if isinstance(self.value, list):
            return [str(v) for v in self.value]
        if isinstance(self.value, bool):
            return ["yes" if self.value else "no"]
        return [] if self.value is None else [str(self.value)]

    @property
    def ends(self) -> tuple[str, str] | None:
        """What the lowest and highest number of a scale mean, e.g. "1 = strongly disagree"."""
        if self.item.answer_type not in SCALE_ENDS:
            return None
        (low, high), (low_label, high_label) = SCALES[self.item.answer_type], SCALE_ENDS[self.item.answer_type]
        return f"{low} = {low_label}", f"{high} = {high_label}"


@dataclass
class Group:
    """The questions about one subject: the whole page, or one organisation of the relational survey."""

    label: str
    subject: dict
    key: str
    questions: list[Question]


def _options(item: Item) -> list[tuple[str, str]]:
    if item.answer_type in SCALES:
        low, high = SCALES[item.answer_type]
        options = [(str(n), str(n)) for n in range(low, high + 1)]
        return options + ([(DONT_KNOW, _("don't know"))] if item.dont_know else [])
    if item.answer_type == "yes_no":
        return [("yes", _("yes")), ("no", _("no"))]
    return [(choice.key, localized(choice, "label")) for choice in item.choices]


def _groups(page: SurveyPage, stored: dict[tuple[str, str], Answer], posted=None,
            errors: dict | None = None) -> list[Group]:
    """The page's questions, filled from what was posted or else from the stored answers."""
    groups = []
    for subject in page.subjects():
        key = Answer.subject_key(theme_id=subject["theme"].pk if subject["theme"] else None,
                                 level=subject["level"],
                                 organisation_id=subject["organisation"].pk if subject["organisation"] else None)
        questions = []
        for item in page.items:
            question = Question(item=item, name=f"v:{key or '-'}:{item.key}", options=_options(item))
            answer = stored.get((key, item.key))
            if posted is not None:
                question.value = _posted(posted, question)
                question.evidence = posted.get(question.evidence_name, "")
            elif answer is not None:
                question.value, question.evidence = answer.value, answer.evidence
            question.error = (errors or {}).get((key, item.key), "")
            questions.append(question)
        label = subject["organisation"].name if subject["organisation"] else ""
        groups.append(Group(label=label, subject=subject, key=key, questions=questions))
    return groups


def _posted(data, question: Question) -> object:
    if question.item.answer_type == "multi_choice":
        return data.getlist(question.name)
    return data.get(question.name, "")


def _unchanged(group: Group, stored: dict[tuple[str, str], Answer]) -> bool:
    """Whether what was posted for a subject equals what is stored (invalid input counts as a change)."""
    for question in group.questions:
        answer = stored.get((group.key, question.item.key))
        try:
            value = services.clean_value(question.item, question.value)
        except ValueError:
            return False
        if (value, (question.evidence or "").strip()) != ((answer.value, answer.evidence) if answer else (None, "")):
            return False
    return True


@transaction.atomic
def _save_page(invitation: Invitation, page: SurveyPage, data) -> dict[tuple[str, str], str]:
    """Save every subject of the page; return errors by (subject, item). Valid answers are kept
    even when others on the page are wrong, so nothing typed is lost. One transaction holding
    the respondent's row: a concurrent save of the same page waits and never mixes with this one."""
    services.invitation_lock(invitation=invitation)
    if page.checklist:
        return _save_checklist(invitation, data)
    stored = selectors.page_answers(invitation=invitation, page=page)
    errors: dict[tuple[str, str], str] = {}
    for group in _groups(page, stored, posted=data):
        if _unchanged(group, stored):
            continue  # autosave posts the whole page; write only the subjects that changed
        values = {q.item.key: q.value for q in group.questions}
        evidence = {q.item.key: q.evidence for q in group.questions if q.item.evidence}
        try:
            services.answers_save(invitation=invitation, instrument=page.instrument.key, values=values,
                                  evidence=evidence, **group.subject)
        except ValidationError as error:
            bad = error.message_dict
            for name, messages in bad.items():
                errors[(group.key, name.removeprefix("evidence."))] = " ".join(messages)
            values = {k: v for k, v in values.items() if k not in bad}
            evidence = {k: v for k, v in evidence.items() if f"evidence.{k}" not in bad and k not in bad}
            if values or evidence:
                services.answers_save(invitation=invitation, instrument=page.instrument.key, values=values,
                                      evidence=evidence, **group.subject)
    return errors


CHECKLIST_FIELD = "partner"


def _save_checklist(invitation: Invitation, data) -> dict[tuple[str, str], str]:
    """The ticked organisations of the checklist page; a forged or foreign one refuses the page."""
    raw = data.getlist(CHECKLIST_FIELD)
    try:
        services.partners_save(invitation=invitation, organisation_ids=[int(value) for value in raw])
    except ValueError:
        return {("", CHECKLIST_FIELD): _("Tick only organisations of this network other than your own.")}
    except ValidationError as error:
        return {("", CHECKLIST_FIELD): " ".join(error.messages)}
    return {}


# Views ---------------------------------------------------------------------------------------


def _page(invitation: Invitation, number: int) -> tuple[SurveyPage, list[SurveyPage]]:
    pages = selectors.survey_pages(invitation=invitation)
    if not 1 <= number <= len(pages):
        raise Http404
    return pages[number - 1], pages


def welcome_context(invitation: Invitation, pages: list[SurveyPage], estimate: selectors.SurveyEstimate) -> dict:
    """What the welcome page shows, for the respondent and for the coordinator's preview."""
    survey_round = invitation.round
    return {
        "invitation": invitation, "round": survey_round, "network": survey_round.network, "pages": pages,
        "sender": selectors.round_sender(survey_round=survey_round), "estimate": estimate,
        "instruments": list(dict.fromkeys(localized(page.instrument, "name") for page in pages)),
    }


def page_context(invitation: Invitation, current: SurveyPage, pages: list[SurveyPage],
                 stored: dict[tuple[str, str], Answer], posted=None, errors: dict | None = None) -> dict:
    """What a survey page shows: its questions, or for the relational survey's first step the checklist."""
    return {
        "invitation": invitation, "round": invitation.round, "page": current, "pages": pages,
        "groups": [] if current.checklist else _groups(current, stored, posted=posted, errors=errors),
        "checklist": selectors.relation_checklist(invitation=invitation) if current.checklist else None,
        "checklist_field": CHECKLIST_FIELD, "errors": errors or {},
        "instructions": localized(current.instrument, "instructions"),
        "progress": round(100 * (current.number - 1) / len(pages)),
    }


@survey_view
def welcome(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    pages = selectors.survey_pages(invitation=invitation)
    estimate = selectors.survey_estimate(invitation=invitation, pages=pages)
    return render(request, "survey/welcome.html", welcome_context(invitation, pages, estimate))


@survey_view
def page(request: HttpRequest, invitation: Invitation, number: int) -> HttpResponse:
    """One page: GET shows it with the saved answers; POST saves and moves back or forward."""
    current, pages = _page(invitation, number)
    errors: dict = {}
    if request.method == "POST":
        errors = _save_page(invitation, current, request.POST)
        if not errors:
            pages = selectors.survey_pages(invitation=invitation)  # the checklist decides what follows
            step = -1 if request.POST.get("go") == "back" else 1
            if number + step < 1:
                return redirect("survey:welcome", token=invitation.token)
            if number + step > len(pages):
                return redirect("survey:finish", token=invitation.token)
            return redirect("survey:page", token=invitation.token, number=number + step)
    stored = selectors.page_answers(invitation=invitation, page=current)
    context = page_context(invitation, current, pages, stored, posted=request.POST if errors else None,
                           errors=errors)
    return render(request, "survey/page.html", context, status=422 if errors else 200)


@require_POST
@survey_view
def autosave(request: HttpRequest, invitation: Invitation, number: int) -> HttpResponse:
    """htmx: save the page whenever a field changes; answers with a small status line."""
    current, _pages = _page(invitation, number)
    errors = _save_page(invitation, current, request.POST)
    return render(request, "survey/_save_status.html", {"errors": errors, "saved_at": timezone.localtime()})


@survey_view
def finish(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    """An overview of what is answered per page; POST marks the response complete."""
    pages = selectors.survey_pages(invitation=invitation)
    if request.method == "POST":
        services.invitation_complete(invitation=invitation)
        return redirect("survey:done", token=invitation.token)
    answered = selectors.answered_keys(invitation=invitation)
    overview = []
    for p in pages:
        if p.checklist:  # nothing to answer: it says how many organisations were ticked
            overview.append((p, None, max((q.total for q in pages if q.instrument == p.instrument), default=0)))
            continue
        keys = [(p.instrument.key, group.key, q.item.key) for group in _groups(p, {}) for q in group.questions]
        overview.append((p, sum(key in answered for key in keys), len(keys)))
    return render(request, "survey/finish.html", {
        "invitation": invitation, "round": invitation.round, "pages": pages, "overview": overview})


@survey_view
def done(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    return render(request, "survey/done.html", {"invitation": invitation, "round": invitation.round,
                                                "pages": selectors.survey_pages(invitation=invitation)})

