"""Scenario 8: a Hypothesis state machine over one seat, a team lead and the central database.

Steps: the agent types (draft autosave), saves a new case (from the draft or not), edits a
saved case, the seat is killed (the process dies: its files as they are on disk, WAL
included, are what the next start finds), restarted cleanly, disconnected from the central
database, reconnected, synced; the team lead edits a case on central (from its own seat).

After every step each acknowledged save is stored on the seat exactly as the model says
(and the draft is there until the save that used it). At the end the seat syncs and the
central database equals the model: every case once; the lead's replies; every agent save
either on the row, or kept in a stored conflict (the lead changed the same field from an
older base), or replaced by a lead edit made after it reached central; the seat equal to
central.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import text

from seat_app.services.cases.service import CaseService
from seat_app.services.local.store import LocalStore
from seat_app.services.store.engine import make_engine
from seat_app.services.sync.engine import SyncEngine, SyncState, pull_tables, push_outbox

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
            self.reply: dict[str, str] = {}  # the lead's reply_text (only the lead edits it)
            self.lead_values: dict[tuple[str, str], list[str]] = {}  # lead's values, in order
            self.superseded: set[tuple[str, str]] = set()
            """(case, field) where the lead changed the agent's value after it had reached
            central (a later edit made with the agent's value in view: not a loss)."""
            self.dirty: set[tuple[str, str]] = set()  # saved since the last online sync
            self.on_central: set[str] = set()
            self.draft: str | None = None
            stats["examples"] += 1

        def service(self) -> CaseService:
            return CaseService(self.store, agent="1001")

        def pick(self, i: int) -> str:
            ids = sorted(self.agent)
            return ids[i % len(ids)]

        # -------------------------------------------------------------- steps
        @initialize(value=TEXT, edit=TEXT)
        def a_synced_case_edited_again(self, value: str, edit: str) -> None:
            """Every run starts with a case on central that the agent edited since."""
            self.save_new(value=value, name="张先生", from_draft=False)
            self.sync()
            self.save_edit(i=0, field="description", value=edit + "改")

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
            self.dirty |= {(row["id"], f) for f in AGENT_FIELDS}
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
            self.dirty.add((cid, field))
            self.superseded.discard((cid, field))
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
                self.dirty.clear()
                stats["sync_online"] += 1
            else:
                assert report.state == SyncState.OFFLINE
                assert self.store.outbox_count() == pending
                stats["sync_offline"] += 1

        @precondition(lambda self: self.on_central)
        @rule(
            i=st.integers(0, 1000),
            field=st.sampled_from(("reply_text", "description")),
            value=TEXT,
        )
        def lead_edit(self, i: int, field: str, value: str) -> None:
            """The lead, on its own seat, pulls and edits a case: its reply, or the same
            description field the agent edits (a conflict when the agent has an unsent
            edit of it)."""
            ids = sorted(self.on_central)
            self._lead_edit(ids[i % len(ids)], field, value)

        def _lead_edit(self, cid: str, field: str, value: str) -> None:
            pull_tables(self.lead, central, ("cases",))
            with self.lead.transaction() as tx:
                tx.update("cases", cid, {field: value}, actor="9001")
            report = push_outbox(self.lead, central)
            assert report.rejected == 0 and report.conflicts == 0  # the lead saw central
            if field == "reply_text":
                self.reply[cid] = value
            else:
                self.lead_values.setdefault((cid, field), []).append(value)
                if (cid, field) not in self.dirty:
                    self.superseded.add((cid, field))
            stats[f"lead_edit_{field}"] += 1

        @precondition(
            lambda self: any(f == "description" and c in self.on_central for c, f in self.dirty)
        )
        @rule(i=st.integers(0, 1000), value=TEXT)
        def lead_edit_unsent_field(self, i: int, value: str) -> None:
            """The lead edits a description the agent changed but has not sent yet."""
            ids = sorted(c for c, f in self.dirty if f == "description" and c in self.on_central)
            cid = ids[i % len(ids)]
            if value == self.agent[cid]["description"]:
                value += "L"  # a different value: a real conflict
            self._lead_edit(cid, "description", value)
            stats["lead_edit_unsent_field"] += 1

        # -------------------------------------------------------------- checks
        def kept(self, conflicts: list[dict], cid: str, field: str, value: str) -> bool:
            return any(
                c["entity_id"] == cid and c["field"] == field
                and json.loads(c["local_value"]) == value
                for c in conflicts
            )

        def check_field(
            self, actual: str, cid: str, field: str, conflicts: list[dict], *, final: bool
        ) -> str:
            """Where the agent's last save of (cid, field) is: 'row', 'superseded' (the
            lead changed it later, with it in view) or 'conflict' (both values kept).
            The seat may still show an earlier lead value until it pulls; central (final)
            holds the lead's last one."""
            value = self.agent[cid][field]
            leads = self.lead_values.get((cid, field), [])
            allowed = {value, *(leads[-1:] if final else leads)}
            assert actual in allowed, (cid, field, actual, allowed)
            if actual == value:
                return "row"
            if (cid, field) in self.superseded:
                return "superseded"
            assert self.kept(conflicts, cid, field, value), (
                f"acknowledged save {field}={value!r} of {cid} lost (row has {actual!r})"
            )
            return "conflict"

        @invariant()
        def acknowledged_saves_are_stored(self) -> None:
            local = {r["id"]: r for r in self.store.rows("cases")}
            assert set(local) == set(self.agent)
            conflicts = self.store.rows("conflicts")
            for cid, fields in self.agent.items():
                for f in fields:
                    self.check_field(local[cid][f], cid, f, conflicts, final=False)
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
                conflicts = list(rel.central_rows(central, "conflicts").values())
                for cid, fields in self.agent.items():
                    for f in fields:
                        where = self.check_field(remote[cid][f], cid, f, conflicts, final=True)
                        stats[f"final_agent_value_on_{where}"] += 1
                    assert remote[cid]["reply_text"] == self.reply.get(cid, "")
                    assert remote[cid]["case_number"] == self.numbers[cid]
                assert rel.count(central, "case_events") == 2 * len(self.agent)
                assert all(
                    c["field"] == "description" and (c["entity_id"], "description")
                    in self.lead_values for c in conflicts
                )
                stats["conflicts_stored"] += len(conflicts)
                pull_tables(self.store, central, ("cases",))
                local = {r["id"]: r for r in self.store.rows("cases")}
                for c in remote:  # the seat equals central
                    for f in (*AGENT_FIELDS, "reply_text", "revision"):
                        assert local[c][f] == remote[c][f], (c, f)
                stats["cases_checked_on_central"] += len(remote)
                stats["lead_replies_checked"] += len(self.reply)
            finally:
                self.store.close()
                self.lead.close()

    try:
        run_state_machine_as_test(
            Seat,
            settings=settings(
                max_examples=30,
                derandomize=True,
                stateful_step_count=30,
                deadline=None,
                database=None,
                # no shrinking: a failure prints its steps at once instead of spending
                # minutes of the suite's budget on a shorter example
                phases=[Phase.explicit, Phase.reuse, Phase.generate],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            ),
        )
    finally:
        dead.dispose()
    assert stats["examples"] >= 30 and stats["kill"] > 0 and stats["lead_edit_description"] > 0
    rel.report("scenario 8 state machine", **dict(sorted(stats.items())))
    # the conflict path was reached: conflicts stored, agent values found in them
    assert stats["lead_edit_unsent_field"] > 0 and stats["final_agent_value_on_conflict"] > 0
