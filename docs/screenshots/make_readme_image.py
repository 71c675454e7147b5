"""Join browser-test screenshots into the README images: python docs/screenshots/make_readme_image.py

walkthrough.png: tests/browser/test_walkthrough_browser.py; library.png: tests/browser/test_library_journey_browser.py.
"""

from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SHEETS = {
    "walkthrough.png": ["01-today-new-user", "02-story", "05-reflect", "08-finish"],
    "library.png": ["journey-library-day-2", "journey-book-day-2", "journey-finish-day-1"],
}


def join(names: list[str], out: Path) -> None:
    images = [Image.open(ROOT / "test-artifacts" / "screenshots" / f"{n}.png").convert("RGB") for n in names]
    width, height = images[0].size
    gap = 16
    sheet = Image.new("RGB", (len(images) * (width + gap) + gap, height + 2 * gap), (230, 236, 233))
    for i, image in enumerate(images):
        sheet.paste(image.resize((width, height)), (gap + i * (width + gap), gap))
    sheet = sheet.resize((sheet.width * 2 // 3, sheet.height * 2 // 3), Image.LANCZOS)
    sheet.save(out, optimize=True)


for name, shots in SHEETS.items():
    if all((ROOT / "test-artifacts" / "screenshots" / f"{n}.png").exists() for n in shots):
        join(shots, Path(__file__).with_name(name))
