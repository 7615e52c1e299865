"""Intake records in the central database: matter corrections, published models, the
suggestions shown at intake; and the seat's side of publishing (``refresh_model``).

All writers take a SQLAlchemy ``Connection`` so callers (the dispatch service) record in their
own transaction; readers take an ``Engine``.

    record_correction(conn, case_id=..., from_matter="工业噪声", to_matter="工业废气",
                      stage="return", work_no="2001")
    version = publish_model(engine, model, by="9001")       # leads/admins (grants_intake)
    result = refresh_model(home, engine)                    # the sync loop, every pass
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select

from seat_app.domain.case import CaseStatus
from seat_app.domain.taxonomy import is_matter
from seat_app.services.config import SeatHome
from seat_app.services.intake.corrections import Correction
from seat_app.services.intake.errors import IntakeError, ModelUnavailable, UnknownMatter
from seat_app.services.intake.model import IntakeModel
from seat_app.services.intake.paths import model_path
from seat_app.services.store.models import Case
from seat_app.services.store.models_intake import (
    IntakeCorrection,
    IntakeModelVersion,
    IntakeSuggestionLog,
)

CORRECTIONS = IntakeCorrection.__table__
MODELS = IntakeModelVersion.__table__
SUGGESTIONS = IntakeSuggestionLog.__table__
CASES = Case.__table__

STAGES = {"pre_review": ("预审", "pre-review"), "return": ("退单", "return"),
          "redispatch": ("改派", "re-dispatch")}
"""Where a case's matter changes after intake."""
MAX_CASES_PER_MATTER = 400
"""Training reads at most this many closed cases per matter (the newest): a year of a busy
center would otherwise teach the same phrasing a hundred thousand times."""


def _now() -> datetime:
    return datetime.now(UTC)


# -- corrections ---------------------------------------------------------------------------
def record_correction(
    conn: Connection, *, case_id: str, from_matter: str, to_matter: str, stage: str,
    work_no: str, case_number: str = "", unit: str = "", at: datetime | None = None,
) -> bool:
    """Record that a lead or unit changed a case's matter. Returns False (records nothing)
    when the matter did not change or the case had none yet (that is intake, not a
    correction). Unknown matters or stages raise (a typed, bilingual error)."""
    if stage not in STAGES:
        raise IntakeError(f"未知的更正环节：{stage}（应为 {'、'.join(STAGES)}）",
                          f"Unknown correction stage: {stage} (expected {', '.join(STAGES)})")
    for name in (from_matter, to_matter):
        if name and not is_matter(name):
            raise UnknownMatter(name)
    if not from_matter or not to_matter or from_matter == to_matter:
        return False
    conn.execute(insert(CORRECTIONS).values(
        id=_uuid(), case_id=case_id, case_number=case_number[:32], from_matter=from_matter,
        to_matter=to_matter, stage=stage, work_no=work_no[:16], unit=unit[:80],
        at=at or _now()))
    return True


def _uuid() -> str:
    import uuid

    return str(uuid.uuid4())


def corrections(engine: Engine, *, since: datetime | None = None,
                until: datetime | None = None) -> list[Correction]:
    """Corrections (oldest first) with their case's description as text."""
    q = (select(CORRECTIONS, CASES.c.description)
         .join(CASES, CASES.c.id == CORRECTIONS.c.case_id, isouter=True)
         .order_by(CORRECTIONS.c.at))
    if since is not None:
        q = q.where(CORRECTIONS.c.at >= since)
    if until is not None:
        q = q.where(CORRECTIONS.c.at < until)
    with engine.connect() as conn:
        rows = conn.execute(q).mappings().all()
    return [Correction(r["case_id"], r["description"] or "", r["from_matter"], r["to_matter"],
                       r["work_no"], r["stage"]) for r in rows]


def record_suggestion(conn: Connection, *, case_id: str, matters: Sequence[str],
                      model_version: int, work_no: str = "", at: datetime | None = None) -> None:
    """Keep what was suggested for a case at intake (the report compares it to the final
    matter)."""
    names = [m for m in matters if is_matter(m)][:3]
    conn.execute(insert(SUGGESTIONS).values(
        id=_uuid(), case_id=case_id, matters=json.dumps(names, ensure_ascii=False),
        model_version=int(model_version), work_no=work_no[:16], at=at or _now()))


def shown_suggestions(engine: Engine, case_ids: Iterable[str]) -> dict[str, list[str]]:
    """case id -> the first suggestions recorded for it."""
    ids = list(case_ids)
    out: dict[str, list[str]] = {}
    with engine.connect() as conn:
        for i in range(0, len(ids), 500):
            rows = conn.execute(select(SUGGESTIONS.c.case_id, SUGGESTIONS.c.matters)
                                .where(SUGGESTIONS.c.case_id.in_(ids[i:i + 500]))
                                .order_by(SUGGESTIONS.c.at)).all()
            for case_id, matters in rows:
                out.setdefault(case_id, json.loads(matters or "[]"))
    return out


