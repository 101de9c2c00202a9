"""Rules of play: the status table, every change kept as a version, the diff, the template, commitments."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from netwerkregie.organising.models import RuleStatus, RuleTopic
from netwerkregie.organising.rule_templates import SALLAND_UNITED, TOPIC_EXAMPLES, TWO_PARTIES_START
from netwerkregie.organising.selectors.rules import version_diff
from netwerkregie.organising.services import rules
from netwerkregie.registry import services

pytestmark = pytest.mark.django_db


def test_status_table_refuses_illegal_steps_naming_the_allowed_ones(network):
    rule = rules.rule_create(network=network, topic="behaviour", title="Afspraak", text="We zijn op tijd.")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        rules.rule_set_status(rule=rule, status=RuleStatus.ADOPTED)
    assert error.value.message_dict["status"] == ["A rule that is draft cannot become adopted; allowed: lapsed, "
                                                  "proposed."]
    for status in (RuleStatus.PROPOSED, RuleStatus.ADOPTED, RuleStatus.TO_EVALUATE, RuleStatus.REVISED,
                   RuleStatus.ADOPTED, RuleStatus.LAPSED):
        rules.rule_set_status(rule=rule, status=status)
    with pytest.raises(ValidationError):
        rules.rule_update(rule=rule, text="Nieuw")
    assert list(rule.versions.values_list("status", flat=True)) == [
        "draft", "proposed", "adopted", "to_evaluate", "revised", "adopted", "lapsed"]


def test_every_text_change_is_a_version_and_two_versions_compare(network):
    rule = rules.rule_create(network=network, topic="informing", title="Informeren", text="We informeren elkaar.")
    rules.rule_update(rule=rule, text="We informeren elkaar vooraf.", note="vooraf")
    rules.rule_update(rule=rule, evaluation_date=datetime.date(2027, 1, 1))  # no text change: no version
    first, second = rule.versions.order_by("number")
    assert (first.text, second.text, second.note) == ("We informeren elkaar.", "We informeren elkaar vooraf.",
                                                      "vooraf")
    diff = version_diff(first, second)
    assert [(d.kind, d.text) for d in diff] == [("same", "Informeren\nWe informeren"), ("removed", "elkaar."),
                                                ("added", "elkaar vooraf.")]


def test_rule_page_shows_the_diff(network, user):
    rule = rules.rule_create(network=network, topic="informing", title="Informeren", text="Een twee drie")
    rules.rule_update(rule=rule, text="Een vier drie")
    client = Client()
    client.force_login(user)
    page = client.get(reverse("organising:rule_detail", args=[network.slug, rule.pk]) + "?a=1&b=2").content.decode()
    assert '<del class="bg-danger-subtle">twee</del>' in page and '<ins class="bg-success-subtle">vier</ins>' in page


def test_adopting_decision_must_have_passed(builder):
    proposal = builder.proposal()
    with pytest.raises(ValidationError, match="adopted by a decision that passed"):
        rules.rule_create(network=builder.network, topic="behaviour", title="X", text="Y", adopted_by=proposal)


def test_template_has_ten_rules_in_both_languages_and_an_example_per_topic(network):
    assert len(SALLAND_UNITED) == 10 and set(TOPIC_EXAMPLES) == set(RuleTopic.values)
    english = rules.rules_from_template(network=network, language="en")
    assert len(english) == 10 and english[0].title == "Taking part is a commitment"
    assert rules.rules_from_template(network=network, language="nl") == []  # taken once
    rule_8 = network.rules.get(template_key=TWO_PARTIES_START)
    assert "needs no approval" in rule_8.text


def test_commitments_record_who_when_and_by_whom(builder, org_type):
    organisation = builder.organisations[0]
    person = services.person_create(network=builder.network, name="Bestuurder", organisation=organisation)
    other = services.person_create(network=builder.network, name="Ander", organisation=builder.organisations[1])
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="works for another organisation"):
        rules.commitment_record(network=builder.network, organisation=organisation, committed_on=today,
                                committed_by=other)
    with pytest.raises(ValidationError, match="future"):
        rules.commitment_record(network=builder.network, organisation=organisation,
                                committed_on=today + datetime.timedelta(days=1))
    commitment = rules.commitment_record(network=builder.network, organisation=organisation, committed_on=today,
                                         committed_by=person, recorded_by=builder.coordinator)
    assert (commitment.committed_by, commitment.recorded_by) == (person, builder.coordinator)
    again = rules.commitment_record(network=builder.network, organisation=organisation,
                                    committed_on=today - datetime.timedelta(days=3))
    assert again.pk == commitment.pk and builder.network.rule_commitments.count() == 1
