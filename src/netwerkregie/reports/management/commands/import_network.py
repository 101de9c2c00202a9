import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from netwerkregie.reports.exchange import network_import


class Command(BaseCommand):
    help = "Import a whole network from a JSON export (netwerkregie import FILE [--slug NEW])."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--slug", help="Store the network under this slug instead of the exported one.")

    def handle(self, *args, file: str, slug: str | None, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            network = network_import(data=data, slug=slug)
        except ValidationError as error:
            raise CommandError("Nothing was imported. " + " ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Imported {network.name} ({network.slug})."))
