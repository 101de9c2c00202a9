"""Every registry page renders real content for members and is a 404 for everyone else."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from netwerkregie.core.roles import NetworkRole
from netwerkregie.demo.generator import build_demo
from netwerkregie.registry import services
from netwerkregie.registry.models import Coalition, GovernanceUnit, Organisation, Person, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return build_demo()


def page_urls(network):
    base = f"/n/{network.slug}"
    return {
        f"{base}/": "Valpreventie 65+",
        f"{base}/?sort=coalitions&type=hospital": "Streekziekenhuis Aldermeer",
        f"{base}/search/?q=wijk": "Samen sterk in de wijk",
        f"{base}/organisations/": "GGD Regio Voorbeeld",
        f"{base}/people/": Person.objects.filter(network=network).first().name,
        f"{base}/themes/": "Mentale gezondheid",
        f"{base}/coalitions/": "Wijkgerichte GGZ",
        f"{base}/units/": "Bestuurlijke regiegroep",
        Organisation.objects.get(network=network, name="GGZ Veenland").get_absolute_url(): "Wijkgerichte GGZ",
        # A viewer sees name and function; e-mail only from member up (the network's setting).
        Person.objects.filter(network=network).first().get_absolute_url(): Person.objects.filter(
            network=network).first().function,
        Theme.objects.get(network=network, name="Mentale gezondheid").get_absolute_url(): "Wijkgerichte GGZ",
        Coalition.objects.get(network=network, name="Wijkgerichte GGZ").get_absolute_url(): "GGZ Veenland",
        GovernanceUnit.objects.get(network=network, name="Regieteam").get_absolute_url(): "Regieteam",
    }


def test_member_sees_every_page(demo):
    client = Client()
    client.login(username="viewer", password="viewer")
    for url, expected in page_urls(demo).items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert expected in response.content.decode(), url


def test_non_member_gets_404_everywhere(demo, make_user):
    client = Client()
    client.force_login(make_user("buitenstaander"))
    for url in page_urls(demo):
        assert client.get(url).status_code == 404, url


def test_anonymous_is_sent_to_login(demo):
    response = Client().get(f"/n/{demo.slug}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_matrix_partial_for_htmx(demo):
    client = Client()
    client.login(username="demo", password="demo")
    response = client.get(f"/n/{demo.slug}/?municipality=Dijkstede", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    # The matrix with its slice controls, without the page around it.
    assert 'id="contribution-matrix"' in html and 'id="matrix-slice"' in html and "<html" not in html
    assert "navbar" not in html
    assert "Wonen Dijkstede" in html and "Gemeente Aldermeer" not in html


def test_dutch_by_default_and_english_switch(demo):
    client = Client()
    client.login(username="demo", password="demo")
    html = client.get(f"/n/{demo.slug}/", HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert '<html lang="nl">' in html and "Wie draagt waar aan bij" in html and "Ziekenhuis" in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(f"/n/{demo.slug}/").content.decode()
    assert '<html lang="en">' in html and "Who contributes where" in html


@pytest.mark.parametrize("path", ["/", "/organisations/", "/coalitions/", "/themes/"])
def test_pages_keep_a_constant_query_count(path, make_network, user, org_type):
    def count(size):
        network = make_network(f"regio-{size}", user=user)
        from netwerkregie.registry import services
        theme = services.theme_create(network=network, name="Thema")
        orgs = [services.organisation_create(network=network, name=f"Org {i}", type=org_type()) for i in range(size)]
        for i in range(0, size, 5):
            services.coalition_create(network=network, theme=theme, name=f"Coalitie {i}", organisations=orgs[i:i + 3])
        client = Client()
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/n/{network.slug}{path}").status_code == 200
        return len(queries)

    assert count(10) == count(200)


def test_the_dashboard_shows_the_dip_and_the_structure_of_the_network(demo, network, org_type, make_user):
    client = Client()
    client.login(username="viewer", password="viewer")
    page = client.get(f"/n/{demo.slug}/").content.decode()
    assert 'dip-headline" role="status" data-code="network_dip" data-status="recovery"' in page
    assert "Netwerkdip, Netwerkmonitor 2026: herstel" in page

    theme = services.theme_create(network=network, name="Thema")
    coalition = services.coalition_create(network=network, theme=theme, name="Samen")
    for name in ["Huisarts", "Wijkteam"]:
        services.participation_add(coalition=coalition, organisation=services.organisation_create(
            network=network, name=name, type=org_type()))
    services.organisation_create(network=network, name="Eenling", type=org_type())
    services.membership_set(network=network, user=make_user("bezoeker", password="bezoeker"), role=NetworkRole.VIEWER)
    client.login(username="bezoeker", password="bezoeker")
    page = client.get(f"/n/{network.slug}/").content.decode()
    assert 'id="structural-warnings"' in page
    assert 'data-code="isolated_partner"' in page and "Eenling" in page
    assert "dip-warning" not in page
