"""The demo region: it loads, meets the brief, shows every warning, is deterministic, and its users get in."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from netwerkregie.analysis.selectors import structural_warnings
from netwerkregie.demo.generator import SLUG, build_demo, reset_demo
from netwerkregie.registry import selectors, services
from netwerkregie.registry.models import (
    CoalitionParticipation,
    GovernanceUnitKind,
    GovernanceUnitMembership,
    Initiative,
    Level,
    Network,
    NetworkMembership,
    RegiobeeldChallenge,
    ThemeRole,
)
from netwerkregie.registry.warnings import network_warnings

pytestmark = pytest.mark.django_db

WARNING_CODES = {"theme_without_board_lead", "theme_without_coordinator", "coalition_too_small",
                 "organisation_without_coalition", "board_overload"}


@pytest.fixture
def demo() -> Network:
    return build_demo()


def canonical(network: Network) -> list[list[tuple]]:
    """Every field of the demo's content, with references by name instead of ids."""
    tables = [
        Network.objects.filter(pk=network.pk).values_list("name", "slug", "region_description", "societal_task",
                                                          "start_date", "anonymity_minimum"),
        network.municipalities.values_list("name"),
        network.organisations.values_list("name", "type__key", "municipality__name", "website", "notes"),
        network.people.values_list("name", "organisation__name", "function", "email", "phone"),
        network.themes.values_list("name", "description", "challenge"),
        ThemeRole.objects.filter(theme__network=network).values_list("theme__name", "person__email", "kind",
                                                                     "start_date", "end_date"),
        network.coalitions.values_list("name", "theme__name", "sub_task", "form", "status", "decision_principle"),
        CoalitionParticipation.objects.filter(coalition__network=network).values_list(
            "coalition__name", "organisation__name", "contribution_people", "contribution_money",
            "contribution_knowledge", "start_date", "end_date"),
        Initiative.objects.filter(coalition__network=network).values_list(
            "coalition__name", "name", "description", "start_date", "end_date", "status"),
        network.governance_units.values_list("kind", "name", "description"),
        GovernanceUnitMembership.objects.filter(unit__network=network).values_list(
            "unit__name", "person__email", "level", "role_title", "start_date", "end_date"),
        NetworkMembership.objects.filter(network=network).values_list("user__username", "role"),
    ]
    return [sorted(table, key=repr) for table in tables]


