"""Serving to your own phone: the addresses to print, a QR code, the first passcode."""

from __future__ import annotations

import getpass
import io
import ipaddress
import secrets
import socket
import sys
from typing import Callable, TextIO

from security.passcode import PasscodeFile, passcode_problem

ALL_INTERFACES = "0.0.0.0"


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _linux_interface_addresses() -> list[str]:
    """IPv4 addresses of this machine's interfaces (Linux), read locally."""
    try:
        import fcntl
        import struct
    except ImportError:
        return []
    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        for _index, name in socket.if_nameindex():
            try:
                packed = fcntl.ioctl(s.fileno(), 0x8915,  # SIOCGIFADDR
                                     struct.pack("256s", name.encode()[:15]))
            except OSError:
                continue
            found.append(socket.inet_ntoa(packed[20:24]))
    return found


def _default_route_address() -> list[str]:
    """The address the OS would use to reach another network (no packet is sent)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.254.254.254", 1))  # UDP connect only picks a route
            return [s.getsockname()[0]]
    except OSError:
        return []


def lan_addresses() -> list[str]:
    """Non-loopback IPv4 addresses of this machine, most likely first."""
    candidates = _linux_interface_addresses()
    if not candidates:
        try:
            candidates = [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None,
                                                                    socket.AF_INET)]
        except OSError:
            candidates = []
    if not [a for a in candidates if not is_loopback(a)]:
        candidates += _default_route_address()
    seen: list[str] = []
    for address in candidates:
        ip = ipaddress.ip_address(address)
        if ip.is_loopback or ip.is_link_local or ip.is_unspecified or address in seen:
            continue
        seen.append(address)
    # Home networks first (192.168/10/172.16), then anything else.
    return sorted(seen, key=lambda a: not ipaddress.ip_address(a).is_private)


def qr_text(url: str) -> str:
    """A QR code of `url` drawn with block characters, for a terminal."""
    import segno

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


def new_setup_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def ask_first_passcode(passcodes: PasscodeFile, ask: Callable[[str], str] = getpass.getpass,
                       out: TextIO = sys.stdout) -> bool:
    """Ask for a new passcode twice in the terminal; False if the person skips it."""
    print("Stepwise will be open to your network. Choose a passcode for it "
          "(stored only as a salted hash). Leave empty to set it in the browser instead.",
          file=out, flush=True)
    while True:
        try:
            first = ask("New passcode: ")
        except (EOFError, KeyboardInterrupt):
            print(file=out)
            return False
        if not first:
            return False
        problem = passcode_problem(first)
        if problem:
            print(problem, file=out, flush=True)
            continue
        try:
            again = ask("Same passcode again: ")
        except (EOFError, KeyboardInterrupt):
            print(file=out)
            return False
        if again != first:
            print("The two passcodes differ; try again.", file=out, flush=True)
            continue
        passcodes.set(first)
        print("Passcode set.", file=out, flush=True)
        return True
