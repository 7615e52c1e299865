"""Central settings the whole site shares (migration 0408_deploy.py): today the minimum
client version a seat must run (``services.deploy.version``).

A key/value row per setting, written by ``seat-admin db min-version`` (administrators), read
by every seat at sign-in. Central-only: seats read it directly, it is never synced.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from seat_app.services.store.models import Base, UTCDateTime, utcnow


class SiteSetting(Base):
    __tablename__ = "site_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(32), nullable=False, default="")
