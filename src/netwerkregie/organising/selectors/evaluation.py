"""The rules-of-play evaluation: a survey round with the `rules_of_play` instrument, read per topic.

A topic's mean is shown only when at least the network's anonymity minimum answered it, so no one
respondent's answer can be learned; "don't know" is not counted.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass

from netwerkregie.assessments.models import Answer, SurveyRound
from netwerkregie.registry.models import Network

from ..models import RuleTopic

INSTRUMENT = "rules_of_play"
REVISION_THRESHOLD = 3.0  # below "neutral" on the 1–5 scale: the topic's rules no longer fit well enough


@dataclass(frozen=True)
class TopicVerdict:
    topic: str
    label: str
    respondents: int
    mean: float | None  # None while fewer than the anonymity minimum answered

    @property
    def needs_revision(self) -> bool:
        return self.mean is not None and self.mean < REVISION_THRESHOLD


def evaluation_rounds(*, network: Network) -> list[SurveyRound]:
    """The network's rounds that asked the rules-of-play instrument, newest first."""
    return [r for r in network.survey_rounds.order_by("-opens_on", "-pk") if INSTRUMENT in r.instruments]


def rule_evaluation(*, survey_round: SurveyRound) -> list[TopicVerdict]:
    """Per topic: how many answered and their mean over the topic's items (one query)."""
    minimum = survey_round.network.anonymity_minimum
    values: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for item, invitation_id, value in Answer.objects.filter(
            invitation__round=survey_round, instrument=INSTRUMENT).values_list("item", "invitation_id", "value"):
        if isinstance(value, int | float) and not isinstance(value, bool):
            topic = item.removeprefix("rop_").removesuffix("_used")
            values[topic][invitation_id].append(float(value))
    verdicts = []
    for topic in RuleTopic:
        per_respondent = [statistics.mean(v) for v in values[topic.value].values()]
        count = len(per_respondent)
        verdicts.append(TopicVerdict(topic.value, str(topic.label), count,
                                     round(statistics.mean(per_respondent), 2) if count >= minimum else None))
    return verdicts
