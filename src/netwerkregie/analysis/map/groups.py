"""Organisation types in a handful of groups, the one colour definition of the map's nodes.

The reference list has some twenty types, too many colours to tell apart on a map. A board
reads a map by who pays and governs (municipality, insurer), who gives care and who works in
the social domain; the interactive map (via the map data) and the report's SVG both colour
nodes by these groups. Types an admin adds later fall under "other" until listed here.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TypeGroup(models.TextChoices):
    """The groups in legend order."""

    MUNICIPALITY = "municipality", _("Municipality and GGD")
    FINANCER = "financer", _("Health insurer and care office")
    CARE = "care", _("Care providers")
    SOCIAL = "social", _("Welfare, housing and income")
    RESIDENTS = "residents", _("Residents and clients")
    OTHER = "other", _("Other partners")


# Paul Tol's colourblind-safe "bright" scheme, grey for the rest.
GROUP_COLOURS = {
    TypeGroup.MUNICIPALITY: "#4477AA",
    TypeGroup.FINANCER: "#AA3377",
    TypeGroup.CARE: "#EE6677",
    TypeGroup.SOCIAL: "#228833",
    TypeGroup.RESIDENTS: "#CCBB44",
    TypeGroup.OTHER: "#BBBBBB",
}

# Organisation type keys of the reference list (registry migrations) per group.
TYPE_GROUPS = {
    "municipality": TypeGroup.MUNICIPALITY,
    "ggd": TypeGroup.MUNICIPALITY,
    "health_insurer": TypeGroup.FINANCER,
    "care_office": TypeGroup.FINANCER,
    "hospital": TypeGroup.CARE,
    "gp": TypeGroup.CARE,
    "vvt": TypeGroup.CARE,
    "ggz": TypeGroup.CARE,
    "disability_care": TypeGroup.CARE,
    "welfare": TypeGroup.SOCIAL,
    "housing": TypeGroup.SOCIAL,
    "shelter": TypeGroup.SOCIAL,
    "work_income": TypeGroup.SOCIAL,
    "debt_support": TypeGroup.SOCIAL,
    "client_council": TypeGroup.RESIDENTS,
    "resident_group": TypeGroup.RESIDENTS,
    "education": TypeGroup.OTHER,
    "police": TypeGroup.OTHER,
    "entrepreneurs": TypeGroup.OTHER,
    "knowledge_institute": TypeGroup.OTHER,
    "employers_association": TypeGroup.OTHER,
    "other": TypeGroup.OTHER,
}


def type_group(type_key: str) -> TypeGroup:
    """The group of an organisation type; a type not in the reference list is "other"."""
    return TYPE_GROUPS.get(type_key, TypeGroup.OTHER)
