from django.core.management.base import BaseCommand, CommandError

from netwerkregie.assessments.retention import person_erase
from netwerkregie.registry.models import Person


class Command(BaseCommand):
    help = ("Erase one person's personal data (AVG): the person, their roles, and the link to their survey "
            "answers; answers stay only as anonymous aggregates where the anonymity minimum allows.")

    def add_arguments(self, parser):
        parser.add_argument("network", help="The network's slug.")
        parser.add_argument("person", help="The person's e-mail address or id (see the person's page).")
        parser.add_argument("--yes", action="store_true", help="Do it; without this only say what would happen.")

    def handle(self, *args, network: str, person: str, yes: bool, **options):
        people = Person.objects.filter(network__slug=network)
        found = list(people.filter(pk=int(person)) if person.isdigit() else people.filter(email__iexact=person))
        if len(found) != 1:
            raise CommandError(f"{len(found)} people match “{person}” in network “{network}”; give the id.")
        target = found[0]
        if not yes:
            invitations = target.survey_invitations.count()
            self.stdout.write(f"Would erase {target.name} ({target.email or 'no e-mail'}) with "
                              f"{invitations} survey invitation(s). Add --yes to do it.")
            return
        name = target.name
        summary = person_erase(person=target)
        self.stdout.write(self.style.SUCCESS(
            f"Erased {name}: {summary.invitations} invitation(s) unlinked, {summary.answers_kept} answer(s) kept "
            f"anonymously, {summary.answers_deleted} deleted (round below the anonymity minimum)."))
