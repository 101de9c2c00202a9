"""Survey rounds in the network's JSON export (docs/json-format.md, section `survey_rounds`).

A restore, not a new survey: token digests and timestamps are kept so that personal links keep
working and response history stays as it was. Only digests leave the installation (format
version 2); a version 1 export carries plain tokens, which are hashed on import. Objects are
referred to by name, people by the export's person reference.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from netwerkregie.core.exchange import iso
from netwerkregie.core.services import validated_save
from netwerkregie.registry.models import Coalition, Level, Network, Organisation, Person, Theme
from netwerkregie.registry.services import token_digest

from .instruments import Instrument, instrument_get
from .models import Answer, Invitation, SurveyRound, new_invitation_token
from .services import clean_value

ROUND_FIELDS = ["name", "instruments", "invitation_subject_nl", "invitation_body_nl", "invitation_subject_en",
                "invitation_body_en"]
DIGEST = re.compile(r"[0-9a-f]{64}")
MOMENTS = ["sent_at", "reminded_at", "started_at", "completed_at"]


def rounds_export(*, network: Network, person_ref: dict[int, str],
                  with_responses: bool = True) -> list[dict[str, Any]]:
    """Every round, with its invitations and answers only `with_responses`; at most four queries.

    Without responses every round has an empty invitation list: who was invited, how far they got
    and what they answered are for the network's admins (assessments/access.py).
    """
    rounds = list(network.survey_rounds.select_related("theme", "coalition").order_by("opens_on", "name"))
    invitations: dict[int, list[dict[str, Any]]] = {r.pk: [] for r in rounds}
    if with_responses:
        invitations = _invitations_export(network=network, person_ref=person_ref, rounds=invitations)
    return [
        {**{name: getattr(r, name) for name in ROUND_FIELDS},
         "theme": r.theme.name if r.theme else None, "coalition": r.coalition.name if r.coalition else None,
         "opens_on": r.opens_on.isoformat(), "closes_on": r.closes_on.isoformat(),
         "invitations": sorted(invitations[r.pk], key=lambda i: (i["person"] or "", i["token_digest"]))}
        for r in rounds
    ]


def _answer_key(answer: dict[str, Any]) -> tuple:
    return (answer["instrument"], answer["theme"] or "", answer["level"], answer["organisation"] or "",
            answer["item"])


def _invitations_export(*, network: Network, person_ref: dict[int, str],
                        rounds: dict[int, list[dict[str, Any]]]) -> dict[int, list[dict[str, Any]]]:
    """Each round's invitations with partners and answers, read as rows (a round holds tens of
    thousands of answers: model instances would be most of the export's time)."""
    answers: dict[int, list[dict[str, Any]]] = {}
    for invitation_id, instrument, item, theme, level, organisation, value, evidence in (
            Answer.objects.filter(invitation__round__network=network).values_list(
                "invitation_id", "instrument", "item", "theme__name", "level", "organisation__name", "value",
                "evidence")):
        answers.setdefault(invitation_id, []).append(
            {"instrument": instrument, "item": item, "theme": theme, "level": level, "organisation": organisation,
             "value": value, "evidence": evidence})
    partners: dict[int, list[str]] = {}
    for invitation_id, name in Invitation.partners.through.objects.filter(
            invitation__round__network=network).values_list("invitation_id", "organisation__name"):
        partners.setdefault(invitation_id, []).append(name)
    fields = ["pk", "round_id", "person_id", "organisation__name", "level", "language", "token_digest",
              "email_digest", "reminder_count", *MOMENTS]
    for row in Invitation.objects.filter(round__network=network).values(*fields):
        pk = row["pk"]
        rounds[row["round_id"]].append({
            "person": person_ref.get(row["person_id"]), "organisation": row["organisation__name"],
            "level": row["level"], "language": row["language"], "token_digest": row["token_digest"],
            "email_digest": row["email_digest"], "reminder_count": row["reminder_count"],
            **{name: iso(row[name]) for name in MOMENTS},
            "partners": sorted(partners.get(pk, [])),
            "answers": sorted(answers.get(pk, []), key=_answer_key)})
    return rounds


def _digest(entry: dict[str, Any]) -> str:
    """The stored digest of an exported invitation: as exported, or hashed from a version 1 plain token."""
    if "token_digest" in entry:
        digest = entry["token_digest"]
        if not isinstance(digest, str) or not DIGEST.fullmatch(digest):
            raise ValidationError({"token_digest": _("A token digest is 64 hexadecimal characters.")})
        return digest
    if not isinstance(entry.get("token"), str) or not entry["token"]:
        raise ValidationError({"token_digest": _("This field is required.")})
    return token_digest(entry["token"])


def _email_digest(entry: dict[str, Any]) -> str:
    digest = entry.get("email_digest") or ""
    if digest and (not isinstance(digest, str) or not DIGEST.fullmatch(digest)):
        raise ValidationError({"email_digest": _("A digest is 64 hexadecimal characters.")})
    return digest


def _lookup(table: dict[str, Any], name: str | None, field: str) -> Any:
    if name is None:
        return None
    if not isinstance(name, str) or name not in table:
        raise ValidationError({field: _("Unknown %(field)s %(name)s.") % {"field": field, "name": name}})
    return table[name]


