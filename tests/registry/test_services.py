"""Registry services: every write creates, updates and deletes, validates and refuses other networks."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services
from netwerkregie.registry.models import (
    ApiToken,
    Coalition,
    CoalitionParticipation,
    GovernanceUnit,
    GovernanceUnitKind,
    GovernanceUnitMembership,
    Initiative,
    Level,
    Municipality,
    Network,
    NetworkMembership,
    Organisation,
    Person,
    Theme,
    ThemeRole,
    ThemeRoleKind,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def error_fields(excinfo) -> set[str]:
    return set(excinfo.value.message_dict)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def base(network, org_type):
    """An organisation, person, theme and coalition to hang the other objects on."""
    hospital = services.organisation_create(network=network, name="Ziekenhuis", type=org_type())
    gp = services.organisation_create(network=network, name="Huisartsen", type=org_type("gp"))
    person = services.person_create(network=network, name="Anna", organisation=hospital)
    theme = services.theme_create(network=network, name="Ouderen")
    coalition = services.coalition_create(network=network, theme=theme, name="Valpreventie")
    unit = services.governance_unit_create(network=network, kind=GovernanceUnitKind.FUNDAMENT,
                                           name="Netwerkberaad")
    return {"hospital": hospital, "gp": gp, "person": person, "theme": theme, "coalition": coalition,
            "unit": unit}


@pytest.fixture
def foreign(make_network, org_type):
    """Objects of a second network, to be refused as references."""
    other = make_network("elders", municipalities=["Elderstad"])
    organisation = services.organisation_create(network=other, name="Elders", type=org_type())
    person = services.person_create(network=other, name="Vreemde")
    theme = services.theme_create(network=other, name="Elders thema")
    return {"network": other, "organisation": organisation, "person": person, "theme": theme,
            "municipality": other.municipalities.get()}


# Networks and access ------------------------------------------------------------------


def test_network_create_update_and_municipalities(user, make_user):
    network = services.network_create(creator=user, name="Regio Oost", slug="regio-oost",
                                      municipalities=["Aadorp", " Beekstad ", ""],
                                      start_date=D(2024, 1, 1), societal_task="Gezond leven")
    assert NetworkMembership.objects.get(network=network, user=user).role == NetworkRole.ADMIN
    assert list(network.municipalities.values_list("name", flat=True)) == ["Aadorp", "Beekstad"]

    services.network_update(network=network, name="Regio Oost-Nederland", municipalities=["Beekstad", "Cdorp"])
    network.refresh_from_db()
    assert network.name == "Regio Oost-Nederland" and network.societal_task == "Gezond leven"
    assert list(network.municipalities.values_list("name", flat=True)) == ["Beekstad", "Cdorp"]

    with pytest.raises(ValidationError) as excinfo:
        services.network_create(name="Dubbel", slug="regio-oost")
    assert error_fields(excinfo) == {"slug"}
    with pytest.raises(ValidationError) as excinfo:
        services.network_update(network=network, created_at=None)
    assert error_fields(excinfo) == {"created_at"}


def test_removing_a_municipality_keeps_the_organisation(network, org_type):
    noord = network.municipalities.get(name="Noorddorp")
    organisation = services.organisation_create(network=network, name="GGD", type=org_type("ggd"),
                                                municipality=noord)
    services.network_set_municipalities(network=network, names=["Zuidstad"])
    organisation.refresh_from_db()
    assert organisation.municipality is None
    assert not Municipality.objects.filter(pk=noord.pk).exists()


def test_memberships(network, make_user):
    colleague = make_user("collega")
    membership = services.membership_set(network=network, user=colleague, role=NetworkRole.MEMBER)
    assert membership.has_role(NetworkRole.VIEWER) and not membership.has_role(NetworkRole.COORDINATOR)
    services.membership_set(network=network, user=colleague, role=NetworkRole.COORDINATOR)
    assert NetworkMembership.objects.get(network=network, user=colleague).role == NetworkRole.COORDINATOR
    with pytest.raises(ValidationError) as excinfo:
        services.membership_set(network=network, user=colleague, role="keizer")
    assert error_fields(excinfo) == {"role"}
    services.membership_remove(network=network, user=colleague)
    assert not NetworkMembership.objects.filter(network=network, user=colleague).exists()


def test_api_tokens(user):
    token, plain = services.api_token_create(user=user, name="script")
    assert plain.startswith("nr_") and token.prefix == plain[:8]
    assert plain not in token.digest  # only the digest is stored
    assert services.api_token_authenticate(plain=plain).user == user
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None
    assert services.api_token_authenticate(plain=plain + "x") is None
    user.is_active = False
    user.save()
    assert services.api_token_authenticate(plain=plain) is None
    services.api_token_delete(token=token)
    assert not ApiToken.objects.exists()


# Create, update, delete every object ---------------------------------------------------


def test_organisation_crud(network, org_type):
    zuid = network.municipalities.get(name="Zuidstad")
    organisation = services.organisation_create(network=network, name="GGD", type=org_type("ggd"),
                                                municipality=zuid, website="https://ggd.example.org")
    services.organisation_update(organisation=organisation, name="GGD Regio", type=org_type("welfare"))
    organisation.refresh_from_db()
    assert (organisation.name, organisation.type.key, organisation.municipality) == ("GGD Regio", "welfare", zuid)
    services.organisation_erase(organisation=organisation)
    assert not Organisation.objects.exists()


def test_person_crud_and_erasure(network, base):
    person = services.person_create(network=network, name="Bram", organisation=base["gp"],
                                    email="bram@example.org", phone="0612345678", function="huisarts")
    services.theme_role_add(theme=base["theme"], person=person, kind=ThemeRoleKind.COORDINATOR)
    services.unit_membership_add(unit=base["unit"], person=person, level=Level.OPERATIONAL)
    services.person_update(person=person, organisation=None, function="praktijkhouder")
    person.refresh_from_db()
    assert person.organisation is None and person.function == "praktijkhouder"
    services.person_erase(person=person)
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not ThemeRole.objects.filter(theme=base["theme"]).exists()
    assert not GovernanceUnitMembership.objects.filter(unit=base["unit"]).exists()


def test_deleting_an_organisation_keeps_its_people(network, base):
    services.organisation_erase(organisation=base["hospital"])
    base["person"].refresh_from_db()
    assert base["person"].organisation is None


def test_theme_and_role_crud(network, base):
    theme = services.theme_create(network=network, name="Jeugd", challenge="youth", description="Opgroeien")
    role = services.theme_role_add(theme=theme, person=base["person"], kind=ThemeRoleKind.BOARD_LEAD,
                                   start_date=D(2024, 1, 1))
    services.theme_role_update(role=role, end_date=D(2025, 1, 1))
    role.refresh_from_db()
    assert role.end_date == D(2025, 1, 1) and not role.is_active
    services.theme_update(theme=theme, name="Jeugd en gezin")
    assert Theme.objects.get(pk=theme.pk).name == "Jeugd en gezin"
    services.theme_role_delete(role=role)
    assert not ThemeRole.objects.exists()
    services.theme_role_add(theme=theme, person=base["person"], kind=ThemeRoleKind.COORDINATOR)
    services.theme_delete(theme=theme)
    assert not Theme.objects.filter(pk=theme.pk).exists() and not ThemeRole.objects.exists()


def test_coalition_participation_and_initiative_crud(network, base):
    coalition = services.coalition_create(network=network, theme=base["theme"], name="Wijkteams",
                                          form="alliance", organisations=[base["hospital"], base["gp"]])
    assert coalition.decision_principle == "consensus" and coalition.status == "active"
    assert set(coalition.participations.values_list("organisation__name", flat=True)) == {
        "Ziekenhuis", "Huisartsen"}

    participation = coalition.participations.get(organisation=base["gp"])
    services.participation_update(participation=participation, contribution_people=Decimal("0.8"),
                                  contribution_money=Decimal("25000"), contribution_knowledge="wijkkennis")
    participation.refresh_from_db()
    assert participation.contribution_people == Decimal("0.80")
    assert participation.contribution_money == Decimal("25000.00")
    services.participation_delete(participation=participation)
    assert coalition.participations.count() == 1

    initiative = services.initiative_create(coalition=coalition, name="Pilot", start_date=D(2025, 1, 1))
    services.initiative_update(initiative=initiative, status="running", end_date=D(2025, 6, 1))
    initiative.refresh_from_db()
    assert (initiative.status, initiative.end_date) == ("running", D(2025, 6, 1))
    services.initiative_delete(initiative=initiative)
    assert not Initiative.objects.exists()

    services.coalition_update(coalition=coalition, status="paused", decision_principle="consent")
    assert Coalition.objects.get(pk=coalition.pk).status == "paused"
    services.coalition_delete(coalition=coalition)
    assert not CoalitionParticipation.objects.filter(coalition_id=coalition.pk).exists()


def test_governance_unit_and_membership_crud(network, base):
    unit = services.governance_unit_create(network=network, kind=GovernanceUnitKind.DIRECTION_TEAM,
                                           name="Regieteam", description="Dagelijkse regie")
    seat = services.unit_membership_add(unit=unit, person=base["person"], level=Level.TACTICAL,
                                        role_title="netwerkregisseur")
    services.unit_membership_update(membership=seat, level=Level.STRATEGIC)
    assert GovernanceUnitMembership.objects.get(pk=seat.pk).level == Level.STRATEGIC
    services.governance_unit_update(unit=unit, name="Regieteam Oost")
    assert GovernanceUnit.objects.get(pk=unit.pk).name == "Regieteam Oost"
    services.unit_membership_delete(membership=seat)
    assert not unit.memberships.exists()
    services.governance_unit_delete(unit=unit)
    assert not GovernanceUnit.objects.filter(pk=unit.pk).exists()


def test_updates_refuse_fields_they_do_not_own(base):
    with pytest.raises(ValidationError) as excinfo:
        services.organisation_update(organisation=base["hospital"], network=None)
    assert error_fields(excinfo) == {"network"}
    with pytest.raises(ValidationError) as excinfo:
        services.initiative_update(
            initiative=services.initiative_create(coalition=base["coalition"], name="X"), coalition=None)
    assert error_fields(excinfo) == {"coalition"}


# Validation ---------------------------------------------------------------------------


@pytest.mark.parametrize("create", [
    lambda n, b: services.organisation_create(network=n, name="Ziekenhuis", type=b["gp"].type),
    lambda n, b: services.theme_create(network=n, name="Ouderen"),
    lambda n, b: services.coalition_create(network=n, theme=b["theme"], name="Valpreventie"),
    lambda n, b: services.governance_unit_create(network=n, kind="other", name="Netwerkberaad"),
])
def test_duplicate_names_are_refused(network, base, create):
    with pytest.raises(ValidationError) as excinfo:
        create(network, base)
    # The (network, name) constraint is reported under `name`, the field the user can change.
    assert [error.code for error in excinfo.value.error_dict["name"]] == ["unique_together"]
    assert "__all__" not in excinfo.value.error_dict


def test_the_same_name_in_another_network_is_fine(network, base, foreign, org_type):
    services.organisation_create(network=foreign["network"], name="Ziekenhuis", type=org_type())
    services.theme_create(network=foreign["network"], name="Ouderen")
    assert Organisation.objects.filter(name="Ziekenhuis").count() == 2


@pytest.mark.parametrize("write", [
    lambda b: services.theme_role_add(theme=b["theme"], person=b["person"], kind="coordinator",
                                      start_date=D(2025, 1, 1), end_date=D(2024, 1, 1)),
    lambda b: services.participation_add(coalition=b["coalition"], organisation=b["gp"],
                                         start_date=D(2025, 1, 1), end_date=D(2024, 1, 1)),
    lambda b: services.initiative_create(coalition=b["coalition"], name="X", start_date=D(2025, 1, 1),
                                         end_date=D(2024, 12, 31)),
    lambda b: services.unit_membership_add(unit=b["unit"], person=b["person"], level="strategic",
                                           start_date=D(2025, 1, 1), end_date=D(2024, 1, 1)),
    lambda b: services.theme_role_update(
        role=services.theme_role_add(theme=b["theme"], person=b["person"], kind="coordinator",
                                     start_date=D(2025, 1, 1)), end_date=D(2024, 1, 1)),
    lambda b: services.initiative_update(
        initiative=services.initiative_create(coalition=b["coalition"], name="Y", end_date=D(2025, 1, 1)),
        start_date=D(2025, 2, 1)),
])
def test_end_before_start_is_refused(base, write):
    with pytest.raises(ValidationError) as excinfo:
        write(base)
    assert error_fields(excinfo) == {"end_date"}


@pytest.mark.parametrize("write, field", [
    (lambda n, b: services.organisation_create(network=n, name="X", type=b["gp"].type, website="geen url"),
     "website"),
    (lambda n, b: services.person_create(network=n, name="X", email="geen-adres"), "email"),
    (lambda n, b: services.person_create(network=n, name=""), "name"),
    (lambda n, b: services.theme_create(network=n, name="X", challenge="mars"), "challenge"),
    (lambda n, b: services.theme_role_add(theme=b["theme"], person=b["person"], kind="keizer"), "kind"),
    (lambda n, b: services.coalition_create(network=n, theme=b["theme"], name="X", form="kartel"), "form"),
    (lambda n, b: services.coalition_update(coalition=b["coalition"], status="slapend"), "status"),
    (lambda n, b: services.initiative_create(coalition=b["coalition"], name="X", status="droom"), "status"),
    (lambda n, b: services.governance_unit_create(network=n, kind="raad", name="X"), "kind"),
    (lambda n, b: services.unit_membership_add(unit=b["unit"], person=b["person"], level="top"), "level"),
    (lambda n, b: services.participation_add(coalition=b["coalition"], organisation=b["gp"],
                                             contribution_people=Decimal("123456.789")), "contribution_people"),
])
def test_invalid_values_name_the_field(network, base, write, field):
    with pytest.raises(ValidationError) as excinfo:
        write(network, base)
    assert field in error_fields(excinfo)


def test_an_organisation_takes_part_once_at_a_time(base):
    coalition, gp = base["coalition"], base["gp"]
    services.participation_add(coalition=coalition, organisation=gp)
    with pytest.raises(ValidationError) as excinfo:
        services.participation_add(coalition=coalition, organisation=gp)
    assert error_fields(excinfo) == {"organisation"}
    # A past participation is history, not a duplicate.
    services.participation_add(coalition=coalition, organisation=gp, start_date=D(2019, 1, 1),
                               end_date=D(2020, 1, 1))
    assert coalition.participations.filter(organisation=gp).count() == 2


@pytest.mark.parametrize("write, field", [
    (lambda n, b, f: services.organisation_create(network=n, name="X", type=b["gp"].type,
                                                  municipality=f["municipality"]), "municipality"),
    (lambda n, b, f: services.organisation_update(organisation=b["gp"], municipality=f["municipality"]),
     "municipality"),
    (lambda n, b, f: services.person_create(network=n, name="X", organisation=f["organisation"]),
     "organisation"),
    (lambda n, b, f: services.person_update(person=b["person"], organisation=f["organisation"]), "organisation"),
    (lambda n, b, f: services.theme_role_add(theme=b["theme"], person=f["person"], kind="coordinator"),
     "person"),
    (lambda n, b, f: services.theme_role_update(
        role=services.theme_role_add(theme=b["theme"], person=b["person"], kind="coordinator"),
        person=f["person"]), "person"),
    (lambda n, b, f: services.coalition_create(network=n, theme=f["theme"], name="X"), "theme"),
    (lambda n, b, f: services.coalition_create(network=n, theme=b["theme"], name="X",
                                               organisations=[f["organisation"]]), "organisation"),
    (lambda n, b, f: services.coalition_update(coalition=b["coalition"], theme=f["theme"]), "theme"),
    (lambda n, b, f: services.participation_add(coalition=b["coalition"], organisation=f["organisation"]),
     "organisation"),
    (lambda n, b, f: services.participation_update(
        participation=services.participation_add(coalition=b["coalition"], organisation=b["gp"]),
        organisation=f["organisation"]), "organisation"),
    (lambda n, b, f: services.unit_membership_add(unit=b["unit"], person=f["person"], level="strategic"),
     "person"),
    (lambda n, b, f: services.unit_membership_update(
        membership=services.unit_membership_add(unit=b["unit"], person=b["person"], level="strategic"),
        person=f["person"]), "person"),
])
def test_references_to_another_network_are_refused(network, base, foreign, write, field):
    counts = [model.objects.count() for model in (Organisation, Person, Coalition, CoalitionParticipation,
                                                  ThemeRole, GovernanceUnitMembership)]
    with pytest.raises(ValidationError) as excinfo:
        write(network, base, foreign)
    assert error_fields(excinfo) == {field}
    # Nothing half-written stays behind (the coalition create is one transaction).
    assert Coalition.objects.filter(name="X").count() == 0
    assert Organisation.objects.filter(name="X").count() == 0
    assert counts[2] == Coalition.objects.count()
    assert Network.objects.count() == 2
