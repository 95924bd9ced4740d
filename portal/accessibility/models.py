"""The accessibility statement as structured data: one statement, one text row per language.

The facts that do not depend on the language (dates, status, contact) sit on the parent; what a
reader reads in their language (the body's name, what is not accessible and why, the building)
sits on the translation rows. The fixed wording of the law's template lives in the template,
translated like the rest of the interface.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, attribute_keyed_dict, mapped_column, relationship

from ..content import Timestamped, Translatable, TranslationRow
from ..extensions import db


class Compliance:
    """The statement's compliance status, as the law names them."""

    FULL = "compliant"  # zgodna
    PARTIAL = "partial"  # częściowo zgodna
    NONE = "noncompliant"  # niezgodna
    ALL = (FULL, PARTIAL, NONE)


class Assessment:
    SELF = "self"  # samoocena
    EXTERNAL = "external"  # badanie przez podmiot zewnętrzny (a11y-audytor)
    ALL = (SELF, EXTERNAL)


class AccessibilityStatement(Translatable, Timestamped, db.Model):
    __tablename__ = "accessibility_statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The site's address as the statement names it; empty: the address the reader used.
    site_url: Mapped[str] = mapped_column(sa.String(300), default="")
    published_on: Mapped[date]  # a11y-data-publikacja: the site went public
    updated_on: Mapped[date]  # a11y-data-aktualizacja: the last major change of the site
    status: Mapped[str] = mapped_column(sa.String(20), default=Compliance.PARTIAL)
    prepared_on: Mapped[date]  # a11y-data-sporzadzenie
    reviewed_on: Mapped[date | None] = mapped_column()  # a11y-data-przeglad
    assessment: Mapped[str] = mapped_column(sa.String(20), default=Assessment.SELF)
    auditor: Mapped[str] = mapped_column(sa.String(300), default="")  # a11y-audytor
    contact_person: Mapped[str] = mapped_column(sa.String(200), default="")  # a11y-osoba
    contact_email: Mapped[str] = mapped_column(sa.String(200), default="")  # a11y-email
    contact_phone: Mapped[str] = mapped_column(sa.String(50), default="")  # a11y-telefon
    version: Mapped[int] = mapped_column(default=1)

    translations: Mapped[dict[str, AccessibilityStatementTranslation]] = relationship(
        collection_class=attribute_keyed_dict("locale"),
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    @classmethod
    def current(cls) -> AccessibilityStatement | None:
        """The site's statement (there is one; the newest wins if an import made two)."""
        return db.session.scalar(sa.select(cls).order_by(cls.id.desc()).limit(1))

    def review(self, today: date) -> ReviewStatus:
        """Whether the yearly review is due; preparing the statement counts as a review."""
        done = [d for d in (self.prepared_on, self.reviewed_on) if d is not None]
        return review_status(max(done, default=None), today)


class AccessibilityStatementTranslation(TranslationRow, db.Model):
    __tablename__ = "accessibility_statement_translations"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(
        sa.ForeignKey("accessibility_statements.id", ondelete="CASCADE")
    )
    body_name: Mapped[str] = mapped_column(sa.String(300))  # a11y-podmiot
    site_name: Mapped[str] = mapped_column(sa.String(300))  # the text of the a11y-url link
    # Sanitised HTML: what is not accessible and why, and what the law exempts.
    noncompliance: Mapped[str] = mapped_column(sa.Text, default="")
    exemptions: Mapped[str] = mapped_column(sa.Text, default="")
    shortcuts: Mapped[str] = mapped_column(sa.Text, default="")
    address: Mapped[str] = mapped_column(sa.Text, default="")  # the seat's postal address
    architecture: Mapped[str] = mapped_column(sa.Text, default="")  # a11y-architektura
    sign_language: Mapped[str] = mapped_column(sa.Text, default="")  # interpreter (PJM)
    mobile_apps: Mapped[str] = mapped_column(sa.Text, default="")  # a11y-aplikacje


# --- The yearly review ---------------------------------------------------------------------------

REVIEW_MONTH, REVIEW_DAY = 3, 31  # reviewed and updated by 31 March every year
REMIND_FROM_MONTH = 1  # the reminder starts with the year the review is due in


@dataclass(frozen=True)
class ReviewStatus:
    deadline: date  # the 31 March by which the next review must be done
    due: bool  # the review should be done now (from 1 January of the deadline's year)
    overdue: bool  # the deadline has passed without a review


def review_status(last_review: date | None, today: date) -> ReviewStatus:
    """Whether the statement's yearly review is due at ``today``.

    A review in year Y covers that year; the next is due by 31 March of Y + 1. A statement never
    reviewed (nor prepared) is due and overdue at once.
    """
    if last_review is None:
        deadline = date(today.year, REVIEW_MONTH, REVIEW_DAY)
        return ReviewStatus(deadline=deadline, due=True, overdue=True)
    deadline = date(last_review.year + 1, REVIEW_MONTH, REVIEW_DAY)
    due = today >= date(deadline.year, REMIND_FROM_MONTH, 1)
    return ReviewStatus(deadline=deadline, due=due, overdue=today > deadline)
