"""Central tables of the training capability (migration 0401_training.py).

Practice data lives ONLY here. None of these tables has ``SyncedMixin``'s columns, so
``store.central.synced_table`` refuses every one of them: a seat can neither pull them
(``sync.engine.DEFAULT_PULL_TABLES`` never names them) nor write them through the ops
protocol; the queue, the reports, the duplicate detector and the lead console read
``cases``/``calls``/``queue_items`` and never these. Practice cases carry an ``LX`` case
number that can never be a live one.

- ``training_scenarios``: every version of every scenario (``current`` marks the one in
  use; an edit adds a version, results keep the version they were played on);
- ``training_rubrics``: every version of the practice rubric (a changed rubric never
  rescores an old result: results keep their evaluation);
- ``training_settings``: the trainers' settings (certification rule);
- ``training_sessions`` and ``training_session_trainees``: a class, its scenario set, pass
  mark and time per scenario; each trainee's live progress;
- ``training_attempts``: practice cases (the saved form and what the trainee did);
- ``training_results`` and ``training_result_items``: the scored review, item by item with
  its evidence (expected vs entered);
- ``training_hints``: hints a trainer sent one trainee during class.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from seat_app.services.store.models import Base, UTCDateTime, new_uuid, utcnow

TRAINING_TABLES: tuple[str, ...] = (
    "training_scenarios", "training_rubrics", "training_settings", "training_sessions",
    "training_session_trainees", "training_attempts", "training_results",
    "training_result_items", "training_hints",
)
"""Every table of practice data (isolation tests check that nothing else changes)."""


class TrainingScenario(Base):
    """One version of one practice scenario; ``body`` is ``scenario_to_dict`` as JSON."""

    __tablename__ = "training_scenarios"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    scenario_id: Mapped[str] = mapped_column(String(40), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    current: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    domain: Mapped[str] = mapped_column(String(40), nullable=False)
    matter: Mapped[str] = mapped_column(String(40), nullable=False)
    skill: Mapped[str] = mapped_column(String(20), nullable=False)
    difficulty: Mapped[int] = mapped_column(Integer, nullable=False)
    channel: Mapped[str] = mapped_column(String(8), nullable=False)
    source: Mapped[str] = mapped_column(String(20), nullable=False, default="starter")
    body: Mapped[str] = mapped_column(Text, nullable=False)
    created_by: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    __table_args__ = (
        UniqueConstraint("scenario_id", "version", name="uq_training_scenarios_version"),
        Index("ix_training_scenarios_current_domain", "current", "domain"),
    )


class TrainingRubric(Base):
    """One version of a rubric; ``body`` is ``rubric_to_dict`` as JSON."""

    __tablename__ = "training_rubrics"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    rubric_id: Mapped[str] = mapped_column(String(40), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    fingerprint: Mapped[str] = mapped_column(String(16), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    created_by: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    __table_args__ = (
        UniqueConstraint("rubric_id", "version", name="uq_training_rubrics_version"),
    )


class TrainingSetting(Base):
    """A trainers' setting (``certification`` -> JSON of the rule)."""

    __tablename__ = "training_settings"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)
    changed_by: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class TrainingSession(Base):
    """A practice session (a class): its scenario set and marks."""

    __tablename__ = "training_sessions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    trainer: Mapped[str] = mapped_column(String(16), nullable=False)
    status: Mapped[str] = mapped_column(String(12), nullable=False, default="open")
    pass_mark: Mapped[float] = mapped_column(Float, nullable=False)
    time_per_scenario_s: Mapped[int] = mapped_column(Integer, nullable=False)
    stuck_after_s: Mapped[int] = mapped_column(Integer, nullable=False, default=90)
    rubric_id: Mapped[str] = mapped_column(String(40), nullable=False)
    rubric_version: Mapped[int] = mapped_column(Integer, nullable=False)
    scenarios: Mapped[str] = mapped_column(Text, nullable=False)
    """JSON list of [scenario_id, version], in playing order."""
    selection: Mapped[str] = mapped_column(Text, nullable=False, default="")
    """How the set was picked (JSON: hand-picked, or the random rule and its seed)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class TrainingSessionTrainee(Base):
    """One trainee of a session and their live progress."""

    __tablename__ = "training_session_trainees"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    session_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("training_sessions.id"), nullable=False)
    work_no: Mapped[str] = mapped_column(String(16), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    """Index of the scenario being played (== number of scenarios done)."""
    scenario_id: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    """When the current scenario started ('' before the first ring)."""
    last_progress_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    progress: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    """The last thing the trainee did (asked the caller, filled a field, saved...)."""
    done: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    score_sum: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)

    __table_args__ = (
        UniqueConstraint("session_id", "work_no", name="uq_training_session_trainees_work_no"),
    )


class TrainingAttempt(Base):
    """A practice case: what one trainee saved on one scenario (``PracticeAttempt`` JSON)."""

    __tablename__ = "training_attempts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    session_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    work_no: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    scenario_id: Mapped[str] = mapped_column(String(40), nullable=False)
    scenario_version: Mapped[int] = mapped_column(Integer, nullable=False)
    case_number: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    body: Mapped[str] = mapped_column(Text, nullable=False)


class TrainingResult(Base):
    """The scored review of one attempt, frozen with its rubric version."""

    __tablename__ = "training_results"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    attempt_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("training_attempts.id"), nullable=False, unique=True)
    session_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    work_no: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    scenario_id: Mapped[str] = mapped_column(String(40), nullable=False)
    scenario_version: Mapped[int] = mapped_column(Integer, nullable=False)
    rubric_id: Mapped[str] = mapped_column(String(40), nullable=False)
    rubric_version: Mapped[int] = mapped_column(Integer, nullable=False)
    rubric_fingerprint: Mapped[str] = mapped_column(String(16), nullable=False)
    score: Mapped[float] = mapped_column(Float, nullable=False)
    raw_score: Mapped[float] = mapped_column(Float, nullable=False)
    passed: Mapped[bool] = mapped_column(Boolean, nullable=False)
    pass_mark: Mapped[float] = mapped_column(Float, nullable=False)
    fatal_failed: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    evaluation: Mapped[str] = mapped_column(Text, nullable=False)
    """``Evaluation.to_dict()`` as JSON (read back with ``Evaluation.from_dict``)."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class TrainingResultItem(Base):
    """One rubric item of one result, with its evidence (for 'weakest items' queries)."""

    __tablename__ = "training_result_items"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    result_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("training_results.id"), nullable=False, index=True)
    session_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    work_no: Mapped[str] = mapped_column(String(16), nullable=False)
    item_id: Mapped[str] = mapped_column(String(40), nullable=False)
    outcome: Mapped[str] = mapped_column(String(8), nullable=False)
    earned: Mapped[float] = mapped_column(Float, nullable=False)
    points: Mapped[float] = mapped_column(Float, nullable=False)
    fatal: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    expected: Mapped[str] = mapped_column(Text, nullable=False, default="")
    entered: Mapped[str] = mapped_column(Text, nullable=False, default="")

    __table_args__ = (
        Index("ix_training_result_items_session_item", "session_id", "item_id"),
    )


class TrainingHint(Base):
    """A hint a trainer sent one trainee."""

    __tablename__ = "training_hints"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    session_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("training_sessions.id"), nullable=False)
    work_no: Mapped[str] = mapped_column(String(16), nullable=False)
    sent_by: Mapped[str] = mapped_column(String(16), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    __table_args__ = (
        Index("ix_training_hints_trainee", "session_id", "work_no"),
    )
