"""Reads of survey rounds: rounds, invitations, response rates and the respondent's pages.

Every function uses a fixed number of queries whatever the number of people or answers.
Nothing here returns answers to anyone but the respondent who gave them (see the results package for
aggregated results).
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netwerkregie.core.pagination import PAGE_SIZE
from netwerkregie.registry.models import (
    GovernanceUnitMembership,
    Level,
    Network,
    Organisation,
    OrganisationType,
    Person,
    Theme,
)
from netwerkregie.registry.selectors import coalition_partner_ids, download_in_background
from netwerkregie.registry.services import token_digest

from .instruments import Dimension, Instrument, instrument_get, localized
from .models import Answer, Invitation, SurveyRound

# Answers; beyond this a download that holds them (the raw answers of a round, the full JSON export)
# is prepared by the background worker like a large network's: at about 0.1 ms an answer (openpyxl's
# cells, the JSON's rows) a larger file would keep the request waiting longer than a page may (150 ms).
ANSWERS_INLINE_MAX = 1500


def answers_download_in_background(*, network: Network, survey_round: SurveyRound | None = None) -> bool:
    """Whether a download of the round's answers (or, without one, of all the network's) is prepared in the
    background: above DOWNLOAD_INLINE_MAX organisations or ANSWERS_INLINE_MAX answers. One or two queries;
    the count stops once past the threshold, so a page that asks does not read every answer."""
    if download_in_background(network=network):
        return True
    answers = Answer.objects.filter(invitation__round=survey_round) if survey_round else Answer.objects.filter(
        invitation__round__network=network)
    return answers[:ANSWERS_INLINE_MAX + 1].count() > ANSWERS_INLINE_MAX


# Survey links ------------------------------------------------------------------------------


class SurveyLinkError(Exception):
    """A personal link that cannot be used now; the subclass says why."""

    status = 404

    def __init__(self, invitation: Invitation | None = None):
        super().__init__(type(self).__name__)
        self.invitation = invitation


class UnknownLink(SurveyLinkError):
    """No invitation has this token (mistyped, or withdrawn)."""


class RoundNotOpenYet(SurveyLinkError):
    """The link is valid but the round has not opened."""


class RoundClosed(SurveyLinkError):
    """The round has closed; answers can no longer be given or changed."""

    status = 410


def invitation_for_token(token: str, *, on: datetime.date | None = None) -> Invitation:
    """The invitation behind a personal link, if its round is open on `on` (default today).

    Looked up by the token's digest; the plain token is kept on the instance (`token`) for the
    links of the respondent's own pages.
    """
    invitation = (Invitation.objects.select_related("round__network", "organisation", "person")
                  .filter(token_digest=token_digest(token)).first()) if token else None
    if invitation is None:
        raise UnknownLink()
    invitation.token = token
    on = on or timezone.localdate()
    if on < invitation.round.opens_on:
        raise RoundNotOpenYet(invitation)
    if on > invitation.round.closes_on:
        raise RoundClosed(invitation)
    return invitation


# Rounds and response -----------------------------------------------------------------------


def _counts(prefix: str = "") -> dict:
    """Aggregates of invited / sent / started / completed over invitations at `prefix`."""
    return {
        "invited": Count(f"{prefix}pk", distinct=True),
        "sent": Count(f"{prefix}pk", filter=Q(**{f"{prefix}sent_at__isnull": False}), distinct=True),
        "started": Count(f"{prefix}pk", filter=Q(**{f"{prefix}started_at__isnull": False}), distinct=True),
        "completed": Count(f"{prefix}pk", filter=Q(**{f"{prefix}completed_at__isnull": False}), distinct=True),
    }


def round_list(*, network: Network) -> QuerySet[SurveyRound]:
    """The network's rounds, newest first, with invitation counts (one query)."""
    return (SurveyRound.objects.filter(network=network).select_related("theme", "coalition", "network")
            .annotate(**_counts("invitations__")).order_by("-opens_on", "name"))


