"""The information page editor's fields."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional, ValidationError

from ..editor.forms import LanguageSection, rich_text

MEDIA_PREFIX = "/media/"
VIDEO_SUFFIXES = (".mp4", ".webm")
# A file name under MEDIA_ROOT: letters, digits, dot, dash, underscore, folders; no "..", no
# scheme, no query. Films are served by the site itself, which the page's CSP allows.
VIDEO_NAME = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$")


def _film_name(value: str | None) -> str | None:
    """What is stored: the file's name under the media folder, or nothing."""
    value = (value or "").strip()
    if value.startswith(MEDIA_PREFIX):
        value = value[len(MEDIA_PREFIX) :]
    return value or None


def check_film(form, field) -> None:
    name = field.data
    if name is None:
        return
    if not VIDEO_NAME.match(name) or not name.lower().endswith(VIDEO_SUFFIXES):
        raise ValidationError(
            _(
                "Enter the film's file in the media folder, like /media/films/pjm.mp4 (an MP4 "
                "or WebM file), or leave it empty."
            )
        )
    root = Path(current_app.config["MEDIA_ROOT"]).resolve()
    path = (root / PurePosixPath(name)).resolve()
    if root not in path.parents or not path.is_file():
        raise ValidationError(
            _("There is no file %(name)s in the media folder. Check its name.", name=name)
        )


class PageText(LanguageSection):
    required = {
        "title": _l("Enter the title of the page in Polish."),
        "body": _l("Write the text of the page in Polish."),
    }
    summary = TextAreaField(_l("Summary"), render_kw={"rows": 3})
    body = rich_text(_l("Text"))
    video_text = rich_text(
        _l("Text version of the film"),
        description=_l("What is signed or said in the film, for people who cannot watch it."),
    )


class PageFields:
    menu_position = IntegerField(
        _l("Position in the main menu"),
        validators=[
            Optional(),
            NumberRange(min=1, max=99, message=_l("Enter a menu position from 1 to 99.")),
        ],
        description=_l("Leave it empty to keep the page out of the menu."),
    )
    video = StringField(
        _l("Film"),
        filters=[_film_name],
        validators=[Length(max=300), check_film],
        description=_l(
            "The film's file in the media folder, like /media/films/pjm.mp4. Leave it empty "
            "if the page has no film."
        ),
        render_kw={"spellcheck": "false", "autocomplete": "off"},
    )
