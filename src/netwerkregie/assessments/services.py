"""All writes of survey rounds: rounds, invitations, e-mails and answers.

Views, the API, the demo generator and importers call these only. Answers are checked against
the instrument's data (answer type, subject flags), so a respondent can never store a value the
result pages could not read.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from netwerkregie.core.services import ensure_in_network, model_update, validated_save
from netwerkregie.registry.models import (
    Coalition,
    GovernanceUnitMembership,
    Level,
    Network,
    Organisation,
    Person,
    Theme,
)
from netwerkregie.registry.services import token_digest

from . import emails
from .instruments import SCALES, Instrument, Item, instrument_get
from .models import Answer, Invitation, Language, SurveyRound, new_invitation_token
from .scoring import DONT_KNOW

ROUND_FIELDS = ["name", "instruments", "opens_on", "closes_on", "theme", "coalition",
                "invitation_subject_nl", "invitation_body_nl", "invitation_subject_en",
                "invitation_body_en"]
TEXT_FIELDS = ROUND_FIELDS[-4:]
logger = logging.getLogger(__name__)
LEVEL_RANK = {Level.STRATEGIC: 3, Level.TACTICAL: 2, Level.OPERATIONAL: 1}
MAX_TEXT = 5000


def _without_nul(text: str) -> str:
    """PostgreSQL cannot store NUL characters; a pasted one is dropped, never a server error."""
    return text.replace("\x00", "")


# Rounds ------------------------------------------------------------------------------------


def _check_round(network: Network, data: Mapping[str, Any]) -> None:
    """Rules a round must meet whether created or changed; errors keyed by field."""
    errors: dict[str, list[str]] = {}
    keys = data.get("instruments")
    if not isinstance(keys, list | tuple) or not keys:
        errors["instruments"] = [_("Choose at least one instrument.")]
    else:
        for key in keys:
            try:
                instrument_get(key)
            except (KeyError, TypeError):
                errors.setdefault("instruments", []).append(
                    _("There is no instrument “%(key)s”.") % {"key": key})
        if len(set(map(str, keys))) != len(keys):
            errors.setdefault("instruments", []).append(_("Choose each instrument only once."))
    opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
    if opens_on and closes_on and closes_on < opens_on:
        errors["closes_on"] = [_("The round closes before it opens.")]
    theme, coalition = data.get("theme"), data.get("coalition")
    if theme is not None and coalition is not None and coalition.theme_id != theme.pk:
        errors["coalition"] = [_("This coalition does not belong to the chosen theme.")]
    for field in TEXT_FIELDS:
        unknown = emails.unknown_placeholders(data.get(field) or "")
        if unknown:
            errors[field] = [_("Unknown placeholder(s) %(names)s; you can use %(allowed)s.") % {
                "names": ", ".join(unknown),
                "allowed": ", ".join(f"{{{name}}}" for name in emails.PLACEHOLDERS)}]
    if errors:
        raise ValidationError(errors)
    ensure_in_network(network, theme=theme, coalition=coalition)


DEFAULT_TEXTS = {
    **{f"invitation_subject_{language}": emails.DEFAULT_SUBJECT[language] for language in Language.values},
    **{f"invitation_body_{language}": emails.DEFAULT_BODY[language] for language in Language.values},
}


def _default_texts(data: dict[str, Any]) -> dict[str, Any]:
    """Fill empty invitation texts with the defaults so coordinators see and edit real text."""
    for field, text in DEFAULT_TEXTS.items():
        if field in data and not data[field]:
            data[field] = text
    return data


@transaction.atomic
def round_create(*, network: Network, name: str, instruments: list[str], opens_on: datetime.date,
                 closes_on: datetime.date, theme: Theme | None = None, coalition: Coalition | None = None,
                 created_by=None, invitation_subject_nl: str = "", invitation_body_nl: str = "",
                 invitation_subject_en: str = "", invitation_body_en: str = "") -> SurveyRound:
    data = _default_texts({
        "name": name, "instruments": list(instruments or []), "opens_on": opens_on, "closes_on": closes_on,
        "theme": theme, "coalition": coalition,
        "invitation_subject_nl": invitation_subject_nl, "invitation_body_nl": invitation_body_nl,
        "invitation_subject_en": invitation_subject_en, "invitation_body_en": invitation_body_en})
    _check_round(network, data)
    return validated_save(SurveyRound(network=network, created_by=created_by, **data))


@transaction.atomic
def round_update(*, survey_round: SurveyRound, **data: Any) -> SurveyRound:
    """Change a round; answers already given stay (results read only the round's instruments)."""
    if "instruments" in data and data["instruments"] is not None:
        data["instruments"] = list(data["instruments"])
    _default_texts(data)
    merged = {field: data.get(field, getattr(survey_round, field)) for field in ROUND_FIELDS}
    _check_round(survey_round.network, merged)
    return model_update(instance=survey_round, fields=ROUND_FIELDS, data=data)


@transaction.atomic
def round_delete(*, survey_round: SurveyRound) -> None:
    """Delete a round with its invitations and answers."""
    survey_round.delete()


# Invitations --------------------------------------------------------------------------------


def _highest_levels(people: list[Person], on: datetime.date) -> dict[int, str]:
    """Each person's highest level among their governance seats active on `on` (one query)."""
    best: dict[int, str] = {}
    seats = (GovernanceUnitMembership.objects.active(on=on)
             .filter(person__in=people).values_list("person_id", "level"))
    for person_id, level in seats:
        if LEVEL_RANK.get(level, 0) > LEVEL_RANK.get(best.get(person_id), 0):
            best[person_id] = level
    return best


def _with_new_token(invitation: Invitation) -> Invitation:
    """Give the invitation a fresh link: the old one stops working; the plain token stays on `.token`."""
    invitation.token, invitation.token_digest = new_invitation_token()
    return invitation


@transaction.atomic
def invitations_create(*, survey_round: SurveyRound, people: Iterable[Person], language: str = "nl",
                       level: str | None = None) -> list[Invitation]:
    """Invite people to a round; people already invited keep their invitation.

    Organisation and level are copied now so results keep the grouping of the time. Without a
    given level, the person's highest active governance level is used (strategic > tactical >
    operational), as of the round's opening or today, whichever is earlier.
    Returns the invitations of all given people, in the order given; the new ones carry their
    plain token on `.token` (the only moment it exists besides an e-mail).
    """
    people = list(dict.fromkeys(people))
    errors = {}
    if language not in Language.values:
        errors["language"] = _("Unknown language %(language)s.") % {"language": language}
    if level and level not in Level.values:
        errors["level"] = _("Unknown level %(level)s.") % {"level": level}
    foreign = [str(p) for p in people if p.network_id != survey_round.network_id]
    if foreign:
        errors["people"] = _("%(people)s do(es) not belong to this network.") % {"people": ", ".join(foreign)}
    if errors:
        raise ValidationError(errors)
    existing = set(survey_round.invitations.filter(person__in=people).values_list("person_id", flat=True))
    new = [p for p in people if p.pk not in existing]
    levels = {} if level else _highest_levels(new, min(survey_round.opens_on, timezone.localdate()))
    created = Invitation.objects.bulk_create([
        _with_new_token(Invitation(round=survey_round, person=p, organisation_id=p.organisation_id, language=language,
                                   level=level or levels.get(p.pk, "")))
        for p in new])
    plain = {inv.person_id: inv.token for inv in created}
    by_person = {inv.person_id: inv for inv in survey_round.invitations.filter(person__in=people)
                 .select_related("person", "organisation")}
    for person_id, token in plain.items():
        by_person[person_id].token = token
    return [by_person[p.pk] for p in people]


def invitation_delete(*, invitation: Invitation) -> None:
    """Withdraw an invitation with its answers (e.g. a person invited by mistake)."""
    invitation.delete()


def _check_sendable(survey_round: SurveyRound) -> None:
    if survey_round.closes_on < timezone.localdate():
        raise ValidationError({"closes_on": _("This round has closed; e-mails are no longer sent.")})


def _address_digest(email: str) -> str:
    return token_digest(email.strip().casefold())


def _mailable(invitation: Invitation) -> bool:
    """Whether a new link may be e-mailed: to a person's address, and once they have started only
    to the address they were first sent (a changed address could be someone else's; someone who
    started with a link handed over gets no e-mailed link at all)."""
    if invitation.person is None or not invitation.person.email:
        return False
    return not invitation.started_at or invitation.email_digest == _address_digest(invitation.person.email)


def _send(invitations: list[Invitation], *, base_url: str, reminder: bool) -> list[int]:
    """Send one e-mail per invitation over one connection; returns the ids of those sent.

    Every e-mail carries a new link (only its digest is stored, so an earlier link cannot be
    sent again); the previous link of that person stops working. People without an e-mail
    address (or deleted people) are skipped: a coordinator can make a link for them while they
    have not started (invitation_link_new).
    """
    reachable = [inv for inv in invitations if _mailable(inv)]
    if len(reachable) < len(invitations):
        logger.info("Survey e-mail skipped for %d invitation(s) without an e-mail address, or whose "
                    "address changed after the respondent started.", len(invitations) - len(reachable))
    for invitation in reachable:
        _with_new_token(invitation)
        invitation.email_digest = invitation.email_digest or _address_digest(invitation.person.email)
    Invitation.objects.bulk_update(reachable, ["token_digest", "email_digest"])
    messages = [emails.invitation_message(inv, base_url=base_url, reminder=reminder) for inv in reachable]
    if messages:
        get_connection().send_messages(messages)
    return [inv.pk for inv in reachable]


@transaction.atomic
def invitations_send(*, survey_round: SurveyRound, invitations: Iterable[Invitation] | None = None,
                     base_url: str) -> int:
    """E-mail the personal link; by default to every invitation not sent yet. Returns the number sent."""
    _check_sendable(survey_round)
    qs = survey_round.invitations.select_related("person", "round__network")
    chosen = {"sent_at__isnull": True} if invitations is None else {"pk__in": [inv.pk for inv in invitations]}
    qs = qs.filter(**chosen)
    sent = _send(list(qs.select_for_update(of=("self",))), base_url=base_url, reminder=False)
    Invitation.objects.filter(pk__in=sent).update(sent_at=timezone.now())
    return len(sent)


@transaction.atomic
def reminders_send(*, survey_round: SurveyRound, base_url: str) -> int:
    """Remind everyone who was sent an invitation and has not completed. Returns the number sent."""
    _check_sendable(survey_round)
    qs = (survey_round.invitations.select_related("person", "round__network")
          .filter(sent_at__isnull=False, completed_at__isnull=True).select_for_update(of=("self",)))
    sent = _send(list(qs), base_url=base_url, reminder=True)
    for invitation in Invitation.objects.filter(pk__in=sent).select_for_update():
        invitation.reminder_count += 1
        invitation.reminded_at = timezone.now()
        invitation.save(update_fields=["reminder_count", "reminded_at"])
    return len(sent)


@transaction.atomic
def invitation_resend(*, invitation: Invitation, base_url: str) -> None:
    """E-mail one person a new link, e.g. when they lost the e-mail; the old link stops working.

    The only way staff can help a respondent who has started: the link goes to the person's
    address, never to the screen.
    """
    _check_sendable(invitation.round)
    if invitation.person is None or not invitation.person.email:
        raise ValidationError({"person": _("This person has no e-mail address; a link cannot be sent.")})
    if not _mailable(invitation):
        raise ValidationError({"person": _("This person's e-mail address changed after they started "
                                           "answering; a new link goes only to the address they started with. "
                                           "Withdraw the invitation and invite them again if needed.")})
    _send([invitation], base_url=base_url, reminder=False)
    invitation.sent_at = invitation.sent_at or timezone.now()
    invitation.save(update_fields=["sent_at"])


@transaction.atomic
def invitation_link_new(*, invitation: Invitation) -> str:
    """A new personal link to hand over in person (e.g. no e-mail address); returns the plain token.

    Refused once the respondent has started: whoever holds a link can read and change the
    answers given with it, so staff never get a link to answers.
    """
    _check_sendable(invitation.round)
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.started_at is not None:
        raise ValidationError({"invitation": _("This person has started answering; a new link can only "
                                               "be sent to their e-mail address.")})
    _with_new_token(locked)
    locked.save(update_fields=["token_digest"])
    return locked.token


def unreachable_invitations(*, survey_round: SurveyRound) -> list[Invitation]:
    """Invitations no e-mail can reach (no address, or the person was deleted)."""
    return list(survey_round.invitations.filter(Q(person__isnull=True) | Q(person__email=""))
                .select_related("person"))


# Answers -----------------------------------------------------------------------------------


def _moment(now: datetime.datetime | datetime.date | None) -> tuple[datetime.date, datetime.datetime]:
    """The day the round must be open on, and the timestamp to record, from `now`."""
    if now is None:
        now = timezone.now()
    if isinstance(now, datetime.datetime):
        return timezone.localdate(now) if timezone.is_aware(now) else now.date(), now
    moment = datetime.datetime.combine(now, datetime.time(12), tzinfo=timezone.get_current_timezone())
    return now, moment


def _check_open(invitation: Invitation, day: datetime.date) -> None:
    survey_round = invitation.round
    if day < survey_round.opens_on:
        raise ValidationError(_("This survey opens on %(date)s.") % {"date": survey_round.opens_on})
    if day > survey_round.closes_on:
        raise ValidationError(_("This survey closed on %(date)s; answers can no longer be changed.")
                              % {"date": survey_round.closes_on})


def _number(raw: object) -> float | int:
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, int | float):
        return raw
    text = str(raw).strip().replace(",", ".")
    number = Decimal(text)
    if not number.is_finite():
        raise ValueError
    return int(number) if number == number.to_integral_value() else float(number)


