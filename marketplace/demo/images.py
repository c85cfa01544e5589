"""Product pictures drawn with Pillow: a gradient background, a simple shape of the product (a
bottle, a jar, a bag, a shoe...) and the brand's initials; no network, no fonts beyond Pillow's
own. A seed run draws a small pool once (one cover per brand and a few packaging shots) and
every listing reuses pictures from it, which is what keeps seeding 100,000 listings fast.
"""
from __future__ import annotations

import io
import random
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from marketplace.shops.services import slugify

SIZE = 1000
THUMBNAIL_WIDTHS = (200, 600, 1200)
EXTRA_SHOTS = ("gift_box", "parcel", "shopping_bag", "barcode")


@dataclass(frozen=True)
class StoredImage:
    storage_key: str
    width: int
    height: int
    thumbnails: dict[str, str]


@dataclass(frozen=True)
class ImagePool:
    covers: dict[tuple[str, str], StoredImage]  # by (brand, shape)
    extras: tuple[StoredImage, ...]

    @property
    def size(self) -> int:
        return len(self.covers) + len(self.extras)


def initials(brand: str) -> str:
    """Short names whole ("DIOR", "SK-II"), longer ones by their words' initials ("LM")."""
    words = brand.split()
    if len(words) == 1:
        return brand.upper() if len(brand) <= 5 else brand[:2].upper()
    return "".join(word[0] for word in words[:3]).upper()


def palette(name: str) -> tuple[tuple[int, int, int], tuple[int, int, int], tuple[int, int, int]]:
    """Top and bottom background colours and a product colour, fixed for a name."""
    rng = random.Random(name)
    hue = rng.randrange(360)
    return _hsv(hue, 18, 97), _hsv(hue, 45, 80), _hsv((hue + 180 + rng.randrange(-40, 40)) % 360, 55, 60)