def test_demo_meets_the_brief(demo):
    assert demo.slug == "regio-voorbeeld" and demo.name == "Regio Voorbeeld"
    assert demo.municipalities.count() == 4
    organisations = list(demo.organisations.select_related("type"))
    assert len(organisations) >= 40
    types = [o.type.key for o in organisations]
    assert len(set(types)) >= 10
    for key in ("hospital", "gp", "ggz", "welfare", "housing", "ggd", "health_insurer", "care_office",
                "client_council", "municipality", "disability_care", "education", "police"):
        assert key in types, key
    assert types.count("vvt") >= 3 and types.count("municipality") == 4
    assert all(re.fullmatch(r"https://www\.[a-z-]+\.example/", o.website) and o.notes for o in organisations)
    assert {o.municipality.name for o in demo.organisations.select_related("municipality")} == {
        "Aldermeer", "Bruggeveen", "Calverhoek", "Dijkstede"}

    people = list(demo.people.all())
    assert 80 <= len(people) <= 120
    assert len({p.name for p in people}) == len(people)
    assert all(p.email.endswith(".example") and p.function and p.phone and p.organisation_id for p in people)
    assert len({p.organisation_id for p in people}) == len(organisations)

    themes = list(demo.themes.all())
    assert len(themes) == 5 and all(t.description for t in themes)
    assert len({t.challenge for t in themes}) == 5 and {t.challenge for t in themes} <= set(RegiobeeldChallenge.values)

    coalitions = list(selectors.coalition_list(network=demo))
    assert len(coalitions) >= 8 and {c.theme_id for c in coalitions} == {t.pk for t in themes}
    assert len({c.form for c in coalitions}) >= 4 and len({c.status for c in coalitions}) >= 3
    assert {c.decision_principle for c in coalitions} == {"consensus", "consent"}
    assert all(c.sub_task and c.initiatives.exists() for c in coalitions)
    assert {"Valpreventie 65+", "Wijkgerichte GGZ", "Samen sterk in de wijk", "Domeinoverstijgende triage",
            "Mantelzorg-ondersteuning", "Digitale zorg thuis", "Eerste 1000 dagen",
            "Arbeidsmarkt zorg & welzijn"} <= {c.name for c in coalitions}
    participations = CoalitionParticipation.objects.filter(coalition__network=demo)
    assert participations.filter(contribution_money__gt=0).exists()
    assert participations.filter(contribution_people__gt=0).exists()
    assert not participations.filter(contribution_knowledge="").exists()
    initiatives = Initiative.objects.filter(coalition__network=demo)
    assert initiatives.count() >= len(coalitions)
    assert all(i.start_date and i.end_date and i.start_date <= i.end_date for i in initiatives)
    assert {i.status for i in initiatives} == {"planned", "running", "completed", "stopped"}

    units = list(demo.governance_units.all())
    assert {u.kind for u in units} == set(GovernanceUnitKind.values)
    seats = GovernanceUnitMembership.objects.filter(unit__network=demo)
    assert set(seats.values_list("level", flat=True)) == set(Level.values)
    assert all(u.memberships.count() >= 3 for u in units)

    # History: roles, seats and participations that ended.
    assert ThemeRole.objects.filter(theme__network=demo, end_date__isnull=False).count() >= 2
    assert seats.filter(end_date__isnull=False).exists()
    assert participations.filter(end_date__isnull=False).exists()


def test_every_warning_shows_for_the_deliberate_problems(demo):
    warnings = network_warnings(network=demo)
    assert {w.code for w in warnings} == WARNING_CODES
    by_code = {code: [w.message for w in warnings if w.code == code] for code in WARNING_CODES}
    assert len(by_code["theme_without_board_lead"]) == 1 and "Passende zorg" in by_code["theme_without_board_lead"][0]
    assert len(by_code["theme_without_coordinator"]) == 1 and "Kansrijk" in by_code["theme_without_coordinator"][0]
    assert len(by_code["coalition_too_small"]) == 1 and "Schulden en gezondheid" in by_code["coalition_too_small"][0]
    idle = {w.url for w in warnings if w.code == "organisation_without_coalition"}
    assert idle == {o.get_absolute_url() for o in demo.organisations.filter(
        name__in=["Ondernemersvereniging Dijkstede", "Sportbedrijf Dijkstede", "Apotheek Dijkstede Centrum",
                  "Voedselbank Bruggeveen", "Bewonersinitiatief Samen Calverhoek"])}
    overloaded = [(p, n) for p, n in selectors.board_role_counts(network=demo) if n > selectors.BOARD_ROLE_LIMIT]
    assert len(overloaded) == 1 and overloaded[0][0].function.startswith("wethouder")



def test_structure_warnings_show_for_the_newcomers(demo):
    """Two partners joined after the last survey round: one without relations, one on a single tie."""
    warned: dict[str, set[str]] = {}
    for warning in structural_warnings(network=demo):
        warned.setdefault(warning.code, set()).add(warning.url)
    newcomers = {o.name: o.get_absolute_url() for o in demo.organisations.filter(
        name__in=["Voedselbank Bruggeveen", "Bewonersinitiatief Samen Calverhoek", "Schuldhulp Samen"])}
    # Partners whose only ties were named by fewer respondents than the anonymity minimum are isolated as
    # well: such ties are not disclosed to members, so they cannot keep a partner from being called isolated.
    assert newcomers["Bewonersinitiatief Samen Calverhoek"] in warned["isolated_partner"]
    assert warned["peripheral_partner"] == {newcomers["Voedselbank Bruggeveen"]}
    assert warned["cut_point"] == {newcomers["Schuldhulp Samen"]}

