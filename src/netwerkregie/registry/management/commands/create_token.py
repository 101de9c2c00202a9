from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from netwerkregie.registry.services import api_token_create


class Command(BaseCommand):
    help = "Create a personal API token for a user and print it once (netwerkregie create-token USER NAME)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="What the token is for, e.g. 'Power BI'.")

    def handle(self, *args, username: str, name: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        _token, plain = api_token_create(user=user, name=name)
        self.stdout.write(plain)