def round_get(*, network: Network, pk: int) -> SurveyRound:
    """A round of this network; another network's round is a 404 like a missing one."""
    return get_object_or_404(SurveyRound.objects.select_related("theme", "coalition", "network"),
                             network=network, pk=pk)


# Which round counts --------------------------------------------------------------------------


@dataclass(frozen=True)
class CountingRound:
    """The round a figure rests on, and why: every page that uses survey data names it.

    `provisional` marks a round chosen explicitly although it is still open or too thin to count
    on its own (fewer respondents than the anonymity minimum, or below the network's response share).
    """

    round: SurveyRound | None
    provisional: bool
    explicit: bool
    completed: int = 0
    invited: int = 0

    @property
    def response_share(self) -> float | None:
        return self.completed / self.invited if self.invited else None

    @property
    def description(self) -> str:
        if self.round is None:
            return str(_("no survey round counts yet: none is closed with enough respondents"))
        share = "" if self.response_share is None else f", {self.response_share:.0%}".replace(".", ",")
        text = _("survey round %(round)s (%(completed)d of %(invited)d invited answered%(share)s)") % {
            "round": self.round.name, "completed": self.completed, "invited": self.invited, "share": share}
        if self.provisional:
            text += " – " + str(_("provisional: the round is open or has too few responses to count"))
        return text


def _counts_as_latest(network: Network, survey_round: SurveyRound, on: datetime.date) -> bool:
    """Closed, with at least the anonymity minimum of respondents and the network's response share."""
    return (survey_round.closes_on < on and survey_round.completed >= max(network.anonymity_minimum, 1)
            and survey_round.completed * 100 >= network.round_response_share * survey_round.invited)


def _rounds_with_counts(network: Network) -> QuerySet[SurveyRound]:
    """The network's rounds with their invited and completed counts, each counted per round in a
    subquery on the round's index (a join grouped by round would read every network's invitations)."""
    per_round = Invitation.objects.filter(round=OuterRef("pk")).order_by().values("round")

    def count(invitations: QuerySet[Invitation]) -> Coalesce:
        return Coalesce(Subquery(invitations.annotate(n=Count("pk")).values("n")), 0)

    return (SurveyRound.objects.filter(network=network).select_related("network")
            .annotate(invited=count(per_round), completed=count(per_round.filter(completed_at__isnull=False))))


def counting_rounds(*, network: Network, instrument: str | None = None,
                    on: datetime.date | None = None) -> list[SurveyRound]:
    """Every network-wide round that counts (see counting_round), oldest first, in one query."""
    on = on or timezone.localdate()
    rounds = (_rounds_with_counts(network).filter(theme__isnull=True, coalition__isnull=True)
              .order_by("closes_on", "opens_on", "pk"))
    return [r for r in rounds
            if (instrument is None or instrument in r.instruments) and _counts_as_latest(network, r, on)]


def counting_round(*, network: Network, instrument: str | None = None, chosen: SurveyRound | int | None = None,
                   on: datetime.date | None = None) -> CountingRound:
    """The one rule for "the latest round" of analysis, map, warnings and advice.

    Without a choice: the latest closed network-wide round that asked `instrument`, with at least the
    anonymity minimum of completed responses and the network's `round_response_share`. A round chosen
    explicitly is always used, marked provisional when it would not count on its own.
    """
    on = on or timezone.localdate()
    chosen_id = getattr(chosen, "pk", chosen)
    if chosen_id is not None:
        found = _rounds_with_counts(network).filter(pk=chosen_id).first()
        if found is not None:
            return CountingRound(found, not _counts_as_latest(network, found, on), True, found.completed,
                                 found.invited)
    rounds = counting_rounds(network=network, instrument=instrument, on=on)
    if rounds:
        return CountingRound(rounds[-1], False, False, rounds[-1].completed, rounds[-1].invited)
    return CountingRound(None, False, False)


def _rate(completed: int | None, invited: int | None) -> float | None:
    return round(completed / invited, 4) if completed is not None and invited else None


