"""Demo step: three yearly network monitors of Regio Voorbeeld (2024, 2025, 2026).

The story the answers tell: an energetic network in 2024, a clear network dip in 2025 (dip
signals up, the five conditions, goal consensus and trust between organisations down, a call
for more structure) and a partial recovery in 2026, when the network formalised its steering
and turned its ambition into an action plan. Answers are drawn from a seeded random.Random
around those year levels, with a plausible spread per organisation type, some "don't know" and
Dutch evidence texts. Everything goes through the survey services, answering "in the past" with
their `now` argument, so the demo obeys the rules respondents do.
"""

from __future__ import annotations

import datetime
import random
from typing import TYPE_CHECKING

from django.utils import timezone

from netwerkregie.assessments import services as survey
from netwerkregie.assessments.instruments import SCALES, Item, instrument_get
from netwerkregie.assessments.scoring import DONT_KNOW
from netwerkregie.registry.models import CoalitionParticipation, Level, Organisation, Person

from .evidence import TOPICS, evidence_text

if TYPE_CHECKING:
    from .generator import Demo

INSTRUMENTS = ["five_conditions", "network_dip", "network_value", "network_nature", "governance_contingencies",
               "platform31", "regie_roles", "relations"]
YEARS = (2024, 2025, 2026)
INVITED = 48           # people invited per round: one contact per organisation, then others
RESPONSE_RATE = 0.82   # share of the invited who complete
DONT_KNOW_RATE = 0.05
REMINDER_AFTER = datetime.timedelta(days=14)

# Year levels on the items' own scales (1–5; trust 1–4) and the place in the nature quadrant (-1..1).
MOOD = {
    2024: {"conditions": 3.8, "dip": 2.2, "value": 3.5, "consensus": 3.7, "competency": 3.1, "trust": 3.2,
           "x": -0.35, "y": -0.3, "yes": 0.75, "client": 0.2},
    2025: {"conditions": 2.8, "dip": 3.5, "value": 3.0, "consensus": 2.8, "competency": 3.8, "trust": 2.4,
           "x": 0.05, "y": -0.2, "yes": 0.55, "client": 0.5},
    2026: {"conditions": 3.4, "dip": 2.8, "value": 3.3, "consensus": 3.3, "competency": 3.9, "trust": 2.9,
           "x": 0.35, "y": 0.3, "yes": 0.65, "client": 0.3},
}
# The dip hits some conditions and signals harder than others.
DIMENSION_SHIFT = {2025: {"relatie": -0.3, "belangen": -0.25, "organisatie": 0.1},
                   2026: {"organisatie": 0.15, "proces": 0.1}}
SIGNAL_SHIFT = {2025: {"capacity_financing": 0.5, "need_structure": 0.6, "cost_benefit": 0.4, "ambition_cracks": 0.4,
                       "unaligned_accountability": 0.3, "existential_questions": -0.3, "old_leadership": 0.2,
                       "power_shift": -0.4},
                # formalising the network in 2026 shifts power: that signal keeps rising
                2026: {"power_shift": 1.2, "accountability_contributions": 0.3}}
# How each organisation type tends to see the network (points on a 1–5 scale).
TYPE_OFFSET = {"municipality": 0.3, "health_insurer": 0.35, "care_office": 0.2, "hospital": -0.1, "gp": -0.3,
               "vvt": 0.0, "ggz": -0.2, "welfare": -0.25, "client_council": -0.45, "resident_group": -0.4,
               "ggd": 0.2, "knowledge_institute": 0.1}
# How much more formal (x) and concrete (y) than today partners want the network, per year: in the dip they
# ask for structure; once it has formalised in 2026, little more.
DESIRED_SHIFT = {2024: (0.2, 0.3), 2025: (0.5, 0.4), 2026: (0.1, 0.1)}
# Where a theme's own work sits in the nature quadrant, relative to the network.
THEME_NATURE = {"ouderen": (0.25, 0.35), "ggz": (-0.3, -0.1), "preventie": (-0.2, -0.35), "passend": (0.45, 0.3),
                "arbeidsmarkt": (0.0, 0.2)}

