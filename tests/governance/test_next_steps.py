"""Where a missing advice input gets filled in: decided by the selectors, shown by the page per role."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from netwerkregie.governance import selectors
from netwerkregie.registry import services

pytestmark = pytest.mark.django_db


def test_each_missing_input_names_its_page():
    steps = {key: [(s.url_name, s.coordinator_only) for s in selectors.AdviceInput(key, None, "missing").next_steps]
             for key in ("participants", "centralization", "trust_density", "goal_consensus")}
    assert steps == {
        "participants": [("registry:organisation_list", False)],
        "centralization": [("registry:coalition_list", False)],
        "trust_density": [("assessments:round_list", False)],  # only the survey measures trust
        "goal_consensus": [("assessments:round_list", False), ("governance:profile_edit", True)],
    }


def test_only_a_coordinator_is_offered_the_estimate_by_hand(network, logged_in_client, make_user):
    url = reverse("governance:advice", kwargs={"network": network.slug})
    edit = reverse("governance:profile_edit", kwargs={"network": network.slug})
    rounds = reverse("assessments:round_list", kwargs={"network": network.slug})
    viewer = make_user("kijker")
    services.membership_set(network=network, user=viewer, role="viewer")
    as_viewer = Client()
    as_viewer.force_login(viewer)
    admin_html = logged_in_client.get(url).content.decode()
    viewer_html = as_viewer.get(url).content.decode()
    assert rounds in admin_html and rounds in viewer_html
    assert f'href="{edit}">Voer handmatig een schatting in' in admin_html
    assert edit not in viewer_html and "Voer handmatig een schatting in" not in viewer_html
