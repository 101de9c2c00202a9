from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from netwerkregie.reports.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the installation: every network's JSON export plus a database dump (pg_dump or SQLite's backup)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="Directory to write to (empty or new).")

    def handle(self, *args, output: str, **options):
        try:
            summary = backup(Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Backed up {len(summary.networks)} network(s) and the {summary.engine} database to {summary.directory}."))
