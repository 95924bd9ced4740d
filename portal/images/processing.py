"""The image pipeline: decode, check, normalise, and write responsive renditions.

Every image that reaches the site goes through here, from an upload or the demo loader alike.
Files are checked by decoding them (never by their name), re-encoded so no metadata survives
(EXIF with GPS above all), turned upright, and written atomically under content-hashed names.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from flask_babel import lazy_gettext as _l
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

from ..files import write_atomically

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
RENDITION_WIDTHS = (320, 640, 1024, 1600)
MAX_PIXELS = 40_000_000  # about a 7,700 × 5,200 photo: any real camera, not a decompression bomb
QUALITY = 82


class ImageRejected(ValueError):
    """The file is not an image we accept; the message is shown to the person who sent it."""


@dataclass(frozen=True)
class ProcessedImage:
    key: str
    width: int
    height: int
    renditions: dict[str, str]


def _open(data: bytes) -> PILImage.Image:
    try:
        image = PILImage.open(io.BytesIO(data))
    except PILImage.DecompressionBombError as exc:
        # A few bytes declaring far more pixels than any photo (Pillow refuses to open it).
        raise ImageRejected(_l("The picture is too large (at most 40 megapixels).")) from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise ImageRejected(
            _l("The file is not a picture we can read (use JPEG, PNG or WebP).")
        ) from exc
    if image.format not in ACCEPTED_FORMATS:
        raise ImageRejected(_l("Only JPEG, PNG and WebP pictures are accepted."))
    if image.width * image.height > MAX_PIXELS:
        raise ImageRejected(_l("The picture is too large (at most 40 megapixels)."))
    try:
        image.load()
    except (OSError, PILImage.DecompressionBombError) as exc:
        raise ImageRejected(_l("The picture is damaged and cannot be read.")) from exc
    return image


def process(data: bytes, media_root: str | os.PathLike) -> ProcessedImage:
    """Check ``data`` and write its renditions under ``media_root``; return what was written.

    The same file sent twice is processed once: its renditions are found by the hash of its bytes.
    """
    key = hashlib.sha256(data).hexdigest()[:32]
    manifest = Path(media_root) / f"images/{key[:2]}/{key}.json"
    if manifest.exists():
        known = json.loads(manifest.read_text())
        if all((Path(media_root) / name).exists() for name in known["renditions"].values()):
            return ProcessedImage(**known)
    image = _open(data)
    image = ImageOps.exif_transpose(image)
    image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
    widths = [w for w in RENDITION_WIDTHS if w < image.width] + [min(image.width, 1600)]
    renditions: dict[str, str] = {}
    for width in sorted(set(widths)):
        height = round(image.height * width / image.width)
        resized = (
            image
            if width == image.width
            else image.resize((width, height), PILImage.Resampling.LANCZOS)
        )
        buffer = io.BytesIO()
        resized.save(buffer, "WEBP", quality=QUALITY, method=4)  # saves no EXIF
        name = f"images/{key[:2]}/{key}-{width}.webp"
        target = Path(media_root) / name
        write_atomically(target, buffer.getvalue())
        renditions[str(width)] = name
    result = ProcessedImage(key=key, width=image.width, height=image.height, renditions=renditions)
    write_atomically(manifest, json.dumps(asdict(result)).encode())
    return result
