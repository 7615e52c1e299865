"""Primitives of the central database shared by every writer."""

from __future__ import annotations

from sqlalchemy import Connection, text


def next_change_seq(conn: Connection) -> int:
    """Bump the central change counter inside the caller's transaction and return it.

    The UPDATE takes the counter row's lock until the caller's transaction ends, so two
    writers get their numbers in commit order. Rows written in the transaction carry the
    returned number as their ``change_seq``.
    """
    row = conn.execute(
        text("UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value")
    ).first()
    if row is None:
        conn.execute(text("INSERT INTO change_counter (id, value) VALUES (1, 1)"))
        return 1
    return int(row[0])
