"""The Django admin lists, searches and filters every monitoring and funding model; scores stay read-only."""

from __future__ import annotations

import pytest
from django.apps import apps

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("app", ["monitoring", "funding"])
def test_admin_lists_every_model(admin_client, build_call, app):
    build_call()
    registered = {m._meta.model_name for m in apps.get_app_config(app).get_models()}
    for model in sorted(registered - {"score", "conflictofinterest", "criterion", "applicationpartner",
                                      "financierresponse", "arenaentry"}):  # shown inline
        response = admin_client.get(f"/admin/{app}/{model}/", {"q": "a"})
        assert response.status_code == 200, model


def test_an_open_calls_criteria_and_scores_are_read_only_in_the_admin(admin_client, build_call):
    assessed = build_call()
    call_page = admin_client.get(f"/admin/funding/call/{assessed.call.pk}/change/")
    assert call_page.status_code == 200
    assert 'name="criteria-0-weight"' not in call_page.content.decode()  # frozen: shown, not editable
    assessor_page = admin_client.get(f"/admin/funding/assessor/{assessed.assessors['P2'].pk}/change/")
    assert assessor_page.status_code == 200
    html = assessor_page.content.decode()
    assert "Reden P2 A" in html and 'name="scores-0-score"' not in html
