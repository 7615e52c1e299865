"""The central side of a pull: changes of a synced table after a watermark, in change
order, read in the same snapshot as ``current_change_seq`` (so a pull never skips a slow
transaction). The op format is ``store.ops``, the change sequence ``store.central``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import (
    Connection,
    select,
)

from seat_app.services.store.central import (
    synced_table,
)


def iter_changes(
    conn: Connection, table_name: str, after: int, upto: int, *, chunk: int = 2000
) -> Iterator[list[dict[str, Any]]]:
    """Rows of ``table_name`` with ``after < change_seq <= upto`` in change order, in chunks.

    Read ``upto`` with ``current_change_seq`` in the same snapshot (REPEATABLE READ on
    PostgreSQL): every transaction numbered <= upto has committed before it, so nothing
    in the range is missed; rows of later transactions are left for the next pull.
    """
    table = synced_table(table_name)
    stmt = (
        select(table)
        .where(table.c.change_seq > after, table.c.change_seq <= upto)
        .order_by(table.c.change_seq, table.c.id)
    )
    result = conn.execution_options(stream_results=True, yield_per=chunk).execute(stmt)
    for part in result.mappings().partitions(chunk):
        yield [dict(r) for r in part]


def count_changes(conn: Connection, table_name: str, after: int, upto: int) -> int:
    table = synced_table(table_name)
    from sqlalchemy import func

    return int(
        conn.execute(
            select(func.count())
            .select_from(table)
            .where(table.c.change_seq > after, table.c.change_seq <= upto)
        ).scalar_one()
    )
