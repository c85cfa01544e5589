"""Uploaded pictures (listing photos, shop avatars): checked by their content (never their
name), stripped of metadata, and later thumbnailed and hashed by a background job.

Buyers photograph goods and receipts at home, so EXIF (GPS position, camera serial) is removed
by re-encoding the pixels; the EXIF orientation is applied first so the picture stays upright.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

from marketplace.core.errors import ValidationFailed

MAX_IMAGE_BYTES = 10 * 1024 * 1024
# A picture this size decodes to ~160 MB of pixels; anything larger is refused from its header
# before a single pixel is decoded (a tiny file can declare enormous dimensions).
MAX_IMAGE_PIXELS = 40_000_000
THUMBNAIL_WIDTHS = (200, 600, 1200)
FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}


class ImageRefused(ValidationFailed):
    code = "image_refused"

    def __init__(self, message, field: str = "file"):
        super().__init__(str(message), fields={field: [str(message)]})


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    content_type: str
    extension: str
    width: int
    height: int


def clean_image(data: bytes, field: str = "file") -> CleanImage:
    """The picture re-encoded without metadata; ``ImageRefused`` (422) for anything else."""
    if not data:
        raise ImageRefused(_l("Choose a file to upload."), field)
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageRefused(_l("A picture may be at most 10 MB."), field)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _reencode(data, field)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRefused(_l("This picture is too large: at most 40 megapixels."), field) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageRefused(_l("This file is not a JPEG, PNG or WebP picture."), field) from None


def _reencode(data: bytes, field: str) -> CleanImage:
    image = _checked_header(data, field)
    image.verify()  # structural check; the object is unusable afterwards, so open again
    image = Image.open(io.BytesIO(data))
    image_format = image.format
    image = ImageOps.exif_transpose(image)
    image.info.clear()
    content_type, extension = FORMATS[image_format]
    output = io.BytesIO()
    _save(image, image_format, output)
    return CleanImage(output.getvalue(), content_type, extension, image.width, image.height)


def _checked_header(data: bytes, field: str) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    if image.format not in FORMATS:
        raise ImageRefused(_l("This file is not a JPEG, PNG or WebP picture."), field)
    if image.width * image.height > MAX_IMAGE_PIXELS:
        raise ImageRefused(_l("This picture is too large: at most 40 megapixels."), field)
    return image


def _save(image: Image.Image, image_format: str, output: io.BytesIO) -> None:
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        image.save(output, "JPEG", quality=90, optimize=True)
    elif image_format == "WEBP":
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA")
        image.save(output, "WEBP", quality=90)
    else:
        image.save(output, "PNG", optimize=True)


def thumbnail_jpeg(image: Image.Image, width: int) -> bytes:
    """A JPEG at most ``width`` pixels wide (never enlarged), proportions kept."""
    copy = image.copy()
    copy.thumbnail((width, width * 10))
    if copy.mode != "RGB":
        copy = _flatten(copy)
    output = io.BytesIO()
    copy.save(output, "JPEG", quality=85, optimize=True)
    return output.getvalue()


def _flatten(image: Image.Image) -> Image.Image:
    """Transparent parts on white, as a shop page shows them."""
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def difference_hash(image: Image.Image) -> str:
    """A 64-bit perceptual hash (dHash) as 16 hex digits: near-identical pictures (re-encoded,
    resized) get hashes a few bits apart, which the review queue uses to spot reused images."""
    small = image.convert("L").resize((9, 8), Image.Resampling.LANCZOS)
    pixels = small.tobytes()  # one byte per pixel in mode L
    bits = 0
    for row in range(8):
        for column in range(8):
            left, right = pixels[row * 9 + column], pixels[row * 9 + column + 1]
            bits = (bits << 1) | (left > right)
    return f"{bits:016x}"
