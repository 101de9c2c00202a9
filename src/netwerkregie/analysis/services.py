"""All writes of the analysis app: relations entered by hand. Views, API, import and demo call these only."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from netwerkregie.core.services import check_period, ensure_in_network, model_update, validated_save
from netwerkregie.registry.models import Network, Organisation
from netwerkregie.registry.services import changes_figures

from .models import Relation

RELATION_FIELDS = ["source", "target", "kind", "description", "start_date", "end_date"]


def _check_relation(network: Network, source: Organisation | None, target: Organisation | None,
                    start_date: datetime.date | None, end_date: datetime.date | None) -> None:
    """Both ends in the network, two different organisations, a period that runs forward."""
    ensure_in_network(network, source=source, target=target)
    if source is not None and target is not None and source.pk == target.pk:
        raise ValidationError({"target": _("A relation links two different organisations; "
                                           "choose another organisation than %(organisation)s.")
                               % {"organisation": source}})
    check_period(start_date, end_date)


@changes_figures("network")
def relation_create(*, network: Network, source: Organisation, target: Organisation, kind: str,
                    description: str = "", start_date: datetime.date | None = None,
                    end_date: datetime.date | None = None) -> Relation:
    """Record a formal tie (funding, contract, covenant, referral) from `source` to `target`."""
    _check_relation(network, source, target, start_date, end_date)
    return validated_save(Relation(network=network, source=source, target=target, kind=kind,
                                   description=description, start_date=start_date, end_date=end_date))


@changes_figures("relation")
def relation_update(*, relation: Relation, **data: Any) -> Relation:
    """Change some fields; the result is checked as a whole, as on creation."""
    _check_relation(relation.network, data.get("source", relation.source), data.get("target", relation.target),
                    data.get("start_date", relation.start_date), data.get("end_date", relation.end_date))
    return model_update(instance=relation, fields=RELATION_FIELDS, data=data)


@changes_figures("relation")
def relation_delete(*, relation: Relation) -> None:
    relation.delete()
