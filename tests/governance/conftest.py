"""Networks built for the governance advice: organisations, coalitions, survey rounds and answers.

`governance_data` builds each row of the Provan & Kenis table from real registry rows and real
survey answers, so the advice is computed by the selectors exactly as for users.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Iterator

import pytest
from django.conf import settings
from django.utils import translation

from netwerkregie.assessments.models import Answer, Invitation, SurveyRound
from netwerkregie.governance import services as governance_services
from netwerkregie.registry import services
from netwerkregie.registry.models import Coalition, Network, Organisation
from netwerkregie.registry.services import token_digest

GOAL_ITEMS = ["gc_shared_goals", "gc_priorities", "gc_own_goals", "gc_success"]
GOAL_REVERSE = "gc_disputes"
NEED_ITEMS = ["cn_interdependent_tasks", "cn_specialist_skills", "cn_external_demands", "cn_dedicated_capacity"]
NEED_REVERSE = "cn_partners_suffice"
TRUST_ITEMS = ["trust_reliability", "trust_openness", "trust_mission"]


def contingency_answers(*, goal: int, need: int) -> dict[str, int]:
    """Answers (1..5) whose goal consensus is (goal - 1) / 4 and competency need (need - 1) / 4."""
    answers = dict.fromkeys(GOAL_ITEMS, goal) | {GOAL_REVERSE: 6 - goal}
    return answers | dict.fromkeys(NEED_ITEMS, need) | {NEED_REVERSE: 6 - need}


class Builder:
    """Writes a network's registry through the services and its survey answers in bulk."""

    def __init__(self, network: Network, org_type):
        self.network = network
        self.org_type = org_type
        self.themes = 0

    def organisations(self, count: int, prefix: str = "Organisatie") -> list[Organisation]:
        return [services.organisation_create(network=self.network, name=f"{prefix} {i:02d}",
                                             type=self.org_type("welfare")) for i in range(1, count + 1)]

    def coalition(self, members: Iterable[Organisation], **data) -> Coalition:
        """An active coalition in a theme of its own, so only its members become co-members."""
        self.themes += 1
        theme = services.theme_create(network=self.network, name=f"Thema {self.themes:02d}")
        return services.coalition_create(network=self.network, theme=theme, name=f"Coalitie {self.themes:02d}",
                                         organisations=list(members), **data)

    def survey_round(self, name: str, opens_on: datetime.date = datetime.date(2026, 3, 1)) -> SurveyRound:
        return SurveyRound.objects.create(network=self.network, name=name, opens_on=opens_on,
                                          closes_on=opens_on + datetime.timedelta(days=28),
                                          instruments=["relations", "governance_contingencies"])

    def invitation(self, survey_round: SurveyRound, organisation: Organisation | None,
                   complete: bool = True) -> Invitation:
        """A respondent who completed the round on its second day (or, with `complete=False`, did not)."""
        completed_at = datetime.datetime.combine(survey_round.opens_on + datetime.timedelta(days=1), datetime.time(),
                                                 tzinfo=datetime.UTC) if complete else None
        return Invitation.objects.create(round=survey_round, organisation=organisation,
                                         token_digest=token_digest(secrets.token_urlsafe(24)),
                                         completed_at=completed_at)

    @staticmethod
    def _answers(rows: list[tuple[Invitation, str, str, Organisation | None, object]]) -> None:
        Answer.objects.bulk_create([
            Answer(invitation=invitation, instrument=instrument, item=item, organisation=about, value=value,
                   subject=Answer.subject_key(organisation_id=about.pk if about else None))
            for invitation, instrument, item, about, value in rows])

    def relations(self, survey_round: SurveyRound, reports: dict[tuple[Organisation, Organisation], int],
                  kind: str = "cooperative") -> None:
        """Each (respondent organisation, reported organisation) pair with its trust (1..4) on all items."""
        invitations: dict[int, Invitation] = {}
        rows = []
        for (respondent, about), trust in reports.items():
            if respondent.pk not in invitations:
                invitations[respondent.pk] = self.invitation(survey_round, respondent)
            invitation = invitations[respondent.pk]
            rows.append((invitation, "relations", "relation_kind", about, kind))
            rows += [(invitation, "relations", item, about, trust) for item in TRUST_ITEMS]
        self._answers(rows)

    def contingencies(self, survey_round: SurveyRound, respondents: list[dict[str, int]]) -> None:
        rows = []
        for answers in respondents:
            invitation = self.invitation(survey_round, None)
            rows += [(invitation, "governance_contingencies", item, None, value) for item, value in answers.items()]
        self._answers(rows)

    contingency_answers = staticmethod(contingency_answers)

    def profile(self, **data):
        return governance_services.governance_profile_update(network=self.network, **data)

    # The three rows of Provan & Kenis (2008, table 2) -------------------------------------------

    def shared_governance(self) -> list[Organisation]:
        """5 partners in one coalition, all trusting each other, agreeing on goals, needing little."""
        organisations = self.organisations(5)
        self.coalition(organisations)
        survey_round = self.survey_round("Meting 2026")
        self.relations(survey_round, {(a, b): 4 for a in organisations for b in organisations if a != b})
        self.contingencies(survey_round, [contingency_answers(goal=5, need=1)] * 4)
        return organisations

    def lead_organization(self) -> list[Organisation]:
        """15 partners, each tied only to a hub; little trust; the hand estimates say moderate need."""
        hub, *spokes = self.organisations(15)
        for spoke in spokes:
            self.coalition([hub, spoke])
        survey_round = self.survey_round("Meting 2026")
        reports = {(spoke, hub): 3 for spoke in spokes} | {(hub, spoke): 2 for spoke in spokes}
        self.relations(survey_round, reports)
        self.profile(current_form="lead_organization", lead_organisation=hub, goal_consensus=0.25,
                     competency_need=0.5)
        return [hub, *spokes]

    def nao(self) -> list[Organisation]:
        """30 partners; each trusts the next 14 (density 420/870); moderately high consensus, high need."""
        organisations = self.organisations(30)
        self.coalition(organisations)
        survey_round = self.survey_round("Meting 2026")
        n = len(organisations)
        self.relations(survey_round, {(organisations[i], organisations[(i + k) % n]): 4
                                      for i in range(n) for k in range(1, 15)})
        # Goal consensus (3 - 1) / 4 = 0.5 with no spread, competency need 1.0.
        self.contingencies(survey_round, [contingency_answers(goal=3, need=5)] * 5)
        return organisations


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages are asserted in their English source text, whatever the Dutch catalogue says."""
    with translation.override("en"):
        yield


@pytest.fixture
def english_client(logged_in_client):
    """The logged-in user, having chosen English (the UI is Dutch by default)."""
    logged_in_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return logged_in_client


@pytest.fixture
def build(network, org_type) -> Builder:
    return Builder(network, org_type)


@pytest.fixture
def form_defaults() -> dict[str, int]:
    """The settings the profile form shows prefilled: a browser always posts them."""
    return {"trust_response_floor": 60, "participants_few_max": 12, "participants_moderate_min": 8,
            "participants_moderate_max": 30, "participants_many_min": 20}


@pytest.fixture
def make_builder(org_type):
    return lambda network: Builder(network, org_type)
