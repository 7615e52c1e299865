"""Rights on the central call records, tried as real PostgreSQL logins: an agent's seat
writes and reads its own agent's records (and attaches the case number), never another
agent's; a lead writes any; a trainer only reads; a unit reads nothing; nobody deletes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from seat_app.domain.roles import Role
from seat_app.services.security import auth
from seat_app.services.security import pg_roles as pg_security
from seat_app.services.store.engine import make_engine
from seat_app.services.telephony import Direction, Outcome
from seat_app.services.telephony.calllog import CENTRAL, CallLog
from seat_app.services.telephony.record import CallRecord

pytestmark = [pytest.mark.telephony, pytest.mark.security, pytest.mark.pg]
USERS = {"1001": Role.AGENT, "1002": Role.AGENT, "9001": Role.LEAD, "8001": Role.TRAINER,
         "7001": Role.UNIT}
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def _pw(work_no: str) -> str:
    return f"Pw-{work_no}-tel'9%"


def _rec(call_id: str, work_no: str) -> CallRecord:
    return CallRecord(call_id=call_id, direction=Direction.INBOUND, caller_number="13912345678",
                      channel="电话", queue="12345", rang_at=T0,
                      answered_at=T0 + timedelta(seconds=3), ended_at=T0 + timedelta(seconds=60),
                      seat="S01", agent=work_no, case_number=None, outcome=Outcome.ANSWERED)


def _denied(fn) -> bool:
    try:
        fn()
    except DBAPIError as exc:
        return getattr(exc.orig, "sqlstate", None) == "42501"
    return False


@pytest.fixture
def logins(pg_migrated_url) -> Iterator[dict[str, object]]:
    from argon2 import PasswordHasher, profiles

    owner = make_engine(pg_migrated_url)
    pg_security.apply_pg_security(owner)
    previous = auth.use_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
    sessions = []
    try:
        for work_no, role in USERS.items():
            auth.add_user(owner, work_no, f"用户{work_no}", role, _pw(work_no),
                          unit="市水务局" if role == Role.UNIT else "")
        out: dict[str, object] = {"owner": owner}
        for work_no in USERS:
            session = auth.sign_in(pg_migrated_url, work_no, _pw(work_no))
            sessions.append(session)
            out[work_no] = session.engine
        yield out
    finally:
        auth.use_hasher(previous)
        for s in sessions:
            if s._owns_engine:
                s.engine.dispose()
        pg_security.drop_pg_roles(owner)
        owner.dispose()


def test_call_record_rights_per_role(logins) -> None:
    agent, other, lead, trainer, unit = (logins[w] for w in ("1001", "1002", "9001", "8001",
                                                             "7001"))
    mine = CallLog(agent, seat_code="S01")
    assert mine.save(_rec("c-own", "1001")) == CENTRAL
    assert _denied(lambda: mine.save(_rec("c-forged", "1002")))      # not as another agent
    assert mine.attach_case("c-own", "20260302-S01-0001") == CENTRAL
    assert CallLog(other).save(_rec("c-other", "1002")) == CENTRAL
    with pytest.raises(RuntimeError):                                 # RLS hides the row
        mine.attach_case("c-other", "20260302-S01-0002")
    assert {r.call_id for r in mine.records(T0, T0 + timedelta(hours=1))} == {"c-own", "c-other"}
    assert CallLog(lead).save(_rec("c-lead", "1002")) == CENTRAL
    assert len(CallLog(trainer).records(T0, T0 + timedelta(hours=1))) == 3
    assert _denied(lambda: CallLog(trainer).save(_rec("c-trainer", "8001")))
    assert _denied(lambda: CallLog(unit).records(T0, T0 + timedelta(hours=1)))
    for who in (agent, lead):
        def delete(engine=who) -> None:
            with engine.begin() as conn:
                conn.execute(text("DELETE FROM call_records"))
        assert _denied(delete)
    assert CallLog(logins["owner"]).get("c-other").case_number is None
