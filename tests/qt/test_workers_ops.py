"""Op (success/failure callbacks, default failure in the notice line), SingleFlight and
LatestWins on a runner whose jobs finish when the test says so."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from seat_app.qt.workers import InlineRunner, LatestWins, Op, SingleFlight


class HeldRunner:
    """Keeps submitted jobs until ``finish()`` runs the oldest one (a slow database)."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], Any]] = []

    def submit(self, job: Callable[[], Any], callback: Any = None) -> None:
        self.jobs.append((job, callback))

    def wait(self, timeout_ms: int = -1) -> bool:
        return True

    def finish(self) -> None:
        job, callback = self.jobs.pop(0)
        try:
            result, error = job(), None
        except Exception as exc:  # noqa: BLE001
            result, error = None, exc
        if callback is not None:
            callback(result, error)


def test_op_calls_success_or_failure_and_shows_unhandled_failures_in_the_notice_line():
    got: list[Any] = []
    notices: list[tuple[str, str]] = []

    def notice(text: str, kind: str) -> None:
        notices.append((text, kind))

    Op(InlineRunner(), lambda: 42, notice=notice).success(got.append).run()
    assert got == [42] and notices == []

    def refused() -> None:
        error = RuntimeError("x")
        error.zh, error.en = "中心库拒收", "refused by central"  # type: ignore[attr-defined]
        raise error

    Op(InlineRunner(), refused, notice=notice).success(got.append).failure(lambda e: got.append(str(e))).run()
    assert got == [42, "x"] and notices == []
    Op(InlineRunner(), refused, notice=notice).success(got.append).run()
    assert notices == [("中心库拒收", "warn")]


def test_single_flight_refuses_a_second_job_while_one_runs():
    runner, flight, done = HeldRunner(), SingleFlight(), []
    assert flight.run(runner, lambda: 1, lambda r, e: done.append(r))
    assert not flight.run(runner, lambda: 2, lambda r, e: done.append(r))
    assert flight.busy and len(runner.jobs) == 1
    runner.finish()
    assert done == [1] and not flight.busy
    assert flight.run(runner, lambda: 3, lambda r, e: done.append(r))


def test_latest_wins_runs_only_the_newest_waiting_request_and_drops_stale_results():
    runner, done = HeldRunner(), []
    latest = LatestWins(runner)
    latest.request(lambda: "a", lambda r, e: done.append(r))
    latest.request(lambda: "b", lambda r, e: done.append(r))  # waits
    latest.request(lambda: "c", lambda r, e: done.append(r))  # replaces b
    assert len(runner.jobs) == 1
    runner.finish()  # a returns: newer wanted, a dropped, c starts
    assert done == [] and latest.dropped == 1 and len(runner.jobs) == 1
    runner.finish()
    assert done == ["c"] and not latest.busy
    latest.request(lambda: "d", lambda r, e: done.append(r))
    latest.cancel()  # e.g. the call ended: the running answer is dropped
    runner.finish()
    while runner.jobs:
        runner.finish()
    assert done == ["c"] and not latest.busy