@dataclass(frozen=True)
class OrganisationResponse:
    """One organisation's response; a count below the anonymity minimum is None ("fewer than N")."""

    organisation_id: int | None
    name: str
    invited: int | None
    sent: int | None
    started: int | None
    completed: int | None

    @property
    def rate(self) -> float | None:
        return _rate(self.completed, self.invited)


@dataclass(frozen=True)
class RoundResponse:
    """Invited, e-mailed, started and completed people of a round: counts, never answers."""

    invited: int
    sent: int
    started: int
    completed: int
    minimum: int
    organisations: tuple[OrganisationResponse, ...] = ()

    @property
    def rate(self) -> float | None:
        return _rate(self.completed, self.invited)


COUNTS = ("invited", "sent", "started", "completed")


def round_response(*, survey_round: SurveyRound, per_organisation: bool = False) -> RoundResponse:
    """The round's response overall and, when asked, per organisation (one or two queries).

    Per organisation is for coordinators and admins (access.SurveyAccess.organisation_counts):
    who finished when, in a small organisation, says whose answers just came in. Each count
    below the network's anonymity minimum is therefore left out, so it reads "fewer than N".
    """
    invitations = Invitation.objects.filter(round=survey_round)
    overall = invitations.aggregate(**_counts())
    minimum = survey_round.network.anonymity_minimum
    organisations: tuple[OrganisationResponse, ...] = ()
    if per_organisation:
        rows = (invitations.values("organisation_id", "organisation__name")
                .annotate(**_counts()).order_by("organisation__name"))
        organisations = tuple(
            OrganisationResponse(
                organisation_id=row["organisation_id"],
                name=row["organisation__name"] or str(_("(no organisation)")),
                **{key: row[key] if row[key] >= minimum else None for key in COUNTS})
            for row in rows)
    return RoundResponse(**overall, minimum=minimum, organisations=organisations)


class InvitationStatus:
    NOT_SENT = "not_sent"
    SENT = "sent"
    REMINDED = "reminded"
    STARTED = "started"
    COMPLETED = "completed"
    LABELS = {NOT_SENT: _("not sent"), SENT: _("sent"), REMINDED: _("reminded"),
              STARTED: _("started"), COMPLETED: _("completed")}


def invitation_status(invitation: Invitation) -> str:
    """The furthest step a respondent has reached."""
    if invitation.completed_at:
        return InvitationStatus.COMPLETED
    if invitation.started_at:
        return InvitationStatus.STARTED
    if invitation.reminded_at:
        return InvitationStatus.REMINDED
    if invitation.sent_at:
        return InvitationStatus.SENT
    return InvitationStatus.NOT_SENT


def invitation_list(*, survey_round: SurveyRound, page: int | str | None = None) -> Page:
    """One page (core.pagination) of the round's invitations with person and organisation, each with
    `.status` set (two queries: the count and the page)."""
    invitations = Paginator(survey_round.invitations.select_related("person", "organisation")
                            .order_by("organisation__name", "person__name", "pk"), PAGE_SIZE).get_page(page)
    for invitation in invitations:
        invitation.status = invitation_status(invitation)
        invitation.status_label = InvitationStatus.LABELS[invitation.status]
    return invitations


def candidate_list(*, network: Network, organisation_id: int | None = None, type_key: str | None = None,
                   level: str | None = None, on: datetime.date | None = None) -> QuerySet[Person]:
    """People of the network who can be invited, filtered by organisation, its type and level.

    Level means a governance seat at that level active on `on` (default today).
    """
    qs = Person.objects.filter(network=network).current().select_related("organisation__type")
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    if type_key:
        qs = qs.filter(organisation__type__key=type_key)
    if level:
        seats = GovernanceUnitMembership.objects.active(on=on).filter(level=level, unit__network=network)
        qs = qs.filter(pk__in=seats.values("person_id"))
    return qs.order_by("organisation__name", "name")


def ticked_people(*, network: Network, ids: list[str]) -> list[Person]:
    """The people of the network among `ids` (as submitted by a form); others are ignored."""
    wanted = [int(pk) for pk in ids if pk.isdigit()]
    return list(Person.objects.filter(network=network, pk__in=wanted).order_by("name")) if wanted else []


