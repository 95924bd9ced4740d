"""Serving processed images. In production nginx serves MEDIA_ROOT directly (see deploy/)."""

from flask import Blueprint, abort, current_app, send_from_directory, url_for

bp = Blueprint("media", __name__)

ONE_YEAR = 365 * 24 * 3600
SERVED_SUFFIXES = (".webp",)  # every rendition is WebP (processing.py)


@bp.get("/media/<path:filename>")
def serve(filename: str):
    # Documents are served by portal.documents, which checks their item may be seen.
    if filename.split("/", 1)[0] == "documents":
        abort(404)
    # Only the pictures themselves: the manifests beside them (``.json``) are the portal's own
    # records, not for readers.
    if not filename.endswith(SERVED_SUFFIXES):
        abort(404)
    # Names are content-hashed, so a file never changes under its name.
    response = send_from_directory(current_app.config["MEDIA_ROOT"], filename, max_age=ONE_YEAR)
    response.cache_control.immutable = True
    return response


def media_url(name: str) -> str:
    return url_for("media.serve", filename=name)
