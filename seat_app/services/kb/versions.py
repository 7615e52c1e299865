"""``kb_versions`` rows and the domain's versions (``domain.kb_upkeep.versions``), and an
import's changes recorded as versions (``record_import``, called by ``kb.io.import_file`` in
its own transaction). Light on purpose: the import path and ``kb stats`` load it without the
search engine that ``kb.upkeep`` (synonyms) needs.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from seat_app.domain import kb_upkeep as ku
from seat_app.domain.kb_upkeep.entry import FIELDS
from seat_app.domain.kb_upkeep.versions import State
from seat_app.services.store.models import new_uuid
from seat_app.services.store.models_kb_upkeep import KBVersion, KBVersionEvent

VERSIONS = KBVersion.__table__
EVENTS = KBVersionEvent.__table__
IMPORT_AUTHOR = "import"
"""Author of the baseline version of an entry that came from an import (or the demo)."""


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _fields_from_json(text: str) -> dict[str, Any]:
    raw = json.loads(text)
    for name in ("valid_from", "valid_to"):
        if raw.get(name):
            raw[name] = date.fromisoformat(raw[name])
    return raw


def aware(value: datetime | None) -> datetime | None:
    """A timestamp read back from SQLite (naive, stored as UTC) made aware."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def version_row(v: ku.Version) -> dict[str, Any]:
    """The ``kb_versions`` columns of a domain version (without ``id``)."""
    return {
        "code": v.code,
        "number": v.number,
        "state": v.state.value,
        "fields": _dumps({k: v.fields.get(k) for k in FIELDS}),
        "author": v.author,
        "editors": "," + ",".join(sorted(v.editors)) + ",",
        "created_at": v.created_at,
        "changed_at": v.changed_at,
        "base": v.base,
        "changes": _dumps([[c.field, c.old, c.new] for c in v.changes]),
        "reviewer": v.reviewer,
        "reviewed_at": v.reviewed_at,
        "note": v.note,
        "rollback_of": v.rollback_of,
    }


def version_of(r: Mapping[str, Any]) -> ku.Version:
    """The domain version of a ``kb_versions`` row."""
    changes = tuple(ku.FieldChange(f, o, n) for f, o, n in json.loads(r["changes"]))
    return ku.Version(
        r["code"],
        r["number"],
        State(r["state"]),
        _fields_from_json(r["fields"]),
        r["author"],
        aware(r["created_at"]),
        frozenset(e for e in r["editors"].split(",") if e),
        r["base"],
        changes,
        aware(r["changed_at"]),
        r["reviewer"],
        aware(r["reviewed_at"]),
        r["note"],
        r["rollback_of"],
    )


def entry_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: row.get(k) for k in FIELDS}


# ----------------------------------------------------------------- imports as versions
@dataclass(frozen=True, slots=True)
class ImportedEntry:
    """One entry an import wrote: its new version number, the fields written and the row
    it replaced (None: a new code)."""

    code: str
    number: int
    fields: Mapping[str, Any]
    old: Mapping[str, Any] | None


def version_numbers(conn: Connection, codes: list[str]) -> dict[str, int]:
    """code -> the highest version number in ``kb_versions`` (codes without one left out):
    an import numbers its versions after them, so numbers never collide with a draft."""
    out: dict[str, int] = {}
    for start in range(0, len(codes), 500):
        chunk = codes[start : start + 500]
        for code, number in conn.execute(
            select(VERSIONS.c.code, VERSIONS.c.number).where(VERSIONS.c.code.in_(chunk))
        ):
            out[code] = max(out.get(code, 0), int(number))
    return out


def record_import(
    conn: Connection, imported: list[ImportedEntry], who: str, now: datetime, note: str = ""
) -> int:
    """An import's changes as published versions, as an approved edit would leave them
    (``kb history`` lists them; a draft made before the import becomes stale and is refused
    at approval rather than overwriting the import): the version published before becomes
    superseded - for an entry that only ever came from imports, its previous row is stored
    first as that version - and each new version keeps the field-level diff, ``who`` and
    ``note`` (the file), with an "imported" event. Runs in the import's own transaction;
    returns the number of versions written."""
    codes = [e.code for e in imported]
    published: dict[str, ku.Version] = {}
    numbers: dict[str, set[int]] = {}
    history_codes: set[str] = set()
    for start in range(0, len(codes), 500):
        chunk = codes[start : start + 500]
        for r in conn.execute(select(VERSIONS).where(VERSIONS.c.code.in_(chunk))).mappings():
            numbers.setdefault(r["code"], set()).add(int(r["number"]))
            if r["state"] in (State.PUBLISHED.value, State.SUPERSEDED.value):
                history_codes.add(r["code"])
            if r["state"] == State.PUBLISHED.value:
                published[r["code"]] = version_of(r)
    rows: list[dict[str, Any]] = []
    superseded: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for e in imported:
        fields, _problems = ku.validate_entry(entry_fields(e.fields))
        before = published.get(e.code)
        if before is not None:
            superseded.append({"b_code": e.code, "b_number": before.number})
        elif (
            e.old is not None
            and not e.old.get("deleted")
            and e.code not in history_codes
            and int(e.old.get("version") or 1) not in numbers.get(e.code, set())
            and int(e.old.get("version") or 1) < e.number
        ):
            # the row the import replaces, never versioned (an earlier import or the demo)
            old_fields, _p = ku.validate_entry(entry_fields(e.old))
            at = aware(e.old.get("changed_at")) or now
            before = ku.Version(
                e.code,
                int(e.old.get("version") or 1),
                State.SUPERSEDED,
                old_fields,
                IMPORT_AUTHOR,
                at,
                frozenset({IMPORT_AUTHOR}),
                None,
                ku.diff(None, old_fields),
                at,
            )
            rows.append({"id": new_uuid(), **version_row(before)})
        v = ku.Version(
            e.code,
            e.number,
            State.PUBLISHED,
            fields,
            who,
            now,
            frozenset({who}),
            before.number if before else None,
            ku.diff(before.fields if before else None, fields),
            now,
            note=note,
        )
        rows.append({"id": new_uuid(), **version_row(v)})
        events.append(
            {
                "id": new_uuid(),
                "code": e.code,
                "number": e.number,
                "action": "imported",
                "who": who[:16],
                "at": now,
                "note": note,
            }
        )
    if superseded:
        conn.execute(
            update(VERSIONS)
            .where(
                VERSIONS.c.code == bindparam("b_code"), VERSIONS.c.number == bindparam("b_number")
            )
            .values(state=State.SUPERSEDED.value),
            superseded,
        )
    for start in range(0, len(rows), 1000):
        conn.execute(insert(VERSIONS), rows[start : start + 1000])
    for start in range(0, len(events), 1000):
        conn.execute(insert(EVENTS), events[start : start + 1000])
    return len(rows)
