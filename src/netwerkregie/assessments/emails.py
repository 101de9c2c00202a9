"""Invitation and reminder e-mails of a survey round, in the respondent's language.

A round stores its own subject and text per language; when left empty the defaults below are
used. Texts may hold the placeholders in PLACEHOLDERS; an unknown placeholder is refused when
the round is saved (see services), so sending never fails halfway through a batch.
"""

from __future__ import annotations

import string

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import formats, translation

from . import selectors
from .models import Invitation, SurveyRound

PLACEHOLDERS = ("name", "link", "closes_on", "network", "round", "minutes")

# Stored texts, not UI strings: each language has its own field on the round.
DEFAULT_SUBJECT = {
    "nl": "Uw mening over de samenwerking in {network}",
    "en": "Your view on the cooperation in {network}",
}
DEFAULT_BODY = {
    "nl": (
        "Beste {name},\n\n"
        "Het netwerk {network} wil weten hoe de samenwerking ervoor staat. Daarom vragen we u "
        "mee te doen aan de vragenlijst \"{round}\". Dat kost ongeveer {minutes} minuten. Uw antwoorden "
        "worden per pagina bewaard: u kunt stoppen en later verdergaan.\n\n"
        "Uw persoonlijke link (deel deze niet):\n{link}\n\n"
        "De vragenlijst staat open tot en met {closes_on}. Uitkomsten tonen we alleen voor groepen "
        "van meerdere respondenten, nooit per persoon.\n\n"
        "Hartelijk dank,\nDe netwerkregie van {network}"
    ),
    "en": (
        "Dear {name},\n\n"
        "The network {network} wants to know how the cooperation is doing. We therefore ask you "
        "to take part in the survey \"{round}\". It takes about {minutes} minutes. Your answers are "
        "saved per page: you can stop and continue later.\n\n"
        "Your personal link (do not share it):\n{link}\n\n"
        "The survey is open until {closes_on} inclusive. Results are shown only for groups of "
        "several respondents, never per person.\n\n"
        "Thank you,\nThe network direction of {network}"
    ),
}
REMINDER_PREFIX = {"nl": "Herinnering: ", "en": "Reminder: "}


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders in `text` that sending could not fill (for validation)."""
    try:
        names = [name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None]
    except ValueError:
        return ["{"]
    return sorted({name for name in names if name not in PLACEHOLDERS})


def survey_url(invitation: Invitation, base_url: str) -> str:
    """The respondent's personal address: base_url (scheme and host) plus the survey path.

    Needs the plain token, which exists only on an invitation that has just been given one.
    """
    if not invitation.token:
        raise ValueError("The invitation has no plain token; issue a new link first.")
    return base_url.rstrip("/") + reverse("survey:welcome", kwargs={"token": invitation.token})


def invitation_texts(survey_round: SurveyRound, language: str) -> tuple[str, str]:
    """Subject and body of the round in `language`, the defaults where the round has none."""
    subject = getattr(survey_round, f"invitation_subject_{language}") or DEFAULT_SUBJECT[language]
    body = getattr(survey_round, f"invitation_body_{language}") or DEFAULT_BODY[language]
    return subject, body


def invitation_rendered(survey_round: SurveyRound, language: str, *, name: str, link: str,
                        minutes: int) -> tuple[str, str]:
    """Subject and body as a respondent receives them (the coordinator's preview shows the same)."""
    subject, body = invitation_texts(survey_round, language)
    with translation.override(language):
        closes_on = formats.date_format(survey_round.closes_on, "DATE_FORMAT")
    values = {"name": name, "link": link, "closes_on": closes_on, "network": survey_round.network.name,
              "round": survey_round.name, "minutes": minutes}
    return subject.format_map(values).replace("\n", " "), body.format_map(values)


def invitation_message(invitation: Invitation, *, base_url: str, reminder: bool = False) -> EmailMessage:
    """The e-mail for one invitation, with its personal link, in the invitation's language.

    The time it takes is the welcome page's estimate (selectors.survey_estimate).
    """
    language = invitation.language
    subject, body = invitation_rendered(
        invitation.round, language, name=invitation.person.name, link=survey_url(invitation, base_url),
        minutes=selectors.survey_estimate(invitation=invitation).minutes)
    if reminder:
        subject = REMINDER_PREFIX[language] + subject
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL,
                        to=[invitation.person.email])
