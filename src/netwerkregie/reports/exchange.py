"""Full-fidelity JSON export and import of a whole network (format documented in docs/json-format.md).

Objects refer to each other by name (unique per network), never by database id, so an
export imported into an empty database exports again identically. Only a full export (for
admins, see assessments/access.py) holds survey invitations and answers.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from netwerkregie.analysis.exchange import relations_export, relations_import
from netwerkregie.assessments.access import ExportScope
from netwerkregie.assessments.exchange import rounds_export, rounds_import
from netwerkregie.core.exchange import iso, parse_date, parse_decimal_text
from netwerkregie.funding.exchange import funding_export, funding_import
from netwerkregie.governance.exchange import governance_export, governance_import
from netwerkregie.monitoring.exchange import monitoring_export, monitoring_import
from netwerkregie.organising.exchange import organising_export, organising_import
from netwerkregie.registry import services
from netwerkregie.registry.models import CoalitionParticipation, Network, OrganisationType

FORMAT = "netwerkregie-network"
VERSION = 2
# Version 1 carried plain survey link tokens (hashed on import) and lacked the sections added since
# (organising, monitoring, funding): it imports as a network without them.
READABLE_VERSIONS = (1, 2)
MAX_DOCUMENT_BYTES = 200 * 1024 * 1024  # far above any real network (the demo is under 5 MB)
MAX_DEPTH = 16  # the format nests 7 levels deep; anything much deeper is not an export


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def export_json(document: dict[str, Any]) -> str:
    """An export as the file users download, back up and import: compact UTF-8 JSON, which the
    standard library's C encoder writes (indented JSON goes through its Python encoder: several
    times slower, and twice the size)."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def network_export(*, network: Network, scope: ExportScope = ExportScope.FULL,
                   contact_details: bool = True) -> dict[str, Any]:
    """Everything users entered about a network, in a stable order; `scope` says whether with survey responses.

    Without `contact_details` (a role that does not see them in the UI) people's e-mail and phone are empty.
    """
    people = list(network.people.select_related("organisation").order_by("name", "email", "pk"))
    person_ref = {p.pk: f"{p.name}#{index}" for index, p in enumerate(people)}
    return {
        "format": FORMAT,
        "version": VERSION,
        "scope": scope.value,
        "network": {
            "name": network.name, "slug": network.slug, "region_description": network.region_description,
            "societal_task": network.societal_task, "start_date": iso(network.start_date),
            "anonymity_minimum": network.anonymity_minimum, "round_response_share": network.round_response_share,
            "publish_free_text": network.publish_free_text, "map_survey_ties": network.map_survey_ties,
            "contact_details_from": network.contact_details_from,
            "admins_use_two_factor": network.admins_use_two_factor,
            "municipalities": sorted(network.municipalities.values_list("name", flat=True)),
        },
        "organisations": [
            {"name": o.name, "type": o.type.key, "municipality": o.municipality.name if o.municipality else None,
             "website": o.website, "notes": o.notes, "archived_on": iso(o.archived_on)}
            for o in network.organisations.select_related("type", "municipality").order_by("name")
        ],
        "people": [
            {"ref": person_ref[p.pk], "name": p.name, "organisation": p.organisation.name if p.organisation else None,
             "function": p.function, "email": p.email if contact_details else "",
             "phone": p.phone if contact_details else "", "archived_on": iso(p.archived_on)}
            for p in people
        ],
        "themes": [
            {"name": t.name, "description": t.description, "challenge": t.challenge,
             "roles": sorted(({"person": person_ref[r.person_id], "kind": r.kind, "start_date": iso(r.start_date),
                               "end_date": iso(r.end_date)} for r in t.roles.all()),
                             key=lambda r: (r["kind"], r["person"], r["start_date"] or "", r["end_date"] or ""))}
            for t in network.themes.prefetch_related("roles").order_by("name")
        ],
        "coalitions": [
            {"name": c.name, "theme": c.theme.name, "sub_task": c.sub_task, "form": c.form, "status": c.status,
             "decision_principle": c.decision_principle,
             "participations": sorted((
                 {"organisation": p.organisation.name, "contribution_people": _decimal(p.contribution_people),
                  "contribution_money": _decimal(p.contribution_money),
                  "contribution_knowledge": p.contribution_knowledge,
                  "start_date": iso(p.start_date), "end_date": iso(p.end_date)}
                 for p in c.participations.all()),
                 key=lambda p: (p["organisation"], p["start_date"] or "", p["end_date"] or "")),
             "initiatives": sorted((
                 {"name": i.name, "description": i.description, "start_date": iso(i.start_date),
                  "end_date": iso(i.end_date), "status": i.status} for i in c.initiatives.all()),
                 key=lambda i: (i["name"], i["start_date"] or "")),
             }
            for c in network.coalitions.select_related("theme").prefetch_related(
                Prefetch("participations", CoalitionParticipation.objects.select_related("organisation")),
                "initiatives").order_by("name")
        ],
        "governance_units": [
            {"kind": u.kind, "name": u.name, "description": u.description,
             "members": sorted(({"person": person_ref[m.person_id], "level": m.level, "role_title": m.role_title,
                                 "start_date": iso(m.start_date), "end_date": iso(m.end_date)}
                                for m in u.memberships.all()),
                               key=lambda m: (m["person"], m["level"], m["start_date"] or ""))}
            for u in network.governance_units.prefetch_related("memberships").order_by("name")
        ],
        "relations": relations_export(network=network),
        "survey_rounds": rounds_export(network=network, person_ref=person_ref,
                                       with_responses=scope == ExportScope.FULL),
        "governance": governance_export(network=network),
        "organising": organising_export(network=network, person_ref=person_ref),
        "monitoring": monitoring_export(network=network),
        "funding": funding_export(network=network, person_ref=person_ref),
    }


