"""The audit log, and the audited ways to see and change protected data.

``record`` appends one row inside the caller's transaction; the table is append-only for
everyone (triggers refuse UPDATE/DELETE on every dialect; on PostgreSQL no role is granted
either). Actions recorded: sign-in, failed sign-in, sign-in lock and unlock, sign-out, case view,
case change, export, phone unmask, KB and unit edits, user management, and every
operation a role was refused through services.

The functions below ``# --- audited access`` are the service entry points for protected
data: each checks the signed-in user's role (``SignedIn.require``; on SQLite the only
check), runs its SQL on ``session.engine`` (on PostgreSQL: connected as the user, so the
database checks again), masks phone numbers for roles that see them masked, and records
what it did.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from seat_app.domain.roles import (
    CaseFacts,
    InputRefused,
    Op,
    mask_phone,
    phone_masked_for,
    validate_text,
)
from seat_app.services.security.errors import Denied
from seat_app.services.security.principal import Principal
from seat_app.services.store.central import next_change_seq
from seat_app.services.store.models import Case, KBEntry, Unit, utcnow
from seat_app.services.store.models_security import AuditEntry

SIGN_IN = "sign_in"
SIGN_IN_FAILED = "sign_in_failed"
SIGN_IN_LOCKED = "sign_in_locked"
"""A work number or a seat was locked after too many wrong passwords (auth.GuardPolicy)."""
SIGN_IN_UNLOCK = "sign_in_unlock"
"""A lead or administrator lifted a sign-in lock (``seat-admin user unlock``)."""
SIGN_OUT = "sign_out"
CASE_VIEW = "case_view"
CASE_CHANGE = "case_change"
CASE_EXPORT = "case_export"
CASE_SEARCH = "case_search"
UNMASK = "unmask"
KB_EDIT = "kb_edit"
UNIT_EDIT = "unit_edit"
USER_ADD = "user_add"
USER_DISABLE = "user_disable"
USER_RESET = "user_reset"
DENIED = "denied"

AUDIT = AuditEntry.__table__

OPEN_STATUSES = ("已受理", "已转派", "已回复")
"""Case statuses that are not closed (seat_app.domain.case.OPEN_STATUSES)."""

CASE_TEXT_LIMITS = {
    "caller_name": ("caller_name", 40), "caller_phone": ("phone", 20),
    "caller_address": ("address", 200), "description": ("content", 4000),
    "reply_text": ("reply", 4000), "matter": ("title", 40), "domain": ("title", 40),
    "subcategory": ("title", 40), "handling_unit": ("unit_name", 80),
    "caller_area": ("title", 16), "status": ("title", 8), "handling": ("title", 8),
    "kb_code": ("title", 40),
}
"""Editable case fields: the kind of field (for its label) and the column's length."""

UNIT_REPLY_FIELDS = frozenset({"reply_text", "status"})


def record(
    conn: Connection, *, work_no: str, role: str, action: str, entity: str = "",
    entity_id: str = "", detail: Mapping[str, Any] | None = None,
) -> None:
    """Append one audit row in the caller's transaction."""
    values: dict[str, Any] = {
        "work_no": work_no[:16], "role": role[:16], "action": action, "entity": entity,
        "entity_id": str(entity_id)[:64],
        "detail": json.dumps(dict(detail or {}), ensure_ascii=False, default=str),
    }
    if conn.dialect.name == "postgresql":
        conn.execute(
            sa.insert(AUDIT).inline().values(
                **values, at=sa.func.now(), db_user=sa.literal_column("session_user")
            )
        )
    else:
        conn.execute(sa.insert(AUDIT).inline().values(**values, at=utcnow(), db_user=""))


def read_audit(
    session: Principal, *, limit: int = 200, action: str | None = None,
    work_no: str | None = None,
) -> list[dict[str, Any]]:
    """The newest audit rows (leads and admins only)."""
    _require(session, Op.AUDIT_READ, "audit_log")
    query = sa.select(AUDIT).order_by(AUDIT.c.id.desc()).limit(limit)
    if action:
        query = query.where(AUDIT.c.action == action)
    if work_no:
        query = query.where(AUDIT.c.work_no == work_no)
    with session.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def _require(session: Principal, op: Op, entity: str, entity_id: str = "") -> None:
    try:
        session.require(op)
    except Denied:
        _record_denied(session, op, entity, entity_id)
        raise


