from django.conf import settings
from django.core.management.base import BaseCommand

from netwerkregie.reports.services import downloads_expire


class Command(BaseCommand):
    help = ("Delete prepared downloads (and their files) asked for longer ago than NETWERKREGIE_DOWNLOAD_HOURS, "
            "or replaced by a newer one; the audit log keeps their requests and fetches.")

    def handle(self, *args, **options):
        count = downloads_expire()
        self.stdout.write(f"{count} prepared download(s) older than {settings.PREPARED_DOWNLOAD_HOURS} hours "
                          "or replaced deleted.")
