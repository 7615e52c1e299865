"""Scenario 2: kill -9 after the central commit but before the local acknowledgment.

The worker pushes the outbox in batches of 25 and SIGKILLs itself right after the central
database committed its 2nd batch (a hook around the public ``central.apply_ops`` inside the
worker process). The 2nd batch is then applied centrally but still pending locally. After a
restart the seat pushes again: central answers the retried ops with their first results and
nothing is applied twice (no duplicate case, no update applied twice, no extra event).
"""

from __future__ import annotations

import signal

import pytest
from sqlalchemy import func, select

from seat_app.services.cases.service import CaseService
from seat_app.services.local.store import LocalStore
from seat_app.services.store.models import Base
from seat_app.services.sync.engine import push_outbox

BATCH = 25


@pytest.mark.reliability
def test_kill_between_central_commit_and_local_ack_makes_no_duplicate(
    tmp_path, rel, central_url, central
):
    db = tmp_path / "seat.sqlite3"
    rel.add_dispatch_unit(central)  # one central op of its own
    units_op = rel.count(central, "applied_ops")
    store = LocalStore.open_path(db, seat_code="S01")
    service = CaseService(store, agent="1001")
    first = [service.create({**rel.DISPATCH_CASE, "description": f"first-{i}"}) for i in range(20)]
    assert push_outbox(store, central).acknowledged == 60
    # offline work: 20 withdrawals (update + 已撤销 event; a seat cannot close a dispatched
    # case before the unit replies) and 10 new cases (case + 2 events)
    for row in first:
        service.update(row["id"], {"status": "已撤销", "reply_text": "来电人撤回诉求"})
    second = [service.create({**rel.CASE, "description": f"second-{i}"}) for i in range(10)]
    pending = store.outbox_count()
    assert pending == 20 * 2 + 10 * 3 == 70
    store.close()

    killed = rel.run(
        "push", "--db", str(db), "--central", central_url, "--batch", str(BATCH),
        env={"SEAT_TEST_DIE_AFTER_COMMIT": "2"},
    )
    assert killed.returncode == -signal.SIGKILL, (killed.returncode, killed.stderr)
    dying = rel.json_lines(killed.stdout)
    assert dying == [{"event": "dying", "after_commit": 2, "ops": BATCH}]

    # central has both batches, the seat acknowledged only the first
    applied_before_restart = rel.count(central, "applied_ops")
    assert applied_before_restart == units_op + 60 + 2 * BATCH
    store = LocalStore.open_path(db, seat_code="S01")
    assert store.open_report.status == "ok"
    assert store.integrity_check() == "ok"
    assert store.outbox_count() == pending - BATCH

    # restart and re-push (a fresh process, no hook)
    again = rel.run("push", "--db", str(db), "--central", central_url, "--batch", str(BATCH))
    assert again.returncode == 0, again.stderr
    pushed = rel.json_lines(again.stdout)[0]
    assert pushed["pending_before"] == pending - BATCH
    assert pushed["acknowledged"] == pending - BATCH
    assert pushed["retried"] == BATCH  # the committed-but-unacknowledged batch
    assert pushed["rejected"] == 0
    assert pushed["pending_after"] == 0

    # exactly once on central
    cases = Base.metadata.tables["cases"]
    assert rel.count(central, "cases") == 30
    assert rel.duplicates(central, "cases", "description") == 0
    assert rel.count(central, "case_events") == 30 * 2 + 20  # + one 已撤销 per withdrawal
    assert rel.duplicates(central, "case_events", "case_id, kind") == 0
    assert rel.count(central, "applied_ops") == units_op + 60 + pending
    assert rel.count(central, "conflicts") == 0
    with central.connect() as conn:
        closed = conn.execute(
            select(cases.c.revision, func.count())
            .where(cases.c.description.like("first-%"))
            .group_by(cases.c.revision)
        ).all()
    assert closed == [(2, 20)]  # each closure applied once: revision 1 -> 2, never 3
    central_rows = rel.central_rows(central, "cases")
    store = LocalStore.open_path(db, seat_code="S01")
    local = rel.local_rows(store, "cases")
    assert set(local) == set(central_rows) == {r["id"] for r in first + second}
    for cid, row in local.items():
        assert row["revision"] == central_rows[cid]["revision"]
        assert row["status"] == central_rows[cid]["status"]
    store.close()
    rel.report(
        "scenario 2 kill -9 after central commit",
        ops_pending=pending,
        batch=BATCH,
        committed_centrally_not_acknowledged=BATCH,
        retried_on_restart=pushed["retried"],
        central_cases=30,
        central_events=rel.count(central, "case_events"),
        applied_ops=rel.count(central, "applied_ops"),
        duplicates=0,
        closures_at_revision_2=20,
    )
