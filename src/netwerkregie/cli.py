"""The `netwerkregie` console command: our own commands, with Django's behind them.

    netwerkregie serve                 migrate, load the demo when empty, serve on :8000 with the worker
    netwerkregie serve --production    collectstatic, migrate, gunicorn + worker (docs/deploy.md)
    netwerkregie backup -o DIR         every network as JSON plus a database dump; `restore DIR` back
    netwerkregie demo                  (re)load the demo region "Regio Voorbeeld"
    netwerkregie export SLUG -o F      export a network as JSON
    netwerkregie import F              import a network from JSON
    netwerkregie import-xlsx SLUG F    import organisations, people, coalitions from .xlsx/.csv
    netwerkregie reset-2fa EMAIL       remove a person's authenticator app and backup codes (lost phone)
    netwerkregie <django command>      e.g. createsuperuser, migrate, shell
"""

from __future__ import annotations

import os
import sys

# Subcommand names users type, mapped onto management-command modules.
ALIASES = {
    "export": "export_network",
    "import": "import_network",
}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netwerkregie.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = ALIASES.get(argv[1], argv[1].replace("-", "_"))
    elif len(argv) == 1:
        print(__doc__)
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(argv)
    except ImproperlyConfigured as error:  # e.g. no secret key: a sentence, not a traceback
        sys.exit(f"netwerkregie: {error}")


if __name__ == "__main__":
    main()