def clean_value(item: Item, raw: object) -> object:
    """The stored form of a raw answer (from a form or JSON) for `item`; None means no answer.

    Raises ValueError with a translated message when the value does not fit the answer type.
    """
    if raw is None or raw == "" or raw == []:
        return None
    atype = item.answer_type
    if raw == DONT_KNOW:
        if item.dont_know:
            return DONT_KNOW
        raise ValueError(_("“Don't know” is not an answer to this question."))
    if atype in SCALES:
        low, high = SCALES[atype]
        try:
            value = _number(raw)
        except (ValueError, InvalidOperation):
            value = None
        if not isinstance(value, int) or not low <= value <= high:
            raise ValueError(_("Choose a whole number from %(low)s to %(high)s.") % {"low": low, "high": high})
        return value
    if atype == "yes_no":
        choices = {True: True, False: False, "yes": True, "no": False, "true": True, "false": False}
        if isinstance(raw, bool | str) and raw in choices:
            return choices[raw]
        raise ValueError(_("Answer yes or no."))
    keys = [choice.key for choice in item.choices]
    if atype == "choice":
        if raw in keys:
            return raw
        raise ValueError(_("Choose one of the options."))
    if atype == "multi_choice":
        given = [raw] if isinstance(raw, str) else raw
        if not isinstance(given, list | tuple) or any(key not in keys for key in given):
            raise ValueError(_("Choose only from the options."))
        return [key for key in keys if key in given] or None
    if atype == "number":
        try:
            return _number(raw)
        except (ValueError, InvalidOperation):
            raise ValueError(_("Enter a number.")) from None
    if not isinstance(raw, str):
        raise ValueError(_("Enter text."))
    text = _without_nul(raw).strip()
    if len(text) > MAX_TEXT:
        raise ValueError(_("Keep the answer under %(max)s characters.") % {"max": MAX_TEXT})
    return text or None


