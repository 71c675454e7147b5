"""Keeping the journal private when Stepwise is served to other devices (`--lan`).

Stdlib only. `passcode` stores a salted scrypt hash of the passcode in the data
folder; `limiter` slows down guessing; both take what they need (a clock, a
folder) from the caller, so tests hand in fixed ones.
"""

from security.limiter import AttemptLimiter
from security.passcode import (
    MIN_LENGTH,
    PasscodeFile,
    PasscodeHash,
    hash_passcode,
    passcode_problem,
    verify_passcode,
)

__all__ = [
    "AttemptLimiter",
    "MIN_LENGTH",
    "PasscodeFile",
    "PasscodeHash",
    "hash_passcode",
    "passcode_problem",
    "verify_passcode",
]