def _record_denied(session: Principal, op: Op, entity: str, entity_id: str) -> None:
    with session.engine.begin() as conn:
        record(conn, work_no=session.work_no, role=session.role.value, action=DENIED,
               entity=entity, entity_id=entity_id, detail={"op": op.value})


# --- audited access --------------------------------------------------------------------

CASES = Case.__table__
KB = KBEntry.__table__
UNITS = Unit.__table__
"""The ORM's tables (store/models.py): the schema is declared once."""

CASE_VIEW_COLUMNS = tuple(CASES.c[name] for name in (
    "id", "revision", "change_seq", "changed_by", "changed_at", "deleted", "case_number",
    "channel", "caller_name", "caller_phone", "caller_area", "caller_address", "matter",
    "domain", "subcategory", "description", "reply_text", "handling", "handling_unit",
    "status", "kb_code", "agent", "seat_code", "created_at", "closed_at",
))
"""What a case view, search and export show (the other columns are the dispatch's)."""
_SYSTEM_COLUMNS = frozenset({"id", "revision", "change_seq", "changed_by", "changed_at"})


def case_facts(row) -> CaseFacts:
    return CaseFacts(recorded_by=row.agent, closed=row.status not in OPEN_STATUSES,
                     unit_id=row.handling_unit or None)


def _visible_case(session: Principal, conn: Connection, case_id: str, op: Op):
    """The case row if the user may perform ``op`` on it, else ``Denied``."""
    row = conn.execute(
        sa.select(*CASE_VIEW_COLUMNS).where(sa.or_(CASES.c.id == case_id, CASES.c.case_number == case_id))
    ).first()
    if row is None or not session.may_case(op, case_facts(row)):
        raise Denied(session.role.value, op.value)
    return row


def _present(session: Principal, row) -> dict[str, Any]:
    data = dict(row._mapping)
    if phone_masked_for(session.role):
        data["caller_phone"] = mask_phone(data.get("caller_phone") or "")
    return data


def view_case(session: Principal, case_id: str) -> dict[str, Any]:
    """A case as the user may see it (phone masked for roles that see it masked)."""
    _require(session, Op.CASE_VIEW, "case", case_id)
    try:
        with session.engine.begin() as conn:
            row = _visible_case(session, conn, case_id, Op.CASE_VIEW)
            record(conn, work_no=session.work_no, role=session.role.value, action=CASE_VIEW,
                   entity="case", entity_id=row.case_number)
            return _present(session, row)
    except Denied:
        _record_denied(session, Op.CASE_VIEW, "case", case_id)
        raise


def unmask_phone(session: Principal, case_id: str, *, reason: str = "") -> str:
    """The caller's full phone number of a case: an audited action."""
    _require(session, Op.PHONE_UNMASK, "case", case_id)
    validate_text("note", reason)
    try:
        with session.engine.begin() as conn:
            row = _visible_case(session, conn, case_id, Op.CASE_VIEW)
            record(conn, work_no=session.work_no, role=session.role.value, action=UNMASK,
                   entity="case", entity_id=row.case_number, detail={"reason": reason})
            return row.caller_phone
    except Denied:
        _record_denied(session, Op.PHONE_UNMASK, "case", case_id)
        raise