def _instrument(key: object, field: str = "instrument") -> Instrument:
    try:
        return instrument_get(key)
    except (KeyError, TypeError):
        raise ValidationError({field: _("There is no instrument “%(key)s”.") % {"key": key}}) from None


def _moment(entry: dict[str, Any], name: str) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromisoformat(entry[name]) if entry.get(name) else None
    except (TypeError, ValueError):
        raise ValidationError({name: _("“%(value)s” is not a moment (ISO 8601).") % {"value": entry[name]}}) from None


def _answer(invitation: Invitation, row: dict[str, Any], *, themes: dict[str, Theme],
            organisations: dict[str, Organisation]) -> Answer:
    """One exported answer, checked against its instrument like an answer given in the survey."""
    definition = _instrument(row.get("instrument"))
    try:
        item = definition.item(row.get("item"))
    except KeyError:
        raise ValidationError({"item": _("There is no question “%(key)s” in this instrument.")
                               % {"key": row.get("item")}}) from None
    try:
        value = clean_value(item, row.get("value"))
    except ValueError as error:
        raise ValidationError({"value": str(error)}) from None
    theme = _lookup(themes, row.get("theme"), "theme")
    organisation = _lookup(organisations, row.get("organisation"), "organisation")
    level = row.get("level", "")
    if level and level not in Level.values:
        raise ValidationError({"level": _("Unknown level %(level)s.") % {"level": level}})
    evidence = row.get("evidence", "")
    if not isinstance(evidence, str):
        raise ValidationError({"evidence": _("Enter text.")})
    return Answer(invitation=invitation, instrument=definition.key, item=item.key, theme=theme, level=level,
                  organisation=organisation, value=value, evidence=evidence,
                  subject=Answer.subject_key(theme_id=theme.pk if theme else None, level=level,
                                             organisation_id=organisation.pk if organisation else None))


def _at(path: str, error: ValidationError) -> ValidationError:
    """The error with every field named by its full JSON path, e.g. survey_rounds[2].invitations[5].level."""
    if not hasattr(error, "error_dict"):
        return ValidationError({path: error.messages})
    return ValidationError({f"{path}.{field}": messages for field, messages in error.message_dict.items()})


def rounds_import(*, network: Network, rows: list[dict[str, Any]], people: dict[str, Person],
                  organisations: dict[str, Organisation], themes: dict[str, Theme],
                  coalitions: dict[str, Coalition]) -> None:
    """Recreate the rounds of an export inside the caller's transaction.

    Errors name the full path, e.g. `survey_rounds[2].invitations[5].answers[7].value`.
    """
    for r, row in enumerate(rows):
        path = f"survey_rounds[{r}]"
        try:
            for index, key in enumerate(row.get("instruments") or []):
                _instrument(key, f"instruments[{index}]")
            survey_round = validated_save(SurveyRound(
                network=network, **{name: row[name] for name in ROUND_FIELDS},
                theme=_lookup(themes, row.get("theme"), "theme"),
                coalition=_lookup(coalitions, row.get("coalition"), "coalition"),
                opens_on=datetime.date.fromisoformat(row["opens_on"]),
                closes_on=datetime.date.fromisoformat(row["closes_on"])))
            invitations, answers, partners = [], [], []
            for i, entry in enumerate(row.get("invitations", [])):
                path = f"survey_rounds[{r}].invitations[{i}]"
                invitation = Invitation(
                    round=survey_round, person=_lookup(people, entry.get("person"), "person"),
                    organisation=_lookup(organisations, entry.get("organisation"), "organisation"),
                    level=entry.get("level", ""), language=entry.get("language", "nl"),
                    token_digest=_digest(entry), email_digest=_email_digest(entry),
                    reminder_count=entry.get("reminder_count", 0),
                    **{name: _moment(entry, name) for name in MOMENTS})
                invitation.full_clean(validate_unique=False, validate_constraints=False)
                invitations.append(invitation)
                path = f"survey_rounds[{r}].invitations[{i}].partners"
                partners.append([_lookup(organisations, name, "organisation") for name in entry.get("partners", [])])
                for a, answer in enumerate(entry.get("answers", [])):
                    path = f"survey_rounds[{r}].invitations[{i}].answers[{a}]"
                    answers.append(_answer(invitation, answer, themes=themes, organisations=organisations))
        except ValidationError as error:
            raise _at(path, error) from error
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise ValidationError({path: [_("missing or invalid value (%(error)s).") % {"error": error}]}) from error
        # A copy imported beside its original gets links of its own: the old ones stay the original's.
        taken = set(Invitation.objects.filter(token_digest__in=[i.token_digest for i in invitations])
                    .values_list("token_digest", flat=True))
        for invitation in invitations:
            if invitation.token_digest in taken:
                _plain, invitation.token_digest = new_invitation_token()
        Invitation.objects.bulk_create(invitations)
        Invitation.partners.through.objects.bulk_create([
            Invitation.partners.through(invitation_id=invitation.pk, organisation_id=organisation.pk)
            for invitation, ticked in zip(invitations, partners, strict=True) for organisation in ticked])
        Answer.objects.bulk_create(answers)
