"""Seat state rules, leases and the arrival profile (pure domain)."""

from __future__ import annotations

import itertools
import random
from datetime import datetime, timedelta

import pytest

from seat_app.domain.queue import (
    HOURLY_PROFILE,
    Channel,
    IllegalTransition,
    SeatState,
    can_claim,
    check_transition,
    lease_valid,
    simulate_arrivals,
)


def test_legal_and_illegal_state_changes():
    check_transition("ready", "ringing")
    check_transition(SeatState.RINGING, SeatState.ON_CALL)
    check_transition(SeatState.ON_CALL, SeatState.AFTER_CALL_WORK)
    check_transition(SeatState.AFTER_CALL_WORK, SeatState.READY)
    with pytest.raises(IllegalTransition):
        check_transition(SeatState.ON_CALL, SeatState.READY)  # a call ends in after-call work
    with pytest.raises(IllegalTransition):
        check_transition(SeatState.BREAK, SeatState.ON_CALL)
    with pytest.raises(IllegalTransition):
        check_transition(SeatState.READY, SeatState.READY)
    with pytest.raises(ValueError):
        check_transition("ready", "dancing")


def test_forced_changes_by_a_lead():
    check_transition(SeatState.ON_CALL, SeatState.READY, forced=True)
    check_transition(SeatState.BREAK, SeatState.OFFLINE, forced=True)
    with pytest.raises(IllegalTransition):
        check_transition(SeatState.READY, SeatState.ON_CALL, forced=True)


def test_only_ready_seats_claim():
    assert can_claim("ready")
    assert not any(can_claim(s) for s in SeatState if s != SeatState.READY)


def test_stale_holder_is_not_valid():
    now = datetime(2024, 5, 1, 9, 0)
    exp = now + timedelta(seconds=30)
    assert lease_valid("S01", 3, exp, holder="S01", token=3, now=now)
    assert not lease_valid("S01", 3, exp, holder="S01", token=3, now=exp)  # expired
    assert not lease_valid("S02", 4, exp, holder="S01", token=3, now=now)  # reclaimed
    assert not lease_valid("S01", 4, exp, holder="S01", token=3, now=now)  # own old claim
    assert not lease_valid(None, 0, None, holder="S01", token=0, now=now)


def test_arrivals_follow_the_hourly_profile_and_callers_have_patience():
    rng = random.Random(7)
    start = datetime(2024, 3, 4)  # a Monday
    arrivals = simulate_arrivals(start, timedelta(days=7), daily_volume=3000, rng=rng)
    per_hour = [0] * 24
    for a in arrivals:
        per_hour[a.at.hour] += 1
        assert start <= a.at < start + timedelta(days=7)
    # about a week's volume (weekday factors average about 0.96)
    assert 17_000 < len(arrivals) < 23_500
    # the 9 o'clock peak is far above the 3 o'clock trough, as the profile says
    assert per_hour[9] > 15 * per_hour[3]
    peak = max(range(24), key=per_hour.__getitem__)
    assert HOURLY_PROFILE[peak] >= 8.0
    phones = [a for a in arrivals if a.channel == Channel.PHONE]
    assert 0.75 < len(phones) / len(arrivals) < 0.85
    mean_patience = sum(a.patience.total_seconds() for a in phones) / len(phones)
    assert 65 < mean_patience < 85
    # monotonic times
    assert all(x.at <= y.at for x, y in itertools.pairwise(arrivals))
