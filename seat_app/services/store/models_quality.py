"""Central tables of the quality capability (migration 0402_quality.py).

Quality data lives only centrally: none of these tables has ``SyncedMixin``'s columns, so
sync never carries them to a seat.

- ``qa_forms``: every version of every inspection form (``body`` is ``form.to_dict()``);
  evaluations keep the form id and version they were scored on;
- ``qa_samples`` and ``qa_sample_picks``: a month's sample (plan, seed) and its picks
  (case, agent, rule, inspector, day);
- ``qa_evaluations`` and ``qa_item_results``: saved evaluations, item by item with the
  evidence, the machine's outcome and any override with its reason. A saved row is never
  changed or deleted (triggers on PostgreSQL and SQLite): a correction is a new version
  with the same ``evaluation_key``;
- ``qa_releases``: when an evaluation version was released to its agent, by whom;
- ``qa_disputes``: disputes per item (round, window, decision, decider);
- ``qa_calibration_rounds`` and ``qa_calibration_scores``: blind calibration rounds;
- ``qa_practice_assignments``: scenarios assigned by the loop (what the trainer sees);
- ``qa_fault_truth``: the demo generator's record of deliberately faulty cases (kind and
  the checks that must catch it), read by ``qa precheck --bench``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
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

QUALITY_TABLES: tuple[str, ...] = (
    "qa_forms", "qa_samples", "qa_sample_picks", "qa_evaluations", "qa_item_results",
    "qa_releases", "qa_disputes", "qa_calibration_rounds", "qa_calibration_scores",
    "qa_practice_assignments", "qa_fault_truth",
)
IMMUTABLE_TABLES: tuple[str, ...] = ("qa_evaluations", "qa_item_results")
"""Rows never updated nor deleted (database triggers; corrections are new versions)."""


class QAForm(Base):
    """One version of an inspection form."""

    __tablename__ = "qa_forms"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    form_id: Mapped[str] = mapped_column(String(40), nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    fingerprint: Mapped[str] = mapped_column(String(16), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    body: Mapped[str] = mapped_column(Text, nullable=False)
    current: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    created_by: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    __table_args__ = (UniqueConstraint("form_id", "version", name="uq_qa_forms_version"),)


class QASample(Base):
    """One month's sample: the plan and seed that reproduce it."""

    __tablename__ = "qa_samples"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    month: Mapped[str] = mapped_column(String(7), nullable=False)
    seed: Mapped[int] = mapped_column(Integer, nullable=False)
    plan: Mapped[str] = mapped_column(Text, nullable=False)
    """JSON of the SamplingPlan."""
    summary: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    created_by: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    __table_args__ = (Index("ix_qa_samples_month", "month"),)


class QASamplePick(Base):
    """One sampled case: why (rule), for whom, on which day."""

    __tablename__ = "qa_sample_picks"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    sample_id: Mapped[str] = mapped_column(String(36), ForeignKey("qa_samples.id"),
                                           nullable=False)
    case_id: Mapped[str] = mapped_column(String(36), nullable=False)
    case_number: Mapped[str] = mapped_column(String(32), nullable=False)
    agent: Mapped[str] = mapped_column(String(16), nullable=False)
    rule: Mapped[str] = mapped_column(String(24), nullable=False)
    inspector: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    day: Mapped[date | None] = mapped_column(Date, nullable=True)

    __table_args__ = (
        UniqueConstraint("sample_id", "case_id", name="uq_qa_sample_picks_case"),
        Index("ix_qa_sample_picks_inspector_day", "inspector", "day"),
    )


class QAEvaluation(Base):
    """One saved version of an evaluation (never changed: a correction is a new version)."""

    __tablename__ = "qa_evaluations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    evaluation_key: Mapped[str] = mapped_column(String(36), nullable=False)
    """The evaluation all versions belong to."""
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    case_id: Mapped[str] = mapped_column(String(36), nullable=False)
    case_number: Mapped[str] = mapped_column(String(32), nullable=False)
    agent: Mapped[str] = mapped_column(String(16), nullable=False)
    team: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    inspector: Mapped[str] = mapped_column(String(16), nullable=False)
    case_day: Mapped[date] = mapped_column(Date, nullable=False)
    form_id: Mapped[str] = mapped_column(String(40), nullable=False)
    form_version: Mapped[int] = mapped_column(Integer, nullable=False)
    score: Mapped[float] = mapped_column(Float, nullable=False)
    band: Mapped[str] = mapped_column(String(16), nullable=False)
    fatal: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    """JSON list of the fatal items failed."""
    body: Mapped[str] = mapped_column(Text, nullable=False)
    """The engine's evaluation as JSON (``evaluation_to_dict``)."""
    correction_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    __table_args__ = (
        UniqueConstraint("evaluation_key", "version", name="uq_qa_evaluations_version"),
        Index("ix_qa_evaluations_agent_day", "agent", "case_day"),
        Index("ix_qa_evaluations_case", "case_id"),
    )