def _check_subject(invitation: Invitation, instrument: Instrument, items: list[Item], *,
                   theme: Theme | None, level: str, organisation: Organisation | None) -> None:
    """The subject must fit the instrument's flags and the respondent; errors keyed by field."""
    network = invitation.round.network
    errors: dict[str, str] = {}
    if theme is not None and not instrument.per_theme:
        errors["theme"] = _("This instrument is not answered per theme.")
    if organisation is None and instrument.per_organisation:
        errors["organisation"] = _("Say which organisation these answers are about.")
    elif organisation is not None and not instrument.per_organisation:
        errors["organisation"] = _("This instrument is not answered per organisation.")
    elif organisation is not None and organisation.pk == invitation.organisation_id:
        errors["organisation"] = _("Answer only about organisations other than your own.")
    per_level = {dim.key for dim in instrument.dimensions if dim.per_level}
    level_items = {it.key for dim in instrument.dimensions if dim.key in per_level for it in dim.items}
    if level and level not in Level.values:
        errors["level"] = _("Unknown level %(level)s.") % {"level": level}
    elif level and any(it.key not in level_items for it in items):
        errors["level"] = _("These questions are not answered per level.")
    elif not level and any(it.key in level_items for it in items):
        errors["level"] = _("Say which level these answers are about.")
    if errors:
        raise ValidationError(errors)
    ensure_in_network(network, theme=theme, organisation=organisation)


