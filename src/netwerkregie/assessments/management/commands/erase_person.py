from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from netwerkregie.assessments.retention import erasure_plan, person_erase
from netwerkregie.registry.models import Person


class Command(BaseCommand):
    help = ("Erase one person's personal data (AVG): the person, their roles, and the link to their survey "
            "answers; answers stay only as anonymous aggregates where the anonymity minimum allows. "
            "The same as the admin's erasure page, audit-log entry included.")

    def add_arguments(self, parser):
        parser.add_argument("network", help="The network's slug.")
        parser.add_argument("person", help="The person's e-mail address or id (see the person's page).")
        parser.add_argument("--yes", action="store_true", help="Do it; without this only say what would happen.")

    def handle(self, *args, network: str, person: str, yes: bool, **options):
        people = Person.objects.filter(network__slug=network).select_related("network")
        found = list(people.filter(pk=int(person)) if person.isdigit() else people.filter(email__iexact=person))
        if len(found) != 1:
            raise CommandError(f"{len(found)} people match “{person}” in network “{network}”; give the id.")
        target = found[0]
        if not yes:
            plan = erasure_plan(person=target)
            self.stdout.write(f"Would erase {target.name} ({target.email or 'no e-mail'}) with "
                              f"{len(plan.rounds)} survey invitation(s): {plan.answers_kept} answer(s) kept "
                              f"anonymously, {plan.answers_deleted} deleted (round below the anonymity minimum).")
            if plan.blocked:
                self.stdout.write(f"Cannot erase while these depend on them: {', '.join(plan.consequences.protected)}")
            else:
                self.stdout.write("Add --yes to do it.")
            return
        name = target.name
        try:
            summary = person_erase(person=target)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(
            f"Erased {name}: {summary.invitations} invitation(s) unlinked, {summary.answers_kept} answer(s) kept "
            f"anonymously, {summary.answers_deleted} deleted (round below the anonymity minimum)."))
