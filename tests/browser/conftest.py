"""Fixtures of the browser tests: one Chromium per module, and the served app.

There is one way to serve the app, here:

* `server`: `main.py` on a free port for one test, stopped after it. It serves
  `app_to_serve`, a new user's data folder by default; a module whose app needs
  seeded data, fixture books or arguments overrides `app_to_serve` (returning an
  unstarted `harness.Server`), not `server`.
* `serve`: for tests that start several servers or start them with arguments
  chosen in the test (`serve(data_dir, extra_args=..., env=...)`); each one is
  stopped after the test.
* `serve_for_module`: the same for a module-scoped fixture
  (test_web_fonts_browser renders the Journal once per font setup).
* `lan_server`: `--lan` with a passcode set and a journal secret
  (`tests.browser.lan`), for the tests that check nothing private leaks.

test_static_policy_browser has its own `browser` (no request routing, so the
HTTP cache stays on).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from security import PasscodeFile
from tests.browser.harness import Server, module_browser
from tests.browser.lan import PASSCODE, seed_journal


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module, closed at the module's end.

    Playwright's sync API keeps an event loop running while it is open, so a
    browser kept for the whole session would break any later test that calls
    asyncio.run(); per module, no test depends on the order files run in.
    """
    yield from module_browser()


def serving(default_data_dir: Callable[[], Path]) -> Iterator[Callable[..., Server]]:
    """The body of `serve` and `serve_for_module`: start servers, stop them all at teardown."""
    started: list[Server] = []

    def start(data_dir: Path | None = None, **options) -> Server:
        data_dir = data_dir or default_data_dir()
        data_dir.parent.mkdir(parents=True, exist_ok=True)  # the server's log goes beside it
        server = Server(data_dir, **options)
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def serve(tmp_path):
    """`serve(data_dir=None, **options)` starts `main.py` (options go to `harness.Server`:
    extra_args, env, first_run_done) on `data_dir`, tmp_path/"data" by default."""
    yield from serving(lambda: tmp_path / "data")


@pytest.fixture(scope="module")
def serve_for_module(tmp_path_factory):
    """`serve` for a module-scoped fixture (a server several tests look at): stopped at the
    module's end, or earlier by the fixture itself."""
    yield from serving(lambda: tmp_path_factory.mktemp("served") / "data")


@pytest.fixture
def app_to_serve(tmp_path) -> Server:
    """What `server` starts: a new user's data folder, tmp_path/"data". Override per module."""
    return Server(tmp_path / "data")


@pytest.fixture
def server(app_to_serve):
    """The app served on a free port for one test (see `app_to_serve`)."""
    try:
        yield app_to_serve.start()
    finally:
        app_to_serve.stop()


@pytest.fixture
def lan_server(serve, tmp_path):
    """`--lan` with the passcode set and a journal secret written today."""
    data = tmp_path / "data"
    seed_journal(data)
    PasscodeFile(data).set(PASSCODE)
    return serve(data, extra_args=["--lan"])