def invitation_lock(*, invitation: Invitation) -> None:
    """Hold the respondent's row until the caller's transaction ends (PostgreSQL: FOR UPDATE).

    Two saves of the same page (two tabs, a double click, autosave racing the button) then
    follow each other instead of interleaving, so the page ends with one submission's values.
    """
    Invitation.objects.select_for_update().filter(pk=invitation.pk).values_list("pk").first()


@transaction.atomic
def answers_save(*, invitation: Invitation, instrument: str, values: Mapping[str, object],
                 evidence: Mapping[str, str] | None = None, theme: Theme | None = None, level: str = "",
                 organisation: Organisation | None = None,
                 now: datetime.datetime | datetime.date | None = None) -> int:
    """Store a respondent's answers to items of one instrument about one subject.

    An empty value (None, "" or []) without evidence deletes the answer, so a respondent can
    take an answer back. Nothing is stored when any value is wrong: the ValidationError is keyed
    by item key (values) or "evidence.<item>". Returns the number of answers now stored.
    """
    day, moment = _moment(now)
    _check_open(invitation, day)
    invitation_lock(invitation=invitation)
    survey_round = invitation.round
    if instrument not in survey_round.instruments:
        raise ValidationError({"instrument": _("This survey round does not ask the instrument “%(key)s”.")
                               % {"key": instrument}})
    definition = instrument_get(instrument)
    evidence = dict(evidence or {})
    errors: dict[str, str] = {}
    cleaned: dict[str, tuple[object, str]] = {}
    items: list[Item] = []
    for key in dict.fromkeys([*values, *evidence]):
        try:
            item = definition.item(key)
        except KeyError:
            errors[key] = _("There is no question “%(key)s” in this instrument.") % {"key": key}
            continue
        items.append(item)
        try:
            value = clean_value(item, values.get(key))
        except ValueError as error:
            errors[key] = str(error)
            continue
        note = evidence.get(key) or ""
        if isinstance(note, str):
            note = _without_nul(note)
        if not isinstance(note, str) or len(note) > MAX_TEXT:
            errors[f"evidence.{key}"] = _("Keep the answer under %(max)s characters.") % {"max": MAX_TEXT}
            continue
        if note.strip() and not item.evidence:
            errors[f"evidence.{key}"] = _("This question has no evidence field.")
            continue
        cleaned[key] = (value, note.strip())
    if errors:
        raise ValidationError(errors)
    _check_subject(invitation, definition, items, theme=theme, level=level, organisation=organisation)

    subject = Answer.subject_key(theme_id=theme.pk if theme else None, level=level,
                                 organisation_id=organisation.pk if organisation else None)
    keep = {key: pair for key, pair in cleaned.items() if pair[0] is not None or pair[1]}
    gone = [key for key in cleaned if key not in keep]
    if gone:
        Answer.objects.filter(invitation=invitation, instrument=instrument, subject=subject,
                              item__in=gone).delete()
    if keep:
        Answer.objects.bulk_create(
            [Answer(invitation=invitation, instrument=instrument, item=key, theme=theme, level=level,
                    organisation=organisation, subject=subject, value=value, evidence=note)
             for key, (value, note) in keep.items()],
            update_conflicts=True, unique_fields=["invitation", "instrument", "item", "subject"],
            update_fields=["value", "evidence", "updated_at"])
    if keep and invitation.started_at is None:
        invitation.started_at = moment
        Invitation.objects.filter(pk=invitation.pk, started_at__isnull=True).update(started_at=moment)
    return len(keep)


