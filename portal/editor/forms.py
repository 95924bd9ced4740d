"""The content editor's forms: one section per language, the gallery, and publication.

A kind of content declares its language section (``LanguageSection`` subclass) and its
language-neutral fields (a mixin); ``build_form`` puts them together for the person editing:
an editor gets every language, the neutral fields and the gallery's controls; a translator gets
only the languages other than Polish, so fields they may not change are not in their form at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FileField,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    MultipleFileField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import Length, NumberRange, Optional

from ..content import SOURCE_LANGUAGE
from ..forms import BaseForm, bind_stripped
from ..i18n import language_label
from ..slugs import SLUG_MAX

MAX_PHOTOS = 200


def centre_timezone() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE", "Europe/Warsaw"))


class _Stripped:
    """Meta for sub-forms: the same whitespace stripping as ``BaseForm``."""

    def bind_field(self, form, unbound_field, options):
        return bind_stripped(form, unbound_field, options)


class CheckedDateField(DateField):
    """A date field whose message for an unreadable date is our own, translated one."""

    def __init__(self, *args: Any, invalid_message: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invalid_message = invalid_message or _l("Enter a real date, like 23.04.2022.")

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(str(self.invalid_message)) from exc


class CheckedTimeField(TimeField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(_("Enter a time like 9:30 or 14:00.")) from exc


# --- Language sections ------------------------------------------------------------------------


class LanguageSection(Form):
    """The fields of one language. ``required`` maps the fields the Polish source must fill to
    the message shown when one is empty; in other languages a section is all-or-nothing."""

    Meta = _Stripped
    lang: ClassVar[str] = SOURCE_LANGUAGE
    required: ClassVar[dict[str, Any]] = {}

    title = StringField(_l("Title"), validators=[Length(max=300)])
    slug = StringField(
        _l("Web address"),
        validators=[Length(max=SLUG_MAX)],
        description=_l(
            "The last part of the page's address. Leave it empty to make it from the title."
        ),
    )
    up_to_date = BooleanField(_l("This translation matches the current Polish text"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_source:
            del self.up_to_date
            for name in self.required:
                self[name].flags.required = True

    @property
    def is_source(self) -> bool:
        return self.lang == SOURCE_LANGUAGE

    def text_fields(self) -> list[Any]:
        return [f for f in self if f.short_name not in ("slug", "up_to_date")]

    def has_content(self) -> bool:
        return any(f.data for f in self.text_fields())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.is_source:
            for name, message in self.required.items():
                if not self[name].data and not self[name].errors:
                    self[name].errors.append(str(message))
                    valid = False
        elif self.has_content() and not self.title.data:
            self.title.errors.append(
                _(
                    "%(language)s: enter the title, or leave every field of this language empty.",
                    language=language_label(self.lang),
                )
            )
            valid = False
        return valid


class ContentForm(BaseForm):
    """What every content form has: the revision the editor loaded (to notice conflicts)."""

    revision = HiddenField()
    languages: ClassVar[tuple[str, ...]] = ()
    source: ClassVar[bool] = True

    def sections(self) -> list[LanguageSection]:
        return [self[lang].form for lang in self.languages if lang in self]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if "images" in self:
            valid = self._check_images() and valid
        if "certificate" in self:
            valid = self._check_certificate() and valid
        return valid

    def _check_certificate(self) -> bool:
        picture = self.certificate.form
        if not self.source or picture.remove.data or picture.decorative.data:
            return True
        if not (picture.image_id.data or picture.key.data):
            return True
        if picture[SOURCE_LANGUAGE].alt.data:
            return True
        picture[SOURCE_LANGUAGE].alt.errors.append(
            _(
                "Describe what the certificate image shows for people who cannot see it, or "
                "mark it as decorative."
            )
        )
        return False

    def _check_images(self) -> bool:
        valid = True
        if not self.source:
            return valid
        for number, entry in enumerate(self.images, start=1):
            photo = entry.form
            if photo.remove.data or photo.decorative.data:
                continue
            if not photo[SOURCE_LANGUAGE].alt.data:
                photo[SOURCE_LANGUAGE].alt.errors.append(
                    _(
                        "Photo %(number)s: describe what it shows for people who cannot see "
                        "it, or mark it as decorative.",
                        number=number,
                    )
                )
                valid = False
        return valid


# --- The gallery -------------------------------------------------------------------------------


class PhotoText(Form):
    Meta = _Stripped
    lang: ClassVar[str] = SOURCE_LANGUAGE

    alt = StringField(
        _l("Alternative text"),
        validators=[Length(max=500)],
        description=_l("What the photo shows, for people who cannot see it."),
    )
    caption = StringField(_l("Caption"), validators=[Length(max=500)])


class PhotoBase(Form):
    Meta = _Stripped
    image_id = HiddenField()


class PhotoControls:
    """The parts of a photo only an editor changes: new files, order, removal, decorative."""

    key = HiddenField()
    name = HiddenField()
    position = IntegerField(
        _l("Position"),
        validators=[
            Optional(),
            NumberRange(min=1, max=MAX_PHOTOS, message=_l("Enter a position from 1 to 200.")),
        ],
    )
    decorative = BooleanField(
        _l("Decorative: it adds nothing a reader needs (it gets no description)")
    )
    remove = BooleanField(_l("Remove this photo"))


class CertificateControls:
    """The parts of an award's certificate image only an editor changes."""

    key = HiddenField()
    name = HiddenField()
    decorative = BooleanField(
        _l("Decorative: it adds nothing a reader needs (it gets no description)")
    )
    remove = BooleanField(_l("Remove the certificate image"))


