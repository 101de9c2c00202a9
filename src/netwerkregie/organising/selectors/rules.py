"""Reads of rules of play: the list per topic, a rule with its versions, the difference of two versions."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from netwerkregie.registry.models import Network, Organisation

from ..models import Commitment, Rule, RuleStatus, RuleTopic, RuleVersion
from ..rule_templates import TOPIC_EXAMPLES, RuleTemplate

# Statuses in which a rule is in force and organisations are held to it.
IN_FORCE = (RuleStatus.ADOPTED, RuleStatus.TO_EVALUATE, RuleStatus.REVISED)


@dataclass(frozen=True)
class TopicRules:
    topic: str
    label: str
    rules: list[Rule]
    example: RuleTemplate


def rule_list(*, network: Network) -> QuerySet[Rule]:
    return (network.rules.select_related("unit", "coalition", "adopted_by")
            .prefetch_related(Prefetch("versions", queryset=RuleVersion.objects.order_by("number"))))


def rules_by_topic(*, network: Network) -> list[TopicRules]:
    """Every topic with its rules (lapsed ones included), in the order of seed 004 and 001."""
    rules = list(rule_list(network=network))
    return [TopicRules(topic.value, str(topic.label), [r for r in rules if r.topic == topic], TOPIC_EXAMPLES[topic])
            for topic in RuleTopic]


def topics_without_rule(*, network: Network) -> list[str]:
    covered = set(network.rules.exclude(status=RuleStatus.LAPSED).values_list("topic", flat=True))
    return [topic for topic in RuleTopic if topic not in covered]


def rule_get(*, network: Network, pk: int) -> Rule:
    return rule_list(network=network).select_related("adopted_by").get(pk=pk)


@dataclass(frozen=True)
class DiffLine:
    """One word-level line of a diff: `kind` is "same", "added" or "removed"."""

    kind: str
    text: str


def version_diff(old: RuleVersion, new: RuleVersion) -> list[DiffLine]:
    """What changed between two versions, word by word, so a small rewording stands out."""
    lines = []
    old_words = f"{old.title}\n{old.text}".split(" ")
    new_words = f"{new.title}\n{new.text}".split(" ")
    for token in difflib.ndiff(old_words, new_words):
        code, word = token[:2], token[2:]
        if code == "? ":
            continue
        kind = {"  ": "same", "+ ": "added", "- ": "removed"}[code]
        if lines and lines[-1].kind == kind:
            lines[-1] = DiffLine(kind, f"{lines[-1].text} {word}")
        else:
            lines.append(DiffLine(kind, word))
    return lines


def commitment_list(*, network: Network) -> QuerySet[Commitment]:
    return network.rule_commitments.select_related("organisation", "committed_by", "recorded_by")


def uncommitted_organisations(*, network: Network) -> QuerySet[Organisation]:
    return network.organisations.exclude(rule_commitments__network=network).order_by("name")
