"""Calibration rounds stored centrally: a lead opens a round, inspectors score the same
cases blind, closing it reports the agreement and names the inspector who deviates."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from seat_app.domain.quality import CalibrationError
from seat_app.domain.roles import Role
from seat_app.services import quality
from seat_app.services.quality.errors import NotPermitted
from seat_app.services.security import auth
from seat_app.services.store.engine import make_engine, upgrade

pytestmark = [pytest.mark.quality]
USERS = {"2001": Role.LEAD, "5001": Role.INSPECTOR, "5002": Role.INSPECTOR,
         "5003": Role.INSPECTOR, "5004": Role.INSPECTOR}


@pytest.fixture(autouse=True)
def _cheap_argon2() -> Iterator[None]:
    from argon2 import PasswordHasher, profiles

    previous = auth.use_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
    yield
    auth.use_hasher(previous)


@pytest.fixture
def people(seat_home):
    url = f"sqlite:///{seat_home / 'central.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    for w, role in USERS.items():
        auth.add_user(engine, w, f"用户{w}", role, f"Qa-{w}-pw%9x")
    sessions = {w: auth.sign_in(url, w, f"Qa-{w}-pw%9x") for w in USERS}
    yield sessions
    for s in sessions.values():
        s.engine.dispose()
    engine.dispose()


def test_blind_round_flags_the_harsh_inspector(people):
    form = quality.default_form()
    manual = list(form.manual_items())
    cases = [f"CAL-{i}" for i in range(8)]
    with pytest.raises(NotPermitted):
        quality.open_round(people["5001"], "三月校准", "2024-03", cases, ["5001", "5002"])
    rid = quality.open_round(people["2001"], "三月校准", "2024-03", cases,
                             ["5001", "5002", "5003", "5004"])
    for n, c in enumerate(cases):
        base = {i.id: "pass" for i in form.rubric.items()}
        base[manual[n % len(manual)]] = "fail"  # the panel agrees on one failed item
        for w in ("5001", "5002", "5004"):
            quality.submit(people[w], rid, c, form, base)
        harsh = dict(base)
        for item in manual[:4]:
            harsh[item] = "fail"
        quality.submit(people["5003"], rid, c, form, harsh)
    assert set(quality.my_scores(people["5001"], rid)) == set(cases)
    with pytest.raises(CalibrationError):
        quality.submit(people["5001"], rid, cases[0], form, base)
    report = quality.close_round(people["2001"], rid)
    assert report.standouts == ("5003",)
    assert report.deviation("5003").mean_deviation < -5
    assert report.alpha is not None and report.alpha < 1
    assert [d.inspector for d in quality.month_drift(people["2001"])] == ["5001", "5002", "5003", "5004"]
