from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from netwerkregie.reports.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `netwerkregie backup` into an empty installation."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--json-only", action="store_true",
                            help="Import the networks' JSON exports instead of the database dump (other engine).")

    def handle(self, *args, directory: str, json_only: bool, **options):
        try:
            summary = restore(Path(directory), json_only=json_only)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Restored {len(summary.networks)} network(s) from {summary.directory}."))
