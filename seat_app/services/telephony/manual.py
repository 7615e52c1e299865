"""Desk-phone intake (来电登记): the agent's phone is not integrated, so the agent registers
the call that rang on the desk phone (number typed or pasted) — or a walk-in (窗口), a
letter (信件) or a mailbox item (信箱) — and it proceeds exactly like a queued call: the
same RINGING/ANSWERED/ENDED events, the same call record."""

from __future__ import annotations

from enum import StrEnum

from seat_app.domain.case import Channel
from seat_app.services.telephony.adapter import Capability, LocalCallsAdapter
from seat_app.services.telephony.errors import CommandFailed
from seat_app.services.telephony.events import (
    CallEvent,
    Direction,
    EventKind,
    EventSink,
    normalize_number,
)


class ManualChannel(StrEnum):
    PHONE = Channel.PHONE.value
    WINDOW = Channel.WINDOW.value
    LETTER = "信件"
    """Not (yet) a ``Channel`` of the case form: phase 2 adds it or maps it to 信箱."""
    MAILBOX = Channel.MAILBOX.value


class ManualAdapter(LocalCallsAdapter):
    kind = "manual"
    id_prefix = "manual"
    capabilities = frozenset({Capability.ANSWER, Capability.HANGUP, Capability.DIAL,
                              Capability.READY})

    def __init__(self, sink: EventSink, *, line: str = "") -> None:
        """``line``: the desk phone's own number or queue (recorded as ``called``)."""
        super().__init__(sink)
        self.line = line

    def start(self) -> None:
        self._emit(CallEvent(EventKind.CONNECTED, source=self.kind))

    def stop(self) -> None:
        self._connected.clear()

    def register(self, number: str, channel: ManualChannel | str = ManualChannel.PHONE,
                 *, queue: str = "") -> str:
        """F3: a call rang on the desk phone (or a walk-in/letter/mailbox item arrived).
        The number is required for a phone call, optional otherwise. Returns the call id."""
        channel = ManualChannel(channel)
        if channel == ManualChannel.PHONE or number.strip():
            caller = normalize_number(number)
        else:
            caller = ""
        call_id = self._new_id()
        base = CallEvent(EventKind.RINGING, call_id=call_id, caller=caller, called=self.line,
                         queue=queue, channel=channel.value, source=self.kind)
        with self._lock:
            self._calls[call_id] = base
        self._sink(base)
        self._emit_kind(base, EventKind.ANSWERED)
        return call_id

    def answer(self, call_id: str | None = None) -> None:
        self._known(call_id)  # a desk-phone call is answered on the desk phone already

    def hangup(self, call_id: str | None = None) -> None:
        ev = self._known(call_id)
        with self._lock:
            self._calls.pop(ev.call_id, None)
        self._emit_kind(ev, EventKind.ENDED, reason="agent")

    def connected(self, call_id: str) -> None:
        """The agent reports that a number dialled on the desk phone answered."""
        self._emit_kind(self._known(call_id), EventKind.ANSWERED)

    def hold(self, call_id: str | None = None) -> None:
        raise CommandFailed("hold", "请在座机上操作 / use the desk phone")

    def resume(self, call_id: str | None = None) -> None:
        raise CommandFailed("resume", "请在座机上操作 / use the desk phone")

    def transfer(self, target: str, call_id: str | None = None) -> None:
        raise CommandFailed("transfer", "请在座机上转接 / transfer on the desk phone")

    def dial(self, number: str) -> str | None:
        """Click-to-dial without integration: shows the number to dial; the agent dials it
        on the desk phone, then reports ``connected()`` or hangs up."""
        caller = normalize_number(number)
        call_id = self._new_id()
        ev = CallEvent(EventKind.DIALING, call_id=call_id, direction=Direction.OUTBOUND,
                       caller=caller, called=self.line, source=self.kind)
        with self._lock:
            self._calls[call_id] = ev
        self._sink(ev)
        return call_id

    def _emit_kind(self, base: CallEvent, kind: EventKind, **extra: str) -> None:
        self._sink(CallEvent(kind, call_id=base.call_id, direction=base.direction,
                             caller=base.caller, called=base.called, queue=base.queue,
                             channel=base.channel, source=self.kind, **extra))
