"""The maintainer's side of the knowledge base, centrally: versions and review, publishing,
validity lists, bulk actions, ``kb expire``.

Every change is a version (``kb_versions``, the rules are ``domain.kb_upkeep.versions``);
publishing writes the version into ``kb_entries`` stamped with the central change number,
so every seat pulls it on its next sync and updates its index incrementally. A refused
step raises the domain's errors (zh/en) and writes nothing.

    svc = Upkeep(engine, "6001")                       # who: a work number
    h = svc.create(values)                             # draft v1 (EntryInvalid)
    svc.submit(code, 1); Upkeep(engine, "2001").approve(code, 1)   # published -> seats
    svc.draft(code, {**values, "answer": "..."})       # v2 from the published one
    svc.rollback(code, 1)                              # a draft equal to v1
    svc.expiring(today)                                # the workbench's list

On PostgreSQL, pass the signed-in user's engine: the database refuses what their role may
not do (``security/grants_kb_upkeep.py``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from kb_index import synonyms
from seat_app.domain import kb_upkeep as ku
from seat_app.domain.kb_upkeep.entry import RETIRED
from seat_app.domain.kb_upkeep.versions import State
from seat_app.services.kb.versions import (
    EVENTS,
    IMPORT_AUTHOR,
    VERSIONS,
    aware,
    entry_fields,
    version_of,
    version_row,
)
from seat_app.services.store.central import next_change_seq
from seat_app.services.store.models import KBEntry, Unit, new_uuid, utcnow

ENTRIES = KBEntry.__table__


@dataclass(frozen=True, slots=True)
class Published:
    """What a publish wrote to ``kb_entries``."""

    code: str
    number: int
    change_seq: int
    entry_id: str


class Upkeep:
    """The review flow for one person (``who``: their work number) on ``engine``."""

    def __init__(self, engine: Engine, who: str, *, clock: Any = None) -> None:
        self.engine, self.who = engine, who
        self._clock = clock or utcnow

    def now(self) -> datetime:
        return self._clock()

    # -------------------------------------------------------------- reading
    def entry(self, code: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(ENTRIES).where(ENTRIES.c.code == code)).mappings().first()
        return dict(row) if row else None

    def find(self, flt: ku.EntryFilter, *, limit: int = 500) -> list[dict[str, Any]]:
        """Entries matching ``flt`` (the workbench's list and the bulk selection)."""
        stmt = select(ENTRIES).where(ENTRIES.c.deleted.is_(False))
        for name in ("domain", "subcategory", "matter", "area", "unit", "kind", "status"):
            wanted = getattr(flt, name)
            if wanted:
                stmt = stmt.where(ENTRIES.c[name] == wanted)
        if flt.codes is not None:
            stmt = stmt.where(ENTRIES.c.code.in_(sorted(flt.codes)))
        if flt.text:
            like = f"%{flt.text}%"
            stmt = stmt.where(ENTRIES.c.title.like(like) | ENTRIES.c.keywords.like(like)
                              | ENTRIES.c.code.like(like))
        if flt.valid_to_before is not None:
            stmt = stmt.where(ENTRIES.c.valid_to < flt.valid_to_before)
        stmt = stmt.order_by(ENTRIES.c.code).limit(limit)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(stmt).mappings()]

    def history(self, code: str) -> ku.History:
        with self.engine.connect() as conn:
            history, _ = self._load(conn, code)
        return history

    def open_versions(self, state: State | None = None) -> list[ku.Version]:
        """Versions waiting (draft, in review, sent back), newest change first."""
        states = [state.value] if state else [s.value for s in ku.versions.OPEN_STATES]
        with self.engine.connect() as conn:
            rows = conn.execute(select(VERSIONS).where(VERSIONS.c.state.in_(states))
                                .order_by(VERSIONS.c.changed_at.desc())).mappings().all()
        return [version_of(r) for r in rows]

    def _load(self, conn: Connection, code: str) -> tuple[ku.History, ku.Version | None]:
        """(history, the baseline to store): an entry that came from an import has no
        versions yet; its current row is taken as a published version (stored with the
        first change)."""
        rows = conn.execute(select(VERSIONS).where(VERSIONS.c.code == code)
                            .order_by(VERSIONS.c.number)).mappings().all()
        events = conn.execute(select(EVENTS).where(EVENTS.c.code == code)
                              .order_by(EVENTS.c.at, EVENTS.c.id)).mappings().all()
        evs = tuple(ku.Event(e["code"], e["number"], e["action"], e["who"], aware(e["at"]),
                             e["note"]) for e in events)
        versions = tuple(version_of(r) for r in rows)
        baseline = None
        if not any(v.state in (State.PUBLISHED, State.SUPERSEDED) for v in versions):
            entry = conn.execute(select(ENTRIES).where(ENTRIES.c.code == code,
                                                       ENTRIES.c.deleted.is_(False))
                                 ).mappings().first()
            if entry is not None:
                at = aware(entry["changed_at"]) or self.now()
                row, _errors = ku.validate_entry(entry_fields(entry))
                baseline = ku.Version(code, int(entry["version"] or 1), State.PUBLISHED, row,
                                      IMPORT_AUTHOR, at, frozenset({IMPORT_AUTHOR}), None,
                                      ku.diff(None, row), at)
                versions = tuple(sorted((baseline, *versions), key=lambda v: v.number))
        return ku.History(code, versions, evs), baseline

    # -------------------------------------------------------------- writing
    def _step(self, code: str, step: Any) -> tuple[ku.History, list[Published]]:
        with self.engine.begin() as conn:
            before, baseline = self._load(conn, code)
            after = step(before)
            published = self._save(conn, before, after, baseline)
        return after, published

    def _save(self, conn: Connection, before: ku.History, after: ku.History,
              baseline: ku.Version | None) -> list[Published]:
        old = {v.number: v for v in before.versions}
        out: list[Published] = []
        for v in after.versions:
            was = old.get(v.number)
            if baseline is not None and v.number == baseline.number:
                conn.execute(insert(VERSIONS), [{"id": new_uuid(), **version_row(v)}])
                continue
            if was is None:
                conn.execute(insert(VERSIONS), [{"id": new_uuid(), **version_row(v)}])
            elif was != v:
                values = version_row(v)
                if was.state in (State.PUBLISHED, State.SUPERSEDED):
                    values = {"state": values["state"]}  # superseded: nothing else moves
                conn.execute(update(VERSIONS).where(VERSIONS.c.code == v.code,
                                                    VERSIONS.c.number == v.number)
                             .values(**values))
            if v.state is State.PUBLISHED and (was is None or was.state is not State.PUBLISHED):
                out.append(self._publish_entry(conn, v))
        new_events = after.events[len(before.events):]
        if new_events:
            conn.execute(insert(EVENTS), [
                {"id": new_uuid(), "code": e.code, "number": e.number, "action": e.action[:40],
                 "who": e.who, "at": e.at, "note": e.note} for e in new_events])
        return out

    def _publish_entry(self, conn: Connection, v: ku.Version) -> Published:
        seq = next_change_seq(conn)
        now = self.now()
        values = {**entry_fields(v.fields), "version": v.number, "change_seq": seq,
                  "changed_by": self.who, "changed_at": now, "deleted": False}
        current = conn.execute(select(ENTRIES.c.id, ENTRIES.c.revision)
                               .where(ENTRIES.c.code == v.code)).first()
        if current is None:
            entry_id = new_uuid()
            conn.execute(insert(ENTRIES), [{"id": entry_id, "revision": 1, **values}])
        else:
            entry_id = current.id
            conn.execute(update(ENTRIES).where(ENTRIES.c.id == entry_id)
                         .values(revision=current.revision + 1, **values))
        return Published(v.code, v.number, seq, entry_id)

    def create(self, values: Mapping[str, Any]) -> ku.History:
        """A new entry as draft v1 (``EntryInvalid`` lists every field problem)."""
        code = str(values.get("code") or "").strip()
        if not code:
            raise ku.EntryInvalid([ku.FieldError("code", "必填项为空", "required value is missing")])
        if self.entry(code) is not None or self.history(code).versions:
            raise ku.TransitionRefused(f"编号「{code}」已存在，请打开它修改。",
                                       f"Code {code!r} exists already; open it to edit.")
        now = self.now()
        return self._step(code, lambda h: ku.create(code, values, self.who, now))[0]

    def draft(self, code: str, values: Mapping[str, Any]) -> ku.History:
        """Save an edit: into the open draft when there is one (edited by this person),
        else as a new draft made from the published version."""
        now = self.now()

        def step(h: ku.History) -> ku.History:
            current = h.open
            if current is not None and current.state is not State.IN_REVIEW:
                return ku.edit(h, current.number, values, self.who, now)
            return ku.start_draft(h, values, self.who, now)
        return self._step(code, step)[0]

    def submit(self, code: str, number: int) -> ku.History:
        now = self.now()
        return self._step(code, lambda h: ku.submit(h, number, self.who, now))[0]

    def withdraw(self, code: str, number: int) -> ku.History:
        now = self.now()
        return self._step(code, lambda h: ku.withdraw(h, number, self.who, now))[0]

    def approve(self, code: str, number: int, note: str = "") -> Published:
        """Publish version ``number`` (SelfApproval for one of its editors)."""
        now = self.now()
        _h, published = self._step(code, lambda h: ku.approve(h, number, self.who, now, note))
        return published[0]

    def reject(self, code: str, number: int, reason: str) -> ku.History:
        now = self.now()
        return self._step(code, lambda h: ku.reject(h, number, self.who, now, reason))[0]

    def rollback(self, code: str, to_number: int) -> ku.History:
        now = self.now()
        return self._step(code, lambda h: ku.rollback(h, to_number, self.who, now))[0]

    # -------------------------------------------------------------- validity, bulk
    def expiring(self, today: date, *, days: int = 7) -> list[ku.ExpiringEntry]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(ENTRIES.c.code, ENTRIES.c.title, ENTRIES.c.valid_from,
                                       ENTRIES.c.valid_to)
                                .where(ENTRIES.c.valid_to.is_not(None),
                                       ENTRIES.c.valid_to >= today,
                                       ENTRIES.c.deleted.is_(False),
                                       ENTRIES.c.status != RETIRED)).mappings().all()
        return ku.expiring(rows, today, days=days)

    def expired(self, today: date) -> list[dict[str, Any]]:
        """Entries still listed as published whose validity has ended."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(ENTRIES).where(
                ENTRIES.c.valid_to < today, ENTRIES.c.deleted.is_(False),
                ENTRIES.c.status != RETIRED).order_by(ENTRIES.c.code)).mappings().all()
        codes = set(ku.expired(rows, today))
        return [dict(r) for r in rows if r["code"] in codes]

    def plan(self, action: ku.BulkAction | str, flt: ku.EntryFilter, *, days: int = 0,
             unit: str = "") -> ku.BulkPlan:
        entries = self.find(flt, limit=100_000)
        action = ku.BulkAction(action)
        if action is ku.BulkAction.RETIRE:
            return ku.plan_retire(entries, flt)
        if action is ku.BulkAction.EXTEND:
            return ku.plan_extend(entries, flt, days=days)
        return ku.plan_move_unit(entries, flt, unit=unit)

    def apply_plan(self, plan: ku.BulkPlan, *, submit: bool = True) -> list[str]:
        """One draft per ready change (sent to review when ``submit``); refused changes are
        left out (the plan lists them with their reasons). Returns the codes drafted."""
        done: list[str] = []
        for change in plan.ready:
            h = self.draft(change.code, change.after)
            if submit and h.open is not None:
                self.submit(change.code, h.open.number)
            done.append(change.code)
        return done


def publish_all_in_review(engine: Engine, approver: str) -> tuple[list[Published],
                                                                  list[tuple[str, int, str, str]]]:
    """``seat-admin kb publish``: approve every version in review as ``approver``; returns
    (published, refused as (code, number, zh, en)) — a refusal leaves that version as it
    is and the others go on."""
    svc = Upkeep(engine, approver)
    done: list[Published] = []
    refused: list[tuple[str, int, str, str]] = []
    for v in sorted(svc.open_versions(State.IN_REVIEW), key=lambda v: (v.code, v.number)):
        try:
            done.append(svc.approve(v.code, v.number))
        except ku.UpkeepError as exc:
            refused.append((v.code, v.number, exc.zh, exc.en))
    return done, refused


def retire_expired(engine: Engine, approver: str, today: date) -> list[Published]:
    """``seat-admin kb expire``: each expired entry gets a version with status 已下线,
    published by ``approver`` (recorded like any change, author ``expire``)."""
    svc_author = Upkeep(engine, "expire", clock=None)
    svc = Upkeep(engine, approver)
    out: list[Published] = []
    for entry in svc.expired(today):
        h = svc_author.draft(entry["code"], {**entry_fields(entry), "status": RETIRED})
        assert h.open is not None
        svc_author.submit(entry["code"], h.open.number)
        out.append(svc.approve(entry["code"], h.open.number, "有效期已过，自动下线"))
    return out


def grid_units(engine: Engine, area: str = "") -> list[str]:
    """Names of the active units of the grid (of ``area`` and the city level when given):
    the workbench's unit picker."""

    units = Unit.__table__
    stmt = select(units.c.name).where(units.c.active.is_(True), units.c.deleted.is_(False))
    if area:
        stmt = stmt.where(units.c.area.in_([area, "市直"]))
    with engine.connect() as conn:
        return sorted(set(conn.execute(stmt).scalars()))


def synonyms_path() -> Path:
    """The synonym table searches read (``$KB_SYNONYMS`` or the shipped one)."""
    return Path(os.environ.get(synonyms.ENV_VAR) or synonyms.DEFAULT_PATH)


def add_synonym(phrase: str, term: str, path: Path | None = None) -> Path:
    """A missed query becomes a caller phrase of ``term`` (appended atomically; searchers
    watching the file use it from their next search, no restart). Refuses a phrase or term
    that cannot be a line (``SynonymRefused``, zh/en)."""
    target = path or synonyms_path()
    problem = synonyms.line_problem(phrase, term)
    if problem:
        zh, _sep, en = problem.partition(" / ")
        raise SynonymRefused(zh, en or zh)
    synonyms.append(target, phrase, term)
    return target


class SynonymRefused(ku.UpkeepError):
    pass
