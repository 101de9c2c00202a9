"""One Dutch word per concept, real plurals, and plain-language explanations of statistics."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from netwerkregie.registry import services

pytestmark = pytest.mark.django_db


def test_counts_use_singular_and_plural(logged_in_client, network, org_type):
    one = services.theme_create(network=network, name="Ouderen")
    services.theme_create(network=network, name="Jeugd")
    services.coalition_create(network=network, theme=one, name="Valpreventie")
    unit = services.governance_unit_create(network=network, kind="direction_team", name="Regieteam")
    services.unit_membership_add(unit=unit, person=services.person_create(network=network, name="Anna"),
                                 level="tactical")
    dashboard = logged_in_client.get(network.get_absolute_url()).content.decode()
    assert "(1 coalitie)" in dashboard and "(0 coalities)" in dashboard and "1 coalities" not in dashboard
    themes = logged_in_client.get(reverse("registry:theme_list", args=[network.slug])).content.decode()
    assert "(1 coalitie)" in themes
    units = logged_in_client.get(reverse("registry:governance_unit_list", args=[network.slug])).content.decode()
    assert "(1 lid)" in units and "<title>Overlegorganen" in units


def test_menu_and_page_titles_share_one_word(logged_in_client, network):
    rounds = logged_in_client.get(reverse("assessments:round_list", args=[network.slug])).content.decode()
    assert "Uitvragen" not in rounds
    assert rounds.count("Meetrondes") >= 2  # the menu item and the page title


def test_statistical_terms_are_explained_on_hover():
    with translation.override("nl"):
        html = render_to_string("assessments/_stat_table.html", {"stats": []})
    for term in ("sd", "95%-band", "mediaan"):
        assert f">{term}</abbr>" in html, term
    assert 'title="Standaarddeviatie:' in html and 'title="Met 95% zekerheid' in html
