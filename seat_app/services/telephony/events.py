"""Call events: what every adapter reports, whatever the phone behind it.

Events are plain frozen dataclasses. Adapters deliver them, in order, on their own thread
to one callable (``EventSink``); the Qt layer marshals them to the UI thread. ``EventQueue``
is a ready sink backed by :class:`queue.Queue` with a ``wait_for`` helper.
"""

from __future__ import annotations

import queue
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from seat_app.services.telephony.errors import InvalidNumber


class EventKind(StrEnum):
    RINGING = "ringing"
    """An incoming call rings at this seat (screen pop)."""
    DIALING = "dialing"
    """An outgoing call (click-to-dial) was placed and is ringing at the far end."""
    ANSWERED = "answered"
    """The call is established (both sides talking)."""
    HELD = "held"
    RESUMED = "resumed"
    TRANSFERRED = "transferred"
    ENDED = "ended"
    READY = "ready"
    """The agent state on the phone side changed (``ready`` says ready or not)."""
    CONNECTED = "connected"
    """The link to the phone or bridge is (again) up."""
    FAILURE = "failure"
    """The link to the phone or bridge is lost or cannot be made; ``error`` says why."""


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


@dataclass(frozen=True, slots=True)
class CallEvent:
    kind: EventKind
    call_id: str = ""
    direction: Direction = Direction.INBOUND
    caller: str = ""
    """The citizen's number: caller of an inbound call, the dialled number of an outbound one."""
    called: str = ""
    """The number or queue called (inbound) / the seat's own line (outbound)."""
    queue: str = ""
    channel: str = "电话"
    """受理渠道 (``seat_app.domain.case.Channel`` value, or 信件 for a letter)."""
    target: str = ""
    """Transfer target (number or seat code)."""
    reason: str = ""
    ready: bool | None = None
    error: Exception | None = None
    source: str = ""
    """Which adapter produced it: baresip, manual, cti, simulator."""
    at: datetime = field(default_factory=lambda: datetime.now(UTC))
    mono: float = field(default_factory=time.monotonic)
    """``time.monotonic()`` when the adapter received it, for latencies."""

    @property
    def is_link_event(self) -> bool:
        return self.kind in (EventKind.CONNECTED, EventKind.FAILURE)


EventSink = Callable[[CallEvent], None]

_URI_USER = re.compile(r"^(?:sips?|tel):([^@;>]+)", re.IGNORECASE)
_NUMBER_CHARS = re.compile(r"[\s\-().]")


def number_from_uri(uri: str) -> str:
    """The telephone number in a SIP/tel URI (``"张三" <sip:013912345678@pbx>`` → ``013912345678``);
    the user part as it is when it is not a number; ``""`` for an empty URI."""
    text = uri.strip()
    if "<" in text and ">" in text:
        text = text[text.index("<") + 1:text.index(">")]
    m = _URI_USER.match(text)
    user = m.group(1) if m else text.split("@", 1)[0]
    cleaned = _NUMBER_CHARS.sub("", user)
    return cleaned if re.fullmatch(r"\+?\d+", cleaned) else user


_MOBILE = re.compile(r"1[3-9]\d{9}")


def canonical_number(number: str) -> str:
    """One key per citizen for history, records and returns: the national form of a
    Chinese number (``+86``/``0086`` country prefix dropped; a mobile number dialled with a
    trunk ``0`` in front loses it); anything else as it is."""
    n = number.strip()
    for prefix in ("+86", "0086"):
        if n.startswith(prefix) and len(n) > len(prefix) + 6:
            n = n[len(prefix):]
            break
    if n.startswith("0") and _MOBILE.fullmatch(n[1:]):
        n = n[1:]
    return n


def normalize_number(raw: str) -> str:
    """A typed or pasted number → digits (leading ``+`` kept); raises ``InvalidNumber``."""

    text = raw.strip().replace("\u3000", " ")
    text = text.translate(str.maketrans("０１２３４５６７８９＋－", "0123456789+-"))
    cleaned = _NUMBER_CHARS.sub("", text)
    if not re.fullmatch(r"\+?\d{3,20}", cleaned):
        raise InvalidNumber(raw)
    return cleaned


class EventQueue:
    """A sink that queues events; ``wait_for`` takes the next event matching a predicate
    (other events stay in ``seen``)."""

    def __init__(self) -> None:
        self._q: queue.Queue[CallEvent] = queue.Queue()
        self.seen: list[CallEvent] = []

    def __call__(self, event: CallEvent) -> None:
        self._q.put(event)

    def wait_for(self, kind: EventKind, timeout: float = 5.0,
                 where: Callable[[CallEvent], bool] | None = None) -> CallEvent:
        """The first not-yet-taken event of ``kind`` (matching ``where``); ``TimeoutError``
        after ``timeout`` seconds."""
        for i, ev in enumerate(self.seen):
            if ev.kind == kind and (where is None or where(ev)):
                return self.seen.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                kinds = ", ".join(e.kind for e in self.seen)
                raise TimeoutError(f"no {kind} event within {timeout} s (seen: {kinds})")
            try:
                ev = self._q.get(timeout=left)
            except queue.Empty:
                continue
            if ev.kind == kind and (where is None or where(ev)):
                return ev
            self.seen.append(ev)

    def drain(self) -> list[CallEvent]:
        while True:
            try:
                self.seen.append(self._q.get_nowait())
            except queue.Empty:
                break
        out, self.seen = self.seen, []
        return out
