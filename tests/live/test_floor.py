"""The live floor: deterministic draws for a seed, valid cases only, a clean stop (nothing
half-written), and bad options refused in Chinese and English."""

from __future__ import annotations

import random
import threading

import pytest
from sqlalchemy import text

from seat_app.domain.case import lifecycle_errors, validate_case_fields
from seat_app.services.cases.service import form_to_fields
from seat_app.services.live import BadFloorOption, FloorOptions, LiveFloor, LiveProfile, day_start
from seat_app.services.live.agent import SimAgent
from seat_app.services.local.store import LocalStore

from .helpers import PASSWORD, central, cheap_hasher

pytestmark = pytest.mark.live


@pytest.fixture
def center(tmp_path):
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    engine = central(url)
    previous = cheap_hasher()
    yield url, engine
    from seat_app.services.security import users
    users.use_hasher(previous)
    engine.dispose()


def _agent(engine, url, folder, seed):
    agent = SimAgent(engine=engine, central_url=url, seat_code="T01", work_no="7001",
                     password=PASSWORD, folder=folder, profile=LiveProfile(), speed=100,
                     seed=seed, stop=threading.Event())
    return agent


def test_an_agents_cases_are_the_same_for_a_seed_and_differ_for_another(center, tmp_path):
    url, engine = center
    from seat_app.services.sync.engine import pull_tables

    store = LocalStore.open_path(tmp_path / "T01.sqlite3", seat_code="T01")
    pull_tables(store, engine, ("units",))
    forms = []
    for seed in (7, 7, 8):
        agent = _agent(engine, url, tmp_path, seed)
        from seat_app.services.cases.service import CaseService
        agent.cases = CaseService(store, agent="7001", seat_code="T01")
        forms.append([agent.form("电话", "") for _ in range(40)])
    store.close()
    assert forms[0] == forms[1]
    assert forms[0] != forms[2]
    handled = {f["handling"] for f in forms[0]}
    assert handled == {"直接办理", "转派"}  # both kinds, by the profile's share


def test_profile_draws_follow_the_seeds_proportions():
    profile = LiveProfile(dispatch_share=0.25)
    rng = random.Random(1)
    n = 4000
    share = sum(profile.dispatched(rng) for _ in range(n)) / n
    assert 0.22 < share < 0.28
    talks = [profile.talk_s(rng) for _ in range(n)]
    assert 200 < sum(talks) / n < 280  # mean four minutes
    heavy = sum(profile.matter(rng) in {"停水", "停电"} for _ in range(n)) / n
    assert heavy > 2 * 2 / len(profile.matter_weights)  # the heavy matters dominate


@pytest.mark.parametrize(("field", "value", "en"), [
    ("seats", 0, "--seats"), ("seats", 5000, "--seats"), ("speed", 0, "--speed"),
    ("password", "", "password"),
])
def test_bad_options_are_refused_with_a_clear_message(field, value, en):
    options = FloorOptions(**{"password": PASSWORD, field: value})
    with pytest.raises(BadFloorOption) as caught:
        LiveFloor("sqlite:///unused.sqlite3", options)
    assert en in caught.value.en and caught.value.zh


def test_a_small_floor_saves_valid_cases_and_stops_cleanly(center, tmp_path):
    url, engine = center
    options = FloorOptions(seats=4, speed=120, seed=3, password=PASSWORD,
                           folder=tmp_path / "live", start=day_start(10), idle_poll_s=0.2,
                           flow_round_s=0.5)
    floor = LiveFloor(url, options)
    assert floor.prepare() == 4
    assert floor.prepare() == 0  # users and seats are made on demand, once
    floor.start()
    stop_at = threading.Event()
    # stop as soon as enough cases were saved (or give up after 40 s)
    for _ in range(400):
        if sum(len(a.stats.saved) for a in floor.agents) >= 6:
            break
        stop_at.wait(0.1)
    floor.stop()
    report = floor.report()
    floor.close()
    assert floor.alive() == 0
    assert len(report.cases_saved) >= 6, report
    assert not [e for e in report.errors if "refused" in e], report.errors
    with engine.connect() as conn:
        units = {r[0] for r in conn.execute(text("SELECT name FROM units"))}
        rows = conn.execute(text(
            "SELECT id, channel, caller_name, caller_phone, caller_area, caller_address, matter,"
            " domain, subcategory, description, reply_text, handling, handling_unit, status,"
            " kb_code, agent FROM cases")).mappings().all()
        held = conn.execute(text(
            "SELECT count(*) FROM queue_items WHERE state = 'claimed'")).scalar_one()
        seats = dict(conn.execute(text("SELECT code, state FROM seats")).all())
        beats = conn.execute(text("SELECT count(*) FROM seat_beats")).scalar_one()
    saved = set(report.cases_saved)
    by_id = {r["id"]: r for r in rows}
    assert saved <= set(by_id)  # every case the floor counts is on central
    for case_id in saved:
        row = dict(by_id[case_id])
        assert row["agent"].startswith("700")
        fields = {k: v for k, v in row.items() if k not in ("id", "agent")}
        assert validate_case_fields(form_to_fields(fields), units=units) == []
        assert lifecycle_errors(None, fields) == []
    # a clean stop: nothing held, every simulated seat offline, no beat left, outboxes empty
    assert held == 0 and beats == 0
    assert {seats[floor.seat_code(i)] for i in range(4)} == {"offline"}
    for i in range(4):
        store = LocalStore.open_path(tmp_path / "live" / f"{floor.seat_code(i)}.sqlite3",
                                     seat_code=floor.seat_code(i))
        try:
            assert store.pending_ops() == []
        finally:
            store.close()