@transaction.atomic
def partners_save(*, invitation: Invitation, organisation_ids: Iterable[int],
                  now: datetime.datetime | datetime.date | None = None) -> int:
    """Store which organisations the respondent works with: the relational survey's checklist.

    Only these get the relation questions. An organisation unticked loses the respondent's answers
    about it, so what is stored always says "no relation" the same way: nothing. Refuses (keyed
    "partners") organisations of another network and the respondent's own. Returns how many are ticked.
    """
    day, moment = _moment(now)
    _check_open(invitation, day)
    invitation_lock(invitation=invitation)
    relational = [key for key in invitation.round.instruments if instrument_get(key).per_organisation]
    if not relational:
        raise ValidationError({"partners": _("This survey round does not ask about relations.")})
    wanted = set(organisation_ids)
    found = set(Organisation.objects.filter(network_id=invitation.round.network_id, pk__in=wanted)
                .exclude(pk=invitation.organisation_id).values_list("pk", flat=True))
    if found != wanted:
        raise ValidationError({"partners": _("Tick only organisations of this network other than your own.")})
    Answer.objects.filter(invitation=invitation, instrument__in=relational, organisation__isnull=False).exclude(
        organisation_id__in=wanted).delete()
    invitation.partners.set(wanted)
    if wanted and invitation.started_at is None:
        invitation.started_at = moment
        Invitation.objects.filter(pk=invitation.pk, started_at__isnull=True).update(started_at=moment)
    return len(wanted)


