"""The registry's warnings: themes without leads, thin coalitions, idle organisations, board overload.

They are found once per data version and day (stored_figure: roles and participations end on a
date, so the day counts too) and worded on each page in its language, since at 2,000
organisations finding them loads every theme role and participation of the network.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netwerkregie.core.signals import Finding, Findings, Signal

from .models import COALITION_MINIMUM, Network, ThemeRoleKind
from .selectors import BOARD_ROLE_LIMIT, board_role_counts, coalition_list, organisation_list, theme_list
from .services import stored_figure

REGISTRY = "registry"  # stored_figure kind

_PAGES = {  # the detail page each kind of warning links to
    "theme_without_board_lead": "registry:theme_detail",
    "theme_without_coordinator": "registry:theme_detail",
    "coalition_too_small": "registry:coalition_detail",
    "organisation_without_coalition": "registry:organisation_detail",
    "board_overload": "registry:person_detail",
}


def registry_findings(*, network: Network) -> Findings:
    return stored_figure(network=network.pk, daily=True, kind=REGISTRY, key="", compute=lambda: _findings(network),
                         dump=Findings.to_json, load=Findings.from_json)


def _findings(network: Network) -> Findings:
    found: list[Finding] = []
    for theme in theme_list(network=network):
        kinds = {role.kind for role in theme.roles.all()}
        if ThemeRoleKind.BOARD_LEAD not in kinds:
            found.append(Finding("theme_without_board_lead", theme.pk, (theme.name,)))
        if ThemeRoleKind.COORDINATOR not in kinds:
            found.append(Finding("theme_without_coordinator", theme.pk, (theme.name,)))
    for coalition in coalition_list(network=network):
        count = len(coalition.participations.all())
        if count < COALITION_MINIMUM:
            found.append(Finding("coalition_too_small", coalition.pk, (coalition.name,), count))
    for organisation in organisation_list(network=network).filter(coalition_count=0):
        found.append(Finding("organisation_without_coalition", organisation.pk, (organisation.name,)))
    for person, count in board_role_counts(network=network):
        if count > BOARD_ROLE_LIMIT:
            found.append(Finding("board_overload", person.pk, (person.name,), count))
    return Findings(tuple(found))


def _message(finding: Finding) -> str:
    name, number = finding.names[0], finding.number
    if finding.code == "theme_without_board_lead":
        return _("Theme “%(theme)s” has no board lead (bestuurlijk trekker).") % {"theme": name}
    if finding.code == "theme_without_coordinator":
        return _("Theme “%(theme)s” has no coordinator.") % {"theme": name}
    if finding.code == "coalition_too_small":
        return ngettext("Coalition “%(coalition)s” has %(count)d participating organisation; a coalition needs "
                        "at least %(minimum)d.",
                        "Coalition “%(coalition)s” has %(count)d participating organisations; a coalition needs "
                        "at least %(minimum)d.", number) % {"coalition": name, "count": number,
                                                             "minimum": COALITION_MINIMUM}
    if finding.code == "organisation_without_coalition":
        return _("%(organisation)s takes part in no coalition.") % {"organisation": name}
    return _("%(person)s holds %(count)d board roles (bestuurlijke drukte); more than %(limit)d is a risk.") % {
        "person": name, "count": number, "limit": BOARD_ROLE_LIMIT}


def network_warnings(*, network: Network) -> list[Signal]:
    """The stored findings, worded in the page's language and linked to the object to act on."""
    return [Signal(finding.code, _message(finding),
                   reverse(_PAGES[finding.code], kwargs={"network": network.slug, "pk": finding.pk}))
            for finding in registry_findings(network=network).findings]