# The respondent's pages --------------------------------------------------------------------

PARTNERS_PER_PAGE = 5  # organisations per page of relation questions: a page stays short on a phone
SECONDS_PER_QUESTION = 8  # one answer, read and tapped; the checklist counts one per ticked organisation
EXPANDED_CHECKLIST = 60  # organisations; a longer checklist opens only the groups that matter
TYPICAL_PARTNERS = 10  # assumed when the respondent has ticked none yet and shares no coalition


@dataclass
class SurveyPage:
    """One page of the survey: some dimensions of one instrument about one subject.

    The relational survey is a checklist page ("with which organisations do you work?",
    `checklist`) followed by pages with every dimension about a few ticked organisations
    (`organisations`, the `offset`-th onwards of `total`); each organisation is its own subject.
    """

    number: int
    instrument: Instrument
    dimensions: tuple[Dimension, ...]
    theme: Theme | None = None
    level: str = ""
    organisations: list[Organisation] = field(default_factory=list)
    first_of_instrument: bool = False
    checklist: bool = False
    offset: int = 0
    total: int = 0

    @property
    def items(self) -> list:
        return [item for dim in self.dimensions for item in dim.items]

    @property
    def title(self) -> str:
        if self.checklist:
            return str(_("With which organisations does your organisation work?"))
        title = localized(self.instrument, "name")
        if len(self.dimensions) == 1 and len(self.instrument.dimensions) > 1:
            title = f"{title}: {localized(self.dimensions[0], 'name')}"
        return title

    @property
    def subject_label(self) -> str:
        if self.level:
            return str(Level(self.level).label)
        if self.instrument.per_theme and self.theme:
            return str(_("Theme: %(name)s") % {"name": self.theme.name})
        if self.instrument.per_theme:
            return str(_("The network as a whole"))
        if self.organisations:
            return str(_("Organisations %(first)s–%(last)s of %(total)s") % {
                "first": self.offset + 1, "last": self.offset + len(self.organisations), "total": self.total})
        return ""

    def subjects(self) -> list[dict]:
        """The subject(s) the page asks about, as keyword arguments for answers_save."""
        if self.instrument.per_organisation:
            return [{"theme": None, "level": "", "organisation": org} for org in self.organisations]
        return [{"theme": self.theme, "level": self.level, "organisation": None}]


SHORT_INSTRUMENT = 12  # items; a shorter instrument fits on one page


def invitation_partners(*, invitation: Invitation) -> list[Organisation]:
    """The organisations the respondent works with, in Dutch name order (one query).

    The ticked ones, plus any the respondent already answered about (answers imported or given
    before the checklist existed), so no answer is ever left without its page. Unticking an
    organisation removes its answers (services.partners_save), which keeps both in step.
    """
    if invitation.pk is None:
        return []
    answered = Answer.objects.filter(invitation=invitation, organisation__isnull=False).values("organisation_id")
    return list(Organisation.objects.filter(network_id=invitation.round.network_id)
                .filter(Q(pk__in=invitation.partners.values("pk")) | Q(pk__in=answered))
                .exclude(pk=invitation.organisation_id).order_by("sort_name", "pk"))