def _mailed_at(day: datetime.date) -> datetime.datetime:
    """The coordinator sends mail at nine in the morning."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def _scale_answer(rng: random.Random, item: Item, mean: float, spread: float = 0.8) -> object:
    """A scale answer around `mean` (given as the agreement the item's scoring reads)."""
    low, high = SCALES[item.answer_type]
    if item.dont_know and rng.random() < DONT_KNOW_RATE:
        return DONT_KNOW
    value = _clamp(rng.gauss(mean, spread), low, high)
    return low + high - value if item.reverse else value


def _evidence(rng: random.Random, texts: random.Random, year: int, items: list[Item],
              share: float) -> dict[str, str]:
    """`rng` decides which items get a note and its topic (as it always did); `texts` the words."""
    return {it.key: evidence_text(texts, year, rng.choice(TOPICS[year]))
            for it in items if it.evidence and rng.random() < share}


class _Respondent:
    """What one respondent's answers in one year are drawn around."""

    def __init__(self, rng: random.Random, texts: random.Random, year: int, person: Person, themes: list[str]):
        self.rng, self.texts, self.year, self.person, self.themes = rng, texts, year, person, themes
        self.mood = MOOD[year]
        self.offset = TYPE_OFFSET.get(person.organisation.type.key, 0.0) + rng.gauss(0, 0.35)
        self.x = max(-1.0, min(1.0, self.mood["x"] + rng.gauss(0, 0.3)))
        self.y = max(-1.0, min(1.0, self.mood["y"] + rng.gauss(0, 0.3)))

    def likert(self, instrument: str, base: float, shift: dict[str, float] | None = None,
               by_item: bool = False, evidence: float = 0.0) -> tuple[dict, dict]:
        definition = instrument_get(instrument)
        values = {}
        for dim in definition.dimensions:
            for item in dim.items:
                extra = (shift or {}).get(item.key if by_item else dim.key, 0.0)
                values[item.key] = _scale_answer(self.rng, item, base + self.offset + extra)
        return values, _evidence(self.rng, self.texts, self.year, list(definition.items), evidence)

    def nature(self, dx: float = 0.0, dy: float = 0.0) -> dict[str, object]:
        """Where the network is, and where this partner wants it: more formal and more concrete (DESIRED_SHIFT).

        The desired answers come from a random of their own, so they leave every other answer of the demo as it was.
        """
        definition = instrument_get("network_nature")
        wish = random.Random(f"{self.person.email}-{self.year}-{dx}-{dy}")
        answers = {}
        for dim, position, rng in (("steering", self.x + dx, self.rng), ("content", self.y + dy, self.rng),
                                   ("steering_desired", self.x + dx + DESIRED_SHIFT[self.year][0], wish),
                                   ("content_desired", self.y + dy + DESIRED_SHIFT[self.year][1], wish)):
            for item in definition.dimension(dim).items:
                answers[item.key] = _scale_answer(rng, item, 3 + 2 * position, 0.6)
        return answers


def _answer(demo: Demo, invitation, instrument: str, values: dict, on: datetime.date, **subject) -> None:
    survey.answers_save(invitation=invitation, instrument=instrument, values=values, now=on, **subject)


def _respond(demo: Demo, invitation, r: _Respondent, partners: list[tuple[Organisation, bool]],
             on: datetime.date) -> None:
    rng, mood, year = r.rng, r.mood, r.year
    values, notes = r.likert("five_conditions", mood["conditions"], DIMENSION_SHIFT.get(year), evidence=0.35)
    survey.answers_save(invitation=invitation, instrument="five_conditions", values=values, evidence=notes, now=on)
    values, _notes = r.likert("network_dip", mood["dip"] - r.offset / 2, SIGNAL_SHIFT.get(year), by_item=True)
    _answer(demo, invitation, "network_dip", values, on)
    values, notes = r.likert("network_value", mood["value"], evidence=0.25)
    survey.answers_save(invitation=invitation, instrument="network_value", values=values, evidence=notes, now=on)
    _answer(demo, invitation, "network_nature", r.nature(), on)
    for theme_key in r.themes[:2]:
        dx, dy = THEME_NATURE.get(theme_key, (0.0, 0.0))
        _answer(demo, invitation, "network_nature", r.nature(dx, dy), on, theme=demo.themes[theme_key])
    values, _notes = r.likert("governance_contingencies", mood["consensus"],
                              {"competency_need": mood["competency"] - mood["consensus"]})
    _answer(demo, invitation, "governance_contingencies", values, on)
    _platform31(demo, invitation, r, on)
    _regie_roles(demo, invitation, r, on)
    if partners:  # the checklist first, as a respondent ticks it
        survey.partners_save(invitation=invitation, organisation_ids=[o.pk for o, _partner in partners], now=on)
    for organisation, partner in partners:
        _answer(demo, invitation, "relations", _relation(rng, mood, partner, organisation), on,
                organisation=organisation)


def _platform31(demo: Demo, invitation, r: _Respondent, on: datetime.date) -> None:
    """The own level answered in full, one other level with more "don't know"; the checklist once."""
    definition = instrument_get("platform31")
    own = invitation.level or Level.OPERATIONAL
    other = Level.TACTICAL if own != Level.TACTICAL else Level.STRATEGIC
    level_items = [it for d in definition.dimensions if d.per_level for it in d.items]
    for level, unknown in ((own, DONT_KNOW_RATE), (other, 0.35)):
        values: dict[str, object] = {}
        for item in level_items:
            if item.answer_type == "multi_choice":
                values[item.key] = r.rng.sample([c.key for c in item.choices], r.rng.randint(1, 3))
            elif r.rng.random() < unknown:
                values[item.key] = DONT_KNOW
            else:
                values[item.key] = _scale_answer(r.rng, item, r.mood["value"] + r.offset)
        _answer(demo, invitation, "platform31", values, on, level=level)
    checklist = {it.key: r.rng.random() < r.mood["yes"] for d in definition.dimensions if not d.per_level
                 for it in d.items}
    _answer(demo, invitation, "platform31", checklist, on)


def _regie_roles(demo: Demo, invitation, r: _Respondent, on: datetime.date) -> None:
    """In the dip, regie falls back on the municipality as client (old mechanisms)."""
    definition = instrument_get("regie_roles")
    values = {}
    for item in definition.dimension("regie_roles").items:
        keys = [c.key for c in item.choices]
        values[item.key] = r.rng.choices(keys, weights=[r.mood["client"], 0.55, 0.45 - r.mood["client"] / 2])[0]
    for item in definition.dimension("participation").items:
        keys = [c.key for c in item.choices]
        values[item.key] = r.rng.choices(keys, weights=[3, 4, 3, 2, 0.5][: len(keys)])[0]
    _answer(demo, invitation, "regie_roles", values, on)


def _relation(rng: random.Random, mood: dict, partner: bool, organisation: Organisation) -> dict[str, object]:
    """One relation: coalition partners work closer together; trust follows the year's mood."""
    kind = rng.choices(["aware", "cooperative", "coordinated", "integrated"],
                       weights=[1, 3, 3, 1.5] if partner else [4, 3, 1, 0.2])[0]
    frequency = rng.choices(["yearly", "quarterly", "monthly", "weekly", "daily"],
                            weights=[1, 2, 3, 2, 0.5] if partner else [4, 3, 1.5, 0.5, 0.1])[0]
    flows = rng.sample(["information", "clients", "money", "staff", "knowledge"], rng.randint(1, 3 if partner else 2))
    financier = organisation.type.key in {"municipality", "health_insurer", "care_office"}
    trust_items = ("trust_reliability", "trust_openness", "trust_mission")
    value_items = ("value_power", "value_involvement", "value_resources")
    answers: dict[str, object] = {"relation_kind": kind, "frequency": frequency, "flows": flows}
    answers.update({key: _clamp(rng.gauss(mood["trust"] + (0.2 if partner else -0.1), 0.6), 1, 4)
                    for key in trust_items})
    answers.update({key: _clamp(rng.gauss(2.6 + (0.6 if financier and key != "value_involvement" else 0)
                                          + (0.3 if partner else 0), 0.6), 1, 4) for key in value_items})
    return answers


def _themes_by_organisation(demo: Demo) -> dict[int, list[str]]:
    keys = {theme.pk: key for key, theme in demo.themes.items()}
    result: dict[int, list[str]] = {}
    for organisation_id, theme_id in (CoalitionParticipation.objects.filter(coalition__network=demo.network)
                                      .values_list("organisation_id", "coalition__theme_id").distinct()):
        result.setdefault(organisation_id, []).append(keys[theme_id])
    return {pk: sorted(set(themes)) for pk, themes in result.items()}


def _partners(demo: Demo) -> dict[int, set[int]]:
    """Organisations sharing a coalition with each organisation."""
    members: dict[int, set[int]] = {}
    for coalition_id, organisation_id in (CoalitionParticipation.objects.filter(coalition__network=demo.network)
                                          .values_list("coalition_id", "organisation_id")):
        members.setdefault(coalition_id, set()).add(organisation_id)
    result: dict[int, set[int]] = {}
    for group in members.values():
        for pk in group:
            result.setdefault(pk, set()).update(group - {pk})
    return result


def _invitees(rng: random.Random, people: list[Person]) -> list[Person]:
    """One contact of every organisation, as a network monitor invites, then others up to INVITED."""
    by_organisation: dict[int, list[Person]] = {}
    for person in people:
        by_organisation.setdefault(person.organisation_id, []).append(person)
    contacts = [rng.choice(staff) for staff in by_organisation.values()]
    rest = [p for p in people if p not in contacts]
    return contacts + rng.sample(rest, max(0, min(INVITED - len(contacts), len(rest))))


def add_survey_rounds(demo: Demo) -> None:
    """Netwerkmonitor 2024, 2025 and 2026: open in January, closed on 1 March of each year."""
    rng, texts = demo.rng("surveys"), demo.rng("survey-texts")
    people = sorted((p for p in demo.people.values() if p.organisation_id), key=lambda p: p.pk)
    organisations = sorted(demo.organisations.values(), key=lambda o: o.pk)
    themes = _themes_by_organisation(demo)
    partners = _partners(demo)
    for year in YEARS:
        opens = datetime.date(year, 1, 8)
        survey_round = survey.round_create(network=demo.network, name=f"Netwerkmonitor {year}", instruments=INSTRUMENTS,
                                    opens_on=opens, closes_on=datetime.date(year, 3, 1))
        invited = _invitees(rng, people)
        invitations = survey.invitations_create(survey_round=survey_round, people=invited)
        sent = _mailed_at(opens)
        survey.invitations_record_mailing(invitations=invitations, sent_at=sent)
        unanswered_at_reminder = []
        for invitation in invitations:
            if rng.random() > RESPONSE_RATE:
                unanswered_at_reminder.append(invitation)
                continue  # invited, never answered
            person = invitation.person
            respondent = _Respondent(rng, texts, year, person, themes.get(person.organisation_id, []))
            close = partners.get(person.organisation_id, set())
            others = [o for o in organisations if o.pk != person.organisation_id]
            chosen = rng.sample(others, rng.randint(5, 12))
            chosen = sorted(set(chosen) | set(rng.sample([o for o in others if o.pk in close],
                                                         min(3, len(close)))), key=lambda o: o.pk)
            on = opens + datetime.timedelta(days=rng.randint(1, 45))
            _respond(demo, invitation, respondent, [(o, o.pk in close) for o in chosen], on)
            survey.invitation_complete(invitation=invitation, now=on)
            if on > opens + REMINDER_AFTER:
                unanswered_at_reminder.append(invitation)
        # One reminder, two weeks in, to everyone who had not answered by then.
        survey.invitations_record_mailing(invitations=unanswered_at_reminder, sent_at=sent,
                                          reminded_at=_mailed_at(opens + REMINDER_AFTER))