@transaction.atomic
def invitation_complete(*, invitation: Invitation,
                        now: datetime.datetime | datetime.date | None = None) -> Invitation:
    """Mark a response complete; answers stay editable while the round is open."""
    day, moment = _moment(now)
    _check_open(invitation, day)
    invitation.started_at = invitation.started_at or moment
    invitation.completed_at = moment
    invitation.save(update_fields=["started_at", "completed_at"])
    return invitation


def invitations_record_mailing(*, invitations: Iterable[Invitation], sent_at: datetime.datetime,
                               reminded_at: datetime.datetime | None = None) -> int:
    """Record that invitations were e-mailed (and reminded) at the given moments, without sending.

    For history brought in from elsewhere, such as the demo's earlier monitors: the round page's
    "e-mailed" count reads these stamps. Only people with an e-mail address can have been mailed.
    Returns the number recorded.
    """
    reachable = [inv.pk for inv in invitations if inv.person is not None and inv.person.email]
    fields: dict[str, Any] = {"sent_at": sent_at}
    if reminded_at is not None:
        if reminded_at < sent_at:
            raise ValidationError({"reminded_at": _("A reminder cannot come before the invitation.")})
        fields.update(reminded_at=reminded_at, reminder_count=1)
    return Invitation.objects.filter(pk__in=reachable).update(**fields)
