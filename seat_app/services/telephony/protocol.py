"""The Seat CTI protocol, version 1 (docs/telephony-cti-protocol.md): JSON lines over TCP
on 127.0.0.1. The bridge listens; Seat connects (and reconnects). Bridge → Seat: ``event``
and ``response`` messages; Seat → bridge: ``command`` messages."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from seat_app.services.telephony.errors import ProtocolError
from seat_app.services.telephony.events import CallEvent, Direction, EventKind

VERSION = 1
MAX_LINE = 64 * 1024

#: event name on the wire → event kind in Seat
EVENTS: dict[str, EventKind] = {
    "ringing": EventKind.RINGING, "dialing": EventKind.DIALING,
    "answered": EventKind.ANSWERED, "held": EventKind.HELD, "resumed": EventKind.RESUMED,
    "transferred": EventKind.TRANSFERRED, "ended": EventKind.ENDED, "ready": EventKind.READY,
    "phone_up": EventKind.CONNECTED, "phone_down": EventKind.FAILURE,
}
WIRE_NAME = {kind: name for name, kind in EVENTS.items()}
CALL_EVENTS = frozenset(EVENTS) - {"ready", "phone_up", "phone_down"}

#: command → required fields besides ``id`` and ``command``
COMMANDS: dict[str, tuple[str, ...]] = {
    "answer": (), "hangup": (), "hold": (), "resume": (),
    "transfer": ("target",), "dial": ("number",), "set_ready": ("ready",),
}


def dumps(message: dict[str, Any]) -> bytes:
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


class LineDecoder:
    """Incremental JSON-lines splitter."""

    def __init__(self, max_line: int = MAX_LINE) -> None:
        self._buf = bytearray()
        self._max = max_line

    def feed(self, data: bytes) -> list[bytes]:
        self._buf += data
        lines: list[bytes] = []
        while (nl := self._buf.find(b"\n")) >= 0:
            line = bytes(self._buf[:nl]).strip()
            del self._buf[:nl + 1]
            if line:
                lines.append(line)
        if len(self._buf) > self._max:
            raise ProtocolError(f"line longer than {self._max} bytes")
        return lines


def loads(line: bytes) -> dict[str, Any]:
    """One line → a validated message dict; ``ProtocolError`` says what is wrong."""
    try:
        msg = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ProtocolError(f"not JSON: {exc}") from exc
    if not isinstance(msg, dict):
        raise ProtocolError("a message must be a JSON object")
    mtype = msg.get("type")
    if mtype == "event":
        name = msg.get("event")
        if name not in EVENTS and name != "hello":
            raise ProtocolError(f"unknown event {name!r}")
        call_id = msg.get("call_id")
        if name in CALL_EVENTS and not (isinstance(call_id, str) and call_id):
            raise ProtocolError(f"event {name!r} needs a call_id")
    elif mtype == "command":
        name = msg.get("command")
        if name not in COMMANDS:
            raise ProtocolError(f"unknown command {name!r}")
        if not isinstance(msg.get("id"), str):
            raise ProtocolError("a command needs a string id")
        missing = [f for f in COMMANDS[name] if f not in msg]
        if missing:
            raise ProtocolError(f"command {name!r} needs {', '.join(missing)}")
    elif mtype == "response":
        if not isinstance(msg.get("id"), str) or not isinstance(msg.get("ok"), bool):
            raise ProtocolError("a response needs a string id and a boolean ok")
    else:
        raise ProtocolError(f"unknown message type {mtype!r}")
    return msg


def event_message(event: CallEvent) -> dict[str, Any]:
    """A Seat event → the wire message a bridge sends."""
    msg: dict[str, Any] = {"type": "event", "event": WIRE_NAME[event.kind],
                           "at": event.at.astimezone(UTC).isoformat().replace("+00:00", "Z")}
    if event.call_id:
        msg.update(call_id=event.call_id, direction=event.direction.value,
                   caller=event.caller, called=event.called, queue=event.queue)
    if event.target:
        msg["target"] = event.target
    if event.reason:
        msg["reason"] = event.reason
    if event.ready is not None:
        msg["ready"] = event.ready
    return msg


def message_event(msg: dict[str, Any], source: str = "cti") -> CallEvent:
    """A validated wire event → a Seat event (``at`` from the message when given)."""
    at = datetime.now(UTC)
    if isinstance(msg.get("at"), str):
        try:
            at = datetime.fromisoformat(msg["at"].replace("Z", "+00:00"))
            if at.tzinfo is None:
                at = at.replace(tzinfo=UTC)
        except ValueError as exc:
            raise ProtocolError(f"bad time {msg['at']!r}") from exc
    direction = msg.get("direction", "inbound")
    if direction not in ("inbound", "outbound"):
        raise ProtocolError(f"bad direction {direction!r}")
    ready = msg.get("ready")
    return CallEvent(EVENTS[msg["event"]], call_id=str(msg.get("call_id", "")),
                     direction=Direction(direction), caller=str(msg.get("caller", "")),
                     called=str(msg.get("called", "")), queue=str(msg.get("queue", "")),
                     target=str(msg.get("target", "")), reason=str(msg.get("reason", "")),
                     ready=ready if isinstance(ready, bool) else None, source=source, at=at)


def hello(bridge: str) -> dict[str, Any]:
    return {"type": "event", "event": "hello", "protocol": VERSION, "bridge": bridge}


def response(cid: str, ok: bool, error: str = "", **extra: Any) -> dict[str, Any]:
    return {"type": "response", "id": cid, "ok": ok, "error": error, **extra}
