"""Placeholder photos for the demo: coloured cards naming what the real photo shows."""

from __future__ import annotations

import io
import textwrap
from functools import cache

from PIL import Image, ImageDraw, ImageFont
from slugify import slugify

PALETTE = [(32, 74, 135), (23, 105, 96), (128, 52, 94), (150, 82, 20), (60, 60, 110)]


@cache
def placeholder_photo(number: int, text: str) -> bytes:
    """A generated stand-in for a photo: a coloured card naming what the photo shows."""
    width, height = 1600, 1067
    colour = PALETTE[number % len(PALETTE)]
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    for step in range(0, height, 8):  # a soft vertical gradient
        shade = tuple(min(255, c + step // 12) for c in colour)
        draw.rectangle([0, step, width, step + 8], fill=shade)
    draw.ellipse([width - 520, -260, width + 260, 520], outline=(255, 255, 255), width=12)
    try:  # a system font with Polish letters, where the machine has one
        font = ImageFont.truetype("DejaVuSans.ttf", 60)
    except OSError:  # Pillow's own font lacks Polish letters: write them without diacritics
        font = ImageFont.load_default(size=60)
        text = slugify(text, separator=" ", lowercase=False, regex_pattern=r"[^\w\s.,„”-]+")
    lines = textwrap.wrap(text, width=38)
    y = height // 2 - len(lines) * 40
    for line in lines:
        draw.text((120, y), line, fill=(255, 255, 255), font=font)
        y += 80
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
