"""Scenario 5: a team lead and an agent edit the same case from the same base (1,000 pairs).

Both seats hold the case at central revision 1. Each side changes 1-3 random fields; in half
of the pairs the lead's push reaches central first, in the other half the agent's. Then:
fields changed on one side only are all kept; a field changed on both sides keeps the first
value on the row and gives exactly one stored conflict holding both values (and the base);
both seats converge to central after a pull.

Negative control: the same edits replayed on a copy of the base rows as plain updates (no
revision check) lose values; the engine loses none.
"""

from __future__ import annotations

import json
import random

import pytest
from sqlalchemy import text

from seat_app.services.local.store import LocalStore
from seat_app.services.store.models import utcnow
from seat_app.services.sync.engine import pull_tables, push_outbox

PAIRS = 1000
FIELDS = ("caller_name", "caller_address", "description", "reply_text", "kb_code", "subcategory")


def _lost(typed, final, conflicts) -> int:
    """Typed values (case, field, value) found neither on the row nor in a conflict."""
    kept_in_conflicts = {
        (c[0], c[1], v) for c in conflicts for v in (c[2], c[3])
    }
    return sum(
        1 for cid, f, v in typed if final[cid][f] != v and (cid, f, v) not in kept_in_conflicts
    )


@pytest.mark.reliability
def test_lead_and_agent_edits_from_same_base_are_merged_or_conflict(
    tmp_path, rel, central_url, central
):
    rng = random.Random(3)
    agent = LocalStore.open_path(tmp_path / "agent.sqlite3", seat_code="S01")
    lead = LocalStore.open_path(tmp_path / "lead.sqlite3", seat_code="L01")
    now = utcnow()
    with agent.transaction() as tx:
        ids = []
        for i in range(PAIRS):
            values = {
                **rel.CASE,
                "caller_name": f"base-name-{i}",
                "caller_address": f"base-address-{i}",
                "description": f"base-description-{i}",
                "subcategory": "噪声污染",
                "status": "已办结",
                "agent": "1001",
                "seat_code": "S01",
                "created_at": now,
                "case_number": tx.next_case_number("S01", now.date()),
            }
            ids.append(tx.insert("cases", values, actor="1001")["id"])
    assert push_outbox(agent, central).acknowledged == PAIRS
    assert pull_tables(lead, central, ("cases",)).received == PAIRS
    base = {cid: {f: agent.get("cases", cid)[f] for f in FIELDS} for cid in ids}
    assert all(agent.get("cases", c)["revision"] == lead.get("cases", c)["revision"] == 1
               for c in ids)
    with central.begin() as conn:  # the negative control starts from the same base rows
        for name in ("plain_form", "plain_fields"):
            conn.execute(text(f"CREATE TABLE {name} AS SELECT id, {', '.join(FIELDS)} FROM cases"))

    pairs = []
    for i, cid in enumerate(ids):
        a_fields = rng.sample(FIELDS, rng.randint(1, 3))
        l_fields = rng.sample(FIELDS, rng.randint(1, 3))
        pairs.append(
            {
                "id": cid,
                "lead_first": i % 2 == 0,
                "agent": {f: f"A{i}-{f}" for f in a_fields},
                "lead": {f: f"L{i}-{f}" for f in l_fields},
            }
        )

    def edit(store, side, which, actor):
        with store.transaction() as tx:
            for p in which:
                assert tx.update("cases", p["id"], p[side], actor=actor) is not None

    lead_first = [p for p in pairs if p["lead_first"]]
    agent_first = [p for p in pairs if not p["lead_first"]]
    edit(agent, "agent", pairs, "1001")  # the agent edits every case (offline, say)
    edit(lead, "lead", lead_first, "9001")
    r1 = push_outbox(lead, central)  # lead first for half the pairs
    r2 = push_outbox(agent, central)  # agent: merges/conflicts there, first elsewhere
    edit(lead, "lead", agent_first, "9001")  # the lead still had the base of these
    r3 = push_outbox(lead, central)
    assert (r1.acknowledged, r2.acknowledged, r3.acknowledged) == (500, 1000, 500)
    assert r1.rejected == r2.rejected == r3.rejected == 0

    # the model: first writer's value on the row, the second's kept in a conflict
    expected_rows, expected_conflicts, expected_revision = {}, set(), {}
    typed, overlap_fields, disjoint_pairs = [], 0, 0
    for p in pairs:
        first, second = (p["lead"], p["agent"]) if p["lead_first"] else (p["agent"], p["lead"])
        row = dict(base[p["id"]])
        row.update(second)
        row.update(first)
        expected_rows[p["id"]] = row
        both = set(first) & set(second)
        overlap_fields += len(both)
        disjoint_pairs += not both
        for f in both:
            expected_conflicts.add((p["id"], f, second[f], first[f], base[p["id"]][f]))
        expected_revision[p["id"]] = 2 + (1 if set(second) - set(first) else 0)
        typed += [(p["id"], f, v) for side in (first, second) for f, v in side.items()]
    assert overlap_fields > 0 and disjoint_pairs > 0

    final = rel.central_rows(central, "cases")
    assert len(final) == PAIRS
    wrong = [cid for cid, row in expected_rows.items()
             if {f: final[cid][f] for f in FIELDS} != row]
    assert wrong == []
    assert {cid: final[cid]["revision"] for cid in ids} == expected_revision
    conflicts = {
        (c["entity_id"], c["field"], json.loads(c["local_value"]),
         json.loads(c["central_value"]), json.loads(c["base_value"]))
        for c in rel.central_rows(central, "conflicts").values()
    }
    assert rel.count(central, "conflicts") == overlap_fields == len(conflicts)
    assert conflicts == expected_conflicts
    engine_lost = _lost(typed, final, conflicts)
    assert engine_lost == 0

    # both seats converge to central (and see the conflicts)
    for store in (agent, lead):
        pull_tables(store, central, ("cases", "conflicts"))
        assert store.outbox_count() == 0
        local = rel.local_rows(store, "cases")
        assert all({f: local[c][f] for f in FIELDS} == expected_rows[c] for c in ids)
        assert store.count("conflicts") == overlap_fields

    # negative control: the same saves as plain UPDATEs, in the same order
    def plain(table, whole_form):
        with central.begin() as conn:
            for p in lead_first + agent_first:
                order = ("lead", "agent") if p["lead_first"] else ("agent", "lead")
                for side in order:
                    values = dict(base[p["id"]]) if whole_form else {}
                    values.update(p[side])  # a form save writes every field it shows
                    sets = ", ".join(f"{f} = :{f}" for f in values)
                    conn.execute(text(f"UPDATE {table} SET {sets} WHERE id = :id"),
                                 {**values, "id": p["id"]})
            rows = conn.execute(text(f"SELECT id, {', '.join(FIELDS)} FROM {table}")).mappings()
            return {r["id"]: dict(r) for r in rows}

    form_lost = _lost(typed, plain("plain_form", True), set())
    fields_lost = _lost(typed, plain("plain_fields", False), set())
    first_side_values = sum(len(p["lead"] if p["lead_first"] else p["agent"]) for p in pairs)
    assert form_lost == first_side_values > 0  # the whole first edit vanishes
    assert fields_lost == overlap_fields > 0  # one of two same-field values vanishes
    agent.close()
    lead.close()
    rel.report(
        "scenario 5 lead and agent from the same base",
        pairs=PAIRS,
        pairs_disjoint=disjoint_pairs,
        pairs_same_field=PAIRS - disjoint_pairs,
        fields_changed_on_both_sides=overlap_fields,
        conflicts_stored=len(conflicts),
        typed_values=len(typed),
        lost_by_engine=engine_lost,
        lost_by_plain_form_update=form_lost,
        lost_by_plain_field_update=fields_lost,
    )
