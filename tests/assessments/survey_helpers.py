"""A small region with people at every level and a round open today, built through the services."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.utils import timezone

from netwerkregie.assessments import services as survey
from netwerkregie.registry import services as registry
from netwerkregie.registry.models import Network, OrganisationType

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def build_region(network: Network) -> SimpleNamespace:
    """Three organisations, five people (one without e-mail), a theme and governance seats."""
    types = {t.key: t for t in OrganisationType.objects.filter(key__in=["hospital", "gp", "welfare"])}
    hospital = registry.organisation_create(network=network, name="Ziekenhuis Zuid", type=types["hospital"])
    gp = registry.organisation_create(network=network, name="Huisartsen Noord", type=types["gp"])
    welfare = registry.organisation_create(network=network, name="Welzijn Oost", type=types["welfare"])
    anna = registry.person_create(network=network, name="Anna Bakker", organisation=hospital,
                                  email="anna@example.org")
    bram = registry.person_create(network=network, name="Bram de Vries", organisation=gp, email="bram@example.org")
    chris = registry.person_create(network=network, name="Chris Jansen", organisation=welfare,
                                   email="chris@example.org")
    dewi = registry.person_create(network=network, name="Dewi Smit", organisation=hospital)  # no e-mail
    eva = registry.person_create(network=network, name="Eva Mulder", organisation=gp, email="eva@example.org")
    board = registry.governance_unit_create(network=network, kind="board_direction_group", name="Regiegroep")
    team = registry.governance_unit_create(network=network, kind="direction_team", name="Regieteam")
    registry.unit_membership_add(unit=team, person=anna, level="operational")
    registry.unit_membership_add(unit=board, person=anna, level="strategic")  # highest wins
    registry.unit_membership_add(unit=team, person=bram, level="tactical")
    registry.unit_membership_add(unit=board, person=chris, level="strategic",
                                 end_date=TODAY() - 400 * DAY)  # ended long ago
    theme = registry.theme_create(network=network, name="Gezond ouder worden")
    return SimpleNamespace(hospital=hospital, gp=gp, welfare=welfare, anna=anna, bram=bram, chris=chris,
                           dewi=dewi, eva=eva, theme=theme, people=[anna, bram, chris, dewi, eva])


def open_round(network: Network, name: str = "Meting 2026", instruments: list[str] | None = None, **extra):
    return survey.round_create(network=network, name=name,
                               instruments=instruments or ["five_conditions", "relations"],
                               opens_on=TODAY() - 7 * DAY, closes_on=TODAY() + 21 * DAY, **extra)
