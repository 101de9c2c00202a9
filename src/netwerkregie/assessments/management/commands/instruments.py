"""List the measurement instruments, readable or as JSON for other tools."""

import json

from django.core.management.base import BaseCommand

from netwerkregie.assessments.instruments import instrument_list


class Command(BaseCommand):
    help = "List the measurement instruments (--json for machine-readable output)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        data = [
            {"key": i.key, "name_nl": i.name_nl, "name_en": i.name_en, "source": i.source,
             "scoring": i.scoring,
             "dimensions": [
                 {"key": d.key, "name_nl": d.name_nl, "name_en": d.name_en,
                  "items": [{"key": it.key, "text_nl": it.text_nl, "text_en": it.text_en,
                             "answer_type": it.answer_type} for it in d.items]}
                 for d in i.dimensions]}
            for i in instrument_list()
        ]
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for inst in data:
            self.stdout.write(f"{inst['key']}: {inst['name_en']} ({inst['source']})")
            for dim in inst["dimensions"]:
                self.stdout.write(f"  {dim['key']}: {len(dim['items'])} items")
