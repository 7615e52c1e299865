"""On PostgreSQL, a seat reports its state through the agent's own login (the lead's
console reads it), and the agent cannot move another seat."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from seat_app.domain.roles import Role

pytestmark = [pytest.mark.security, pytest.mark.pg]


def test_agent_reports_its_seat_state_as_its_own_login(pg_world):
    from seat_app.qt.wiring import SeatPresence
    from seat_app.services.queue.service import SeatService

    session = pg_world.sign_in(Role.AGENT)
    presence = SeatPresence(session.engine, "S09", "1001")
    presence.report("ready")
    presence.report("break")
    with pg_world.engine.connect() as conn:
        row = conn.execute(text("SELECT state, agent, changed_by FROM seats WHERE code = 'S09'")).first()
        history = conn.execute(text(
            "SELECT count(*) FROM seat_state_history WHERE seat_code = 'S09'")).scalar()
    assert tuple(row) == ("break", "1001", "1001") and history == 3
    # the lead forces it back; the seat sees that it was forced
    SeatService(pg_world.engine).change_state("S09", "ready", by="9001", forced=True)
    assert presence.forced_state() == "ready"
    # a trainer's login may not write seat states
    trainer = pg_world.sign_in(Role.TRAINER)
    with pytest.raises(DBAPIError) as denied:
        SeatPresence(trainer.engine, "S09", "8001").report("offline")
    assert getattr(denied.value.orig, "sqlstate", None) == "42501"
