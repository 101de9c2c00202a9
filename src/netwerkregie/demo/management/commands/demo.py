"""`netwerkregie demo`: load the demo region and say how to log in – also when nothing was loaded."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from netwerkregie.demo.generator import SLUG, URL, USERS, build_demo, demo_exists, reset_demo
from netwerkregie.registry.models import Network


class Command(BaseCommand):
    help = "Load the fictional demo region Regio Voorbeeld with its demo users (demo-only passwords)."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true",
                            help="Load only when the database holds no network at all (used by `serve`).")
        parser.add_argument("--reset", action="store_true",
                            help=f"Delete the network '{SLUG}' with everything in it, then build it again.")
        parser.add_argument("--url", default=URL, help="The address to print for logging in (set by `serve`).")

    def handle(self, *args, if_empty: bool, reset: bool, url: str, **options):
        if reset:
            reset_demo()
            self.stdout.write(self.style.SUCCESS("Rebuilt the demo region Regio Voorbeeld."))
        elif if_empty and Network.objects.exists():
            self.stdout.write("The database already holds networks; the demo region was not loaded.")
        elif demo_exists():
            self.stdout.write(f"The demo region '{SLUG}' exists already; use --reset to rebuild it.")
        else:
            build_demo()
            self.stdout.write(self.style.SUCCESS("Loaded the demo region Regio Voorbeeld."))
        self.print_logins(url)

    def print_logins(self, url: str) -> None:
        existing = set(get_user_model().objects.filter(username__in=[u for u, _p, _r in USERS])
                       .values_list("username", flat=True))
        self.stdout.write(f"Open {url} and log in")
        if demo_exists() and existing:
            for username, password, role in USERS:
                if username in existing:
                    what = f"{role} of Regio Voorbeeld" if role else "superuser, Django admin at /admin/"
                    self.stdout.write(f"  user {username:<7} password {password:<7} ({what})")
            self.stdout.write("  These are demo-only credentials: never use them on a server others can reach.")
        else:
            self.stdout.write("  with your own account (create one with `netwerkregie createsuperuser`).")
