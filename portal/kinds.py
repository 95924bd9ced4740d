"""The registry of content kinds: each kind of content described once.

A :class:`Kind` names a kind's model, the form section that holds the fields a translator writes
in each language (their labels, and which of them hold HTML, are read from that section, so they
are written once, where the form needs them), its language-neutral fields, its public and staff
addresses, and whether it has a gallery or a certificate picture.

Each content package registers its kind from its ``init_app``; everything that lists kinds or
fields (the editor, the dashboard, the translation status, the side-by-side page, content PO
files, the demo loader, the write service, the role table of the tests) asks this registry, so a
field added to a kind's section appears everywhere with no other change.

The registry belongs to the application (``app.extensions``), so a test app may add a kind of
its own without touching any other app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from flask import Flask, current_app
from wtforms.fields.core import UnboundField

EXTENSION = "portal.kinds"
# Fields every language section has that are not text a translator writes.
_NOT_TEXT = ("slug", "up_to_date")


@dataclass(frozen=True)
class Field:
    """A field translated per language."""

    name: str
    label: Any  # lazy: translated when shown
    html: bool = False  # sanitised HTML written with the rich-text editor


@dataclass(eq=False)
class Kind:
    name: str  # "article": revisions' content type, PO contexts, the editor's endpoints
    model: type  # the parent row; its ``translations`` are keyed by language
    section: type  # the form of one language (its fields are the translatable ones)
    label: Any  # lazy: "Article"
    plural_label: Any  # lazy: "Articles"
    neutral: type | None = None  # the form fields that are the same in every language
    public_endpoint: str | None = None  # the readers' page of one item, if it has its own
    public_template: str | None = None
    url: str | None = None  # the editor lives at /staff/<url>/; None: edited elsewhere
    headings: dict[str, Any] = field(default_factory=dict)  # the editor's "new" and "edit"
    order: int = 100  # the dashboard's order
    gallery: bool = False  # articles' photos
    certificate: bool = False  # an award's certificate picture
    documents: bool = False  # files attached (PDF, office documents), from the media library
    # Listed in the translation status and exported as PO (the statement is an administrator's
    # legal text, translated in its own form only).
    in_translation_status: bool = True
    # Language-neutral columns of a kind without a ``neutral`` form.
    neutral_names: tuple[str, ...] = ()
    # Whether an item keeps a history of its own (a photo's is its article's or award's).
    revisions: bool = True
    # The editor's messages that name an item of the kind ("published", "scheduled",
    # "unpublished", "trashed", "restored"): one message per kind, so that a translation agrees
    # with the kind's grammatical gender. A kind without them gets the editor's neutral ones.
    messages: dict[str, Any] = field(default_factory=dict)

    # --- Fields ---------------------------------------------------------------------------

    @cached_property
    def fields(self) -> tuple[Field, ...]:
        """The translatable fields, in the order the form shows them."""
        found = []
        for name in dir(self.section):
            value = getattr(self.section, name)
            if isinstance(value, UnboundField) and name not in _NOT_TEXT:
                render_kw = value.kwargs.get("render_kw") or {}
                label = value.args[0] if value.args else value.kwargs.get("label")
                found.append((value.creation_counter,
                              Field(name, label, "data-rich-text" in render_kw)))
        return tuple(spec for _, spec in sorted(found, key=lambda pair: pair[0]))

    @cached_property
    def field_names(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.fields)

    @cached_property
    def html_fields(self) -> frozenset[str]:
        return frozenset(spec.name for spec in self.fields if spec.html)

    @cached_property
    def neutral_fields(self) -> tuple[str, ...]:
        if self.neutral is None:
            return self.neutral_names
        return tuple(name for name, value in vars(self.neutral).items()
                     if isinstance(value, UnboundField))

    def field_label(self, name: str) -> str:
        spec = next((spec for spec in self.fields if spec.name == name), None)
        return str(spec.label) if spec is not None else name

    @property
    def translation_class(self) -> type:
        return self.model.translations.property.mapper.class_

    @property
    def slugged(self) -> bool:
        """Whether each language of an item has an address of its own."""
        return hasattr(self.translation_class, "slug")

    # --- Addresses ------------------------------------------------------------------------

    def endpoint(self, view: str) -> str:
        """The editor's endpoint for ``view`` ("edit", "translate", "history" …)."""
        return f"staff.{self.name}_{view}"

    def __repr__(self) -> str:
        return f"<Kind {self.name}>"


def register(app: Flask, kind: Kind) -> Kind:
    """Add ``kind`` to the app's registry (a content package's ``init_app`` calls this)."""
    registry = app.extensions.setdefault(EXTENSION, {})
    if kind.name in registry:
        raise ValueError(f"a kind named {kind.name!r} is registered already")
    registry[kind.name] = kind
    for hook in app.extensions.get(EXTENSION + ".on_register", []):
        hook(app, kind)
    return kind


def on_register(app: Flask, hook: Any) -> None:
    """Call ``hook(app, kind)`` for every kind registered now and later (the editor's routes)."""
    app.extensions.setdefault(EXTENSION + ".on_register", []).append(hook)
    for kind in list(app.extensions.get(EXTENSION, {}).values()):
        hook(app, kind)


def kinds(app: Flask | None = None) -> tuple[Kind, ...]:
    """Every registered kind, in the dashboard's order."""
    registry = (app or current_app).extensions.get(EXTENSION, {})
    return tuple(sorted(registry.values(), key=lambda kind: kind.order))


def kind_named(name: str | None) -> Kind | None:
    return current_app.extensions.get(EXTENSION, {}).get(name or "")


def kind_of(row: Any) -> Kind | None:
    """The kind of a parent row (or of its class)."""
    cls = row if isinstance(row, type) else type(row)
    return next((kind for kind in kinds() if kind.model is cls), None)


def edited(app: Flask | None = None) -> tuple[Kind, ...]:
    """The kinds with an editor of their own (articles, awards, pages)."""
    return tuple(kind for kind in kinds(app) if kind.url)


def translated(app: Flask | None = None) -> tuple[Kind, ...]:
    """The kinds the translation status lists and content PO files carry."""
    return tuple(kind for kind in kinds(app) if kind.in_translation_status)


def field_label(name: str) -> str:
    """What staff call a translatable field ("Title"), whichever kind has it."""
    for kind in kinds():
        if name in kind.field_names:
            return kind.field_label(name)
    return name
