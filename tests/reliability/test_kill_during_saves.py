"""Scenario 1: kill -9 a saving seat at random moments (>= 20 kills over >= 1,000 saves).

Every acknowledged save (its id appended and fsynced to the ack file only after the commit
returned) is present after each restart, PRAGMA integrity_check says ok, and after sync the
central database holds exactly the saved cases, each once.

A kill that lands between the commit and the ack-file write leaves a case that is stored but
was never acknowledged; at most one per kill, and it is exactly the save the killed run was
on (its marker ``run<r>-save<n>`` with n = that run's acknowledged saves). Those are counted
separately, so the counts stay exact: central = acknowledged + committed-but-unacknowledged.
"""

from __future__ import annotations

import json
import random
import signal
import time
from collections import Counter

import pytest

from seat_app.services.local.store import LocalStore
from seat_app.services.sync.engine import SyncEngine, SyncState

MIN_KILLS = 20
MIN_SAVES = 1000
PUSH_EVERY = 40


@pytest.mark.reliability
def test_kill_9_during_saves_loses_no_acknowledged_case(tmp_path, rel, central_url, central):
    db = tmp_path / "seat.sqlite3"
    ack = tmp_path / "acks.tsv"
    rng = random.Random(20261129)
    kills = 0
    kills_in_push = 0
    run = 0
    ready_lines = []
    started = time.perf_counter()
    while kills < MIN_KILLS or len(rel.read_acks(ack)) < MIN_SAVES:
        acked_before = len(rel.read_acks(ack))
        # how many saves this run acknowledges before the kill: about MIN_SAVES / MIN_KILLS;
        # every 4th run stops right after a push started (push every PUSH_EVERY saves)
        target = rng.randint(MIN_SAVES // MIN_KILLS // 2, MIN_SAVES // MIN_KILLS * 3 // 2)
        in_push = run % 4 == 3
        if in_push:
            target = max(PUSH_EVERY, target - target % PUSH_EVERY)
        proc = rel.spawn(
            "save-loop", "--db", str(db), "--ack", str(ack), "--run", str(run),
            "--central", central_url, "--push-every", str(PUSH_EVERY), "--batch", "60",
        )
        try:
            line = proc.stdout.readline()
            if not line:
                proc.wait(timeout=30)
                raise AssertionError(
                    f"run {run}: worker ended before ready, rc={proc.returncode}: "
                    f"{proc.stderr.read()}"
                )
            ready_lines.append(json.loads(line))
            deadline = time.monotonic() + 60
            while len(rel.read_acks(ack)) - acked_before < target:
                assert proc.poll() is None, proc.stderr.read()
                assert time.monotonic() < deadline, "worker stopped saving"
                time.sleep(0.002)
            # a random moment inside the next save (or inside the push that just began)
            time.sleep(rng.uniform(0.0, 0.03 if in_push else 0.012))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()
            proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL, proc.returncode
        kills += 1
        kills_in_push += in_push
        run += 1

    # restart once more: the worker's own check, then ours
    final = rel.run(
        "save-loop", "--db", str(db), "--ack", str(ack), "--run", str(run), "--check-only",
        timeout=60,
    )
    ready_lines.append(rel.json_lines(final.stdout)[0])
    for r in ready_lines:
        assert r["integrity"] == "ok", r
        assert r["missing_acks"] == 0, r
        assert r["open"] in ("ok", "created"), r  # a kill never damages the file

    acks = rel.read_acks(ack)
    acked_ids = {a[0] for a in acks}
    assert len(acked_ids) == len(acks)  # one line per acknowledged save
    per_run = Counter(int(m.split("-")[0].removeprefix("run")) for _i, _n, m in acks)

    store = LocalStore.open_path(db, seat_code="S01")
    assert store.integrity_check() == "ok"
    local = rel.local_rows(store, "cases")
    assert acked_ids <= set(local), f"acknowledged saves missing: {len(acked_ids - set(local))}"
    extra = {cid: row for cid, row in local.items() if cid not in acked_ids}
    # every stored-but-unacknowledged case is the save its run was killed in
    expected_markers = {f"run{r}-save{per_run.get(r, 0)}" for r in range(run)}
    for row in extra.values():
        assert row["description"] in expected_markers, row["description"]
    assert len(extra) <= kills

    # sync: everything reaches central exactly once
    pending_before = store.outbox_count()
    engine = SyncEngine(store, engine=central, batch_size=500)
    sync = engine.run_once()
    assert sync.state == SyncState.ONLINE, sync.error
    assert store.outbox_count() == 0
    assert store.outbox_count("rejected") == 0

    n_central = rel.count(central, "cases")
    assert n_central == len(acks) + len(extra) == len(local)
    assert set(rel.central_rows(central, "cases")) == set(local)
    assert rel.duplicates(central, "cases", "description") == 0
    assert rel.duplicates(central, "cases", "case_number") == 0
    assert rel.count(central, "case_events") == 2 * n_central
    assert rel.count(central, "applied_ops") == 3 * n_central  # no op applied twice
    store.close()

    rel.report(
        "scenario 1 kill -9 during saves",
        kills=kills,
        kills_aimed_at_a_push=kills_in_push,
        acknowledged_saves=len(acks),
        committed_not_acknowledged=len(extra),
        local_cases=len(local),
        pending_ops_at_final_sync=pending_before,
        central_cases=n_central,
        central_events=rel.count(central, "case_events"),
        duplicates=0,
        integrity_checks_ok=len(ready_lines),
        seconds=round(time.perf_counter() - started, 1),
    )
