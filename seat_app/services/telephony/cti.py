"""A vendor PBX/CTI through the Seat CTI protocol (see :mod:`.protocol`): Seat connects
to the integrator's bridge on 127.0.0.1 and keeps reconnecting while it is away. Calls are
the PBX's: losing the bridge does not end them (the bridge reports state when back)."""

from __future__ import annotations

import threading
from typing import Any

from seat_app.services.telephony import protocol
from seat_app.services.telephony._link import Replies, StreamLink
from seat_app.services.telephony.adapter import TelephonyAdapter
from seat_app.services.telephony.errors import CommandFailed, NotConnected, ProtocolError
from seat_app.services.telephony.events import CallEvent, EventKind, EventSink, normalize_number

WHAT = "CTI bridge"


class CtiAdapter(TelephonyAdapter):
    kind = "cti"

    def __init__(self, sink: EventSink, *, host: str = "127.0.0.1", port: int = 7788,
                 command_timeout: float = 3.0, retry_s: float = 0.25) -> None:
        super().__init__(sink)
        self.command_timeout = command_timeout
        self.bridge_name = ""
        self._replies = Replies("c")
        self._lock = threading.Lock()
        self._link = StreamLink(host, port, what=WHAT, decoder=protocol.LineDecoder,
                                encode=lambda b: b, on_up=self._up, on_frame=self._frame,
                                on_down=self._down, retry_s=retry_s)

    def start(self) -> None:
        self._link.start()

    def stop(self) -> None:
        self._link.stop()
        self._connected.clear()

    @property
    def address(self) -> str:
        return self._link.address

    def command(self, command: str, **fields: Any) -> dict[str, Any]:
        cid = self._replies.new()
        msg = {"type": "command", "id": cid, "command": command,
               **{k: v for k, v in fields.items() if v is not None}}
        try:
            self._link.send(protocol.dumps(msg))
        except NotConnected:
            self._replies.forget(cid)
            raise
        reply = self._replies.wait(cid, command, self.command_timeout)
        if not reply["ok"]:
            raise CommandFailed(command, str(reply.get("error", "")) or "error")
        return reply

    def answer(self, call_id: str | None = None) -> None:
        self.command("answer", call_id=call_id)

    def hangup(self, call_id: str | None = None) -> None:
        self.command("hangup", call_id=call_id)

    def hold(self, call_id: str | None = None) -> None:
        self.command("hold", call_id=call_id)

    def resume(self, call_id: str | None = None) -> None:
        self.command("resume", call_id=call_id)

    def transfer(self, target: str, call_id: str | None = None) -> None:
        self.command("transfer", call_id=call_id, target=target)

    def dial(self, number: str) -> str | None:
        reply = self.command("dial", number=normalize_number(number))
        cid = reply.get("call_id")
        return cid if isinstance(cid, str) and cid else None

    def set_ready(self, ready: bool, reason: str = "") -> None:
        self.command("set_ready", ready=ready, reason=reason)
        self._ready = ready

    # -- link callbacks -----------------------------------------------------------------
    def _up(self) -> None:
        """The socket is open; the link counts as up once the bridge's ``hello`` arrives
        (a connection a stopping bridge accepted but never served is not a connection)."""

    def _down(self, exc: Exception, was_up: bool) -> None:
        self._replies.fail_all(exc if isinstance(exc, NotConnected)
                               else NotConnected(WHAT, self.address, str(exc)))
        self._emit(CallEvent(EventKind.FAILURE, source=self.kind, error=exc,
                             reason="lost" if was_up else "unreachable"))

    def _frame(self, line: bytes) -> None:
        try:
            msg = protocol.loads(line)
        except ProtocolError:
            return  # one bad line is ignored; the stream itself stays usable
        if msg["type"] == "response":
            self._replies.deliver(msg["id"], msg)
        elif msg["type"] == "event":
            if msg["event"] == "hello":
                self.bridge_name = str(msg.get("bridge", ""))
                self._emit(CallEvent(EventKind.CONNECTED, source=self.kind, reason=self.address))
                return
            try:
                event = protocol.message_event(msg, self.kind)
            except ProtocolError:
                return
            if event.kind == EventKind.READY and event.ready is not None:
                self._ready = event.ready
            if event.kind == EventKind.FAILURE:  # the bridge is up, its phone is not
                event = CallEvent(EventKind.FAILURE, source=self.kind, reason="phone_down",
                                  error=NotConnected("softphone", self.address, event.reason))
            self._emit(event)