def _hsv(hue: int, saturation: int, value: int) -> tuple[int, int, int]:
    colour = Image.new("HSV", (1, 1), (hue * 255 // 360, saturation * 255 // 100, value * 255 // 100))
    return colour.convert("RGB").getpixel((0, 0))


@lru_cache(maxsize=1)
def _gradient() -> Image.Image:
    return Image.linear_gradient("L").resize((SIZE, SIZE))


def background(top, bottom) -> Image.Image:
    mask = _gradient()
    return Image.composite(Image.new("RGB", (SIZE, SIZE), bottom), Image.new("RGB", (SIZE, SIZE), top), mask)


def _body_box(shape: str) -> tuple[int, int, int, int]:
    """Where the label sits on each shape: the widest flat part of the product."""
    boxes = {"bottle": (360, 380, 640, 820), "jar": (270, 470, 730, 800), "tube": (380, 300, 620, 760),
             "lipstick": (410, 470, 590, 820), "compact": (280, 420, 720, 760), "can": (310, 330, 690, 830),
             "pack": (220, 260, 780, 830), "box": (280, 330, 720, 830), "bag": (240, 420, 760, 820),
             "shoe": (330, 560, 630, 700), "watch": (370, 370, 630, 630), "ring": (330, 430, 670, 690),
             "glasses": (250, 430, 750, 600)}
    return boxes.get(shape, (280, 330, 720, 830))


def draw_shape(draw: ImageDraw.ImageDraw, shape: str, colour, accent) -> None:
    left, top, right, bottom = _body_box(shape)
    draw.ellipse((left - 40, bottom - 20, right + 40, bottom + 40), fill=(0, 0, 0, 40))
    if shape == "bottle":
        draw.rounded_rectangle((450, 220, 550, 390), radius=10, fill=accent)
    elif shape in ("jar", "can"):
        draw.rounded_rectangle((left - 10, top - 90, right + 10, top), radius=20, fill=accent)
    elif shape == "tube":
        draw.rectangle((450, bottom, 550, bottom + 70), fill=accent)
    elif shape == "lipstick":
        draw.polygon([(left + 20, top), (right - 20, top - 160), (right - 20, top)], fill=accent)
    elif shape == "bag":
        draw.arc((left + 90, top - 220, right - 90, top + 120), 180, 360, fill=accent, width=28)
    elif shape == "watch":
        draw.rectangle((440, 150, 560, 850), fill=accent)
    elif shape == "glasses":
        draw.line((470, 500, 530, 500), fill=accent, width=18)
    _draw_body(draw, shape, (left, top, right, bottom), colour)


def _draw_body(draw: ImageDraw.ImageDraw, shape: str, box, colour) -> None:
    left, top, right, bottom = box
    if shape in ("compact", "watch", "ring"):
        draw.ellipse(box, fill=colour, outline=(255, 255, 255), width=10)
    elif shape == "glasses":
        draw.ellipse((left, top, left + 220, bottom), fill=colour)
        draw.ellipse((right - 220, top, right, bottom), fill=colour)
    elif shape == "shoe":
        draw.polygon([(180, 700), (200, 520), (420, 480), (560, 590), (820, 640), (840, 700)], fill=colour)
        draw.rectangle((170, 700, 850, 750), fill=(245, 245, 240))
    elif shape == "bag":
        draw.polygon([(left + 40, top), (right - 40, top), (right, bottom), (left, bottom)], fill=colour)
    else:
        draw.rounded_rectangle(box, radius=30 if shape != "box" else 6, fill=colour)


def draw_label(draw: ImageDraw.ImageDraw, shape: str, text: str) -> None:
    left, top, right, bottom = _body_box(shape)
    width = right - left
    font = ImageFont.load_default(size=max(36, min(110, int(width * 0.9 / max(len(text), 1)))))
    centre = ((left + right) // 2, (top + bottom) // 2)
    draw.text(centre, text, font=font, fill=(255, 255, 255), anchor="mm", stroke_width=3,
              stroke_fill=(40, 40, 40))


def product_picture(brand: str, shape: str, seed: int) -> Image.Image:
    top, bottom, colour = palette(f"{seed}:{brand}")
    image = background(top, bottom)
    draw = ImageDraw.Draw(image, "RGBA")
    draw_shape(draw, shape, colour, _darker(colour))
    draw_label(draw, shape, initials(brand))
    return image


def packaging_picture(kind: str, seed: int) -> Image.Image:
    """The shots buyers add after the cover: the gift box, the parcel, the store bag, the barcode."""
    top, bottom, colour = palette(f"{seed}:{kind}")
    image = background(top, bottom)
    draw = ImageDraw.Draw(image, "RGBA")
    draw_shape(draw, "bag" if kind == "shopping_bag" else "box", colour, _darker(colour))
    if kind in ("gift_box", "parcel"):
        draw.rectangle((480, 330, 520, 830), fill=(250, 230, 120) if kind == "parcel" else (200, 30, 60))
        draw.rectangle((280, 560, 720, 600), fill=(250, 230, 120) if kind == "parcel" else (200, 30, 60))
    elif kind == "barcode":
        for offset in range(0, 300, 12):
            draw.rectangle((350 + offset, 650, 354 + offset + offset % 5, 780), fill=(20, 20, 20))
    return image


def build_pool(storage, covers: list[tuple[str, str]], seed: int) -> ImagePool:
    """Draw and store one cover per (brand, shape) and the packaging shots, once per run."""
    folder = f"public/demo/{seed}"
    stored_covers = {(brand, shape): store_picture(storage, product_picture(brand, shape, seed),
                                                   f"{folder}/{slugify(brand)}-{shape}")
                     for brand, shape in covers}
    extras = tuple(store_picture(storage, packaging_picture(kind, seed), f"{folder}/{kind}")
                   for kind in EXTRA_SHOTS)
    return ImagePool(stored_covers, extras)


def _darker(colour) -> tuple[int, int, int]:
    return tuple(int(channel * 0.6) for channel in colour)


def jpeg_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def thumbnail(image: Image.Image, width: int) -> Image.Image:
    """At most ``width`` wide, never enlarged, in proportion."""
    if image.width <= width:
        return image
    return image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS,
                        reducing_gap=2.0)


def store_picture(storage, image: Image.Image, key_base: str) -> StoredImage:
    """Store the picture and its thumbnails under ``key_base`` (``public/...``, no extension)."""
    key, original = f"{key_base}.jpg", jpeg_bytes(image)
    storage.put(key, original, "image/jpeg")
    thumbnails = {}
    for width in THUMBNAIL_WIDTHS:
        thumbnails[str(width)] = f"{key_base}-{width}.jpg"
        smaller = thumbnail(image, width)
        data = original if smaller is image else jpeg_bytes(smaller)
        storage.put(thumbnails[str(width)], data, "image/jpeg")
    return StoredImage(key, image.width, image.height, thumbnails)
