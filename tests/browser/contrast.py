"""Text contrast as drawn: WCAG 2 luminance of each text node's ink against its background,
read from a settled screenshot, for the browser tests of any screen (light or dark)."""

from __future__ import annotations

import io
from collections import Counter

from tests.browser.harness import semantics_nodes

#: (screen, name pattern) pairs allowed below AA; empty: every screen meets it.
KNOWN_LOW_CONTRAST: tuple = ()
AA = 4.5


def luminance(rgb) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb[:3]
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def region_contrast(image, node, scale: float) -> tuple[float, tuple, tuple]:
    box = (int(node["x"] * scale) + 1, int(node["y"] * scale) + 1,
           int((node["x"] + node["width"]) * scale) - 1, int((node["y"] + node["height"]) * scale) - 1)
    pixels = list(image.crop(box).get_flattened_data())
    background = Counter(pixels).most_common(1)[0][0]
    ink = max(pixels, key=lambda p: contrast(p, background))
    return contrast(ink, background), ink, background


def settled_screenshot(page):
    """The screen as drawn: retried while the frame is still blank."""
    from PIL import Image

    for _ in range(20):
        page.wait_for_timeout(300)
        image = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
        if len(image.getcolors(maxcolors=64) or range(65)) > 8:
            return image
    return image


def low_contrast(page, screen: str) -> list[str]:
    image = settled_screenshot(page)
    scale = image.width / page.viewport_size["width"]
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    found = []
    nodes = semantics_nodes(page)
    # The navigation bar is drawn over the bottom of a scrolled screen: text
    # under it is hidden, not low in contrast.
    bars = [n for n in nodes if n["role"] == "tablist"]

    def under_a_bar(node) -> bool:
        return node["role"] != "tab" and any(
            node["y"] + node["height"] > bar["y"] and node["y"] < bar["y"] + bar["height"]
            for bar in bars)

    for node in nodes:
        if under_a_bar(node):
            continue
        if not (node["text"] or node["role"] in ("button", "tab")) or node["role"] in ("textbox",):
            continue
        if node["disabled"]:
            continue  # WCAG 1.4.3 exempts inactive controls
        if node["width"] < 8 or node["height"] < 8 or node["x"] < 0 or node["y"] < 0 \
                or node["x"] + node["width"] > width or node["y"] + node["height"] > height:
            continue  # off screen (scrolled away)
        ratio, ink, background = region_contrast(image, node, scale)
        if ink == background:
            continue  # nothing drawn in the visible part (clipped by a scroll edge)
        name = node["text"] or node["label"]
        if any(where == screen and pattern.search(name) for where, pattern in KNOWN_LOW_CONTRAST):
            continue
        if ratio < AA:
            found.append(f"{screen}: {(node['text'] or node['label'])[:40]!r} {ratio:.2f}:1 "
                         f"(ink {ink}, background {background})")
    return found
