"""List the measurement instruments, readable or as JSON for other tools."""

import json

from django.core.management.base import BaseCommand

from netwerkregie.assessments.instruments import instrument_as_dict, instrument_list


class Command(BaseCommand):
    help = "List the measurement instruments (--json for machine-readable output)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        data = [instrument_as_dict(i) for i in instrument_list()]
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for inst in data:
            subjects = [name for name in ("per_theme", "per_level", "per_organisation") if inst[name]]
            suffix = f" [{', '.join(subjects)}]" if subjects else ""
            self.stdout.write(f"{inst['key']}: {inst['name_en']} ({inst['source']}){suffix}")
            for dim in inst["dimensions"]:
                self.stdout.write(f"  {dim['key']}: {len(dim['items'])} items, scored by {dim['scoring']}")
