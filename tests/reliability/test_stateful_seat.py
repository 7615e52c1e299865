"""Scenario 8: a Hypothesis state machine over one seat, a team lead and the central database.

Steps: the agent types (draft autosave), saves a new case (from the draft or not), edits a
saved case, the seat is killed (the process dies: its files as they are on disk, WAL
included, are what the next start finds), restarted cleanly, disconnected from the central
database, reconnected, synced; the team lead edits a case on central (from its own seat).

After every step each acknowledged save is stored on the seat exactly as the model says
(and the draft is there until the save that used it). At the end the seat syncs and the
central database equals the model: every case once, the agent's fields and the lead's
reply, no conflict (the two edit different fields), the seat equal to central.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import text

from seat_app.services.cases import CaseService
from seat_app.services.db import make_engine
from seat_app.services.local_store import LocalStore
from seat_app.services.sync import SyncEngine, SyncState, pull_tables, push_outbox

TEXT = st.text(alphabet="工地噪声扰民夜间施工停水abc123", min_size=1, max_size=12)
AGENT_FIELDS = ("description", "caller_name")


@pytest.mark.reliability
def test_seat_state_machine(tmp_path, rel, central_url, central):
    dead = make_engine(rel.closed_port_url())
    stats: Counter[str] = Counter()

    class Seat(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            with central.begin() as conn:
                conn.execute(text("TRUNCATE cases, case_events, conflicts, applied_ops"))
            self.dir = Path(tempfile.mkdtemp(dir=tmp_path))
            self.gen = 0
            self.path = self.dir / "seat-0.sqlite3"
            self.store = LocalStore.open_path(self.path, seat_code="S01")
            self.lead = LocalStore.open_path(self.dir / "lead.sqlite3", seat_code="L01")
            self.online = True
            self.agent: dict[str, dict[str, str]] = {}  # acknowledged saves
            self.numbers: dict[str, str] = {}
            self.reply: dict[str, str] = {}  # the lead's edits
            self.on_central: set[str] = set()
            self.draft: str | None = None
            stats["examples"] += 1

        def service(self) -> CaseService:
            return CaseService(self.store, agent="1001")

        def pick(self, i: int) -> str:
            ids = sorted(self.agent)
            return ids[i % len(ids)]

        # -------------------------------------------------------------- steps
        @rule(value=TEXT)
        def type_draft(self, value: str) -> None:
            self.service().save_draft("form-1", {"description": value})
            self.draft = value
            stats["type_draft"] += 1

        @rule(value=TEXT, name=TEXT, from_draft=st.booleans())
        def save_new(self, value: str, name: str, from_draft: bool) -> None:
            use_draft = from_draft and self.draft is not None
            desc = self.draft if use_draft else value
            row = self.service().create(
                {**rel.CASE, "description": desc, "caller_name": name},
                form_id="form-1" if use_draft else None,
            )
            self.agent[row["id"]] = {"description": desc, "caller_name": name}
            self.numbers[row["id"]] = row["case_number"]
            if use_draft:
                self.draft = None
            stats["save_new"] += 1

        @precondition(lambda self: self.agent)
        @rule(i=st.integers(0, 1000), field=st.sampled_from(AGENT_FIELDS), value=TEXT)
        def save_edit(self, i: int, field: str, value: str) -> None:
            cid = self.pick(i)
            self.service().update(cid, {field: value})
            self.agent[cid][field] = value
            stats["save_edit"] += 1

        @rule()
        def kill(self) -> None:
            """The seat process dies: the next start finds its files as they are."""
            self.gen += 1
            crashed = self.dir / f"seat-{self.gen}.sqlite3"
            for suffix in ("", "-wal"):
                src = Path(f"{self.path}{suffix}")
                if src.exists():
                    shutil.copyfile(src, f"{crashed}{suffix}")
            self.store.close()  # the dead process's handles, not used again
            self.path = crashed
            self.store = LocalStore.open_path(self.path, seat_code="S01")
            assert self.store.open_report.status == "ok"
            stats["kill"] += 1

        @rule()
        def restart(self) -> None:
            self.store.close()
            self.store = LocalStore.open_path(self.path, seat_code="S01")
            assert self.store.open_report.status == "ok"
            stats["restart"] += 1

        @rule()
        def disconnect(self) -> None:
            self.online = False
            stats["disconnect"] += 1

        @rule()
        def reconnect(self) -> None:
            self.online = True
            stats["reconnect"] += 1

        @rule()
        def sync(self) -> None:
            pending = self.store.outbox_count()
            engine = SyncEngine(self.store, engine=central if self.online else dead)
            report = engine.run_once()
            if self.online:
                assert report.state == SyncState.ONLINE, report.error
                assert self.store.outbox_count() == 0
                self.on_central = set(self.agent)
                stats["sync_online"] += 1
            else:
                assert report.state == SyncState.OFFLINE
                assert self.store.outbox_count() == pending
                stats["sync_offline"] += 1

        @precondition(lambda self: self.on_central)
        @rule(i=st.integers(0, 1000), value=TEXT)
        def lead_edit(self, i: int, value: str) -> None:
            ids = sorted(self.on_central)
            cid = ids[i % len(ids)]
            pull_tables(self.lead, central, ("cases",))
            with self.lead.transaction() as tx:
                tx.update("cases", cid, {"reply_text": value}, actor="9001")
            report = push_outbox(self.lead, central)
            assert report.rejected == 0 and report.conflicts == 0
            self.reply[cid] = value
            stats["lead_edit"] += 1

        # -------------------------------------------------------------- checks
        @invariant()
        def acknowledged_saves_are_stored(self) -> None:
            local = {r["id"]: r for r in self.store.rows("cases")}
            assert set(local) == set(self.agent)
            for cid, fields in self.agent.items():
                assert {f: local[cid][f] for f in AGENT_FIELDS} == fields
                assert local[cid]["case_number"] == self.numbers[cid]
            draft = self.store.load_draft("form-1")
            assert (draft.fields["description"] if draft else None) == self.draft
            assert self.store.outbox_count("rejected") == 0

        def teardown(self) -> None:
            try:
                self.online = True
                self.sync()
                remote = rel.central_rows(central, "cases")
                assert set(remote) == set(self.agent)
                for cid, fields in self.agent.items():
                    assert {f: remote[cid][f] for f in AGENT_FIELDS} == fields
                    assert remote[cid]["reply_text"] == self.reply.get(cid, "")
                    assert remote[cid]["case_number"] == self.numbers[cid]
                assert rel.count(central, "case_events") == 2 * len(self.agent)
                assert rel.count(central, "conflicts") == 0
                pull_tables(self.store, central, ("cases",))
                local = {r["id"]: r for r in self.store.rows("cases")}
                assert all(local[c]["reply_text"] == remote[c]["reply_text"] for c in remote)
                stats["cases_checked_on_central"] += len(remote)
                stats["lead_replies_checked"] += len(self.reply)
            finally:
                self.store.close()
                self.lead.close()

    try:
        run_state_machine_as_test(
            Seat,
            settings=settings(
                max_examples=25,
                derandomize=True,
                stateful_step_count=25,
                deadline=None,
                database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            ),
        )
    finally:
        dead.dispose()
    assert stats["examples"] >= 25 and stats["kill"] > 0 and stats["lead_edit"] > 0
    rel.report("scenario 8 state machine", **dict(sorted(stats.items())))
