"""The map's JSON stored per data version, so reopening or refiltering a map reads one row.

Computing a map takes the relations, centralities and a force layout (about 0.9 s at 300
organisations); its finished JSON is stored under everything that changes what it discloses
or says: the filters (the member's trust and survey-tie disclosure among them, decided by the
caller before the store is read) and the language of its labels. It depends on the day too
(roles and participations active today, the round that counts today). A chosen round that is
still open takes answers without a new data version, so its map is never stored.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import get_language

from netwerkregie.registry.models import Network
from netwerkregie.registry.services import stored_figure

from .selectors import MapFilters, map_json

KIND = "map"


def map_key(filters: MapFilters) -> str:
    """The stored map's key: every filter, the disclosure they carry and the language."""
    def pk(value) -> str:
        return str(value.pk) if value is not None else ""

    return "|".join([
        ",".join(sorted(filters.sources)), ",".join(sorted(filters.kinds)) if filters.kinds is not None else "*",
        pk(filters.theme), pk(filters.coalition), pk(filters.survey_round),
        repr(filters.min_trust) if filters.reveal_trust and filters.min_trust is not None else "",
        filters.size, str(int(filters.reveal_trust)), filters.survey_ties or "", str(int(filters.all_ties)),
        get_language() or "",
    ])


def stored_map_json(*, network: Network, filters: MapFilters) -> str:
    """`map_json` of these filters: the stored one while current, else computed now and stored."""
    round_open = filters.survey_round is not None and filters.survey_round.closes_on >= timezone.localdate()
    return stored_figure(network=network, kind=KIND, key=map_key(filters), daily=True, keep=not round_open,
                         compute=lambda: map_json(network=network, filters=filters), dump=str, load=str)