def search_cases(session: Principal, words: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """Cases whose description, caller name, address or number contain ``words`` verbatim
    (``%``, ``_`` and quotes are plain characters here)."""
    _require(session, Op.CASE_VIEW, "case")
    validate_text("search", words)
    pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    cond = sa.or_(*(
        getattr(CASES.c, col).like(pattern, escape="\\")
        for col in ("description", "caller_name", "caller_address", "case_number")
    ))
    query = sa.select(*CASE_VIEW_COLUMNS).where(cond, CASES.c.deleted.is_(False)).order_by(
        CASES.c.created_at.desc()
    )
    if not session.may(Op.CASE_VIEW_ALL) and session.role.value == "unit":
        query = query.where(CASES.c.handling_unit == (session.user.unit or "\x01"))
    with session.engine.begin() as conn:
        rows = conn.execute(query.limit(limit)).all()
        record(conn, work_no=session.work_no, role=session.role.value, action=CASE_SEARCH,
               entity="case", detail={"hits": len(rows)})
    return [_present(session, r) for r in rows if session.may_case(Op.CASE_VIEW, case_facts(r))]


def change_case(session: Principal, case_id: str, changes: Mapping[str, str]) -> dict[str, Any]:
    """Change fields of a case, within what the role and the row rules allow."""
    op = Op.CASE_REPLY if session.role.value == "unit" else Op.CASE_EDIT
    _require(session, op, "case", case_id)
    unknown = set(changes) - set(CASE_TEXT_LIMITS)
    if unknown or (op is Op.CASE_REPLY and set(changes) - UNIT_REPLY_FIELDS):
        _record_denied(session, op, "case", case_id)
        raise Denied(session.role.value, f"{op.value}:{','.join(sorted(changes))}")
    for name, value in changes.items():
        kind, limit = CASE_TEXT_LIMITS[name]
        validate_text(kind, value, max_len=limit)
    try:
        with session.engine.begin() as conn:
            row = _visible_case(session, conn, case_id, op)
            result = conn.execute(
                sa.update(CASES).where(CASES.c.id == row.id).values(
                    **changes, revision=row.revision + 1, change_seq=next_change_seq(conn),
                    changed_by=session.work_no, changed_at=utcnow(),
                )
            )
            if result.rowcount != 1:  # the database's row-level security said no
                raise Denied(session.role.value, op.value)
            record(conn, work_no=session.work_no, role=session.role.value, action=CASE_CHANGE,
                   entity="case", entity_id=row.case_number,
                   detail={"fields": sorted(changes), "revision": row.revision + 1})
            fresh = conn.execute(sa.select(*CASE_VIEW_COLUMNS).where(CASES.c.id == row.id)).first()
            return _present(session, fresh)
    except Denied:
        _record_denied(session, op, "case", case_id)
        raise


def export_cases(
    session: Principal, *, unmasked: bool = False, statuses: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """Rows for an export (leads and admins). Phones are masked unless ``unmasked``, which
    needs the unmask right and is audited as an unmask too."""
    _require(session, Op.CASE_EXPORT, "case")
    if unmasked:
        _require(session, Op.PHONE_UNMASK, "case")
    query = sa.select(*CASE_VIEW_COLUMNS).where(CASES.c.deleted.is_(False)).order_by(CASES.c.case_number)
    if statuses:
        query = query.where(CASES.c.status.in_(list(statuses)))
    with session.engine.begin() as conn:
        rows = conn.execute(query).all()
        record(conn, work_no=session.work_no, role=session.role.value, action=CASE_EXPORT,
               entity="case", detail={"rows": len(rows), "unmasked": unmasked})
        if unmasked:
            record(conn, work_no=session.work_no, role=session.role.value, action=UNMASK,
                   entity="case", detail={"export_rows": len(rows)})
    out = []
    for r in rows:
        data = dict(r._mapping)
        if not unmasked:
            data["caller_phone"] = mask_phone(data.get("caller_phone") or "")
        out.append(data)
    return out


def _edit_reference(session: Principal, op: Op, table, entity: str, action: str, code: str,
                    changes: Mapping[str, Any]) -> None:
    _require(session, op, entity, code)
    for value in changes.values():
        if isinstance(value, str):
            validate_text("kb_text", value)
    for name in changes:
        if name not in table.c or name in _SYSTEM_COLUMNS:
            raise InputRefused(name, f"{table.name} 没有可修改的字段“{name}”。",
                               f"{table.name} has no editable field '{name}'.")
    with session.engine.begin() as conn:
        row = conn.execute(sa.select(table).where(table.c.code == code)).first()
        if row is None:
            raise KeyError(code)
        result = conn.execute(
            sa.update(table).where(table.c.id == row.id).values(
                **changes, revision=row.revision + 1, change_seq=next_change_seq(conn),
                changed_by=session.work_no, changed_at=utcnow(),
            )
        )
        if result.rowcount != 1:
            raise Denied(session.role.value, op.value)
        record(conn, work_no=session.work_no, role=session.role.value, action=action,
               entity=entity, entity_id=code, detail={"fields": sorted(changes)})


def edit_kb_entry(session: Principal, code: str, changes: Mapping[str, Any]) -> None:
    """Change a knowledge-base entry (admins only)."""
    _edit_reference(session, Op.KB_EDIT, KB, "kb", KB_EDIT, code, changes)


def edit_unit(session: Principal, code: str, changes: Mapping[str, Any]) -> None:
    """Change a handling unit (admins only)."""
    _edit_reference(session, Op.UNIT_EDIT, UNITS, "unit", UNIT_EDIT, code, changes)
