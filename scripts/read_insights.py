"""Screenshots of every shipped insight as a phone shows it, for reading before shipping.

    python scripts/read_insights.py [book-id ...]

For each insight, a served app (fresh data folder, history seeded so that the
insight is today's) is opened at 360 px in Chromium posing as an Android
phone; the story, the steps and the tips parts are captured three screens
tall (360 x 1920) and put side by side in one picture:
test-artifacts/insights/<insight-id>.png. A story that runs past the bottom
of its column scrolls for more than three screens: too long.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from content import load_insights  # noqa: E402
from storage import Store  # noqa: E402
from tests.browser.harness import (  # noqa: E402
    CHROMIUM, CHROMIUM_ARGS, Server, open_app_on_phone, phone_context, screenshot, served_now,
)

OUT = ROOT / "test-artifacts" / "insights"
SCREEN = {"width": 360, "height": 640}
TALL = {"width": 360, "height": 3 * SCREEN["height"]}
PARTS = {"story": 1, "steps": 3, "tips": 5}  # the walk-through's /practice/N of each


def seed(data: Path, before: str | None) -> None:
    """Finish the insight before this one yesterday, so this one is today's."""
    with Store.open(data) as store:
        if before:
            yesterday = served_now() - timedelta(days=1)
            store.practice.mark_finished(before, yesterday.date(), yesterday)


def capture(browser, server: Server, insight) -> Path:
    columns = []
    for name, part in PARTS.items():
        context = phone_context(browser, viewport=TALL, device_scale_factor=1)
        page = context.new_page()
        open_app_on_phone(page, f"{server.url}practice/{part}")
        page.get_by_text(f"{part} of 7").first.wait_for(state="attached", timeout=30_000)
        if name == "story":  # today's insight is the one asked for
            page.get_by_text(insight.story[0][:30], exact=False).first.wait_for(state="attached")
        columns.append(Image.open(screenshot(page, f"insight-{insight.id}-{name}")))
        context.close()
    sheet = Image.new("RGB", (sum(c.width for c in columns) + 20 * (len(columns) - 1), TALL["height"]), "grey")
    x = 0
    for column in columns:
        sheet.paste(column, (x, 0))
        x += column.width + 20
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{insight.id}.png"
    sheet.save(path)
    return path


def main(book_ids: list[str]) -> int:
    insights = load_insights().insights
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n, insight in enumerate(insights):
            if book_ids and insight.book_id not in book_ids:
                continue
            data = Path(tmp) / insight.id / "data"
            seed(data, insights[n - 1].id if n else None)
            server = Server(data).start()
            try:
                print(capture(browser, server, insight), flush=True)
            finally:
                server.stop()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