def _at(path: str, error: ValidationError) -> str:
    """One message naming every problem by its JSON path; sections may already give full paths."""
    if not hasattr(error, "error_dict"):
        return _("%(path)s: %(messages)s") % {"path": path, "messages": " ".join(error.messages)}
    return "; ".join(
        f"{field if field.startswith(path) else f'{path}.{field}'}: {' '.join(messages)}"
        for field, messages in error.message_dict.items())


def _check_depth(data: Any) -> None:
    """Refuse a document nested deeper than any export, before walking it recursively."""
    level, depth = [data], 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            raise ValidationError(_("This document is nested more than %(depth)d levels deep; it is not a "
                                    "netwerkregie network export.") % {"depth": MAX_DEPTH})
        level = [child for node in level if isinstance(node, dict | list)
                 for child in (node.values() if isinstance(node, dict) else node)
                 if isinstance(child, dict | list)]


def document_read(handle: IO[bytes]) -> dict[str, Any]:
    """Parse an uploaded or given export with a clear error for a huge, broken or deep document."""
    raw = handle.read(MAX_DOCUMENT_BYTES + 1)
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("This document is larger than %(size)d MB; it is not a netwerkregie network "
                                "export.") % {"size": MAX_DOCUMENT_BYTES // 1024 // 1024})
    try:
        data = json.loads(raw)
    except RecursionError:
        raise ValidationError(_("This document is nested too deeply to read.")) from None
    except (UnicodeDecodeError, ValueError) as error:
        raise ValidationError(_("This document is not valid JSON (%(error)s).") % {"error": error}) from None
    _check_depth(data)
    return data



@transaction.atomic
def network_import(*, data: dict[str, Any], slug: str | None = None) -> Network:
    """Create a network from an export; all or nothing. Errors name the JSON path."""
    _check_depth(data)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(_("This is not a netwerkregie network export (format must be %(format)s).")
                              % {"format": FORMAT})
    if data.get("version") not in READABLE_VERSIONS:
        raise ValidationError(_("Unsupported export version %(version)s; this installation reads versions "
                                "%(supported)s.") % {"version": data.get("version"),
                                                     "supported": ", ".join(map(str, READABLE_VERSIONS))})
    path = "network"
    try:
        info = dict(data["network"])
        municipalities = info.pop("municipalities", [])
        info["start_date"] = parse_date(info.get("start_date"))
        if slug:
            info["slug"] = slug
        if Network.objects.filter(slug=info["slug"]).exists():
            raise ValidationError({"slug": _("A network with slug %(slug)s exists already; choose another slug.")
                                   % {"slug": info["slug"]}})
        network = services.network_create(municipalities=municipalities, **info)
        municipality = {m.name: m for m in network.municipalities.all()}
        types = {t.key: t for t in OrganisationType.objects.all()}
        organisations, people, themes, coalitions = {}, {}, {}, {}
        for index, row in enumerate(data.get("organisations", [])):
            path = f"organisations[{index}]"
            if row["type"] not in types:
                raise ValidationError({"type": _("Unknown organisation type %(type)s.") % {"type": row["type"]}})
            organisations[row["name"]] = services.organisation_create(
                network=network, name=row["name"], type=types[row["type"]],
                municipality=municipality.get(row.get("municipality")), website=row.get("website", ""),
                notes=row.get("notes", ""))
            if row.get("archived_on"):  # before its participations exist, so none is ended twice
                services.organisation_archive(organisation=organisations[row["name"]],
                                              on=parse_date(row["archived_on"]))
        for index, row in enumerate(data.get("people", [])):
            path = f"people[{index}]"
            people[row["ref"]] = services.person_create(
                network=network, name=row["name"], organisation=organisations.get(row.get("organisation")),
                function=row.get("function", ""), email=row.get("email", ""), phone=row.get("phone", ""))
            if row.get("archived_on"):
                services.person_archive(person=people[row["ref"]], on=parse_date(row["archived_on"]))
        for index, row in enumerate(data.get("themes", [])):
            path = f"themes[{index}]"
            theme = themes[row["name"]] = services.theme_create(
                network=network, name=row["name"], description=row.get("description", ""),
                challenge=row.get("challenge", ""))
            for number, role in enumerate(row.get("roles", [])):
                path = f"themes[{index}].roles[{number}]"
                services.theme_role_add(theme=theme, person=people[role["person"]], kind=role["kind"],
                                        start_date=parse_date(role.get("start_date")),
                                        end_date=parse_date(role.get("end_date")))
        for index, row in enumerate(data.get("coalitions", [])):
            path = f"coalitions[{index}]"
            coalition = coalitions[row["name"]] = services.coalition_create(
                network=network, theme=themes[row["theme"]], name=row["name"], sub_task=row.get("sub_task", ""),
                form=row["form"], status=row["status"], decision_principle=row["decision_principle"])
            for number, p in enumerate(row.get("participations", [])):
                path = f"coalitions[{index}].participations[{number}]"
                services.participation_add(
                    coalition=coalition, organisation=organisations[p["organisation"]],
                    contribution_people=parse_decimal_text(p.get("contribution_people")),
                    contribution_money=parse_decimal_text(p.get("contribution_money")),
                    contribution_knowledge=p.get("contribution_knowledge", ""),
                    start_date=parse_date(p.get("start_date")), end_date=parse_date(p.get("end_date")))
            for number, i in enumerate(row.get("initiatives", [])):
                path = f"coalitions[{index}].initiatives[{number}]"
                services.initiative_create(
                    coalition=coalition, name=i["name"], description=i.get("description", ""),
                    start_date=parse_date(i.get("start_date")), end_date=parse_date(i.get("end_date")),
                    status=i["status"])
        for index, row in enumerate(data.get("governance_units", [])):
            path = f"governance_units[{index}]"
            unit = services.governance_unit_create(network=network, kind=row["kind"], name=row["name"],
                                                   description=row.get("description", ""))
            for number, m in enumerate(row.get("members", [])):
                path = f"governance_units[{index}].members[{number}]"
                services.unit_membership_add(
                    unit=unit, person=people[m["person"]], level=m["level"], role_title=m.get("role_title", ""),
                    start_date=parse_date(m.get("start_date")), end_date=parse_date(m.get("end_date")))
        path = "relations"
        relations_import(network=network, rows=data.get("relations", []), organisations=organisations)
        path = "survey_rounds"
        rounds_import(network=network, rows=data.get("survey_rounds", []), people=people,
                      organisations=organisations, themes=themes, coalitions=coalitions)
        path = "governance"
        governance_import(network=network, data=data.get("governance"), organisations=organisations)
        path = "organising"
        organising_import(network=network, data=data.get("organising"), people=people, organisations=organisations)
        path = "monitoring"
        goals = monitoring_import(network=network, data=data.get("monitoring"), themes=themes, coalitions=coalitions)
        path = "funding"
        funding_import(network=network, data=data.get("funding"), organisations=organisations, people=people,
                       coalitions=coalitions, goals=goals)
    except ValidationError as error:
        raise ValidationError(_at(path, error)) from error
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ValidationError(_("%(path)s: missing or invalid value (%(error)s).")
                              % {"path": path, "error": error}) from error
    return network
