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
from netwerkregie.registry.models import Coalition, Network, Organisation, Person, Theme
from netwerkregie.registry.services import token_digest

from .models import Answer, Invitation, SurveyRound, new_invitation_token

ROUND_FIELDS = ["name", "instruments", "invitation_subject_nl", "invitation_body_nl", "invitation_subject_en",
                "invitation_body_en"]
DIGEST = re.compile(r"[0-9a-f]{64}")
MOMENTS = ["sent_at", "reminded_at", "started_at", "completed_at"]


def rounds_export(*, network: Network, person_ref: dict[int, str],
                  with_responses: bool = True) -> list[dict[str, Any]]:
    """Every round, with its invitations and answers only `with_responses`; at most three queries.

    Without responses every round has an empty invitation list: who was invited, how far they got
    and what they answered are for the network's admins (assessments/access.py).
    """
    rounds = list(network.survey_rounds.select_related("theme", "coalition").order_by("opens_on", "name"))
    invitations: dict[int, list[Invitation]] = {r.pk: [] for r in rounds}
    answers: dict[int, list[Answer]] = {}
    if with_responses:
        for invitation in Invitation.objects.filter(round__network=network).select_related("organisation"):
            invitations[invitation.round_id].append(invitation)
        for answer in (Answer.objects.filter(invitation__round__network=network)
                       .select_related("theme", "organisation")):
            answers.setdefault(answer.invitation_id, []).append(answer)
    return [
        {**{name: getattr(r, name) for name in ROUND_FIELDS},
         "theme": r.theme.name if r.theme else None, "coalition": r.coalition.name if r.coalition else None,
         "opens_on": r.opens_on.isoformat(), "closes_on": r.closes_on.isoformat(),
         "invitations": sorted((
             {"person": person_ref.get(i.person_id), "organisation": i.organisation.name if i.organisation else None,
              "level": i.level, "language": i.language, "token_digest": i.token_digest,
              "reminder_count": i.reminder_count,
              **{name: iso(getattr(i, name)) for name in MOMENTS},
              "answers": sorted((
                  {"instrument": a.instrument, "item": a.item, "theme": a.theme.name if a.theme else None,
                   "level": a.level, "organisation": a.organisation.name if a.organisation else None,
                   "value": a.value, "evidence": a.evidence}
                  for a in answers.get(i.pk, [])),
                  key=lambda a: (a["instrument"], a["theme"] or "", a["level"], a["organisation"] or "", a["item"]))}
             for i in invitations[r.pk]),
             key=lambda i: (i["person"] or "", i["token_digest"]))}
        for r in rounds
    ]


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


def _lookup(table: dict[str, Any], name: str | None, field: str) -> Any:
    if name is None:
        return None
    if name not in table:
        raise ValidationError({field: _("Unknown %(field)s %(name)s.") % {"field": field, "name": name}})
    return table[name]


def rounds_import(*, network: Network, rows: list[dict[str, Any]], people: dict[str, Person],
                  organisations: dict[str, Organisation], themes: dict[str, Theme],
                  coalitions: dict[str, Coalition]) -> None:
    """Recreate the rounds of an export inside the caller's transaction."""
    for row in rows:
        survey_round = validated_save(SurveyRound(
            network=network, **{name: row[name] for name in ROUND_FIELDS},
            theme=_lookup(themes, row.get("theme"), "theme"),
            coalition=_lookup(coalitions, row.get("coalition"), "coalition"),
            opens_on=datetime.date.fromisoformat(row["opens_on"]),
            closes_on=datetime.date.fromisoformat(row["closes_on"])))
        invitations, answers = [], []
        for entry in row.get("invitations", []):
            invitation = Invitation(
                round=survey_round, person=_lookup(people, entry.get("person"), "person"),
                organisation=_lookup(organisations, entry.get("organisation"), "organisation"),
                level=entry.get("level", ""), language=entry.get("language", "nl"), token_digest=_digest(entry),
                reminder_count=entry.get("reminder_count", 0),
                **{name: datetime.datetime.fromisoformat(entry[name]) if entry.get(name) else None
                   for name in MOMENTS})
            invitations.append(invitation)
            for a in entry.get("answers", []):
                theme = _lookup(themes, a.get("theme"), "theme")
                organisation = _lookup(organisations, a.get("organisation"), "organisation")
                answers.append(Answer(
                    invitation=invitation, instrument=a["instrument"], item=a["item"], theme=theme,
                    level=a.get("level", ""), organisation=organisation, value=a.get("value"),
                    evidence=a.get("evidence", ""),
                    subject=Answer.subject_key(theme_id=theme.pk if theme else None, level=a.get("level", ""),
                                               organisation_id=organisation.pk if organisation else None)))
        # A copy imported beside its original gets links of its own: the old ones stay the original's.
        taken = set(Invitation.objects.filter(token_digest__in=[i.token_digest for i in invitations])
                    .values_list("token_digest", flat=True))
        for invitation in invitations:
            if invitation.token_digest in taken:
                _plain, invitation.token_digest = new_invitation_token()
        Invitation.objects.bulk_create(invitations)
        Answer.objects.bulk_create(answers)
