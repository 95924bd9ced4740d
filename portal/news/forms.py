"""The article editor's fields (one set per language; articles have no language-neutral ones)."""

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField

from ..editor.forms import LanguageSection, rich_text


class ArticleText(LanguageSection):
    required = {
        "title": _l("Enter the title of the article in Polish."),
        "body": _l("Write the text of the article in Polish."),
    }
    summary = TextAreaField(
        _l("Summary"),
        description=_l("One or two sentences shown in the list of news."),
        render_kw={"rows": 3},
    )
    body = rich_text(_l("Text"))
