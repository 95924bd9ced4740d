"""The information page editor's fields."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, TextAreaField
from wtforms.validators import NumberRange, Optional

from ..staff.content_forms import LanguageSection, rich_text


class PageText(LanguageSection):
    required = {
        "title": _l("Enter the title of the page in Polish."),
        "body": _l("Write the text of the page in Polish."),
    }
    summary = TextAreaField(_l("Summary"), render_kw={"rows": 3})
    body = rich_text(_l("Text"))


class PageFields:
    menu_position = IntegerField(
        _l("Position in the main menu"),
        validators=[
            Optional(),
            NumberRange(min=1, max=99, message=_l("Enter a menu position from 1 to 99.")),
        ],
        description=_l("Leave it empty to keep the page out of the menu."),
    )
