"""The WSGI application for gunicorn (`netwerkregie serve --production`) and runserver.

A worker's first request used to import every view module (and the libraries behind them),
parse the instruments' YAML, compile templates and read the translation catalogues: about 1.7 s
of CPU, paid by whichever respondent came first to each worker after a start. `warm_up` does
that work when the server starts instead: once in gunicorn's master with `--preload`, shared by
every worker it forks.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connections
from django.template import engines
from django.urls import get_resolver
from django.utils import translation

from netwerkregie.assessments.instruments import instrument_list

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netwerkregie.settings")
application = get_wsgi_application()

# Templates every survey request renders: a burst of respondents needs them first.
HOT_TEMPLATES = ("survey/page.html", "survey/welcome.html", "survey/finish.html", "survey/done.html",
                 "survey/_question.html", "survey/_progress.html", "survey/_checklist.html", "base.html")


def warm_up() -> None:
    """Import every URL's view, read the instruments and the catalogues and compile the survey's
    templates; no database."""
    get_resolver().url_patterns  # noqa: B018 - importing every urls module imports every view
    instrument_list()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Next")
    django_engine = engines["django"]
    for name in HOT_TEMPLATES:
        django_engine.get_template(name)
    connections.close_all()  # a connection opened here must not be shared by the forked workers


warm_up()
