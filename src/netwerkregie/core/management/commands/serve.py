from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate the database, load the demo region when it is empty, and serve."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-demo", action="store_true", help="Do not load the demo region.")

    def handle(self, *args, addrport: str, no_demo: bool, **options):
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        if not no_demo:
            call_command("demo", if_empty=True)
        self.stdout.write(self.style.SUCCESS(f"netwerkregie: open http://{addrport}/"))
        call_command("runserver", addrport, use_reloader=False)
