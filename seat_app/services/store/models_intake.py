"""Central tables of the intake capability (migration 0403_intake.py).

- ``intake_corrections``: every change of a case's matter by a lead or a unit (pre-review,
  return, re-dispatch): the case, from which matter to which, by whom, when, at what stage.
  Corrections are training data (``services.intake.training``) and the ground truth of
  ``seat-admin intake report``.
- ``intake_models``: the trained models published centrally (the whole model file, header
  and payload, checksummed); seats fetch the newest active one in the sync loop
  (``services.intake.central.refresh_model``) and hot-swap it.
- ``intake_suggestions``: what was suggested at intake for a case (top three matters, the
  model version), so the report measures the suggestions really shown.

None of them is pulled by seats as rows (they are not in the sync's pull tables); models
reach seats as files through ``refresh_model``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from seat_app.services.store.models import Base, UTCDateTime, new_uuid, utcnow


class IntakeCorrection(Base):
    """One change of a case's matter (the case's text is read from ``cases``)."""

    __tablename__ = "intake_corrections"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    case_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    case_number: Mapped[str] = mapped_column(String(32), nullable=False, default="")
    from_matter: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    to_matter: Mapped[str] = mapped_column(String(40), nullable=False)
    stage: Mapped[str] = mapped_column(String(16), nullable=False)
    """pre_review (预审), return (退单), redispatch (改派)."""
    work_no: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    unit: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    """The unit that returned the case (stage return), when known."""
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    __table_args__ = (Index("ix_intake_corrections_at", "at"),)


class IntakeModelVersion(Base):
    """A published model file (the bytes of ``IntakeModel.to_bytes``)."""

    __tablename__ = "intake_models"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    payload: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    meta: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    """JSON: the training report (cases, corrections, features, train_s ...)."""
    published_by: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False,
                                                   default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class IntakeSuggestionLog(Base):
    """The matters suggested for a case at intake (best first) and the model that did it."""

    __tablename__ = "intake_suggestions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    case_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    matters: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    """JSON list of matter names, best first (at most three)."""
    model_version: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    """0: KB-search routing (no model)."""
    work_no: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
