"""What deleting a record takes along: the confirmation pages show it before anything goes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from django.contrib.admin.utils import NestedObjects
from django.db import DEFAULT_DB_ALIAS, models
from django.utils.text import capfirst


class DeletionConsequences(NamedTuple):
    """Deleted along (kind, names), only unlinked (kind, count), and what prevents the deletion (names)."""

    deleted: list[tuple[str, list[str]]]
    unlinked: list[tuple[str, int]]
    protected: list[str]


def deletion_consequences(obj: models.Model, *,
                          explained: tuple[type[models.Model], ...] = ()) -> DeletionConsequences:
    """What deleting `obj` takes along, what it only unlinks and what prevents it.

    Django's own deletion collector (the one the admin's confirmation page uses) finds the
    cascade, so the page says exactly what the database will do. Models in `explained` are left
    out: the caller's page tells what happens to them in its own words.
    """
    collector = NestedObjects(using=DEFAULT_DB_ALIAS)
    collector.collect([obj])
    deleted = []
    for model, objs in collector.model_objs.items():
        others = _names(model, [o for o in objs if o != obj]) if model not in explained else []
        if others:
            deleted.append((capfirst(model._meta.verbose_name_plural), others))
    unlinked = []
    for relation in obj._meta.related_objects:
        if relation.on_delete is models.SET_NULL and relation.related_model not in explained:
            count = relation.related_model._base_manager.filter(
                **{relation.field.name: obj}).count()
            if count:
                unlinked.append((capfirst(relation.related_model._meta.verbose_name_plural), count))
    return DeletionConsequences(sorted(deleted), unlinked, blocking_records(collector.protected))


def blocking_records(objs: Iterable[models.Model]) -> list[str]:
    """Records that prevent a deletion, each with its kind ("Assessor: Anna Bakker"), sorted."""
    by_model = defaultdict(list)
    for obj in objs:
        by_model[type(obj)].append(obj)
    return sorted(f"{capfirst(model._meta.verbose_name)}: {name}"
                  for model, group in by_model.items() for name in _names(model, group))


def _names(model: type[models.Model], objs: list[models.Model]) -> list[str]:
    """The objects' names, sorted, in one query: their names read the objects they point to, fetched along."""
    if not objs:
        return []
    pointers = [f.name for f in model._meta.concrete_fields if f.many_to_one or f.one_to_one]
    return sorted(str(o) for o in model._base_manager.select_related(*pointers).filter(pk__in=[o.pk for o in objs]))
