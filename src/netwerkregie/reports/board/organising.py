"""Organising the network: rules of play and their evaluation, decisions and objections, meetings, actions.

Every figure comes from the organising selectors; the evaluation means are those of
`rule_evaluation`, which leaves out a topic answered by fewer than the anonymity minimum.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netwerkregie.organising.selectors.decisions import DECIDED, proposal_list, standing_objections
from netwerkregie.organising.selectors.evaluation import evaluation_rounds, rule_evaluation
from netwerkregie.organising.selectors.meetings import TaskView, action_points, fundament_meetings, meeting_list
from netwerkregie.organising.selectors.rules import IN_FORCE, commitment_list, rules_by_topic, uncommitted_organisations
from netwerkregie.registry.models import Network

from .base import Figure, Period, Section, Table


@dataclass(frozen=True)
class TopicLine:
    key: str
    label: str
    rules: list[str]  # titles of the rules in force
    adopted: bool
    evaluation_date: datetime.date | None  # the earliest evaluation date of its rules in force
    respondents: int | None  # None without an evaluation round
    mean: float | None  # None while suppressed or not evaluated
    needs_revision: bool


@dataclass(frozen=True)
class DecisionLine:
    title: str
    body: str
    state: str
    decided_on: datetime.date
    outcome: str


@dataclass(frozen=True)
class ObjectionLine:
    proposal: str
    body: str
    organisation: str
    reason: str


@dataclass(frozen=True)
class FundamentLine:
    key: str
    name: str
    held: int
    required: int
    enough: bool


@dataclass(frozen=True)
class ActionLine:
    title: str
    owner: str
    due: datetime.date | None
    meeting: str


@dataclass(frozen=True)
class Organising:
    topics: list[TopicLine]
    evaluation_round: str  # "" without a rules-of-play evaluation in or before the period
    committed: list[str]
    uncommitted: list[str]
    decisions: list[DecisionLine]
    objections: list[ObjectionLine]
    meetings_held: int
    fundaments: list[FundamentLine]
    overdue: list[ActionLine]

    @property
    def topics_with_rule(self) -> int:
        return sum(topic.adopted for topic in self.topics)

    @property
    def topics_without_rule(self) -> list[str]:
        return [topic.label for topic in self.topics if not topic.adopted]

    def figures(self) -> list[Figure]:
        figures = [
            Figure("organising.topics_with_rule", _("Topics with an adopted rule of play"), self.topics_with_rule),
            Figure("organising.topics_without_rule", _("Topics without an adopted rule of play"),
                   len(self.topics_without_rule)),
            Figure("organising.committed", _("Organisations committed to the rules of play"), len(self.committed)),
            Figure("organising.uncommitted", _("Organisations not committed"), len(self.uncommitted)),
            Figure("organising.decisions", _("Decisions taken in the period"), len(self.decisions)),
            Figure("organising.open_objections", _("Standing objections to open proposals"), len(self.objections)),
            Figure("organising.meetings_held", _("Meetings held in the period"), self.meetings_held),
            Figure("organising.overdue_action_points", _("Overdue action points"), len(self.overdue)),
        ]
        figures += [Figure(f"organising.fundament.{f.key}.held", _("%(unit)s: meetings held") % {"unit": f.name},
                           f.held) for f in self.fundaments]
        figures += [Figure(f"organising.evaluation.{t.key}", _("Evaluation of the rules on %(topic)s (mean, 1–5)")
                           % {"topic": t.label}, t.mean) for t in self.topics if t.mean is not None]
        return figures

    def tables(self) -> list[Table]:
        return [
            Table("organising_rules", _("Rules of play per topic"),
                  [_("Topic"), _("Rules in force"), _("Evaluate by"), _("Respondents"), _("Mean (1–5)"),
                   _("Revise")],
                  [[t.label, "; ".join(t.rules), t.evaluation_date, t.respondents, t.mean,
                    _("yes") if t.needs_revision else ""] for t in self.topics]),
            Table("organising_decisions", _("Decisions taken in the period"),
                  [_("Proposal"), _("Body"), _("Outcome"), _("Decided on"), _("Outcome statement")],
                  [[d.title, d.body, d.state, d.decided_on, d.outcome] for d in self.decisions]),
            Table("organising_objections", _("Standing objections to open proposals"),
                  [_("Proposal"), _("Body"), _("Organisation"), _("Reasoning")],
                  [[o.proposal, o.body, o.organisation, o.reason] for o in self.objections]),
            Table("organising_fundament", _("Meetings of the fundament held against required"),
                  [_("Fundament"), _("Held"), _("Required"), _("Enough")],
                  [[f.name, f.held, f.required, f.enough] for f in self.fundaments]),
            Table("organising_overdue", _("Overdue action points"), [_("Action"), _("Who"), _("Due"), _("Meeting")],
                  [[a.title, a.owner, a.due, a.meeting] for a in self.overdue]),
        ]


def _topics(network: Network, period: Period) -> tuple[list[TopicLine], str]:
    rounds = [r for r in evaluation_rounds(network=network) if r.opens_on <= period.end]
    survey_round = rounds[0] if rounds else None
    verdicts = {v.topic: v for v in rule_evaluation(survey_round=survey_round)} if survey_round else {}
    lines = []
    for topic in rules_by_topic(network=network):
        in_force = [rule for rule in topic.rules if rule.status in IN_FORCE]
        dates = [rule.evaluation_date for rule in in_force if rule.evaluation_date]
        verdict = verdicts.get(topic.topic)
        lines.append(TopicLine(topic.topic, topic.label, [rule.title for rule in in_force], bool(in_force),
                               min(dates, default=None), verdict.respondents if verdict else None,
                               verdict.mean if verdict else None, bool(verdict and verdict.needs_revision)))
    return lines, survey_round.name if survey_round else ""


def build(*, network: Network, period: Period, language: str) -> Organising:
    today = timezone.localdate()
    topics, round_name = _topics(network, period)
    proposals = list(proposal_list(network=network))
    decisions = [DecisionLine(p.title, str(p.body), p.get_state_display(), p.decided_on, p.outcome)
                 for p in sorted(proposals, key=lambda p: (p.decided_on or period.start, p.pk))
                 if p.state in DECIDED and p.decided_on and period.start <= p.decided_on <= period.end]
    objections = [ObjectionLine(o.proposal.title, str(o.proposal.body), o.response.organisation.name,
                                o.response.reason) for o in standing_objections(network=network)]
    end = min(period.end, today)
    meetings_held = meeting_list(network=network).filter(starts_at__date__gte=period.start,
                                                         starts_at__date__lte=end).count()
    fundaments = [FundamentLine(str(f.unit.pk), f.unit.name, f.held, f.required, f.enough)
                  for f in fundament_meetings(network=network, start=period.start, end=end)] if end >= period.start \
        else []
    overdue = [ActionLine(a.title, a.owner.name if a.owner else "", a.due_date, a.meeting.title)
               for a in action_points(network=network, view=TaskView.OVERDUE, today=today)]
    return Organising(
        topics=topics, evaluation_round=round_name,
        committed=[c.organisation.name for c in commitment_list(network=network).order_by("organisation__name")],
        uncommitted=list(uncommitted_organisations(network=network).values_list("name", flat=True)),
        decisions=decisions, objections=objections, meetings_held=meetings_held, fundaments=fundaments,
        overdue=overdue)


SECTION = Section("organising", gettext_lazy("Organising: rules of play, decisions and meetings"), build)
