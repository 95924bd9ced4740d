"""How a file is described to people: its type and size in the reader's language."""

from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import gettext as _

from .files import FORMATS


def format_size(size: int | None) -> str:
    """"240 KB", "1.2 MB" ("1,2 MB" in Polish): the decimal sign of the page's language."""
    if size is None:
        return ""
    if size < 1024 * 1024:
        # TRANSLATORS: a file's size in kilobytes.
        return _("%(size)s KB", size=format_decimal(max(1, round(size / 1024))))
    megabytes = round(size / (1024 * 1024), 1)
    # TRANSLATORS: a file's size in megabytes.
    return _("%(size)s MB", size=format_decimal(megabytes, format="#,##0.#"))


def describe(format: str, size: int | None) -> str:
    """"PDF, 240 KB": what a reader learns before downloading a file."""
    name = FORMATS[format][1] if format in FORMATS else format.upper()
    if size is None:
        return name
    # TRANSLATORS: a file's type and size, as in "PDF, 240 KB".
    return _("%(format)s, %(size)s", format=name, size=format_size(size))
