"""Full-fidelity JSON export and import of a whole network (format documented in docs/json-format.md).

Objects refer to each other by name (unique per network), never by database id, so an
export imported into an empty database exports again identically.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from netwerkregie.analysis.exchange import relations_export, relations_import
from netwerkregie.assessments.exchange import rounds_export, rounds_import
from netwerkregie.core.exchange import iso, parse_date
from netwerkregie.governance.exchange import governance_export, governance_import
from netwerkregie.registry import services
from netwerkregie.registry.models import Network, OrganisationType

FORMAT = "netwerkregie-network"
VERSION = 1


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def network_export(*, network: Network) -> dict[str, Any]:
    """Everything users entered about a network, in a stable order."""
    people = list(network.people.select_related("organisation").order_by("name", "email", "pk"))
    person_ref = {p.pk: f"{p.name}#{index}" for index, p in enumerate(people)}
    return {
        "format": FORMAT,
        "version": VERSION,
        "network": {
            "name": network.name, "slug": network.slug, "region_description": network.region_description,
            "societal_task": network.societal_task, "start_date": iso(network.start_date),
            "anonymity_minimum": network.anonymity_minimum, "round_response_share": network.round_response_share,
            "municipalities": sorted(network.municipalities.values_list("name", flat=True)),
        },
        "organisations": [
            {"name": o.name, "type": o.type.key, "municipality": o.municipality.name if o.municipality else None,
             "website": o.website, "notes": o.notes}
            for o in network.organisations.select_related("type", "municipality").order_by("name")
        ],
        "people": [
            {"ref": person_ref[p.pk], "name": p.name, "organisation": p.organisation.name if p.organisation else None,
             "function": p.function, "email": p.email, "phone": p.phone}
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
                 for p in c.participations.select_related("organisation")),
                 key=lambda p: (p["organisation"], p["start_date"] or "", p["end_date"] or "")),
             "initiatives": sorted((
                 {"name": i.name, "description": i.description, "start_date": iso(i.start_date),
                  "end_date": iso(i.end_date), "status": i.status} for i in c.initiatives.all()),
                 key=lambda i: (i["name"], i["start_date"] or "")),
             }
            for c in network.coalitions.select_related("theme").order_by("name")
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
        "survey_rounds": rounds_export(network=network, person_ref=person_ref),
        "governance": governance_export(network=network),
    }


def _parse_decimal(value: str | None) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)


@transaction.atomic
def network_import(*, data: dict[str, Any], slug: str | None = None) -> Network:
    """Create a network from an export; all or nothing. Errors name the JSON path."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(_("This is not a netwerkregie network export (format must be %(format)s).")
                              % {"format": FORMAT})
    if data.get("version") != VERSION:
        raise ValidationError(_("Unsupported export version %(version)s; this installation reads version "
                                "%(supported)d.") % {"version": data.get("version"), "supported": VERSION})
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
        for index, row in enumerate(data.get("people", [])):
            path = f"people[{index}]"
            people[row["ref"]] = services.person_create(
                network=network, name=row["name"], organisation=organisations.get(row.get("organisation")),
                function=row.get("function", ""), email=row.get("email", ""), phone=row.get("phone", ""))
        for index, row in enumerate(data.get("themes", [])):
            path = f"themes[{index}]"
            theme = themes[row["name"]] = services.theme_create(
                network=network, name=row["name"], description=row.get("description", ""),
                challenge=row.get("challenge", ""))
            for role in row.get("roles", []):
                services.theme_role_add(theme=theme, person=people[role["person"]], kind=role["kind"],
                                        start_date=parse_date(role.get("start_date")),
                                        end_date=parse_date(role.get("end_date")))
        for index, row in enumerate(data.get("coalitions", [])):
            path = f"coalitions[{index}]"
            coalition = coalitions[row["name"]] = services.coalition_create(
                network=network, theme=themes[row["theme"]], name=row["name"], sub_task=row.get("sub_task", ""),
                form=row["form"], status=row["status"], decision_principle=row["decision_principle"])
            for p in row.get("participations", []):
                services.participation_add(
                    coalition=coalition, organisation=organisations[p["organisation"]],
                    contribution_people=_parse_decimal(p.get("contribution_people")),
                    contribution_money=_parse_decimal(p.get("contribution_money")),
                    contribution_knowledge=p.get("contribution_knowledge", ""),
                    start_date=parse_date(p.get("start_date")), end_date=parse_date(p.get("end_date")))
            for i in row.get("initiatives", []):
                services.initiative_create(
                    coalition=coalition, name=i["name"], description=i.get("description", ""),
                    start_date=parse_date(i.get("start_date")), end_date=parse_date(i.get("end_date")),
                    status=i["status"])
        for index, row in enumerate(data.get("governance_units", [])):
            path = f"governance_units[{index}]"
            unit = services.governance_unit_create(network=network, kind=row["kind"], name=row["name"],
                                                   description=row.get("description", ""))
            for m in row.get("members", []):
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
    except ValidationError as error:
        raise ValidationError(_("%(path)s: %(messages)s") % {"path": path, "messages": "; ".join(
            f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
            if hasattr(error, "error_dict") else " ".join(error.messages)}) from error
    except (KeyError, TypeError, ValueError) as error:
        raise ValidationError(_("%(path)s: missing or invalid value (%(error)s).")
                              % {"path": path, "error": error}) from error
    return network