# -- training data -------------------------------------------------------------------------
@dataclass(frozen=True)
class ClosedCase:
    case_id: str
    case_number: str
    text: str
    matter: str
    created_at: datetime | None = None


def closed_cases(engine: Engine, *, per_matter: int = MAX_CASES_PER_MATTER,
                 since: datetime | None = None, until: datetime | None = None,
                 exclude: Callable[[str], bool] | None = None) -> list[ClosedCase]:
    """Closed cases with a description, their final matter (the latest correction wins over
    the case row), at most ``per_matter`` (newest) per final matter; cases whose id
    ``exclude`` names are left out before counting (training holds them out)."""
    q = (select(CASES.c.id, CASES.c.case_number, CASES.c.description, CASES.c.matter,
                CASES.c.created_at)
         .where(CASES.c.status == CaseStatus.CLOSED.value, CASES.c.deleted.is_(False),
                CASES.c.description != "", CASES.c.matter != "")
         .order_by(CASES.c.created_at.desc()))
    if since is not None:
        q = q.where(CASES.c.created_at >= since)
    if until is not None:
        q = q.where(CASES.c.created_at < until)
    latest: dict[str, str] = {}
    with engine.connect() as conn:
        for case_id, to in conn.execute(select(CORRECTIONS.c.case_id, CORRECTIONS.c.to_matter)
                                        .order_by(CORRECTIONS.c.at)):
            latest[case_id] = to
        counts: dict[str, int] = {}
        out: list[ClosedCase] = []
        for r in conn.execute(q.execution_options(yield_per=5000)):
            if exclude is not None and exclude(r.id):
                continue
            matter = latest.get(r.id, r.matter)
            if not is_matter(matter):
                continue
            n = counts.get(matter, 0)
            if n >= per_matter:
                continue
            counts[matter] = n + 1
            out.append(ClosedCase(r.id, r.case_number, r.description, matter, r.created_at))
    return out


# -- published models ----------------------------------------------------------------------
def publish_model(engine: Engine, model: IntakeModel, *, by: str = "",
                  report: dict[str, Any] | None = None) -> int:
    """Store ``model`` centrally as the next version (the only active one); returns it."""
    with engine.begin() as conn:
        version = int(conn.execute(select(func.coalesce(func.max(MODELS.c.version), 0)))
                      .scalar_one()) + 1
        model.meta["version"] = version
        data = model.to_bytes()
        conn.execute(MODELS.update().where(MODELS.c.active.is_(True)).values(active=False))
        conn.execute(insert(MODELS).values(
            version=version, sha256=hashlib.sha256(data).hexdigest(), size=len(data),
            payload=data, meta=json.dumps(report or {}, ensure_ascii=False, default=str),
            published_by=by[:16], published_at=_now(), active=True))
    return version


def latest_version(engine: Engine) -> int:
    """The newest active published version (0: none)."""
    with engine.connect() as conn:
        v = conn.execute(select(func.max(MODELS.c.version))
                         .where(MODELS.c.active.is_(True))).scalar()
    return int(v or 0)


def local_version(path: Path) -> int:
    """The published version of the model file at ``path`` (0: none, unpublished or
    unreadable), read from its header line only."""
    try:
        with open(path, "rb") as fh:
            head = fh.readline(65536)
        v = json.loads(head.decode("utf-8")).get("meta", {}).get("version", 0)
        return int(v) if isinstance(v, int) else 0
    except (OSError, ValueError, AttributeError):
        return 0


@dataclass(frozen=True)
class RefreshResult:
    version: int
    """The version the seat has after the refresh (0: none)."""
    changed: bool
    """A new model file was written (the Suggester should reload)."""
    problem: str = ""
    """Why a newer central version was not taken (damaged in the database)."""


def refresh_model(home: SeatHome, engine: Engine) -> RefreshResult:
    """Fetch the newest published model when the seat's copy is older (one cheap query when
    it is not). The bytes are checked (header, checksum, taxonomy) before the seat's file is
    replaced atomically; a damaged central copy never replaces a good local one."""
    path = model_path(home)
    have = local_version(path)
    want = latest_version(engine)
    if want <= have:
        return RefreshResult(have, False)
    with engine.connect() as conn:
        row = conn.execute(select(MODELS.c.payload, MODELS.c.sha256)
                           .where(MODELS.c.version == want)).first()
    if row is None:
        return RefreshResult(have, False)
    data = bytes(row.payload)
    try:
        if hashlib.sha256(data).hexdigest() != row.sha256:
            raise IntakeError("校验和不符", "checksum mismatch")
        IntakeModel.from_bytes(data, f"intake_models v{want}")
    except (ModelUnavailable, IntakeError) as exc:
        return RefreshResult(have, False, str(exc))
    write_atomic(path, data)
    return RefreshResult(want, True)


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
