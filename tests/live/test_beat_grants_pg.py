"""seat_beats rights on the real PostgreSQL, tried as each role's own login: an agent
writes its seat's heartbeat and signs out, a lead's console reads the beats and sweeps a
dead seat, an inspector (no grant) is refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.exc import DBAPIError

from seat_app.domain.queue import SeatState
from seat_app.services.queue import heartbeat
from seat_app.services.queue.service import SeatService
from seat_app.services.security import auth
from seat_app.services.security import pg_roles as pg_security
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import utcnow

from .helpers import cheap_hasher

pytestmark = [pytest.mark.live, pytest.mark.security, pytest.mark.pg]

PASSWORD = "Pw-live-x'q9%beats"


def test_beats_as_each_roles_own_login(pg_migrated_url):
    owner = make_engine(pg_migrated_url)
    upgrade(owner)
    pg_security.apply_pg_security(owner)
    previous = cheap_hasher()
    sessions = []
    try:
        for work_no, role in (("1001", "agent"), ("9001", "lead"), ("5001", "inspector")):
            auth.add_user(owner, work_no, f"用户{work_no}", role, PASSWORD)
        SeatService(owner).ensure_seat("S01", agent="1001")
        SeatService(owner).ensure_seat("S02", agent="1001")
        agent, lead, inspector = (auth.sign_in(pg_migrated_url, w, PASSWORD, seat="S01")
                                  for w in ("1001", "9001", "5001"))
        sessions += [agent, lead, inspector]
        SeatService(agent.engine).change_state("S02", SeatState.READY)
        heartbeat.beat(agent.engine, "S01", agent="1001")
        heartbeat.beat(agent.engine, "S01", agent="1001")  # the update path too
        heartbeat.beat(agent.engine, "S02", agent="1001", now=utcnow() - timedelta(seconds=20))
        assert heartbeat.sign_out(agent.engine, "S01", by="1001") is None  # offline already
        with lead.engine.connect() as conn:
            assert set(heartbeat.beats(conn)) == {"S02"}
        assert heartbeat.sweep(lead.engine).offline == ("S02",)
        refused = 0
        for attempt in (lambda: heartbeat.beat(inspector.engine, "S03", agent="5001"),
                        lambda: heartbeat.beats(inspector.engine.connect())):
            with pytest.raises(DBAPIError) as caught:
                attempt()
            refused += getattr(caught.value.orig, "sqlstate", None) == "42501"
        assert refused == 2
    finally:
        for s in sessions:
            s.engine.dispose()
        auth.use_hasher(previous)
        pg_security.drop_pg_roles(owner)
        owner.dispose()
