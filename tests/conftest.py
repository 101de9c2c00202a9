"""Fixtures shared by every test package: users, networks, a logged-in client, a browser."""

from __future__ import annotations

import io
import os
import shutil
import signal
from collections.abc import Callable, Iterator
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import signals
from django.core.cache import cache
from django.core.management import call_command
from django.db import close_old_connections
from django.test import Client

from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services
from netwerkregie.registry.models import Network, OrganisationType
from netwerkregie.registry.reference import seed_organisation_types

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the
# test itself are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("NETWERKREGIE_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture
def make_user(db) -> Callable:
    def make(username: str = "regisseur", password: str = "geheim-wachtwoord-42", **extra):
        return get_user_model().objects.create_user(
            username=username, password=password, email=f"{username}@example.org", **extra)

    return make


@pytest.fixture
def user(make_user):
    return make_user()


@pytest.fixture(autouse=True)
def reference_data(request) -> None:
    """The organisation types a migration seeds, in every test that uses the database.

    Transactional tests (the live server of browser tests) empty every table when they finish, and
    with one test process per core (pytest-xdist) any test may follow one; the flush comes after
    every fixture's teardown, so the types are put back at the start of the test that needs them
    (inside its transaction: one query when they are there).
    """
    names = set(request.fixturenames)
    if {"transactional_db", "live_server"} & names:
        request.getfixturevalue("transactional_db")
    elif "db" in names or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
    else:
        return
    if not OrganisationType.objects.exists():
        seed_organisation_types()


@pytest.fixture
def make_network(db) -> Callable:
    def make(slug: str = "regio-test", *, user=None, role: str = NetworkRole.ADMIN,
             **data) -> Network:
        data.setdefault("name", slug.replace("-", " ").title())
        network = services.network_create(slug=slug, **data)
        if user is not None:
            services.membership_set(network=network, user=user, role=role)
        return network

    return make


@pytest.fixture
def network(make_network, user) -> Network:
    return make_network(user=user, municipalities=["Noorddorp", "Zuidstad"])


@pytest.fixture
def org_type(db) -> Callable[[str], OrganisationType]:
    """Reference types are seeded by a migration; look one up by key."""
    return lambda key="hospital": OrganisationType.objects.get(key=key)


@pytest.fixture
def bearer(user) -> dict[str, str]:
    """The Authorization header of a personal API token of `user`."""
    return {"Authorization": f"Bearer {services.api_token_create(user=user, name='tests')[1]}"}


@pytest.fixture
def keep_connection() -> Iterator[None]:
    """Calls straight into the WSGI app (schemathesis) must not close the test's transaction,
    as Django's test Client ensures for its own requests."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def logged_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# Browser ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Debian's chromium driven by Playwright; never a downloaded browser."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(locale="en-US")  # the UI must still start in Dutch
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def browser_login(live_server, page) -> Callable:
    """Log in through the real login form."""

    def login(username: str, password: str = "geheim-wachtwoord-42"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("#login-form button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return page

    return login


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    """The rate limiters count in the cache; each test starts with none of the previous test's failures."""
    cache.clear()


@pytest.fixture
def run_task_worker() -> Callable[[], None]:
    """Run the queued background tasks once, as `netwerkregie db_worker --batch` does.

    The worker installs its own shutdown handlers; the test process gets its own back. It also
    closes connections that are not in autocommit mode – as the test's transaction is not – which
    on PostgreSQL would end the test's transaction, so here it leaves them open (as Django's
    test client does for requests).
    """

    def run() -> None:
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
                call_command("db_worker", batch=True, stdout=io.StringIO(), stderr=io.StringIO())
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)

    return run
