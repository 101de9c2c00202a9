"""The organising warnings on the dashboard (issue 14): rules, commitments, meetings and bodies.

Every member of the network sees them; they name organisations and bodies, never survey answers.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from netwerkregie.core.signals import Signal
from netwerkregie.registry.models import GovernanceUnitKind, Network

from ..models import ActionPoint, ActionStatus, Meeting, ProposalState, RuleTopic, UnitOfficerRole
from .bodies import body_organisations
from .decisions import principle_warning
from .meetings import fundament_meetings
from .rules import IN_FORCE, topics_without_rule, uncommitted_organisations

RESIDENT_TYPES = {"client_council", "resident_group"}
PROVIDER_TYPES = {"hospital", "gp", "vvt", "ggz", "disability_care", "welfare", "shelter", "debt_support"}
MUNICIPALITY_TYPES = {"municipality"}
INSURER_TYPES = {"health_insurer"}


def _url(network: Network, name: str, **kwargs) -> str:
    return reverse(f"organising:{name}", kwargs={"network": network.slug, **kwargs})


def _rule_warnings(network: Network) -> list[Signal]:
    signals = []
    missing = topics_without_rule(network=network)
    if missing:
        signals.append(Signal("topic_without_rule", _("No rule of play yet for: %(topics)s.") % {
            "topics": "; ".join(str(RuleTopic(t).label) for t in missing)}, _url(network, "rule_list")))
    if network.rules.filter(status__in=IN_FORCE).exists():
        names = list(uncommitted_organisations(network=network).values_list("name", flat=True))
        if names:
            signals.append(Signal("not_committed", _("%(count)d organisation(s) have not committed to the rules of "
                                                     "play: %(names)s.") % {"count": len(names),
                                                                          "names": ", ".join(names)},
                                  _url(network, "commitment_list")))
    return signals


def _fundament_warnings(network: Network, today: datetime.date) -> list[Signal]:
    signals = []
    for count in fundament_meetings(network=network, start=today - datetime.timedelta(days=365), end=today):
        unit = count.unit
        if not count.enough:
            signals.append(Signal("fundament_rarely_met", _("%(unit)s met %(count)d time(s) in the last twelve "
                                                            "months; the fundament meets at least %(minimum)d times a "
                                                            "year.") % {"unit": unit.name, "count": count.held,
                                                                        "minimum": count.required},
                                  _url(network, "meeting_list")))
        meetings = list(Meeting.objects.filter(unit=unit).order_by("starts_at").prefetch_related("invitations"))
        upcoming = [m for m in meetings if timezone.localdate(m.starts_at) >= today]
        reference = upcoming[0] if upcoming else (meetings[-1] if meetings else None)
        if reference is not None:
            invited = {i.organisation_id for i in reference.invitations.all()}
            names = [o.name for o in network.organisations.order_by("name") if o.pk not in invited]
            if names:
                signals.append(Signal("not_invited_to_fundament", _("Not invited to %(meeting)s of the fundament: "
                                                                    "%(names)s.") % {"meeting": reference.title,
                                                                                     "names": ", ".join(names)},
                                      reference.get_absolute_url()))
    return signals


def _absence_warnings(network: Network, now: datetime.datetime) -> list[Signal]:
    """An organisation absent at the last two meetings of a body whose attendance was recorded."""
    meetings = (network.meetings.filter(starts_at__lte=now, attendances__isnull=False).distinct()
                .select_related("unit", "coalition").prefetch_related("attendances__organisation")
                .order_by("-starts_at"))
    by_body: dict[tuple, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        key = (meeting.unit_id, meeting.coalition_id)
        if len(by_body[key]) < 2:
            by_body[key].append(meeting)
    signals = []
    for last_two in by_body.values():
        if len(last_two) < 2:
            continue
        absent = [{a.organisation_id: a.organisation for a in m.attendances.all() if not a.present} for m in last_two]
        for pk in sorted(set(absent[0]) & set(absent[1]), key=lambda pk: absent[0][pk].name):
            signals.append(Signal("absent_twice", _("%(organisation)s was absent at the last two meetings of "
                                                    "%(body)s.") % {"organisation": absent[0][pk].name,
                                                                   "body": last_two[0].body},
                                  last_two[0].get_absolute_url()))
    return signals


def _body_composition_warnings(network: Network, today: datetime.date) -> list[Signal]:
    signals = []
    units = network.governance_units.filter(kind__in=[GovernanceUnitKind.BOARD_DIRECTION_GROUP,
                                                      GovernanceUnitKind.POLICY_ADVISORY_GROUP])
    for unit in units.prefetch_related("officers"):
        if unit.kind == GovernanceUnitKind.BOARD_DIRECTION_GROUP:
            types = set(body_organisations(unit, today).values_list("type__key", flat=True))
            lacking = [label for group, label in [
                (RESIDENT_TYPES, _("residents")), (PROVIDER_TYPES, _("a care or welfare provider")),
                (MUNICIPALITY_TYPES, _("a municipality")), (INSURER_TYPES, _("the health insurer"))]
                if not group & types]
            if lacking:
                signals.append(Signal("direction_group_incomplete", _("%(unit)s lacks %(missing)s (seed 004: "
                                                                      "residents, providers, municipalities and the "
                                                                      "insurer sit in the regiegroep).")
                                      % {"unit": unit.name, "missing": ", ".join(map(str, lacking))},
                                      unit.get_absolute_url()))
        elif not any(o.role == UnitOfficerRole.CHAIR and o.independent and o.is_active for o in unit.officers.all()):
            signals.append(Signal("advisory_group_without_independent_chair",
                                  _("%(unit)s has no independent chair.") % {"unit": unit.name},
                                  _url(network, "leadership")))
    return signals


def organising_warnings(*, network: Network) -> list[Signal]:
    """Every organising warning for a network, in the order a director works through them."""
    now = timezone.now()
    today = timezone.localdate(now)
    signals = _rule_warnings(network) + _fundament_warnings(network, today) + _absence_warnings(network, now)
    overdue = ActionPoint.objects.filter(meeting__network=network, status=ActionStatus.OPEN,
                                         due_date__lt=today).count()
    if overdue:
        signals.append(Signal("action_points_overdue", _("%(count)d action point(s) are overdue.")
                              % {"count": overdue}, _url(network, "task_list") + "?view=overdue"))
    signals += _body_composition_warnings(network, today)
    for proposal in network.proposals.filter(state__in=[ProposalState.OPEN, ProposalState.AMENDED],
                                             coalition__isnull=False).select_related("coalition"):
        if principle_warning(proposal):
            signals.append(Signal("coalition_not_by_consensus", _("Coalition %(coalition)s decides “%(proposal)s” "
                                                                  "by %(principle)s; coalitions work together and "
                                                                  "normally decide by consensus.")
                                  % {"coalition": proposal.coalition.name, "proposal": proposal.title,
                                     "principle": proposal.get_principle_display() or
                                     proposal.coalition.get_decision_principle_display()},
                                  proposal.get_absolute_url()))
    return signals