def survey_pages(*, invitation: Invitation, partners: list[Organisation] | None = None) -> list[SurveyPage]:
    """The pages of a respondent's survey, in order (at most two queries).

    Long instruments get a page per dimension, per-level dimensions a page per level, per-theme
    instruments a page for the network and one per theme (only the round's theme when the round
    is about one). The relational survey gets the checklist and then a page per PARTNERS_PER_PAGE
    ticked organisations; `partners` replaces the ticked ones (the coordinator's preview).
    """
    survey_round = invitation.round
    network = survey_round.network
    instruments = [instrument_get(key) for key in survey_round.instruments]
    themes: list[Theme] = []
    if any(inst.per_theme for inst in instruments):
        themes = ([survey_round.theme] if survey_round.theme
                  else list(Theme.objects.filter(network=network).order_by("name")))
    if partners is None and any(inst.per_organisation for inst in instruments):
        partners = invitation_partners(invitation=invitation)
    pages: list[SurveyPage] = []

    def add(inst: Instrument, dims: tuple[Dimension, ...], **subject) -> None:
        first = not pages or pages[-1].instrument.key != inst.key
        pages.append(SurveyPage(number=len(pages) + 1, instrument=inst, dimensions=dims,
                                first_of_instrument=first, **subject))

    for inst in instruments:
        if inst.per_organisation:
            add(inst, (), checklist=True)
            for offset in range(0, len(partners or []), PARTNERS_PER_PAGE):
                add(inst, inst.dimensions, organisations=partners[offset:offset + PARTNERS_PER_PAGE],
                    offset=offset, total=len(partners))
            continue
        if inst.per_theme:
            for theme in [None, *themes]:
                add(inst, inst.dimensions, theme=theme)
            continue
        plain = tuple(dim for dim in inst.dimensions if not dim.per_level)
        per_level = tuple(dim for dim in inst.dimensions if dim.per_level)
        for level in Level.values if per_level else ():
            for dim in per_level:
                add(inst, (dim,), level=level)
        if plain and sum(len(dim.items) for dim in plain) <= SHORT_INSTRUMENT:
            add(inst, plain)
        else:
            for dim in plain:
                add(inst, (dim,))
    return pages


@dataclass(frozen=True)
class ChecklistEntry:
    organisation: Organisation
    ticked: bool


@dataclass(frozen=True)
class ChecklistGroup:
    """A heading of the checklist: the respondent's coalitions first, then one per organisation type."""

    key: str
    label: str
    entries: tuple[ChecklistEntry, ...]

    @property
    def ticked(self) -> int:
        return sum(entry.ticked for entry in self.entries)


@dataclass(frozen=True)
class Checklist:
    groups: tuple[ChecklistGroup, ...]
    ticked: int
    total: int

    @property
    def expanded(self) -> bool:
        """Short lists show every group open; long ones open only the coalitions and what is ticked."""
        return self.total <= EXPANDED_CHECKLIST


def relation_checklist(*, invitation: Invitation) -> Checklist:
    """Every organisation the respondent may tick, grouped, the coalition partners first (three queries).

    Current organisations other than the respondent's own, plus archived ones already ticked (so
    saving the checklist never unticks them unseen).
    """
    ticked = {org.pk for org in invitation_partners(invitation=invitation)}
    coalition = coalition_partner_ids(organisation_id=invitation.organisation_id)
    organisations = (Organisation.objects.filter(network_id=invitation.round.network_id)
                     .filter(Q(archived_on__isnull=True) | Q(pk__in=ticked))
                     .exclude(pk=invitation.organisation_id).select_related("type")
                     .order_by("sort_name", "pk"))
    first: list[ChecklistEntry] = []
    by_type: dict[object, list[ChecklistEntry]] = {}
    types = {}
    for organisation in organisations:
        entry = ChecklistEntry(organisation, organisation.pk in ticked)
        if organisation.pk in coalition:
            first.append(entry)
        else:
            by_type.setdefault(organisation.type_id, []).append(entry)
            types[organisation.type_id] = organisation.type
    groups = [ChecklistGroup("coalitions", str(_("In your coalitions")), tuple(first))] if first else []
    ordered = sorted(by_type, key=lambda pk: (types[pk].order, types[pk].key) if types[pk] else (1 << 16, ""))
    groups += [ChecklistGroup(f"type-{pk}", types[pk].name if types[pk] else str(_("Other")), tuple(by_type[pk]))
               for pk in ordered]
    return Checklist(tuple(groups), len(ticked), sum(len(g.entries) for g in groups))


@dataclass(frozen=True)
class SurveyEstimate:
    """How long the survey takes, from its actual questions: the welcome page and the e-mail say this."""

    minutes: int
    questions: int
    partners: int
    partners_assumed: bool


