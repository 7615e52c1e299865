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
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

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
