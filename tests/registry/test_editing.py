"""Editing the registry through the UI: every form writes through HTTP POST, shows errors next to
the field, and respects roles and network boundaries."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import selectors, services
from netwerkregie.registry.models import (
    Coalition,
    CoalitionParticipation,
    GovernanceUnit,
    GovernanceUnitKind,
    GovernanceUnitMembership,
    Initiative,
    Level,
    Organisation,
    Person,
    Theme,
    ThemeRole,
    ThemeRoleKind,
)
from netwerkregie.registry.warnings import network_warnings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def build(network, org_type, prefix: str = "") -> dict:
    """One object of every kind, with roles, so every page and URL has something to act on."""
    hospital = services.organisation_create(network=network, name=f"{prefix}Ziekenhuis", type=org_type())
    gp = services.organisation_create(network=network, name=f"{prefix}Huisartsen", type=org_type("gp"))
    person = services.person_create(network=network, name=f"{prefix}Anna de Vries", organisation=hospital,
                                    email="anna@example.org")
    theme = services.theme_create(network=network, name=f"{prefix}Ouderen")
    coalition = services.coalition_create(network=network, theme=theme, name=f"{prefix}Valpreventie",
                                          organisations=[hospital, gp])
    unit = services.governance_unit_create(network=network, kind=GovernanceUnitKind.FUNDAMENT,
                                           name=f"{prefix}Netwerkberaad")
    return {
        "organisation": hospital, "gp": gp, "person": person, "theme": theme, "coalition": coalition,
        "governance_unit": unit,
        "initiative": services.initiative_create(coalition=coalition, name=f"{prefix}Beweegmaatje"),
        "theme_role": services.theme_role_add(theme=theme, person=person, kind=ThemeRoleKind.BOARD_LEAD),
        "participation": coalition.participations.get(organisation=hospital),
        "unit_membership": services.unit_membership_add(unit=unit, person=person, level=Level.STRATEGIC),
    }


@pytest.fixture
def objs(network, org_type) -> dict:
    return build(network, org_type)


def url(name: str, network, **kwargs) -> str:
    return reverse(f"registry:{name}", kwargs={"network": network.slug, **kwargs})


def errors_of(html: str, field: str) -> str:
    """The error text rendered right under the field `field` ('' when there is none)."""
    match = re.search(rf'id="id_{field}_errors">(.*?)</div>\s*</div>', html, re.S)
    return re.sub(r"<[^>]+>", " ", match.group(1)) if match else ""


# Organisations, people, themes, units: create, edit, delete ---------------------------------


def test_create_edit_and_delete_an_organisation(logged_in_client, network, org_type):
    client = logged_in_client
    assert client.get(url("organisation_create", network)).status_code == 200
    noord = network.municipalities.get(name="Noorddorp")
    response = client.post(url("organisation_create", network), {
        "name": "Wijkteam Noord", "type": org_type("welfare").pk, "municipality": noord.pk,
        "website": "wijkteam.example.org", "notes": "Sociaal wijkteam"})
    organisation = Organisation.objects.get(network=network, name="Wijkteam Noord")
    assert response.status_code == 302 and response["Location"] == organisation.get_absolute_url()
    assert organisation.municipality == noord and organisation.website == "https://wijkteam.example.org"
    assert "Wijkteam Noord" in client.get(response["Location"]).content.decode()

    response = client.post(url("organisation_update", network, pk=organisation.pk), {
        "name": "Wijkteam Noorddorp", "type": org_type("welfare").pk, "municipality": "", "website": "",
        "notes": ""})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Wijkteam Noorddorp" and organisation.municipality is None
    assert "Wijkteam Noorddorp" in client.get(network.get_absolute_url()).content.decode()

    assert "Wijkteam Noorddorp" in client.get(url("organisation_delete", network, pk=organisation.pk)).content.decode()
    response = client.post(url("organisation_delete", network, pk=organisation.pk))
    assert response.status_code == 302 and response["Location"] == url("organisation_list", network)
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    html = client.get(response["Location"]).content.decode()
    assert "“Wijkteam Noorddorp”" in html and ">Wijkteam Noorddorp</a>" not in html  # message, no row


def test_invalid_input_is_shown_next_to_the_field_and_nothing_is_saved(logged_in_client, network, org_type):
    response = logged_in_client.post(url("organisation_create", network),
                                     {"name": "", "type": org_type().pk, "website": "geen adres"})
    html = response.content.decode()
    assert response.status_code == 200
    assert errors_of(html, "name") and errors_of(html, "website") and not errors_of(html, "type")
    assert 'value="geen adres"' in html  # the input is kept
    assert not Organisation.objects.filter(network=network).exists()


def test_a_duplicate_name_is_refused_by_the_service_and_shown(logged_in_client, network, objs, org_type):
    response = logged_in_client.post(url("organisation_create", network),
                                     {"name": "Ziekenhuis", "type": org_type("ggd").pk})
    html = response.content.decode()
    assert response.status_code == 200 and "bestaat al" in errors_of(html, "name")
    assert Organisation.objects.filter(network=network, name="Ziekenhuis").count() == 1


def test_a_choice_from_another_network_is_refused(logged_in_client, network, make_network, org_type):
    other = make_network("regio-ander")
    foreign = services.organisation_create(network=other, name="Vreemd", type=org_type())
    response = logged_in_client.post(url("person_create", network), {"name": "Piet", "organisation": foreign.pk})
    assert response.status_code == 200 and errors_of(response.content.decode(), "organisation")
    assert not Person.objects.filter(name="Piet").exists()
    # And the form never offers it.
    assert "Vreemd" not in logged_in_client.get(url("person_create", network)).content.decode()


def test_a_person_is_added_from_their_organisations_page(logged_in_client, network, objs):
    organisation = objs["gp"]
    link = f'{url("person_create", network)}?organisation={organisation.pk}'
    assert link in logged_in_client.get(organisation.get_absolute_url()).content.decode()
    html = logged_in_client.get(link).content.decode()
    assert f'<option value="{organisation.pk}" selected>Huisartsen</option>' in html
    logged_in_client.post(url("person_create", network), {"name": "Bram Bakker", "organisation": organisation.pk,
                                                          "function": "Huisarts"})
    assert Person.objects.get(name="Bram Bakker").organisation == organisation


def test_people_personal_data_is_editable_and_deletable(logged_in_client, network, objs):
    client, person = logged_in_client, objs["person"]
    response = client.post(url("person_update", network, pk=person.pk), {
        "name": "Anna Jansen", "organisation": objs["gp"].pk, "function": "Huisarts",
        "email": "anna.jansen@example.org", "phone": "06 12345678"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.organisation, person.email, person.phone) == (
        "Anna Jansen", objs["gp"], "anna.jansen@example.org", "06 12345678")
    html = client.get(person.get_absolute_url()).content.decode()
    assert "anna.jansen@example.org" in html and "06 12345678" in html

    response = client.post(url("person_update", network, pk=person.pk), {"name": "Anna", "email": "geen-mail"})
    assert errors_of(response.content.decode(), "email")
    person.refresh_from_db()
    assert person.email == "anna.jansen@example.org"

    # The confirmation names every role that goes with the person.
    erase = reverse("assessments:person_erase", args=[network.slug, person.pk])
    html = client.get(erase).content.decode()
    assert 'id="erased-data"' in html and "Ouderen" in html and "Netwerkberaad" in html
    client.post(erase, {"confirm_name": person.name})
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not ThemeRole.objects.exists() and not GovernanceUnitMembership.objects.exists()


def test_deleting_an_organisation_says_what_goes_with_it(logged_in_client, network, objs):
    html = logged_in_client.get(url("organisation_delete", network, pk=objs["organisation"].pk)).content.decode()
    assert "Ziekenhuis in Valpreventie" in html  # its participation is deleted too
    assert re.search(r'id="unlinked".*Personen: 1</li>', html, re.S)  # Anna only loses her organisation
    logged_in_client.post(url("organisation_delete", network, pk=objs["organisation"].pk))
    objs["person"].refresh_from_db()
    assert objs["person"].organisation is None
    assert list(objs["coalition"].participations.values_list("organisation__name", flat=True)) == ["Huisartsen"]


def test_create_edit_and_delete_a_theme(logged_in_client, network, objs):
    client = logged_in_client
    response = client.post(url("theme_create", network), {"name": "Jeugd", "description": "Opgroeien",
                                                           "challenge": "youth"})
    theme = Theme.objects.get(network=network, name="Jeugd")
    assert response["Location"] == theme.get_absolute_url() and theme.challenge == "youth"
    client.post(url("theme_update", network, pk=theme.pk), {"name": "Jeugd en gezin", "challenge": "youth"})
    theme.refresh_from_db()
    assert theme.name == "Jeugd en gezin"
    assert "Jeugd en gezin" in client.get(url("theme_list", network)).content.decode()

    html = client.get(url("theme_delete", network, pk=objs["theme"].pk)).content.decode()
    assert "Valpreventie" in html and "Beweegmaatje" in html  # coalition and its initiative go along
    client.post(url("theme_delete", network, pk=objs["theme"].pk))
    assert not Theme.objects.filter(pk=objs["theme"].pk).exists()
    assert not Coalition.objects.filter(network=network).exists()


def test_edit_and_delete_a_coalition(logged_in_client, network, objs):
    client, coalition = logged_in_client, objs["coalition"]
    other_theme = services.theme_create(network=network, name="Preventie")
    response = client.post(url("coalition_update", network, pk=coalition.pk), {
        "name": "Valpreventie 65+", "theme": other_theme.pk, "sub_task": "Minder valongevallen",
        "form": "programme", "status": "paused", "decision_principle": "consent"})
    assert response.status_code == 302
    coalition.refresh_from_db()
    assert (coalition.name, coalition.theme, coalition.form, coalition.status, coalition.decision_principle) == (
        "Valpreventie 65+", other_theme, "programme", "paused", "consent")
    assert "Valpreventie 65+" in client.get(other_theme.get_absolute_url()).content.decode()

    html = client.get(url("coalition_delete", network, pk=coalition.pk)).content.decode()
    assert "Beweegmaatje" in html and "Huisartsen in Valpreventie 65+" in html
    response = client.post(url("coalition_delete", network, pk=coalition.pk))
    assert response["Location"] == url("coalition_list", network)
    assert not Coalition.objects.filter(pk=coalition.pk).exists()
    assert not Initiative.objects.exists() and not CoalitionParticipation.objects.exists()


def test_create_edit_and_delete_a_governance_unit(logged_in_client, network, objs):
    client = logged_in_client
    response = client.post(url("governance_unit_create", network), {
        "kind": GovernanceUnitKind.DATA_RESEARCH_TEAM, "name": "Datateam", "description": "Cijfers"})
    unit = GovernanceUnit.objects.get(network=network, name="Datateam")
    assert response["Location"] == unit.get_absolute_url() == f"/n/{network.slug}/units/{unit.pk}/"
    client.post(url("governance_unit_update", network, pk=unit.pk),
                {"kind": "other", "name": "Data- en onderzoeksteam"})
    unit.refresh_from_db()
    assert (unit.kind, unit.name) == ("other", "Data- en onderzoeksteam")
    assert "Data- en onderzoeksteam" in client.get(url("governance_unit_list", network)).content.decode()
    client.post(url("governance_unit_delete", network, pk=unit.pk))
    assert not GovernanceUnit.objects.filter(pk=unit.pk).exists()


# Roles inside a parent: add, end today, edit, delete -----------------------------------------


def test_theme_roles_on_the_theme_page(logged_in_client, network, objs):
    client, theme = logged_in_client, objs["theme"]
    coordinator = services.person_create(network=network, name="Bram Bakker")
    html = client.get(theme.get_absolute_url()).content.decode()
    assert url("theme_role_create", network, parent=theme.pk) in html  # the inline add form

    response = client.post(url("theme_role_create", network, parent=theme.pk), {
        "person": coordinator.pk, "kind": ThemeRoleKind.COORDINATOR, "start_date": "2025-01-01"})
    assert response["Location"] == theme.get_absolute_url()
    role = ThemeRole.objects.get(theme=theme, person=coordinator)
    assert role.kind == ThemeRoleKind.COORDINATOR and role.start_date == datetime.date(2025, 1, 1)
    assert "Bram Bakker" in client.get(theme.get_absolute_url()).content.decode()

    client.post(url("theme_role_end", network, pk=role.pk))
    role.refresh_from_db()
    assert role.end_date == timezone.localdate()
    html = client.get(theme.get_absolute_url()).content.decode()
    assert url("theme_role_end", network, pk=role.pk) not in html  # ended already
    assert url("theme_role_end", network, pk=objs["theme_role"].pk) in html

    client.post(url("theme_role_update", network, pk=role.pk), {
        "person": coordinator.pk, "kind": ThemeRoleKind.COORDINATOR, "start_date": "2025-01-01",
        "end_date": "2025-06-30"})
    role.refresh_from_db()
    assert role.end_date == datetime.date(2025, 6, 30) and not role.is_active
    # The ended role is history: the dashboard warns again that the theme lacks a coordinator.
    assert [w.code for w in network_warnings(network=network)
            if w.url == theme.get_absolute_url()] == ["theme_without_coordinator"]

    client.post(url("theme_role_delete", network, pk=role.pk))
    assert not ThemeRole.objects.filter(pk=role.pk).exists()


def test_participations_on_the_coalition_page(logged_in_client, network, objs, org_type):
    client, coalition = logged_in_client, objs["coalition"]
    ggd = services.organisation_create(network=network, name="GGD", type=org_type("ggd"))
    create = url("participation_create", network, parent=coalition.pk)
    assert create in client.get(coalition.get_absolute_url()).content.decode()
    response = client.post(create, {"organisation": ggd.pk, "contribution_people": "0.5",
                                    "contribution_money": "25000", "contribution_knowledge": "Monitor",
                                    "start_date": "2025-03-01"})
    assert response["Location"] == coalition.get_absolute_url()
    participation = coalition.participations.get(organisation=ggd)
    assert (participation.contribution_people, participation.contribution_money,
            participation.contribution_knowledge) == (Decimal("0.5"), Decimal("25000"), "Monitor")
    matrix = selectors.contribution_matrix(network=network)
    assert [cell is not None for org, cells in matrix.rows if org == ggd for cell in cells] == [True]

    # The service refuses a second current participation: the message sits at the field.
    response = client.post(create, {"organisation": ggd.pk})
    assert response.status_code == 200 and errors_of(response.content.decode(), "organisation")
    assert coalition.participations.filter(organisation=ggd).count() == 1

    client.post(url("participation_end", network, pk=participation.pk))
    participation.refresh_from_db()
    assert participation.end_date == timezone.localdate()
    client.post(url("participation_update", network, pk=participation.pk), {
        "organisation": ggd.pk, "contribution_people": "1", "start_date": "2025-03-01", "end_date": "2025-12-31"})
    participation.refresh_from_db()
    assert participation.contribution_people == Decimal("1") and participation.contribution_money is None
    assert participation.end_date == datetime.date(2025, 12, 31)

    client.cookies["django_language"] = "en"
    html = client.get(url("participation_delete", network, pk=participation.pk)).content.decode()
    assert "GGD in Valpreventie" in html and "end it instead" in html
    client.post(url("participation_delete", network, pk=participation.pk))
    assert not CoalitionParticipation.objects.filter(pk=participation.pk).exists()


def test_initiatives_inside_a_coalition(logged_in_client, network, objs):
    client, coalition = logged_in_client, objs["coalition"]
    create = url("initiative_create", network, parent=coalition.pk)
    # An end before the start is refused by the service and shown at the end date.
    response = client.post(create, {"name": "Valcursus", "status": "planned", "start_date": "2025-05-01",
                                    "end_date": "2025-04-01"})
    html = response.content.decode()
    assert response.status_code == 200 and errors_of(html, "end_date") and not errors_of(html, "name")
    assert not Initiative.objects.filter(name="Valcursus").exists()

    response = client.post(create, {"name": "Valcursus", "status": "running", "start_date": "2025-05-01",
                                    "end_date": "2025-09-01"})
    initiative = Initiative.objects.get(name="Valcursus")
    assert response["Location"] == coalition.get_absolute_url() and initiative.coalition == coalition
    assert "Valcursus" in client.get(coalition.get_absolute_url()).content.decode()
    client.post(url("initiative_update", network, pk=initiative.pk), {"name": "Valcursus 2025", "status": "completed"})
    initiative.refresh_from_db()
    assert (initiative.name, initiative.status, initiative.start_date) == ("Valcursus 2025", "completed", None)
    client.post(url("initiative_delete", network, pk=initiative.pk))
    assert not Initiative.objects.filter(pk=initiative.pk).exists()


def test_unit_memberships_on_the_unit_page(logged_in_client, network, objs):
    client, unit = logged_in_client, objs["governance_unit"]
    bram = services.person_create(network=network, name="Bram Bakker")
    response = client.post(url("unit_membership_create", network, parent=unit.pk), {
        "person": bram.pk, "level": Level.TACTICAL, "role_title": "Voorzitter", "start_date": "2024-01-01"})
    assert response["Location"] == unit.get_absolute_url()
    seat = unit.memberships.get(person=bram)
    assert (seat.level, seat.role_title) == (Level.TACTICAL, "Voorzitter")
    assert "Voorzitter" in client.get(unit.get_absolute_url()).content.decode()

    response = client.post(url("unit_membership_create", network, parent=unit.pk), {"person": bram.pk})
    assert errors_of(response.content.decode(), "level") and unit.memberships.count() == 2

    client.post(url("unit_membership_end", network, pk=seat.pk))
    seat.refresh_from_db()
    assert seat.end_date == timezone.localdate()
    client.post(url("unit_membership_delete", network, pk=seat.pk))
    assert not GovernanceUnitMembership.objects.filter(pk=seat.pk).exists()


def test_inline_forms_answer_htmx_in_place(logged_in_client, network, objs):
    create = url("unit_membership_create", network, parent=objs["governance_unit"].pk)
    response = logged_in_client.post(create, {"person": objs["person"].pk}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<nav" not in html and html.lstrip().startswith("<form")
    assert errors_of(html, "level")
    response = logged_in_client.post(create, {"person": objs["person"].pk, "level": Level.OPERATIONAL},
                                     HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == objs["governance_unit"].get_absolute_url()
    assert objs["governance_unit"].memberships.filter(level=Level.OPERATIONAL).exists()


# Roles and boundaries -------------------------------------------------------------------------


def object_urls(network, objs: dict) -> list[str]:
    """Every URL that writes to, or inside, one of the objects in `objs`."""
    urls = [url("theme_role_create", network, parent=objs["theme"].pk),
            url("participation_create", network, parent=objs["coalition"].pk),
            url("initiative_create", network, parent=objs["coalition"].pk),
            url("unit_membership_create", network, parent=objs["governance_unit"].pk)]
    for kind in ("organisation", "person", "theme", "coalition", "governance_unit", "initiative", "theme_role",
                 "participation", "unit_membership"):
        urls += [url(f"{kind}_update", network, pk=objs[kind].pk),
                 url(f"{kind}_delete", network, pk=objs[kind].pk) if kind != "person"
                 else reverse("assessments:person_erase", args=[network.slug, objs[kind].pk])]
    urls += [url(f"{kind}_end", network, pk=objs[kind].pk)
             for kind in ("theme_role", "participation", "unit_membership")]
    return urls


def write_urls(network, objs: dict) -> list[str]:
    """Every create, edit, end and delete URL of the registry."""
    return [url(f"{kind}_create", network) for kind in ("organisation", "person", "theme", "governance_unit",
                                                         "coalition")] + object_urls(network, objs)


def test_viewers_read_but_every_write_is_403(network, objs, make_user):
    viewer = make_user("kijker")
    services.membership_set(network=network, user=viewer, role=NetworkRole.VIEWER)
    client = Client()
    client.force_login(viewer)
    for target in write_urls(network, objs):
        assert client.post(target, {"name": "Gewijzigd"}).status_code == 403, target
        if not target.endswith("/end/"):
            assert client.get(target).status_code == 403, target
    assert Organisation.objects.filter(network=network, name="Gewijzigd").count() == 0
    assert Organisation.objects.filter(network=network).count() == 2 and ThemeRole.objects.get().end_date is None


def test_buttons_only_for_roles_that_may_use_them(network, objs, make_user):
    pages = {url("organisation_list", network): url("organisation_create", network),
             url("person_list", network): url("person_create", network),
             url("theme_list", network): url("theme_create", network),
             url("coalition_list", network): url("coalition_create", network),
             url("governance_unit_list", network): url("governance_unit_create", network)}
    for kind in ("organisation", "person", "theme", "coalition", "governance_unit"):
        pages[objs[kind].get_absolute_url()] = url(f"{kind}_update", network, pk=objs[kind].pk)
    pages[objs["theme"].get_absolute_url() + "#role"] = url("theme_role_end", network, pk=objs["theme_role"].pk)
    pages[objs["coalition"].get_absolute_url() + "#add"] = url("participation_create", network,
                                                               parent=objs["coalition"].pk)
    for role, shown in [(NetworkRole.VIEWER, False), (NetworkRole.MEMBER, True), (NetworkRole.COORDINATOR, True)]:
        someone = make_user(f"gebruiker-{role}")
        services.membership_set(network=network, user=someone, role=role)
        client = Client()
        client.force_login(someone)
        for page, link in pages.items():
            html = client.get(page.split("#")[0]).content.decode()
            assert (link in html) is shown, (role, page, link)


def test_non_members_and_other_networks_get_404(network, objs, make_network, make_user, org_type, user):
    outsider = Client()
    outsider.force_login(make_user("buitenstaander"))
    for target in write_urls(network, objs):
        assert outsider.get(target).status_code == 404, target
        assert outsider.post(target, {"name": "X"}).status_code == 404, target

    # A member of this network naming objects of another network under this network's slug.
    other = make_network("regio-ander")
    foreign = build(other, org_type, prefix="Vreemd ")
    client = Client()
    client.force_login(user)
    for target in object_urls(network, foreign):
        assert client.get(target).status_code in (404, 405), target  # 405: end is POST only
        assert client.post(target, {"name": "X"}).status_code == 404, target
    assert Organisation.objects.filter(network=other).count() == 2
    assert not Organisation.objects.filter(name="X").exists()
    assert not ThemeRole.objects.filter(end_date__isnull=False).exists()


def test_pages_with_forms_keep_a_constant_query_count(make_network, make_user, org_type):
    def count(size: int) -> list[int]:
        admin = make_user(f"beheerder{size}")
        network = make_network(f"regio-{size}", user=admin)
        objs = build(network, org_type)
        for i in range(size):
            organisation = services.organisation_create(network=network, name=f"Org {i}", type=org_type())
            person = services.person_create(network=network, name=f"Persoon {i}", organisation=organisation)
            services.participation_add(coalition=objs["coalition"], organisation=organisation)
            services.theme_role_add(theme=objs["theme"], person=person, kind=ThemeRoleKind.COORDINATOR)
            services.unit_membership_add(unit=objs["governance_unit"], person=person, level=Level.TACTICAL)
            services.membership_set(network=network, user=make_user(f"lid{size}-{i}"), role="viewer")
        client = Client()
        client.force_login(admin)
        counts = []
        for page in [objs["theme"].get_absolute_url(), objs["coalition"].get_absolute_url(),
                     objs["governance_unit"].get_absolute_url(), url("member_list", network),
                     url("person_create", network), url("organisation_delete", network, pk=objs["organisation"].pk)]:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(page).status_code == 200
            counts.append(len(queries))
        return counts

    assert count(3) == count(30)
