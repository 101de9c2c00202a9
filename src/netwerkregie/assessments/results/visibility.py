"""Who sees which survey results: rounds still open, free text and evidence."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry.models import Network, NetworkMembership

from ..models import Invitation, SurveyRound


def texts_visible(*, network: Network, membership: NetworkMembership) -> bool:
    """Free text and evidence are quoted verbatim: coordinators and admins read them, every member
    only when the network decided to publish them (`Network.publish_free_text`)."""
    return network.publish_free_text or membership.has_role(NetworkRole.COORDINATOR)


def visible_rounds(*, rounds: Iterable[SurveyRound], membership: NetworkMembership) -> list[SurveyRound]:
    """The rounds whose results this member may see, in one query.

    A closed round's results are for every member. Results of a round not yet closed change
    with every response, so comparing them before and after one more response gives that
    respondent away: only admins see them, and only once at least the anonymity minimum have
    completed.
    """
    rounds = list(rounds)
    today = timezone.localdate()
    running = [r for r in rounds if r.closes_on >= today]
    if not running:
        return rounds
    if not membership.has_role(NetworkRole.ADMIN):
        return [r for r in rounds if r.closes_on < today]
    completed = Counter(Invitation.objects.filter(round__in=running, completed_at__isnull=False)
                        .values_list("round_id", flat=True))
    minimum = max(membership.network.anonymity_minimum, 1)  # the rounds are all of the member's network
    return [r for r in rounds if r.closes_on < today or completed[r.pk] >= minimum]


def results_visible(*, survey_round: SurveyRound, membership: NetworkMembership) -> bool:
    """Whether this member may see the round's results (see `visible_rounds`)."""
    return bool(visible_rounds(rounds=[survey_round], membership=membership))


def hidden_reason(*, survey_round: SurveyRound) -> str:
    """Why a round's results are not shown (yet), for the page and the API."""
    return _("The results of a survey round are shown to everyone once it has closed on %(closes)s; while it "
             "is open only the network's admins see them, once at least %(minimum)d respondents have "
             "completed.") % {"closes": date_format(survey_round.closes_on),
                              "minimum": survey_round.network.anonymity_minimum}
