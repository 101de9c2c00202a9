from contextlib import ExitStack
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from netwerkregie.registry.models import Network
from netwerkregie.reports.spreadsheet import SpreadsheetImportError, import_spreadsheet


class Command(BaseCommand):
    help = ("Import organisations, people, themes, coalitions and memberships from one .xlsx workbook or "
            ".csv files named after their sheet (netwerkregie import-xlsx SLUG FILE [FILE...]). All rows or none.")

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The network to import into.")
        parser.add_argument("files", nargs="+", help="An .xlsx workbook or .csv files (docs/spreadsheet-format.md).")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and report; store nothing.")

    def handle(self, *args, slug: str, files: list[str], dry_run: bool, **options):
        network = Network.objects.filter(slug=slug).first()
        if network is None:
            raise CommandError(f"No network with slug {slug!r}.")
        with ExitStack() as stack:
            handles = []
            for name in files:
                try:
                    handles.append((name, stack.enter_context(Path(name).open("rb"))))
                except OSError as error:
                    raise CommandError(f"Cannot read {name}: {error}") from error
            try:
                summary = import_spreadsheet(network=network, files=handles, dry_run=dry_run)
            except SpreadsheetImportError as error:
                for problem in error.errors:
                    self.stderr.write(str(problem))
                count = len(error.errors)  # the command speaks English, like its other messages
                raise CommandError(f"Nothing was imported: {count} {'problem' if count == 1 else 'problems'}.") \
                    from error
        for line in summary.lines():
            self.stdout.write(line)
        verdict = "Dry run: every row is valid; nothing was stored." if dry_run else f"Imported into {network.name}."
        self.stdout.write(self.style.SUCCESS(verdict))
