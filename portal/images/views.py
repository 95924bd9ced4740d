"""Serving processed images. In production nginx serves MEDIA_ROOT directly (see deploy/)."""

from flask import Blueprint, current_app, send_from_directory, url_for

bp = Blueprint("media", __name__)

ONE_YEAR = 365 * 24 * 3600


@bp.get("/media/<path:filename>")
def serve(filename: str):
    # Names are content-hashed, so a file never changes under its name.
    response = send_from_directory(current_app.config["MEDIA_ROOT"], filename, max_age=ONE_YEAR)
    response.cache_control.immutable = True
    return response


def media_url(name: str) -> str:
    return url_for("media.serve", filename=name)
