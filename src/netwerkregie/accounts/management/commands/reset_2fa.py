from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from netwerkregie.accounts.services import two_factor_remove


class Command(BaseCommand):
    help = ("Remove a person's authenticator app and backup codes when they lost both "
            "(netwerkregie reset-2fa EMAIL); they set up a new app at their next admin page.")

    def add_arguments(self, parser):
        parser.add_argument("email", help="The person's e-mail address (or username).")

    def handle(self, *args, email: str, **options):
        users = list(get_user_model().objects.filter(Q(email__iexact=email) | Q(username__iexact=email)))
        if not users:
            raise CommandError(f"No account with the e-mail address {email!r}.")
        if len(users) > 1:
            raise CommandError(f"Several accounts use {email!r}: " + ", ".join(u.get_username() for u in users)
                               + ". Give the username instead.")
        user = users[0]
        if two_factor_remove(user=user, actor=None, how="reset with netwerkregie reset-2fa"):
            self.stdout.write(f"Two-factor authentication of {user.get_username()} removed; "
                              "they set it up again at their next admin page.")
        else:
            self.stdout.write(f"{user.get_username()} had no two-factor authentication; nothing changed.")
