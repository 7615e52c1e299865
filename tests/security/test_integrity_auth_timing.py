"""Issue 10, row 10: unknown work numbers answered in 1 ms, known ones in 90 ms, so work
numbers could be enumerated. Now both do the same work (one argon2 verification, one
guard update). Statistical, for a loaded 2-core machine: the medians
of 15 interleaved tries each must be within a factor of two of each other."""

from __future__ import annotations

import statistics
import time

import pytest
from argon2 import PasswordHasher

from seat_app.services.security import auth

pytestmark = [pytest.mark.security, pytest.mark.integrity]

TRIES = 15


@pytest.fixture
def production_hasher():
    """argon2 at a cost that dominates a sign-in as the production cost does (~0.25 s under load,
    against ~1 s for the production parameters on a loaded 2-core machine), while keeping
    the test quick; the security conftest installs the cheapest profile, which would not."""
    previous = auth.use_hasher(PasswordHasher(time_cost=1, memory_cost=65536, parallelism=1))
    yield
    auth.use_hasher(previous)


@pytest.fixture
def no_lock():
    """Thresholds out of reach: this test measures the password check, not the guard."""
    previous = auth.use_guard_policy(auth.GuardPolicy(
        user_delay_after=1000, user_lock_after=1000, seat_delay_after=1000,
        seat_lock_after=1000,
    ))
    yield
    auth.use_guard_policy(previous)


def _timed(url: str, work_no: str, i: int) -> tuple[float, tuple[str, str]]:
    start = time.perf_counter()
    with pytest.raises(auth.SignInFailed) as err:
        auth.sign_in(url, work_no, f"Wrong-timing-{i:03d}", seat="host:timing")
    return time.perf_counter() - start, (err.value.zh, err.value.en)


def test_unknown_and_known_work_numbers_take_the_same_time(world, no_lock, production_hasher):
    # the known user's hash at production cost (the world was made with the cheap one)
    auth.reset_password(world.engine, "1002", "Known-user-pass-42")
    _timed(world.url, "1002", -1)  # warm-up: connections, the dummy hash
    _timed(world.url, "5678", -1)
    known, unknown, messages = [], [], set()
    for i in range(TRIES):  # interleaved, so a burst of load hits both alike
        t, m = _timed(world.url, "1002", i)
        known.append(t)
        messages.add(m)
        t, m = _timed(world.url, "5678", i)
        unknown.append(t)
        messages.add(m)
    ratio = statistics.median(unknown) / statistics.median(known)
    print(f"[{world.backend}] median known {statistics.median(known) * 1000:.1f} ms, "
          f"unknown {statistics.median(unknown) * 1000:.1f} ms, ratio {ratio:.2f}")
    assert 0.5 <= ratio <= 2.0
    assert messages == {(auth.FAILED_ZH, auth.FAILED_EN)}
