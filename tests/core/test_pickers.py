"""Search pickers: above the threshold a form lists no choices but searches them (core.pickers).

The threshold is lowered for the tests instead of building thousands of organisations.
"""

import pytest
from django.test import Client
from django.urls import reverse

from netwerkregie.core import pickers
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services
from netwerkregie.registry.models import Coalition, ThemeRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_threshold(monkeypatch):
    monkeypatch.setattr(pickers, "PICKER_THRESHOLD", 3)


@pytest.fixture
def crowded(network, org_type):
    """Six organisations and a person at each, among them names with accents."""
    names = ["Gemeente Émmen", "GGD Noord", "Huisartsen Oost", "Welzijn West", "Wijkteam Zuid", "Zorggroep Één"]
    organisations = [services.organisation_create(network=network, name=name, type=org_type()) for name in names]
    people = [services.person_create(network=network, name=f"Persoon {k} van {o.name}", organisation=o,
                                     email=f"p{k}@example.org", phone="0612345678")
              for k, o in enumerate(organisations)]
    return organisations, people


def choices_url(network, kind: str) -> str:
    return reverse("core:choices", kwargs={"network": network.slug, "kind": kind})


def test_coalition_create_page_renders_a_picker_not_every_organisation(logged_in_client, network, crowded,
                                                                        low_threshold):
    html = logged_in_client.get(reverse("registry:coalition_create", kwargs={"network": network.slug})).content.decode()
    assert "data-picker" in html and choices_url(network, "organisations") in html
    assert not any(o.name in html for o in crowded[0])


def test_below_the_threshold_the_checkboxes_stay(logged_in_client, network, crowded):
    html = logged_in_client.get(reverse("registry:coalition_create", kwargs={"network": network.slug})).content.decode()
    assert "data-checklist" in html and "data-picker" not in html
    assert all(o.name in html for o in crowded[0])


def test_create_a_coalition_with_picked_organisations(logged_in_client, network, crowded, low_threshold):
    theme = services.theme_create(network=network, name="Gezond ouder worden")
    picked = crowded[0][1:3]
    response = logged_in_client.post(reverse("registry:coalition_create", kwargs={"network": network.slug}), {
        "name": "Valpreventie", "theme": theme.pk, "form": "project", "status": "active",
        "decision_principle": "consensus", "organisations": [o.pk for o in picked], "q": "ggd"})
    assert response.status_code == 302, response.content.decode()
    coalition = Coalition.objects.get(name="Valpreventie")
    assert set(coalition.participations.values_list("organisation", flat=True)) == {o.pk for o in picked}


def test_a_refused_form_shows_the_picked_organisations_again(logged_in_client, network, crowded, low_threshold):
    theme = services.theme_create(network=network, name="Gezond ouder worden")
    response = logged_in_client.post(reverse("registry:coalition_create", kwargs={"network": network.slug}), {
        "name": "", "theme": theme.pk, "form": "project", "status": "active",
        "decision_principle": "consensus", "organisations": [crowded[0][1].pk]})
    html = response.content.decode()
    assert response.status_code == 200 and "GGD Noord" in html and "Huisartsen Oost" not in html


def test_add_a_theme_role_with_a_picked_person(logged_in_client, network, crowded, low_threshold):
    theme = services.theme_create(network=network, name="Gezond ouder worden")
    url = reverse("registry:theme_role_create", kwargs={"network": network.slug, "parent": theme.pk})
    html = logged_in_client.get(url).content.decode()
    assert choices_url(network, "people") in html and "Persoon" not in html
    person = crowded[1][4]
    response = logged_in_client.post(url, {"person": person.pk, "kind": "coordinator"})
    assert response.status_code == 302, response.content.decode()
    assert ThemeRole.objects.get(theme=theme).person == person
    role = ThemeRole.objects.get(theme=theme)
    edit = logged_in_client.get(reverse("registry:theme_role_update", kwargs={"network": network.slug, "pk": role.pk}))
    assert f'value="{person.pk}"' in edit.content.decode() and "checked" in edit.content.decode()


