from django.conf import settings
from django.core.management.base import BaseCommand

from netwerkregie.assessments.retention import answers_expire


class Command(BaseCommand):
    help = "Anonymise respondents of rounds closed longer ago than NETWERKREGIE_SURVEY_ANSWER_RETENTION_DAYS."

    def handle(self, *args, **options):
        if settings.SURVEY_ANSWER_RETENTION_DAYS is None:
            self.stdout.write("No retention period set (NETWERKREGIE_SURVEY_ANSWER_RETENTION_DAYS); nothing done.")
            return
        summary = answers_expire()
        self.stdout.write(f"{summary.invitations} invitation(s) anonymised, {summary.answers_kept} answer(s) kept, "
                          f"{summary.answers_deleted} deleted.")
