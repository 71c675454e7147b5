"""The LAN passcode: stored only as a salted scrypt hash, compared in constant time."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

FILE_NAME = "passcode.json"
MIN_LENGTH = 6
MAX_LENGTH = 128  # bounds the work one attempt can cause
# scrypt cost: 2**15 * 8 * 128 bytes = 32 MiB of memory and ~0.1 s per attempt.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
KEY_BYTES = 32


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


@dataclass(frozen=True)
class PasscodeHash:
    """What is kept on disk: the salt, the cost parameters and the derived key."""

    salt: bytes
    key: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P

    def to_json(self) -> str:
        return json.dumps({
            "scheme": "scrypt",
            "n": self.n, "r": self.r, "p": self.p,
            "salt": _b64(self.salt), "key": _b64(self.key),
        })

    @classmethod
    def from_json(cls, text: str) -> "PasscodeHash":
        data = json.loads(text)
        if data.get("scheme") != "scrypt":
            raise ValueError("unknown passcode scheme")
        return cls(
            salt=base64.b64decode(data["salt"], validate=True),
            key=base64.b64decode(data["key"], validate=True),
            n=int(data["n"]), r=int(data["r"]), p=int(data["p"]),
        )


def _derive(passcode: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(
        passcode.encode("utf-8"), salt=salt, n=n, r=r, p=p,
        maxmem=2 * 128 * n * r * p + 2**20, dklen=length,
    )


def passcode_problem(passcode: str) -> str | None:
    """Why a new passcode is not acceptable, or None when it is."""
    if len(passcode) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(passcode) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    if passcode.strip() != passcode:
        return "Leave out spaces at the start and end."
    return None


def hash_passcode(passcode: str, salt: bytes | None = None, *, n: int = SCRYPT_N,
                  r: int = SCRYPT_R, p: int = SCRYPT_P) -> PasscodeHash:
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    return PasscodeHash(salt=salt, key=_derive(passcode, salt, n, r, p, KEY_BYTES), n=n, r=r, p=p)


def verify_passcode(passcode: str, stored: PasscodeHash) -> bool:
    """True when `passcode` matches; the comparison takes the same time either way."""
    if len(passcode) > MAX_LENGTH:
        passcode = ""  # still do the work, so the timing says nothing
    candidate = _derive(passcode, stored.salt, stored.n, stored.r, stored.p, len(stored.key))
    return hmac.compare_digest(candidate, stored.key)


class PasscodeFile:
    """`passcode.json` in the data folder (0600), written atomically."""

    def __init__(self, folder: Path, *, n: int = SCRYPT_N) -> None:
        self.path = Path(folder) / FILE_NAME
        self._n = n

    def is_set(self) -> bool:
        return self.path.is_file()

    def load(self) -> PasscodeHash | None:
        try:
            return PasscodeHash.from_json(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None

    def set(self, passcode: str) -> None:
        problem = passcode_problem(passcode)
        if problem:
            raise ValueError(problem)
        record = hash_passcode(passcode, n=self._n)
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp = self.path.with_name(f".{FILE_NAME}.{secrets.token_hex(4)}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(record.to_json())
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, self.path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        if sys.platform != "win32":
            os.chmod(self.path, 0o600)

    def check(self, passcode: str) -> bool:
        stored = self.load()
        return stored is not None and verify_passcode(passcode, stored)
