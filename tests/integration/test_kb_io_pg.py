"""KB bulk load and import against the real PostgreSQL server (pg_url fixture)."""

from __future__ import annotations

import csv
import time

import pytest
from sqlalchemy import select, text

from seat_app.demo import kb as kb_demo
from seat_app.services.kb import io as kb_io
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import KB_FIELDS, KBEntry

pytestmark = pytest.mark.pg
T = KBEntry.__table__


@pytest.fixture
def engine(pg_url):
    eng = make_engine(pg_url)
    upgrade(eng)
    yield eng
    eng.dispose()


def counter(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT COALESCE(MAX(value), 0) FROM change_counter")).scalar()


def test_load_40000_demo_entries(engine):
    started = time.perf_counter()
    n = kb_io.load_entries(engine, kb_demo.generate_entries(40_000), total=40_000)
    seconds = time.perf_counter() - started
    print(f"PostgreSQL: generated and loaded {n} entries in {seconds:.1f} s")
    assert n == 40_000
    stats = kb_io.kb_stats(engine)
    assert stats["entries"] == 40_000 and stats["matters"] == 182 and stats["areas"] == 14
    assert stats["distinct_titles"] / stats["entries"] > 0.9
    with engine.connect() as conn:
        assert conn.execute(select(T.c.change_seq).distinct()).scalars().all() == [1]
    first = next(kb_demo.generate_entries(1))
    with engine.connect() as conn:
        row = conn.execute(select(T).where(T.c.code == first["code"])).mappings().one()
    assert row["id"] == first["id"]
    assert {f: row[f] for f in KB_FIELDS} == {f: first[f] for f in KB_FIELDS}


def _write(path, entries):
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([kb_io.HEADERS[f] for f in KB_FIELDS])
        for e in entries:
            w.writerow(["" if e[f] is None else e[f] for f in KB_FIELDS])
    return path


def test_import_upsert_and_bad_file_on_postgres(engine, tmp_path):
    entries = list(kb_demo.generate_entries(300, seed=4))
    report = kb_io.import_file(engine, _write(tmp_path / "a.csv", entries))
    assert report.ok and report.inserted == 300 and report.change_seq == counter(engine)

    entries[7] = dict(entries[7], answer="您好，答复口径已更新。")
    report = kb_io.import_file(engine, _write(tmp_path / "b.csv", entries))
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 299)
    with engine.connect() as conn:
        row = conn.execute(select(T).where(T.c.code == entries[7]["code"])).mappings().one()
    assert row["answer"] == "您好，答复口径已更新。" and row["revision"] == 2
    assert row["change_seq"] == report.change_seq

    before_seq = counter(engine)
    with engine.connect() as conn:
        before = conn.execute(select(T).order_by(T.c.code)).all()
    bad = [dict(e) for e in entries[:5]]
    bad[2]["matter"] = "不存在的事项"
    bad[4]["answer"] = ""
    report = kb_io.import_file(engine, _write(tmp_path / "bad.csv", bad))
    assert [(e.row, e.column) for e in report.errors] == [(4, "事项"), (6, "答复口径")]
    with engine.connect() as conn:
        assert conn.execute(select(T).order_by(T.c.code)).all() == before
    assert counter(engine) == before_seq

    out = tmp_path / "export.xlsx"
    assert kb_io.export_file(engine, out) == 300
    again = kb_io.import_file(engine, out)
    assert again.ok and again.unchanged == 300
