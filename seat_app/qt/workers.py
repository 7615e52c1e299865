"""Background work that hands ``(result, error)`` back to the main thread.

Workers never touch widgets: a job is a plain callable, and its callback runs on the main
thread with ``(result, None)`` or ``(None, error)``. Two kinds of runner share one interface:

- ``ThreadRunner``: a private thread pool. ``ThreadRunner(1)`` is a serialized executor (jobs
  run one after another, in submission order, on one long-lived thread): all database work
  goes through one of these.
- ``InlineRunner``: runs the job at once on the calling thread; tests use it to drive the
  window synchronously.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from seat_app.qt.i18n import error_text

log = logging.getLogger(__name__)

Callback = Callable[[Any, BaseException | None], None]


class Runner(Protocol):
    def submit(self, job: Callable[[], Any], callback: Callback | None = None) -> None: ...

    def wait(self, timeout_ms: int = -1) -> bool: ...


def _call(job: Callable[[], Any]) -> tuple[Any, BaseException | None]:
    try:
        return job(), None
    except Exception as exc:  # noqa: BLE001 - every failure goes back to the caller
        log.debug("background job failed: %s", "".join(traceback.format_exception(exc)))
        return None, exc


class InlineRunner:
    """Runs each job at once on the caller's thread (tests)."""

    def __init__(self) -> None:
        self.jobs_run = 0

    def submit(self, job: Callable[[], Any], callback: Callback | None = None) -> None:
        result, error = _call(job)
        self.jobs_run += 1
        if callback is not None:
            callback(result, error)

    def wait(self, timeout_ms: int = -1) -> bool:
        return True


class _Relay(QObject):
    """Lives on the main thread; a signal emitted from a worker is queued to it."""

    finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    @Slot(object)
    def _deliver(self, payload: tuple[Callback | None, Any, BaseException | None]) -> None:
        callback, result, error = payload
        if callback is not None:
            try:
                callback(result, error)
            except Exception:
                log.exception("callback of a background job failed")


class _Job(QRunnable):
    def __init__(self, relay: _Relay, job: Callable[[], Any], callback: Callback | None) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._relay, self._job, self._callback = relay, job, callback

    def run(self) -> None:
        result, error = _call(self._job)
        self._relay.finished.emit((self._callback, result, error))


class ThreadRunner:
    """A private pool of ``threads`` workers; ``ThreadRunner(1)`` serializes its jobs."""

    def __init__(self, threads: int = 1, name: str = "seat-worker") -> None:
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(threads)
        self._pool.setExpiryTimeout(-1)  # keep the thread: database connections stay put
        self._pool.setObjectName(name)
        self._relay = _Relay()

    def submit(self, job: Callable[[], Any], callback: Callback | None = None) -> None:
        self._pool.start(_Job(self._relay, job, callback))

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until queued jobs ran (shutdown, tests); callbacks still need the event loop."""
        return self._pool.waitForDone(timeout_ms)

    @property
    def active(self) -> int:
        return self._pool.activeThreadCount()


# ----------------------------------------------------------------------------- one runner per resource
@dataclass(frozen=True, slots=True)
class SeatRunners:
    """The seat window's runners, one per resource, so a hung resource stalls only its own:

    - ``local``: the seat-local store (drafts, case saves, caller history, KB entries,
      conflicts): must never wait behind the central database;
    - ``central``: the central database as the window uses it (queue, lease, presence,
      duplicates, lead messages, timeline, callbacks);
    - ``search``: the knowledge-base index;
    - ``sync``: push/pull of the outbox.
    """

    local: Runner
    central: Runner
    search: Runner
    sync: Runner

    @classmethod
    def threads(cls) -> SeatRunners:
        """Four serialized threads (the application)."""
        return cls(ThreadRunner(1, "seat-local"), ThreadRunner(1, "seat-central"),
                   ThreadRunner(1, "seat-search"), ThreadRunner(1, "seat-sync"))

    @classmethod
    def inline(cls) -> SeatRunners:
        """One InlineRunner for everything (tests that drive the window synchronously)."""
        runner = InlineRunner()
        return cls(runner, runner, runner, runner)

    def wait(self, timeout_ms: int = 5000) -> None:
        for runner in (self.local, self.sync, self.central, self.search):
            runner.wait(timeout_ms)


# ----------------------------------------------------------------------------- ops
NoticeFn = Callable[[str, str], None]
"""notice(text, kind) where kind is "info", "warn" or "error" (the window's notice line)."""


class Op:
    """Anki's op shape on a runner: ``Op(runner, job).success(fn).failure(fn).run()``.

    ``success(result)`` and ``failure(error)`` run on the main thread. Without a failure
    callback the error goes to ``notice`` (the window's notice line) as a warning, in the
    words of ``seat_app.qt.i18n.error_text``, else to the log. With a ``flight`` the op runs
    only when no op of that flight is running."""

    def __init__(self, runner: Runner, job: Callable[[], Any], *, notice: NoticeFn | None = None,
                 flight: SingleFlight | None = None) -> None:
        self._runner, self._job, self._notice, self._flight = runner, job, notice, flight
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None

    def success(self, fn: Callable[[Any], None]) -> Op:
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> Op:
        self._on_failure = fn
        return self

    def run(self) -> bool:
        """Submit the op; False when its flight was busy (nothing submitted)."""
        if self._flight is not None:
            return self._flight.run(self._runner, self._job, self._done)
        self._runner.submit(self._job, self._done)
        return True

    def _done(self, result: Any, error: BaseException | None) -> None:
        if error is None:
            if self._on_success is not None:
                self._on_success(result)
        elif self._on_failure is not None:
            self._on_failure(error)
        elif self._notice is not None:
            self._notice(error_text(error), "warn")
        else:
            log.info("background op failed: %s", error)


class SingleFlight:
    """At most one job of a kind at a time: a request while one runs is refused."""

    def __init__(self) -> None:
        self.busy = False

    def run(self, runner: Runner, job: Callable[[], Any], callback: Callback | None = None) -> bool:
        if self.busy:
            return False
        self.busy = True

        def done(result: Any, error: BaseException | None) -> None:
            self.busy = False
            if callback is not None:
                callback(result, error)

        runner.submit(job, done)
        return True


class LatestWins:
    """Single-flight where the newest request wins (DebouncedSearch's rule, for any job).

    While a job runs, a new request replaces the waiting one and runs when the running one
    returns; the result of a job that is no longer the newest request is dropped."""

    def __init__(self, runner: Runner) -> None:
        self._runner = runner
        self._waiting: tuple[Callable[[], Any], Callback] | None = None
        self._running = False
        self.dropped = 0

    @property
    def busy(self) -> bool:
        return self._running or self._waiting is not None

    def request(self, job: Callable[[], Any], callback: Callback) -> None:
        self._waiting = (job, callback)
        if not self._running:
            self._start()

    def cancel(self) -> None:
        """Forget the waiting request (a running one finishes, its result is dropped)."""
        self._waiting = None
        if self._running:
            self._waiting = (lambda: None, lambda _r, _e: None)

    def _start(self) -> None:
        if self._waiting is None:
            return
        job, callback = self._waiting
        self._waiting = None
        self._running = True
        self._runner.submit(job, lambda r, e: self._done(callback, r, e))

    def _done(self, callback: Callback, result: Any, error: BaseException | None) -> None:
        self._running = False
        if self._waiting is not None:
            self.dropped += 1
            self._start()
            return
        callback(result, error)