class QAItemResult(Base):
    """One item of a saved evaluation, with its evidence and any override."""

    __tablename__ = "qa_item_results"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    evaluation_id: Mapped[str] = mapped_column(String(36), ForeignKey("qa_evaluations.id"),
                                               nullable=False, index=True)
    item_id: Mapped[str] = mapped_column(String(40), nullable=False)
    section_id: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    title: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    outcome: Mapped[str] = mapped_column(String(8), nullable=False)
    points: Mapped[float] = mapped_column(Float, nullable=False)
    earned: Mapped[float] = mapped_column(Float, nullable=False)
    fatal: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    evidence: Mapped[str] = mapped_column(Text, nullable=False, default="")
    machine_outcome: Mapped[str] = mapped_column(String(8), nullable=False, default="")
    """The automatic pre-check's outcome ('' for an item judged by hand)."""
    overridden: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    override_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")


class QARelease(Base):
    """An evaluation version released to its agent."""

    __tablename__ = "qa_releases"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    evaluation_id: Mapped[str] = mapped_column(String(36), ForeignKey("qa_evaluations.id"),
                                               nullable=False, unique=True)
    agent: Mapped[str] = mapped_column(String(16), nullable=False)
    released_on: Mapped[date] = mapped_column(Date, nullable=False)
    released_by: Mapped[str] = mapped_column(String(16), nullable=False)
    released_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class QADispute(Base):
    """A dispute (申诉) of one item of a released evaluation, one round."""

    __tablename__ = "qa_disputes"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    evaluation_id: Mapped[str] = mapped_column(String(36), ForeignKey("qa_evaluations.id"),
                                               nullable=False, index=True)
    evaluation_key: Mapped[str] = mapped_column(String(36), nullable=False)
    item_id: Mapped[str] = mapped_column(String(40), nullable=False)
    agent: Mapped[str] = mapped_column(String(16), nullable=False)
    round: Mapped[int] = mapped_column(Integer, nullable=False)
    raised_on: Mapped[date] = mapped_column(Date, nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    window_closes: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(12), nullable=False, default="open")
    decided_by: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    decider_role: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    decided_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    decision_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    corrected_evaluation_id: Mapped[str] = mapped_column(String(36), nullable=False, default="")
    """The new evaluation version an upheld dispute produced."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    __table_args__ = (
        UniqueConstraint("evaluation_key", "item_id", "round", name="uq_qa_disputes_round"),
        Index("ix_qa_disputes_status", "status"),
    )


class QACalibrationRound(Base):
    """A calibration: the same cases put blind before several inspectors."""

    __tablename__ = "qa_calibration_rounds"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    month: Mapped[str] = mapped_column(String(7), nullable=False)
    cases: Mapped[str] = mapped_column(Text, nullable=False)
    """JSON list of case ids."""
    inspectors: Mapped[str] = mapped_column(Text, nullable=False)
    """JSON list of work numbers."""
    status: Mapped[str] = mapped_column(String(12), nullable=False, default="open")
    alpha: Mapped[float | None] = mapped_column(Float, nullable=True)
    report: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_by: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class QACalibrationScore(Base):
    """One inspector's blind score of one calibration case."""

    __tablename__ = "qa_calibration_scores"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    round_id: Mapped[str] = mapped_column(String(36), ForeignKey("qa_calibration_rounds.id"),
                                          nullable=False)
    inspector: Mapped[str] = mapped_column(String(16), nullable=False)
    case_id: Mapped[str] = mapped_column(String(36), nullable=False)
    score: Mapped[float] = mapped_column(Float, nullable=False)
    items: Mapped[str] = mapped_column(Text, nullable=False)
    """JSON object item id -> outcome."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    __table_args__ = (
        UniqueConstraint("round_id", "inspector", "case_id", name="uq_qa_calibration_scores"),
    )


class QAPracticeAssignment(Base):
    """Practice scenarios the loop assigned an agent for an item failed repeatedly."""

    __tablename__ = "qa_practice_assignments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    agent: Mapped[str] = mapped_column(String(16), nullable=False)
    month: Mapped[str] = mapped_column(String(7), nullable=False)
    item_id: Mapped[str] = mapped_column(String(40), nullable=False)
    item_title: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    failures: Mapped[int] = mapped_column(Integer, nullable=False)
    case_numbers: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    scenario_ids: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    assigned_on: Mapped[date] = mapped_column(Date, nullable=False)
    assigned_by: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    __table_args__ = (
        UniqueConstraint("agent", "month", "item_id", name="uq_qa_practice_assignments"),
    )


class QAFaultTruth(Base):
    """A case the demo generator made faulty on purpose: the kind, the checks to catch it."""

    __tablename__ = "qa_fault_truth"

    case_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    fault: Mapped[str] = mapped_column(String(40), nullable=False)
    """'' for a case made clean (part of the measured set, no fault)."""
    checks: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    seed: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
