"""Staff accounts: who may log in, and with which role."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column

from ..content import Timestamped, UTCDateTime
from ..extensions import db
from ..security import hash_password


class Role(StrEnum):
    ADMIN = "admin"  # manages users and everything else
    EDITOR = "editor"  # creates, edits, publishes and deletes content in every language
    # An editor who also approves what others submit for review, and may publish without one.
    PUBLISHER = "publisher"
    TRANSLATOR = "translator"  # edits translations into languages other than Polish


class User(UserMixin, Timestamped, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[str] = mapped_column(sa.String(20), default=Role.EDITOR.value)
    password_hash: Mapped[str] = mapped_column(sa.String(255), default="")
    active: Mapped[bool] = mapped_column(default=True)
    # Part of the login cookie: bumping it (logout, deactivation, password change) ends every
    # session of the user, including copied cookies.
    session_version: Mapped[int] = mapped_column(default=1)
    language: Mapped[str] = mapped_column(sa.String(12), default="pl")
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    def has_role(self, *roles: str) -> bool:
        return self.role in roles

    @property
    def has_password(self) -> bool:
        """False for an invited user who has not yet set a password (and so cannot log in)."""
        return bool(self.password_hash)

    def end_sessions(self) -> None:
        """End every session of this user, and void every set-password link made for them."""
        self.session_version += 1

    def set_password(self, password: str) -> None:
        self.password_hash = hash_password(password)
        self.end_sessions()

    def is_last_admin(self) -> bool:
        """True if no other active administrator would be left to manage users."""
        if not (self.active and self.role == Role.ADMIN):
            return False
        others = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(User)
            .where(User.role == Role.ADMIN.value, User.active.is_(True), User.id != self.id)
        )
        return not others

    @staticmethod
    def normalize_email(email: str) -> str:
        return email.strip().lower()

    @classmethod
    def by_email(cls, email: str) -> User | None:
        return db.session.scalar(sa.select(cls).where(cls.email == cls.normalize_email(email)))

    @classmethod
    def all_by_name(cls) -> list[User]:
        return list(db.session.scalars(sa.select(cls).order_by(cls.name, cls.email)))

    @classmethod
    def from_session_id(cls, session_id: str) -> User | None:
        user_id, _, version = session_id.partition(":")
        if not user_id.isdigit() or not version.isdigit():
            return None
        user = db.session.get(cls, int(user_id))
        if user is None or user.session_version != int(version) or not user.active:
            return None
        return user
