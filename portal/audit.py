"""The audit log: who logged in, published, unpublished, deleted, or changed a user, and when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .content import UTCDateTime, utcnow
from .extensions import db
from .staff.models import User


class AuditEvent(db.Model):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # e.g. "login", "login_failed", "logout", "publish", "unpublish", "delete", "restore",
    # "user_create", "user_role", "user_deactivate"
    action: Mapped[str] = mapped_column(sa.String(40), index=True)
    target_type: Mapped[str | None] = mapped_column(sa.String(40))
    target_id: Mapped[int | None]
    details: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    ip: Mapped[str | None] = mapped_column(sa.String(45))

    user: Mapped[User | None] = relationship(lazy="selectin")


def record(action: str, target: Any = None, user: User | None = None, **details: Any) -> None:
    """Add an event to the session; it is saved with the change it describes (one commit)."""
    if user is None and has_request_context() and current_user.is_authenticated:
        user = current_user._get_current_object()
    db.session.add(
        AuditEvent(
            action=action,
            user=user,
            target_type=getattr(target, "__tablename__", None),
            target_id=getattr(target, "id", None),
            details=details,
            ip=request.remote_addr if has_request_context() else None,
        )
    )
