"""Central tables of the analysis capability (migration 0404_analysis.py).

- ``analysis_alerts``: one row per alert (same place, surge, slow rise, repeat caller,
  emerging topic). ``key`` identifies an ongoing alert: a later run that sees the pattern
  continue grows the row (more cases, later last case) instead of adding one. ``status`` is
  the lead's decision (new, confirmed, dismissed, supervised, candidate).
- ``analysis_alert_cases``: the cases of an alert (by case number, in the words of the
  cases' own numbering, so imported history keeps its source numbers).
- ``analysis_alert_actions``: every action on an alert, by whom, when, with its reason.
- ``analysis_topics``: emerging phrases by week (count, share, previous share).
- ``analysis_runs``: each run of the fast or daily pass (window, cases read, new and grown
  alerts, seconds).
- ``case_imports``: each ``seat-admin cases import`` (file, checksum, rows, added, already
  there), written in the import's own transaction; only leads and admins may insert here,
  so on PostgreSQL an import by anyone else fails as a whole.

None of them is synced to seats: alerts live centrally so every lead sees one list.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from seat_app.services.store.models import Base, UTCDateTime, new_uuid, utcnow


class AnalysisAlert(Base):
    __tablename__ = "analysis_alerts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    key: Mapped[str] = mapped_column(String(300), nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    scope: Mapped[str] = mapped_column(String(300), nullable=False)
    observed: Mapped[float] = mapped_column(Float, nullable=False)
    expected: Mapped[float] = mapped_column(Float, nullable=False)
    score: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    first_case_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    last_case_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="new")
    """new, confirmed, dismissed, supervised (督办), candidate (problem of the month)."""
    details: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    """JSON object of extra facts (distinct callers, area, matter, phrase ...)."""

    __table_args__ = (
        Index("ix_analysis_alerts_raised_at", "raised_at"),
        Index("ix_analysis_alerts_kind_scope", "kind", "scope"),
    )


class AnalysisAlertCase(Base):
    __tablename__ = "analysis_alert_cases"

    alert_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("analysis_alerts.id"), primary_key=True)
    case_number: Mapped[str] = mapped_column(String(32), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class AnalysisAlertAction(Base):
    __tablename__ = "analysis_alert_actions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    alert_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("analysis_alerts.id"), nullable=False,
        index=True)
    action: Mapped[str] = mapped_column(String(16), nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    work_no: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class AnalysisTopic(Base):
    __tablename__ = "analysis_topics"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    phrase: Mapped[str] = mapped_column(String(80), nullable=False)
    week_start: Mapped[date] = mapped_column(Date, nullable=False)
    cases: Mapped[int] = mapped_column(Integer, nullable=False)
    share: Mapped[float] = mapped_column(Float, nullable=False)
    previous_share: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    alert_id: Mapped[str] = mapped_column(String(36), nullable=False, default="")

    __table_args__ = (
        Index("ux_analysis_topics_phrase_week", "phrase", "week_start", unique=True),
    )


class AnalysisRun(Base):
    __tablename__ = "analysis_runs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    kind: Mapped[str] = mapped_column(String(8), nullable=False)
    """fast or daily."""
    since: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    until: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    seconds: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    cases_read: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    alerts_new: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    alerts_grown: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    work_no: Mapped[str] = mapped_column(String(16), nullable=False, default="")

    __table_args__ = (Index("ix_analysis_runs_kind_until", "kind", "until"),)


class CaseImport(Base):
    __tablename__ = "case_imports"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    file_name: Mapped[str] = mapped_column(String(260), nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    rows: Mapped[int] = mapped_column(Integer, nullable=False)
    added: Mapped[int] = mapped_column(Integer, nullable=False)
    already: Mapped[int] = mapped_column(Integer, nullable=False)
    imported_by: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
