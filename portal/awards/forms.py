"""The award editor's fields."""

from __future__ import annotations

from flask import g
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from ..content import SOURCE_LANGUAGE
from ..editor.forms import CheckedDateField, LanguageSection
from ..news.models import Article


class AwardText(LanguageSection):
    required = {"title": _l("Enter the name of the award in Polish.")}
    organiser = StringField(_l("Organiser"), validators=[Length(max=300)])
    edition = StringField(_l("Edition"), validators=[Length(max=200)])
    place = StringField(_l("Place"), validators=[Length(max=300)])
    description = TextAreaField(_l("Description"), render_kw={"rows": 5})


def _article_id(value: object) -> int | None:
    if value in (None, ""):
        return None
    return int(value)  # a ValueError becomes the field's error


class ArticleChoice(SelectField):
    """The news article about the award, or none: only articles that exist can be chosen.

    Titles are in the staff member's language where the article has it, else in Polish (marked
    as Polish for screen readers).
    """

    def __init__(self, *args, **kwargs) -> None:
        message = _l("Choose an article from the list, or “No article”.")
        super().__init__(
            *args,
            coerce=_article_id,
            invalid_value_message=message,
            invalid_choice_message=message,
            **kwargs,
        )
        lang = g.get("lang", SOURCE_LANGUAGE)
        choices: list[tuple] = [("", _("No article"), {})]
        for article in Article.for_choosing():
            loc = article.localized(lang)
            title = loc.text.title
            if article.deleted_at is not None:
                title = _("%(title)s (in the trash)", title=title)
            choices.append((article.id, title, {"lang": loc.lang} if loc.lang != lang else {}))
        self.choices = choices


class AwardFields:
    awarded_on = CheckedDateField(
        _l("Date of the award"),
        validators=[InputRequired(_l("Enter the date the award was received."))],
        invalid_message=_l("Enter the date of the award as a real date, like 23.04.2022."),
    )
    article_id = ArticleChoice(
        _l("News article about the award"),
        description=_l("Readers of the award's page get a link to it once it is published."),
    )
