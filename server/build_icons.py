"""Draw the add-in's icons (ribbon 16/32/80 px, add-in list 32/64 px, favicon) into static/images/.

Run: .venv/bin/python server/build_icons.py. A rounded green square with "ZB" in white, drawn at
256 px with matplotlib's bundled DejaVu Sans Bold and scaled down, so it needs no system font.
"""

from pathlib import Path

import matplotlib
from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
SIZES = (16, 32, 64, 80)
GREEN = (33, 115, 70, 255)  # Excel's green: the add-in reads as part of Excel


def draw(size: int = 256) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 6, fill=GREEN)
    font = ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts/ttf/DejaVuSans-Bold.ttf"), size // 2)
    pen.text((size / 2, size / 2), "ZB", font=font, fill="white", anchor="mm")
    return image


def main() -> None:
    big = draw()
    icons = HERE / "static" / "images" / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        big.resize((size, size), Image.LANCZOS).save(icons / f"zhibiao-{size}.png", optimize=True)
    big.resize((32, 32), Image.LANCZOS).save(HERE / "static" / "images" / "favicon.png", optimize=True)


if __name__ == "__main__":
    main()
