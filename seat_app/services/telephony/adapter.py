"""The ``TelephonyAdapter`` interface every phone connection implements.

An adapter reports :class:`~seat_app.services.telephony.events.CallEvent` s to one sink
(called on the adapter's own thread, in order) and takes commands. Commands block until the
phone replies (milliseconds on loopback, bounded by ``command_timeout``) and raise
:class:`~seat_app.services.telephony.errors.TelephonyError` subclasses; the Qt layer calls
them off the UI thread. A lost link never raises out of the adapter's thread: it becomes a
``FAILURE`` event, and the adapter keeps retrying until ``stop()`` (``CONNECTED`` when back).
"""

from __future__ import annotations

import itertools
import threading
import uuid
from abc import ABC, abstractmethod

from seat_app.services.telephony.errors import NoSuchCall
from seat_app.services.telephony.events import CallEvent, EventKind, EventSink


class Capability:
    ANSWER = "answer"
    HANGUP = "hangup"
    HOLD = "hold"
    TRANSFER = "transfer"
    DIAL = "dial"
    READY = "ready"


ALL_CAPABILITIES = frozenset({Capability.ANSWER, Capability.HANGUP, Capability.HOLD,
                              Capability.TRANSFER, Capability.DIAL, Capability.READY})


class TelephonyAdapter(ABC):
    """One seat's telephone. ``kind`` names the implementation (settings value)."""

    kind: str = ""
    capabilities: frozenset[str] = ALL_CAPABILITIES

    def __init__(self, sink: EventSink) -> None:
        self._sink = sink
        self._connected = threading.Event()
        self._ready = True

    # -- life cycle -------------------------------------------------------------------
    @abstractmethod
    def start(self) -> None:
        """Begin connecting (returns at once); the outcome arrives as CONNECTED/FAILURE."""

    @abstractmethod
    def stop(self) -> None:
        """Disconnect and stop retrying. Idempotent."""

    @property
    def connected(self) -> bool:
        return self._connected.is_set()

    def wait_connected(self, timeout: float) -> bool:
        return self._connected.wait(timeout)

    @property
    def ready(self) -> bool:
        """Whether the phone side takes new calls (not do-not-disturb / queue pause)."""
        return self._ready

    # -- commands ---------------------------------------------------------------------
    @abstractmethod
    def answer(self, call_id: str | None = None) -> None: ...

    @abstractmethod
    def hangup(self, call_id: str | None = None) -> None: ...

    @abstractmethod
    def hold(self, call_id: str | None = None) -> None: ...

    @abstractmethod
    def resume(self, call_id: str | None = None) -> None: ...

    @abstractmethod
    def transfer(self, target: str, call_id: str | None = None) -> None:
        """Blind transfer to a number (110/119/120, a unit) or another seat's code."""

    @abstractmethod
    def dial(self, number: str) -> str | None:
        """Click-to-dial; returns the call id when known at once (else it comes with DIALING)."""

    @abstractmethod
    def set_ready(self, ready: bool, reason: str = "") -> None:
        """Agent state → phone: not ready means do-not-disturb / queue pause."""

    # -- helpers for implementations --------------------------------------------------
    def _emit(self, event: CallEvent) -> None:
        if event.kind == EventKind.CONNECTED:
            self._connected.set()
        elif event.kind == EventKind.FAILURE:
            self._connected.clear()
        self._sink(event)


class LocalCallsAdapter(TelephonyAdapter):
    """An adapter whose calls live in this process (desk-phone intake, the demo simulator):
    the table of open calls, their ids (``<id_prefix>-<random>-<n>``), lookups and the ready
    flag, declared once."""

    id_prefix = "call"

    def __init__(self, sink: EventSink) -> None:
        super().__init__(sink)
        self._calls: dict[str, CallEvent] = {}
        self._lock = threading.Lock()
        self._seq = itertools.count(1)
        self._prefix = uuid.uuid4().hex[:8]

    def _new_id(self) -> str:
        return f"{self.id_prefix}-{self._prefix}-{next(self._seq)}"

    def set_ready(self, ready: bool, reason: str = "") -> None:
        self._ready = ready
        self._emit(CallEvent(EventKind.READY, ready=ready, reason=reason, source=self.kind))

    def _known(self, call_id: str | None) -> CallEvent:
        """The open call ``call_id``; None: the only open call (``NoSuchCall`` otherwise)."""
        with self._lock:
            if call_id is None:
                if len(self._calls) != 1:
                    raise NoSuchCall("")
                return next(iter(self._calls.values()))
            ev = self._calls.get(call_id)
        if ev is None:
            raise NoSuchCall(call_id)
        return ev

    def _pop(self, call_id: str) -> CallEvent:
        with self._lock:
            ev = self._calls.pop(call_id, None)
        if ev is None:
            raise NoSuchCall(call_id)
        return ev
