import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from netwerkregie.registry.models import Network
from netwerkregie.reports.board.base import Period
from netwerkregie.reports.board.render import report_html, report_pdf, report_xlsx
from netwerkregie.reports.board.sections import SECTION_KEYS, build_report
from netwerkregie.reports.selectors import previous_board_report

RENDERERS = {"pdf": report_pdf, "xlsx": report_xlsx, "html": lambda built: report_html(built, printable=True)}


def _period(text: str) -> Period:
    """2026, or 2026-01-01:2026-06-30."""
    try:
        if ":" in text:
            start, end = (datetime.date.fromisoformat(part) for part in text.split(":", 1))
            if end < start:
                raise CommandError(f"--period {text}: the end lies before the start.")
            return Period(start, end)
        return Period.year(int(text))
    except ValueError:
        raise CommandError(f"--period {text!r}: give a year (2026) or two dates (2026-01-01:2026-06-30).") from None


class Command(BaseCommand):
    help = ("Write the board report of a network (netwerkregie report SLUG --format pdf|html|xlsx -o FILE). "
            "Nothing is saved; 'what changed' compares with the newest report saved on the reports page.")

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--format", dest="output_format", choices=sorted(RENDERERS), default="pdf")
        parser.add_argument("--period", default=str(timezone.localdate().year),
                            help="A year (2026, the default is this year) or FROM:UNTIL dates.")
        parser.add_argument("--sections", nargs="+", choices=SECTION_KEYS, default=SECTION_KEYS,
                            help="Sections to include, in any order (default: all).")
        parser.add_argument("--foreword", default="", help="Text opening the report.")
        parser.add_argument("--language", choices=[code for code, _name in settings.LANGUAGES], default="nl")
        parser.add_argument("-o", "--output", required=True, help="File to write.")

    def handle(self, *args, slug: str, output_format: str, period: str, sections: list[str], foreword: str,
               language: str, output: str, **options):
        network = Network.objects.filter(slug=slug).first()
        if network is None:
            raise CommandError(f"No network with slug {slug!r}.")
        built = build_report(network=network, period=_period(period), language=language, keys=sections,
                             foreword=foreword, previous=previous_board_report(network=network))
        content = RENDERERS[output_format](built)
        mode = "w" if isinstance(content, str) else "wb"
        with open(output, mode, **({"encoding": "utf-8"} if mode == "w" else {})) as handle:
            handle.write(content)
        self.stderr.write(f"Wrote the {output_format} report of {network.name} ({built.period.label}) to {output}.")
