"""The LAN guard: what the passcode screen asks of security, in one place."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from security.limiter import AttemptLimiter
from security.passcode import PasscodeFile, passcode_problem


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str = ""
    wait_seconds: int = 0


def _wait_message(seconds: int) -> str:
    unit = "second" if seconds == 1 else "seconds"
    return f"Too many wrong tries. Try again in {seconds} {unit}."


class LanGuard:
    """Unlocks the app with the passcode, or sets the first one.

    With no passcode set yet, the first visitor sets it, but only with the
    one-time setup code that the server printed in its terminal: someone
    else on the network cannot claim the journal first. Every wrong passcode
    or setup code counts against one shared `AttemptLimiter`.
    """

    def __init__(self, passcodes: PasscodeFile, limiter: AttemptLimiter,
                 setup_code: str | None = None) -> None:
        self.passcodes = passcodes
        self.limiter = limiter
        self.setup_code = setup_code

    def needs_setup(self) -> bool:
        return not self.passcodes.is_set()

    def unlock(self, passcode: object) -> Outcome:
        """Check a passcode. Anything that is not text (a crafted event can send a number or an
        object) is a wrong try, counted like any other; nothing raises."""
        if not isinstance(passcode, str):
            return self._refused(self.limiter.attempt(lambda: False), "That passcode is not right.")
        ok, wait = self.limiter.attempt(lambda: self.passcodes.check(passcode))
        if ok:
            return Outcome(True)
        if wait:
            return Outcome(False, _wait_message(wait), wait)
        return Outcome(False, "That passcode is not right.")

    def set_first(self, setup_code: object, passcode: object, confirm: object) -> Outcome:
        if not self.needs_setup():
            return Outcome(False, "A passcode is already set: enter it instead.")
        if not all(isinstance(v, str) for v in (setup_code, passcode, confirm)):
            return self._refused(self.limiter.attempt(lambda: False),
                                 "That setup code is not right: see the terminal running Stepwise.")
        problem = passcode_problem(passcode)
        if problem:
            return Outcome(False, problem)
        if passcode != confirm:
            return Outcome(False, "The two passcodes differ.")
        expected = self.setup_code or ""
        ok, wait = self.limiter.attempt(
            lambda: bool(expected) and hmac.compare_digest(setup_code.strip().encode(), expected.encode()))
        if not ok:
            if wait:
                return Outcome(False, _wait_message(wait), wait)
            return Outcome(False, "That setup code is not right: see the terminal running Stepwise.")
        self.passcodes.set(passcode)
        return Outcome(True)

    @staticmethod
    def _refused(attempt: tuple[bool, int], message: str) -> Outcome:
        _ok, wait = attempt
        if wait:
            return Outcome(False, _wait_message(wait), wait)
        return Outcome(False, message)
