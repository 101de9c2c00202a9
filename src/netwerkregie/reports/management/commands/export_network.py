from django.core.management.base import BaseCommand, CommandError

from netwerkregie.registry.models import Network
from netwerkregie.reports.exchange import export_json, network_export


class Command(BaseCommand):
    help = "Export a whole network as JSON (netwerkregie export SLUG -o FILE)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("-o", "--output", help="File to write; standard output when omitted.")

    def handle(self, *args, slug: str, output: str | None, **options):
        network = Network.objects.filter(slug=slug).first()
        if network is None:
            raise CommandError(f"No network with slug {slug!r}.")
        text = export_json(network_export(network=network))
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stderr.write(f"Exported {network.name} to {output}.")
        else:
            self.stdout.write(text, ending="")
