from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from netwerkregie.reports.exchange import document_read, network_import


class Command(BaseCommand):
    help = "Import a whole network from a JSON export (netwerkregie import FILE [--slug NEW])."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--slug", help="Store the network under this slug instead of the exported one.")

    def handle(self, *args, file: str, slug: str | None, **options):
        try:
            with open(file, "rb") as handle:
                data = document_read(handle)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        except ValidationError as error:
            raise CommandError(f"Cannot read {file}: {' '.join(error.messages)}") from error
        try:
            network = network_import(data=data, slug=slug)
        except ValidationError as error:
            raise CommandError("Nothing was imported. " + " ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Imported {network.name} ({network.slug})."))