def test_a_forged_id_of_another_network_is_refused(logged_in_client, network, crowded, make_network, user, org_type,
                                                    low_threshold):
    other = make_network("regio-ander", user=user)
    stranger = services.person_create(network=other, name="Persoon elders",
                                      organisation=services.organisation_create(network=other, name="Elders",
                                                                                type=org_type()))
    theme = services.theme_create(network=network, name="Gezond ouder worden")
    url = reverse("registry:theme_role_create", kwargs={"network": network.slug, "parent": theme.pk})
    response = logged_in_client.post(url, {"person": stranger.pk, "kind": "coordinator"})
    assert response.status_code == 200 and not ThemeRole.objects.exists()
    assert "Persoon elders" not in response.content.decode()
    coalition = logged_in_client.post(reverse("registry:coalition_create", kwargs={"network": network.slug}), {
        "name": "Valpreventie", "theme": theme.pk, "form": "project", "status": "active",
        "decision_principle": "consensus", "organisations": [crowded[0][0].pk, stranger.organisation.pk]})
    assert coalition.status_code == 200 and not Coalition.objects.exists()


def test_search_is_case_and_accent_insensitive_and_leaves_out_the_chosen(logged_in_client, network, crowded):
    organisations = crowded[0]
    html = logged_in_client.get(choices_url(network, "organisations"),
                                {"q": "emmen", "for": "organisations", "multiple": "1"}).content.decode()
    assert "Gemeente Émmen" in html and 'type="checkbox"' in html and 'name="organisations"' in html
    html = logged_in_client.get(choices_url(network, "organisations"),
                                {"q": "een", "for": "organisation"}).content.decode()
    assert "Zorggroep Één" in html and 'type="radio"' in html
    html = logged_in_client.get(choices_url(network, "organisations"), {
        "q": "w", "for": "organisations", "organisations": [organisations[3].pk]}).content.decode()
    assert "Wijkteam Zuid" in html and "Welzijn West" not in html
    empty = logged_in_client.get(choices_url(network, "organisations"), {"for": "x"}).content.decode()
    assert "data-picker-item" not in empty


def test_people_show_name_and_organisation_never_contact_details(logged_in_client, network, crowded):
    html = logged_in_client.get(choices_url(network, "people"), {"q": "persoon 2", "for": "person"}).content.decode()
    assert "Persoon 2 van Huisartsen Oost (Huisartsen Oost)" in html
    assert "example.org" not in html and "0612345678" not in html


def test_archived_people_are_not_offered(logged_in_client, network, crowded):
    services.person_archive(person=crowded[1][0])
    html = logged_in_client.get(choices_url(network, "people"), {"q": "persoon 0", "for": "person"}).content.decode()
    assert "Persoon 0" not in html


def test_results_are_bounded(logged_in_client, network, org_type):
    for k in range(pickers.PICKER_RESULTS + 5):
        services.organisation_create(network=network, name=f"Zorgpartner {k:02d}", type=org_type())
    url = choices_url(network, "organisations")
    html = logged_in_client.get(url, {"q": "zorgpartner", "for": "o"}).content.decode()
    assert html.count("data-picker-item") == pickers.PICKER_RESULTS
    assert "Zorgpartner 00" in html and f"Zorgpartner {pickers.PICKER_RESULTS}" not in html
    assert "data-picker-more" in html


def test_a_viewer_may_search(make_user, network, crowded):
    viewer = make_user("kijker")
    services.membership_set(network=network, user=viewer, role=NetworkRole.VIEWER)
    client = Client()
    client.force_login(viewer)
    assert "GGD Noord" in client.get(choices_url(network, "organisations"), {"q": "ggd", "for": "o"}).content.decode()


def test_another_networks_member_gets_404_and_never_its_objects(make_user, make_network, network, crowded, org_type):
    outsider = make_user("buitenstaander")
    own = make_network("regio-ander", user=outsider)
    services.organisation_create(network=own, name="GGD Elders", type=org_type())
    client = Client()
    client.force_login(outsider)
    assert client.get(choices_url(network, "organisations"), {"q": "ggd", "for": "o"}).status_code == 404
    html = client.get(choices_url(own, "organisations"), {"q": "ggd", "for": "o"}).content.decode()
    assert "GGD Elders" in html and "GGD Noord" not in html
    anonymous = Client().get(choices_url(network, "organisations"), {"q": "ggd", "for": "o"})
    assert anonymous.status_code == 302


def test_unknown_kind_or_bad_field_name_is_404(logged_in_client, network):
    assert logged_in_client.get(choices_url(network, "users"), {"q": "a", "for": "o"}).status_code == 404
    assert logged_in_client.get(choices_url(network, "people"), {"q": "a", "for": '"><x'}).status_code == 404
