"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path


def write_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sent_name(filename: str | None, limit: int = 120) -> str:
    """The name a sender gave a file, fit to show and to keep beside it (never to store it by).

    Only the last part of a path is kept (``..``, folders of either system's slashes go), in
    NFC so Polish letters are one character each; control characters (a NUL above all, which
    PostgreSQL's text columns refuse) and the bidirectional overrides that can disguise an
    ending (``gpj.exe`` shown as ``exe.jpg``) are dropped; it is cut to ``limit`` characters,
    the ending kept.
    """
    text = unicodedata.normalize("NFC", (filename or "").replace("\\", "/"))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))
    name = text.rsplit("/", 1)[-1].strip()
    if name in (".", ".."):
        return ""
    if len(name) > limit:
        stem, dot, ending = name.rpartition(".")
        if dot and stem and len(ending) < 10:
            name = stem[: limit - len(ending) - 1] + "." + ending
        else:
            name = name[:limit]
    return name
