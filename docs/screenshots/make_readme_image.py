"""Join browser-test screenshots into the README image: python docs/screenshots/make_readme_image.py"""

from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
NAMES = ["01-today-new-user", "02-story", "05-reflect", "08-finish"]

images = [Image.open(ROOT / "test-artifacts" / "screenshots" / f"{n}.png").convert("RGB") for n in NAMES]
width, height = images[0].size
gap = 16
sheet = Image.new("RGB", (len(images) * (width + gap) + gap, height + 2 * gap), (230, 236, 233))
for i, image in enumerate(images):
    sheet.paste(image, (gap + i * (width + gap), gap))
sheet = sheet.resize((sheet.width * 2 // 3, sheet.height * 2 // 3), Image.LANCZOS)
sheet.save(Path(__file__).with_name("walkthrough.png"), optimize=True)