def test_demo_is_deterministic(demo):
    other = services.network_create(name="Andere regio", slug="andere-regio", municipalities=["Elderveen"])
    first = canonical(demo)
    call_command("demo", reset=True)
    again = Network.objects.get(slug=SLUG)
    assert again.pk != demo.pk
    assert canonical(again) == first
    assert Network.objects.filter(pk=other.pk).exists()


def test_if_empty_loads_an_empty_database_and_prints_the_logins(capsys, settings):
    settings.DEBUG = True  # as `make run` serves: with the demo superuser
    call_command("demo", if_empty=True, url="http://127.0.0.1:8111/")
    out = capsys.readouterr().out
    assert Network.objects.filter(slug=SLUG).exists()
    assert "http://127.0.0.1:8111/" in out
    assert re.search(r"user demo\s+password demo\b", out) and re.search(r"user viewer\s+password viewer\b", out)
    assert re.search(r"user admin\s+password admin\b", out)


def test_if_empty_leaves_a_non_empty_database_alone(capsys):
    services.network_create(name="Andere regio", slug="andere-regio")
    call_command("demo", if_empty=True)
    out = capsys.readouterr().out
    assert list(Network.objects.values_list("slug", flat=True)) == ["andere-regio"]
    assert not get_user_model().objects.filter(username="demo").exists()
    assert "not loaded" in out and "http://127.0.0.1:8000/" in out and "own account" in out


def test_loading_again_leaves_the_demo_alone_and_prints_the_logins(demo, capsys):
    counts = (demo.organisations.count(), demo.people.count())
    call_command("demo")
    call_command("demo", if_empty=True)
    out = capsys.readouterr().out
    assert Network.objects.count() == 1 and (demo.organisations.count(), demo.people.count()) == counts
    assert "--reset" in out and len(re.findall(r"user demo\s+password demo\b", out)) == 2


def test_console_command_loads_a_fresh_database_once(tmp_path):
    """`netwerkregie demo --if-empty` as `make run` calls it, on its own SQLite file."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    command = [str(Path(sys.executable).with_name("netwerkregie"))]

    def run(*args: str) -> str:
        return subprocess.run([*command, *args], env=env, capture_output=True, text=True, check=True).stdout

    run("migrate", "-v0")
    first, second = run("demo", "--if-empty"), run("demo", "--if-empty")
    assert "Loaded the demo region" in first and "not loaded" in second
    for out in (first, second):
        assert "http://127.0.0.1:8000/" in out and re.search(r"user demo\s+password demo\b", out)


def test_demo_users_log_in_with_their_roles(demo):
    client = Client()
    assert client.login(username="demo", password="demo")
    response = client.get("/n/regio-voorbeeld/")
    assert response.status_code == 200
    assert "Valpreventie 65+" in response.content.decode()
    assert NetworkMembership.objects.get(network=demo, user__username="demo").role == "admin"
    assert NetworkMembership.objects.get(network=demo, user__username="viewer").role == "viewer"
    assert Client().login(username="viewer", password="viewer")


def test_demo_superuser_only_on_a_development_machine(db, settings):
    build_demo()
    assert not get_user_model().objects.filter(username="admin").exists()
    assert not Client().login(username="admin", password="admin")
    settings.DEBUG = True
    reset_demo()
    admin = Client()
    assert admin.login(username="admin", password="admin")
    assert admin.get("/admin/").status_code == 200


def test_reset_restores_the_printed_passwords(demo):
    user = get_user_model().objects.get(username="demo")
    user.set_password("iets-anders")
    user.save()
    call_command("demo", reset=True)
    assert Client().login(username="demo", password="demo")
