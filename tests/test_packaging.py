"""`flet build apk|ipa` configuration and the web app's manifest, checked offline.

The build itself downloads Flutter, the Android SDK and Xcode tools that these
machines cannot reach; this keeps what Flet 1.0.5's build reads valid.
"""

from __future__ import annotations

import json
import re
import struct
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "assets"
ACCENT = "#2F6B5F"


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", head[16:24])


@pytest.fixture(scope="module")
def flet_config() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["flet"]


def test_identity_keys_flet_build_reads(flet_config):
    assert re.fullmatch(r"[a-z][a-z0-9]*(\.[a-z][a-z0-9_]*)+", flet_config["org"])
    assert flet_config["product"] == "Stepwise"
    bundle = flet_config["bundle_id"]
    assert bundle.startswith(flet_config["org"] + ".")
    # Valid as an Android applicationId and an iOS bundle identifier.
    assert re.fullmatch(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+", bundle)
    assert re.fullmatch(r"[a-z0-9_-]+", flet_config["artifact"])
    assert flet_config["company"] and flet_config["copyright"]


def test_entry_point_exists(flet_config):
    module = flet_config["app"]["module"]
    assert (ROOT / f"{module}.py").is_file()
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    for excluded in flet_config["app"]["exclude"]:
        # test-artifacts/ is made by the browser tests and ignored by git: it may not exist yet
        made_by_tests = f"/{excluded}/" in ignored
        assert (ROOT / excluded).exists() or made_by_tests, f"exclude lists a missing path: {excluded}"
    assert "assets" not in flet_config["app"]["exclude"]


def test_android_permissions_have_full_names(flet_config):
    permissions = flet_config["android"]["permission"]
    for name, wanted in permissions.items():
        assert re.fullmatch(r"android\.permission\.[A-Z_]+", name), name
        assert isinstance(wanted, bool)
    assert permissions["android.permission.POST_NOTIFICATIONS"] is True
    assert permissions["android.permission.RECEIVE_BOOT_COMPLETED"] is True
    # Decided: no exact alarms (reminders/phone.py falls back to inexact ones).
    assert not permissions.get("android.permission.SCHEDULE_EXACT_ALARM")
    assert not permissions.get("android.permission.USE_EXACT_ALARM")


def test_phone_code_copes_without_exact_alarms():
    source = (ROOT / "reminders" / "phone.py").read_text()
    assert "can_schedule_exact_notifications" in source and "INEXACT_ALLOW_WHILE_IDLE" in source


def test_colours_are_valid(flet_config):
    for value in (flet_config["icon_background"], flet_config["android"]["adaptive_icon_background"],
                  flet_config["splash"]["color"], flet_config["splash"]["dark_color"]):
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", value)
    assert flet_config["icon_background"].upper() == ACCENT


def test_icon_and_splash_are_where_flet_build_looks():
    # `flet build` takes assets/icon.png and assets/splash.png (square, large).
    for name in ("icon.png", "splash.png"):
        width, height = png_size(ASSETS / name)
        assert width == height >= 1024


def test_ios_info_plist_values_are_plain(flet_config):
    for key, value in flet_config["ios"]["info"].items():
        assert isinstance(key, str) and isinstance(value, (str, bool, int, float, list, dict))


def test_web_manifest_names_stepwise_with_its_icons():
    manifest = json.loads((ASSETS / "manifest.json").read_text())
    assert manifest["name"] == manifest["short_name"] == "Stepwise"
    assert manifest["theme_color"].upper() == ACCENT
    assert manifest["display"] == "standalone"
    sizes = set()
    for icon in manifest["icons"]:
        width, height = png_size(ASSETS / icon["src"])
        assert icon["sizes"] == f"{width}x{height}"
        sizes.add((width, icon.get("purpose", "any")))
    assert {(192, "any"), (512, "any"), (192, "maskable"), (512, "maskable")} <= sizes


def test_index_html_is_fletweb_s_own_with_stepwise_metadata():
    """assets/index.html replaces flet-web's; it must not drift from the installed one."""
    import flet_web

    theirs = (Path(flet_web.__file__).parent / "web" / "index.html").read_text()
    ours = (ASSETS / "index.html").read_text()
    assert "<title>Stepwise</title>" in ours
    assert '<meta name="apple-mobile-web-app-title" content="Stepwise">' in ours
    assert f'<meta name="theme-color" content="{ACCENT}">' in ours

    def skeleton(html: str) -> list[str]:
        # Drop what we changed on purpose: metadata lines, colours, our script.
        html = re.sub(r"<script>\s*// Stepwise's text size setting.*?</script>", "", html, flags=re.S)
        lines = []
        for line in html.splitlines():
            line = line.strip()
            if not line or re.search(r"<meta |<title>|background: #", line):
                continue
            lines.append(line)
        return lines

    assert skeleton(ours) == skeleton(theirs), "flet-web's index.html changed: update assets/index.html"