def survey_estimate(*, invitation: Invitation, pages: list[SurveyPage] | None = None) -> SurveyEstimate:
    """Minutes for the respondent's questions (SECONDS_PER_QUESTION each, rounded to five, at least five).

    The relational part counts the organisations ticked; before anything is ticked, the partners
    in the respondent's coalitions, else TYPICAL_PARTNERS. At most four queries.
    """
    pages = pages if pages is not None else survey_pages(invitation=invitation)
    questions = sum(len(page.items) for page in pages if not page.instrument.per_organisation)
    relational = {page.instrument.key: page.instrument for page in pages if page.instrument.per_organisation}
    partners, assumed = max((page.total for page in pages if page.organisations), default=0), False
    if relational and not partners:
        partners = len(coalition_partner_ids(organisation_id=invitation.organisation_id)) or TYPICAL_PARTNERS
        assumed = True
    for inst in relational.values():
        questions += partners * (1 + len(inst.items))  # a tick in the checklist, then its questions
    minutes = max(5, 5 * math.ceil(questions * SECONDS_PER_QUESTION / 60 / 5))
    return SurveyEstimate(minutes, questions, partners, assumed)


@dataclass(frozen=True)
class Sender:
    """Who sent a round, as respondents see it: a person and organisation, never a login name."""

    name: str
    organisation: str


def round_sender(*, survey_round: SurveyRound) -> Sender | None:
    """The round's creator as a person of the network with the same e-mail, else their full name (two queries)."""
    user = survey_round.created_by
    if user is None:
        return None
    person = (Person.objects.filter(network_id=survey_round.network_id, email__iexact=user.email).current()
              .select_related("organisation").order_by("pk").first()) if user.email else None
    if person is not None:
        return Sender(person.name, person.organisation.name if person.organisation else "")
    name = user.get_full_name().strip()
    return Sender(name, "") if name else None


def page_answers(*, invitation: Invitation, page: SurveyPage) -> dict[tuple[str, str], Answer]:
    """The respondent's own answers on a page, keyed by (subject, item) (one query)."""
    keys = [item.key for item in page.items]
    answers = Answer.objects.filter(invitation=invitation, instrument=page.instrument.key, item__in=keys)
    if page.instrument.per_organisation:
        answers = answers.filter(organisation__in=page.organisations)
    else:
        answers = answers.filter(subject=Answer.subject_key(
            theme_id=page.theme.pk if page.theme else None, level=page.level))
    return {(answer.subject, answer.item): answer for answer in answers}


def answered_keys(*, invitation: Invitation) -> set[tuple[str, str, str]]:
    """(instrument, subject, item) of every answer the respondent gave, for the overview (one query)."""
    return set(Answer.objects.filter(invitation=invitation).values_list("instrument", "subject", "item"))


def answer_rows(*, survey_round: SurveyRound) -> list[tuple]:
    """Every answer of a round for the admin's raw export, respondents numbered R1, R2, … (two queries:
    the answers as tuples, as there can be a million, and the organisation types' names).

    Rows: respondent, organisation, organisation type, level, instrument, item, theme, level,
    organisation asked about, value, evidence. No names or e-mail addresses.
    """
    answers = (Answer.objects.filter(invitation__round=survey_round)
               .order_by("invitation_id", "instrument", "subject", "item")
               .values_list("invitation_id", "invitation__organisation__name", "invitation__organisation__type_id",
                            "invitation__level", "instrument", "item", "theme__name", "level", "organisation__name",
                            "value", "evidence"))
    kinds = {kind.pk: kind.name for kind in OrganisationType.objects.all()}
    numbers: dict[int, str] = {}
    return [(numbers.setdefault(invitation, f"R{len(numbers) + 1}"), organisation or "", kinds.get(kind, ""),
             invitation_level,
             instrument, item, theme or "", level, about or "", value, evidence)
            for (invitation, organisation, kind, invitation_level, instrument, item, theme, level, about, value,
                 evidence) in answers]
