"""No server traceback ever reaches a browser: it is logged here, the client gets one line.

Flet reports an exception in an event handler, an effect or ``main`` by
sending the whole traceback (file paths, code, values) to the client as a
"session crashed" message, even to a client still at the passcode screen.
``install()`` replaces that one choke point, ``Session.error``, so the
traceback goes to the server's log and the client is told only that
something went wrong.
"""

from __future__ import annotations

import logging

logger = logging.getLogger("stepwise.client_errors")

CLIENT_MESSAGE = ("Something went wrong on the Stepwise server. Reload the page; the details "
                  "are in the server's log.")


def install() -> bool:
    """Patch Flet's Session.error (idempotent). False if Flet has no such method."""
    try:
        from flet.messaging.session import Session
    except ImportError:  # pragma: no cover - every supported Flet has it
        return False
    original = getattr(Session, "error", None)
    if original is None:
        return False
    if getattr(original, "_stepwise_quiet", False):
        return True

    def error(self, message: str) -> None:
        logger.error("A session error was kept from the client:\n%s", message)
        original(self, CLIENT_MESSAGE)

    error._stepwise_quiet = True  # type: ignore[attr-defined]
    Session.error = error  # type: ignore[method-assign]
    return True
