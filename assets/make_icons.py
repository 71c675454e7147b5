"""Draw Stepwise's icon, splash and web icons with Pillow: `python assets/make_icons.py`.

The mark is a staircase of three steps with a dot above the top
step: one step a day. White on the accent colour #2F6B5F, or the accent on
transparent for the splash. Only this script is edited by hand; every PNG
here is its output, committed so nothing needs Pillow at run time.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
ACCENT = (0x2F, 0x6B, 0x5F, 255)
WHITE = (255, 255, 255, 255)
SCALE = 4  # draw large, then shrink: smooth edges


def mark(size: int, color, background=None, inset: float = 0.0, corner: float = 0.0) -> Image.Image:
    """The staircase in `color`, filling the middle (1 - 2*inset) of a square."""
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if background is not None:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=int(corner * big), fill=background)
    box = big * (1 - 2 * inset)
    left = big * inset
    top = big * inset
    unit = box / 10

    def at(x: float, y: float) -> tuple[float, float]:
        return left + unit * x, top + unit * y

    # A staircase of three steps rising to the right...
    draw.polygon([at(1, 8.7), at(1, 6.6), at(3.7, 6.6), at(3.7, 4.5), at(6.3, 4.5),
                  at(6.3, 2.4), at(9, 2.4), at(9, 8.7)], fill=color)
    # ...and a dot above the top step: where today's step lands.
    cx, cy = at(7.65, 0.85)
    r = unit * 0.85
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=color)
    return image.resize((size, size), Image.LANCZOS)


def save(image: Image.Image, name: str) -> None:
    path = HERE / name
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)
    print(path.relative_to(HERE.parent), image.size)


def main() -> None:
    # `flet build`: a transparent icon (the build fills icon_background,
    # the accent, where a platform needs an opaque square) and the splash.
    save(mark(1024, WHITE, inset=0.16), "icon.png")
    save(mark(1024, WHITE, ACCENT, inset=0.2, corner=0.22), "splash.png")
    # Web: favicon, install icons, maskable icons (mark inside the 80 % safe
    # circle), the iOS home screen icon (opaque, iOS rounds it) and the
    # picture shown while the web app loads.
    save(mark(64, WHITE, ACCENT, inset=0.14, corner=0.22), "favicon.png")
    for size in (192, 512):
        save(mark(size, WHITE, ACCENT, inset=0.14, corner=0.22), f"icons/icon-{size}.png")
        save(mark(size, WHITE, ACCENT, inset=0.24), f"icons/icon-maskable-{size}.png")
    save(mark(192, WHITE, ACCENT, inset=0.18), "icons/apple-touch-icon-192.png")
    save(mark(512, WHITE, ACCENT, inset=0.2, corner=0.22), "icons/loading-animation.png")


if __name__ == "__main__":
    main()
