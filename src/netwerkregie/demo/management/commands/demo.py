from django.core.management.base import BaseCommand

from netwerkregie.demo.generator import SLUG, USERS, build_demo, demo_exists
from netwerkregie.registry.models import Network


class Command(BaseCommand):
    help = "Load the demo region Regio Voorbeeld (fictional) and its demo users."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Only when the database has no networks.")
        parser.add_argument("--reset", action="store_true", help="Delete Regio Voorbeeld first and rebuild it.")

    def handle(self, *args, if_empty: bool, reset: bool, **options):
        if reset:
            Network.objects.filter(slug=SLUG).delete()
        if (if_empty and Network.objects.exists()) or demo_exists():
            self.stdout.write("The database already holds networks; the demo region was not (re)loaded.")
        else:
            build_demo()
            self.stdout.write(self.style.SUCCESS("Loaded the demo region Regio Voorbeeld."))
        logins = ", ".join(f"{user} / {password} ({role})" for user, password, role in USERS)
        self.stdout.write(f"Log in at http://127.0.0.1:8000/ with {logins}; Django admin: admin / admin.")
