"""Organising the network: rules of play, consent and consensus decisions, meetings (docs/sources.md §1, §5)."""

from .bodies import Spokesperson, UnitOfficer, UnitOfficerRole
from .decisions import ObjectionStatus, Proposal, ProposalState, ProposalVersion, Response, ResponseKind
from .meetings import (
    ActionPoint,
    ActionStatus,
    AgendaItem,
    Attendance,
    CalendarFeed,
    Meeting,
    MeetingInvitation,
    MinutesStatus,
)
from .rules import Commitment, Rule, RuleStatus, RuleTopic, RuleVersion

__all__ = [
    "ActionPoint", "ActionStatus", "AgendaItem", "Attendance", "CalendarFeed", "Commitment", "Meeting",
    "MeetingInvitation", "MinutesStatus", "ObjectionStatus", "Proposal", "ProposalState", "ProposalVersion",
    "Response", "ResponseKind", "Rule", "RuleStatus", "RuleTopic", "RuleVersion", "Spokesperson", "UnitOfficer",
    "UnitOfficerRole",
]
