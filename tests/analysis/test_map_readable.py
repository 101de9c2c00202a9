"""The readable map: the analysis page's tie count, the strongest ties drawn by default, type groups, names."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from relation_helpers import coalition, org, relation, report, respondent, survey_round, theme

from netwerkregie.analysis.map.groups import GROUP_COLOURS, TYPE_GROUPS, TypeGroup, type_group
from netwerkregie.analysis.map.selectors import COUNT_DIFFERS, MapFilters, map_data
from netwerkregie.analysis.map.strongest import STRONGEST_PER_ORGANISATION
from netwerkregie.analysis.map.svg import FONT_SIZE, drawn_ties, map_svg
from netwerkregie.analysis.selectors import network_analysis
from netwerkregie.registry.models import OrganisationType, SurveyTies
from netwerkregie.registry.reference import ORGANISATION_TYPES

pytestmark = pytest.mark.django_db
TYPES = ("municipality", "hospital", "welfare", "housing", "gp", "client_council", "police", "health_insurer")


@pytest.fixture
def hairball(network):
    """Eight organisations in one coalition (28 co-membership ties), a funding tie and survey reports.

    The hospital and the municipality are also tied by hand (funding) and by the survey, so that pair
    is the strongest tie of both; two respondents of the GP practice report the welfare organisation.
    """
    network.anonymity_minimum = 2
    network.save()
    members = [org(network, f"Organisatie {key}", key) for key in TYPES]
    coalition(network, "Samen sterk", theme(network), members)
    municipality, hospital, welfare, *_rest, gp = members[0], members[1], members[2], *members[3:]
    relation(network, hospital, municipality, "funding")
    round_ = survey_round(network)
    report(respondent(round_, hospital), municipality, "integrated")
    for _ in range(2):
        report(respondent(round_, gp), welfare, "coordinated")
    return network, members


def pairs(edges) -> set[frozenset]:
    return {frozenset((e["data"]["source"], e["data"]["target"])) for e in edges}


@pytest.mark.parametrize("sources", [("survey", "comembership", "manual"), ("comembership",), ("survey", "manual")])
@pytest.mark.parametrize("ties", [None, SurveyTies.AGGREGATED, SurveyTies.PRESENCE])
def test_the_map_counts_the_ties_the_analysis_counts(hairball, sources, ties):
    network, _members = hairball
    data = map_data(network=network, filters=MapFilters(sources=sources, survey_ties=ties))
    analysis = network_analysis(network=network, sources=sources, survey_ties=ties)

    assert data["ties"]["count"] == analysis.edges == len(pairs(data["elements"]["edges"]))
    assert data["ties"]["lines"] == len(data["elements"]["edges"])
    assert data["ties"]["differs"] == []


def test_all_sources_give_more_lines_than_ties_and_admins_see_the_single_report(hairball):
    network, _members = hairball
    admin = map_data(network=network, filters=MapFilters(survey_ties=None))["ties"]
    member = map_data(network=network, filters=MapFilters(survey_ties=SurveyTies.AGGREGATED))["ties"]
    # 28 co-membership ties; the hand-entered and the two survey ties lie on pairs already tied.
    assert admin["count"] == member["count"] == 28
    # Lines: 28 + funding + the hospital's report + the GP's; a member misses the one-respondent report.
    assert (admin["lines"], member["lines"]) == (31, 30)


def test_by_default_each_organisation_keeps_its_strongest_ties(hairball):
    network, members = hairball
    data = map_data(network=network, filters=MapFilters(survey_ties=None))
    ties = data["ties"]
    strong = [e for e in data["elements"]["edges"] if e["data"]["strong"]]

    assert ties["thinned"] and ties["per_organisation"] == STRONGEST_PER_ORGANISATION == 3
    assert ties["strongest"] == len(pairs(strong)) < ties["count"]
    # Every organisation keeps at least its three strongest ties, so none looks isolated.
    ends = [end for e in pairs(strong) for end in e]
    assert all(ends.count(str(m.pk)) >= 3 for m in members)
    # All lines of a strongest tie are drawn together: the heaviest pair (co-membership, funding, survey).
    hospital_municipality = frozenset((str(members[0].pk), str(members[1].pk)))
    lines = [e for e in data["elements"]["edges"] if pairs([e]) == {hospital_municipality}]
    assert len(lines) == 3 and all(e["data"]["strong"] for e in lines)


def test_a_sparse_map_is_not_thinned(network):
    a, b, c = (org(network, name) for name in "ABC")
    relation(network, a, b)
    relation(network, b, c)
    ties = map_data(network=network)["ties"]
    assert (ties["count"], ties["strongest"], ties["thinned"]) == (2, 2, False)


def test_map_only_filters_say_why_the_count_differs(hairball, logged_in_client):
    network, members = hairball
    data = map_data(network=network, filters=MapFilters(kinds=("funding",), survey_ties=None))
    assert data["ties"]["count"] == 1 != network_analysis(network=network).edges
    assert data["ties"]["differs"] == [str(COUNT_DIFFERS["kinds"])]
    # Trust is a filter only admins have; its reason is given only where it applies.
    data = map_data(network=network, filters=MapFilters(min_trust=3, reveal_trust=True, survey_ties=None))
    assert data["ties"]["differs"] == [str(COUNT_DIFFERS["min_trust"])]
    # Over HTTP, in Dutch.
    response = logged_in_client.get(reverse("analysis:map_data", kwargs={"network": network.slug}),
                                             {"kind": "funding"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.json()["ties"]["differs"] == ["Alleen relaties van de gekozen soort tellen mee; de "
                                                  "analysepagina telt alle soorten."]


def test_every_organisation_type_of_the_reference_list_has_a_group():
    assert {key for key, *_rest in ORGANISATION_TYPES} == set(TYPE_GROUPS)
    assert set(GROUP_COLOURS) == set(TypeGroup)
    assert len(set(GROUP_COLOURS.values())) == len(TypeGroup)
    assert type_group("added-later") == TypeGroup.OTHER


def test_nodes_and_legend_are_coloured_by_group(hairball):
    network, members = hairball
    data = map_data(network=network)
    for node in data["elements"]["nodes"]:
        key = OrganisationType.objects.get(pk=node["data"]["type"]).key
        assert node["data"]["group"] == TYPE_GROUPS[key]
        assert node["data"]["colour"] == GROUP_COLOURS[TYPE_GROUPS[key]]
    groups = {g["key"]: g for g in data["legend"]["groups"]}
    assert list(groups) == [g for g in TypeGroup if g in groups]  # legend order
    assert set(groups["care"]["types"]) == {"Ziekenhuis", "Huisartsen(coöperatie)"}
    assert groups["financer"]["colour"] == GROUP_COLOURS[TypeGroup.FINANCER]


def test_names_are_ranked_by_ties(hairball):
    network, members = hairball
    relation(network, members[3], members[4])  # still one pair among many: ranks follow degree, then name
    nodes = map_data(network=network)["elements"]["nodes"]
    ranked = sorted(nodes, key=lambda n: n["data"]["rank"])
    assert sorted(n["data"]["rank"] for n in nodes) == list(range(len(nodes)))
    assert [n["data"]["label"] for n in ranked] == sorted(
        (n["data"]["label"] for n in nodes), key=lambda label: (-next(
            n["data"]["degree"] for n in nodes if n["data"]["label"] == label), label))


def test_the_report_svg_draws_the_strongest_ties_with_names_that_do_not_overlap(hairball):
    network, _members = hairball
    data = map_data(network=network, filters=MapFilters(survey_ties=None))
    root = ET.fromstring(map_svg(data))
    svg = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f".//{svg}line")) == len([e for e in data["elements"]["edges"] if e["data"]["strong"]])
    assert drawn_ties(data) == data["ties"]["strongest"]
    boxes = []
    for text in root.findall(f".//{svg}text"):
        x, y, half = float(text.get("x")), float(text.get("y")), len(text.text) * FONT_SIZE * 0.55 / 2
        boxes.append((x - half, y - FONT_SIZE, x + half, y + 1))
    assert boxes
    for one, other in itertools.combinations(boxes, 2):
        assert not (one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3])