def _per_language(base: type, languages: Iterable[str], label_for: Any) -> dict[str, Any]:
    return {
        lang: FormField(
            type(f"{base.__name__}_{lang}", (base,), {"lang": lang}),
            label=label_for(lang),
            separator="-",
        )
        for lang in languages
    }


def build_form(
    fields: type | None,
    section: type[LanguageSection],
    languages: tuple[str, ...],
    source: bool,
    gallery: bool = False,
    certificate: bool = False,
) -> type[ContentForm]:
    """The form class for one person: ``source`` says whether they may change the Polish text."""
    shown = languages if source else tuple(c for c in languages if c != SOURCE_LANGUAGE)
    attrs: dict[str, Any] = {"languages": shown, "source": source}
    attrs.update(_per_language(section, shown, language_label))
    if gallery:
        photo_bases = (PhotoControls, PhotoBase) if source else (PhotoBase,)
        photo = type("Photo", photo_bases, _per_language(PhotoText, shown, language_label))
        attrs["images"] = FieldList(FormField(photo, separator="-"), max_entries=MAX_PHOTOS)
        if source:
            attrs["photos"] = MultipleFileField(
                _l("Add photos"),
                description=_l(
                    "JPEG, PNG or WebP. You can choose several photos at once; each then needs "
                    "a description."
                ),
                render_kw={"accept": "image/jpeg,image/png,image/webp", "multiple": True},
            )
    if certificate:
        picture_bases = (CertificateControls, PhotoBase) if source else (PhotoBase,)
        texts = _per_language(PhotoText, shown, language_label)
        picture = type("Certificate", picture_bases, texts)
        attrs["certificate"] = FormField(picture, separator="-")
        if source:
            attrs["certificate_file"] = FileField(
                _l("Choose a new image"),
                description=_l(
                    "A photo or scan of the certificate: JPEG, PNG or WebP. A new one replaces "
                    "the one there is."
                ),
                render_kw={"accept": "image/jpeg,image/png,image/webp"},
            )
    bases: tuple[type, ...] = (ContentForm,)
    if source:
        bases += (PublicationFields, fields) if fields else (PublicationFields,)
    return type("EditForm", bases, attrs)


# --- Publication -------------------------------------------------------------------------------


class ActionForm(BaseForm):
    """A button that changes something: only the CSRF token to check."""


class PublicationFields:
    """When to publish: read only when the editor presses "Schedule"."""

    publish_date = CheckedDateField(
        _l("Publication date"),
        validators=[Optional()],
        invalid_message=_l("Enter the publication date as a real date, like 23.04.2022."),
    )
    publish_time = CheckedTimeField(_l("Publication time"), validators=[Optional()])

    def check_schedule(self) -> bool:
        """Both parts given (called only when the editor schedules)."""
        valid = True
        if self.publish_date.data is None and not self.publish_date.errors:
            self.publish_date.errors = [_("Enter the date on which to publish.")]
            valid = False
        if self.publish_time.data is None and not self.publish_time.errors:
            self.publish_time.errors = [_("Enter the time at which to publish.")]
            valid = False
        return valid and not self.publish_date.errors and not self.publish_time.errors

    def scheduled_moment(self) -> datetime:
        """The date and time entered, read in the centre's time zone."""
        return datetime.combine(
            self.publish_date.data, self.publish_time.data, tzinfo=centre_timezone()
        )


def rich_text(label: Any, **kwargs: Any) -> TextAreaField:
    """A body field: headings, bold, italic, lists and links, edited like a word processor."""
    return TextAreaField(label, render_kw={"data-rich-text": "", "rows": 14}, **kwargs)
