"""The central side of a pull: changes of a synced table after a watermark, in change
order, read in the same snapshot as ``current_change_seq`` (so a pull never skips a slow
transaction). The op format is ``store.ops``, the change sequence ``store.central``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, func, select

from seat_app.services.store.central import synced_table
from seat_app.services.store.models import seat_columns


def iter_changes(
    conn: Connection, table_name: str, after: int, upto: int, *, chunk: int = 2000
) -> Iterator[list[dict[str, Any]]]:
    """Rows of ``table_name`` with ``after < change_seq <= upto`` in change order, in chunks;
    without the central-only columns (``store.models.CENTRAL_ONLY``: password hashes, login
    roles never reach a seat).

    Read ``upto`` with ``current_change_seq`` in the same snapshot (REPEATABLE READ on
    PostgreSQL): every transaction numbered <= upto has committed before it, so nothing
    in the range is missed; rows of later transactions are left for the next pull.
    """
    table = synced_table(table_name)
    stmt = (
        select(*seat_columns(table))
        .where(table.c.change_seq > after, table.c.change_seq <= upto)
        .order_by(table.c.change_seq, table.c.id)
    )
    result = conn.execution_options(stream_results=True, yield_per=chunk).execute(stmt)
    for part in result.mappings().partitions(chunk):
        yield [dict(r) for r in part]


def count_changes(conn: Connection, table_name: str, after: int, upto: int) -> int:
    table = synced_table(table_name)
    return int(
        conn.execute(
            select(func.count())
            .select_from(table)
            .where(table.c.change_seq > after, table.c.change_seq <= upto)
        ).scalar_one()
    )
