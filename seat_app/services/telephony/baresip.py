"""The agent's SIP softphone: baresip, driven through its ``ctrl_tcp`` module.

Wire format (baresip ``modules/ctrl_tcp``): netstring-framed JSON. Commands are
``{"command": "accept", "params": "...", "token": "..."}`` (the names are baresip's long
commands from the ``menu`` module: ``accept``, ``hangup``, ``dial``, ``hold``, ``resume``,
``transfer``, ``callfind``); replies ``{"response": true, "ok": bool, "data": str, "token"}``;
events ``{"event": true, "class": "call", "type": "CALL_INCOMING", "id": <call id>,
"peeruri", "accountaor", "direction", "param"}``.

baresip 1.0 (Debian 12) has no do-not-disturb command, so not-ready is kept here: a call
that rings while the agent is not ready is rejected at once (the caller's PBX/ACD then
routes it to the next seat) and never popped.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from seat_app.services.telephony import netstring
from seat_app.services.telephony._link import Replies, StreamLink
from seat_app.services.telephony.adapter import TelephonyAdapter
from seat_app.services.telephony.errors import CommandFailed, NoSuchCall, NotConnected
from seat_app.services.telephony.events import (
    CallEvent,
    Direction,
    EventKind,
    EventSink,
    normalize_number,
    number_from_uri,
)

WHAT = "softphone"


class BaresipAdapter(TelephonyAdapter):
    kind = "baresip"

    def __init__(self, sink: EventSink, *, host: str = "127.0.0.1", port: int = 4444,
                 dial_domain: str = "", command_timeout: float = 3.0,
                 retry_s: float = 0.25) -> None:
        """``dial_domain``: host[:port] numbers are dialled at (the PBX); a target that
        already is a SIP URI is dialled as it is."""
        super().__init__(sink)
        self.dial_domain = dial_domain
        self.command_timeout = command_timeout
        self._replies = Replies("seat-")
        self._calls: dict[str, CallEvent] = {}
        self._established: set[str] = set()
        self._rejecting: set[str] = set()
        self._lock = threading.RLock()
        self._cmd_lock = threading.Lock()
        self._link = StreamLink(host, port, what=WHAT, decoder=netstring.Decoder,
                                encode=netstring.encode, on_up=self._up,
                                on_frame=self._frame, on_down=self._down, retry_s=retry_s)

    # -- life cycle -------------------------------------------------------------------
    def start(self) -> None:
        self._link.start()

    def stop(self) -> None:
        self._link.stop()
        self._connected.clear()

    @property
    def address(self) -> str:
        return self._link.address

    @property
    def active_calls(self) -> list[str]:
        with self._lock:
            return list(self._calls)

    # -- commands ---------------------------------------------------------------------
    def command(self, command: str, params: str | None = None) -> str:
        """Send one baresip long command; the reply's ``data``; ``CommandFailed`` if not ok."""
        token = self._replies.new()
        msg: dict[str, Any] = {"command": command, "token": token}
        if params is not None:
            msg["params"] = params
        try:
            self._link.send(json.dumps(msg).encode())
        except NotConnected:
            self._replies.forget(token)
            raise
        reply = self._replies.wait(token, command, self.command_timeout)
        if not reply.get("ok", False):
            raise CommandFailed(command, str(reply.get("data", "")).strip() or "error")
        return str(reply.get("data", ""))

    def _on_call(self, command: str, call_id: str | None, params: str | None = None) -> str:
        with self._cmd_lock:  # callfind + command must not interleave with another pair
            if call_id is not None:
                with self._lock:
                    known = call_id in self._calls
                if not known:
                    raise NoSuchCall(call_id)
                self.command("callfind", call_id)
            return self.command(command, params)

    def answer(self, call_id: str | None = None) -> None:
        self._on_call("accept", call_id)

    def hangup(self, call_id: str | None = None) -> None:
        self._on_call("hangup", call_id)

    def hold(self, call_id: str | None = None) -> None:
        self._on_call("hold", call_id)
        self._emit_for(EventKind.HELD, call_id)

    def resume(self, call_id: str | None = None) -> None:
        self._on_call("resume", call_id)
        self._emit_for(EventKind.RESUMED, call_id)

    def transfer(self, target: str, call_id: str | None = None) -> None:
        self._on_call("transfer", call_id, self.uri_for(target))
        self._emit_for(EventKind.TRANSFERRED, call_id, target=target)

    def dial(self, number: str) -> str | None:
        with self._cmd_lock:
            self.command("dial", self.uri_for(number))
        return None

    def set_ready(self, ready: bool, reason: str = "") -> None:
        self._ready = ready
        self._emit(CallEvent(EventKind.READY, ready=ready, reason=reason, source=self.kind))

    def uri_for(self, target: str) -> str:
        """A number or seat code → the SIP URI dialled (``sip:<number>@<dial_domain>``)."""
        t = target.strip()
        if t.lower().startswith(("sip:", "sips:", "tel:")):
            return t
        user = normalize_number(t) if any(c.isdigit() for c in t[:1]) or t.startswith("+") else t
        if not self.dial_domain:
            raise CommandFailed("dial", "没有设置拨号域（PBX 地址）/ no dial domain (PBX) set")
        return f"sip:{user}@{self.dial_domain}"

    # -- link callbacks (reader thread) -----------------------------------------------
    def _up(self) -> None:
        self._emit(CallEvent(EventKind.CONNECTED, source=self.kind, reason=self.address))

    def _down(self, exc: Exception, was_up: bool) -> None:
        self._replies.fail_all(exc if isinstance(exc, NotConnected)
                               else NotConnected(WHAT, self.address, str(exc)))
        with self._lock:
            lost = list(self._calls.values())
            self._calls.clear()
            self._established.clear()
        self._emit(CallEvent(EventKind.FAILURE, source=self.kind, error=exc,
                             reason="lost" if was_up else "unreachable"))
        for ev in lost:  # the softphone is gone, and its calls with it
            self._emit(CallEvent(EventKind.ENDED, call_id=ev.call_id, direction=ev.direction,
                                 caller=ev.caller, called=ev.called, queue=ev.queue,
                                 reason="softphone_lost", source=self.kind))

    def _frame(self, frame: bytes) -> None:
        try:
            msg = json.loads(frame)
        except ValueError:
            return
        if not isinstance(msg, dict):
            return
        if msg.get("response"):
            self._replies.deliver(str(msg.get("token", "")), msg)
        elif msg.get("event"):
            self._event(msg)

    def _event(self, msg: dict[str, Any]) -> None:
        etype = str(msg.get("type", ""))
        call_id = str(msg.get("id", ""))
        if not call_id:
            return
        outgoing = msg.get("direction") == "outgoing"
        peer = number_from_uri(str(msg.get("peeruri", "")))
        own = number_from_uri(str(msg.get("accountaor", "")))
        base = dict(call_id=call_id, source=self.kind,
                    direction=Direction.OUTBOUND if outgoing else Direction.INBOUND,
                    caller=peer, called=own, queue="" if outgoing else own)
        if etype == "CALL_INCOMING":
            if not self._ready:
                with self._lock:
                    self._rejecting.add(call_id)
                threading.Thread(target=self._reject, args=(call_id,), daemon=True).start()
                return
            ev = CallEvent(EventKind.RINGING, **base)
            with self._lock:
                self._calls[call_id] = ev
            self._emit(ev)
        elif etype in ("CALL_OUTGOING", "CALL_RINGING", "CALL_PROGRESS") and outgoing:
            with self._lock:
                if call_id in self._calls:
                    return
                ev = CallEvent(EventKind.DIALING, **base)
                self._calls[call_id] = ev
            self._emit(ev)
        elif etype == "CALL_ESTABLISHED":
            with self._lock:
                if call_id in self._established:
                    return
                self._established.add(call_id)
                if call_id not in self._calls:
                    self._calls[call_id] = CallEvent(EventKind.DIALING, **base)
            self._emit(CallEvent(EventKind.ANSWERED, **base))
        elif etype == "CALL_CLOSED":
            with self._lock:
                known = self._calls.pop(call_id, None)
                self._established.discard(call_id)
                if call_id in self._rejecting:
                    self._rejecting.discard(call_id)
                    return
            if known is not None:
                self._emit(CallEvent(EventKind.ENDED, reason=str(msg.get("param", "")), **base))
        elif etype == "CALL_TRANSFER":
            self._emit(CallEvent(EventKind.TRANSFERRED, target=str(msg.get("param", "")), **base))
        elif etype in ("CALL_HOLD", "CALL_RESUME"):  # newer baresip reports remote hold
            kind = EventKind.HELD if etype == "CALL_HOLD" else EventKind.RESUMED
            self._emit(CallEvent(kind, reason="remote", **base))

    def _reject(self, call_id: str) -> None:
        try:
            with self._cmd_lock:
                self.command("callfind", call_id)
                self.command("hangup")
        except Exception:  # noqa: BLE001 - the caller's PBX times out and moves on anyway
            pass

    def _emit_for(self, kind: EventKind, call_id: str | None, **extra: Any) -> None:
        with self._lock:
            if call_id is None and len(self._calls) == 1:
                call_id = next(iter(self._calls))
            known = self._calls.get(call_id or "")
        if known is None:
            return
        self._emit(CallEvent(kind, call_id=known.call_id, direction=known.direction,
                             caller=known.caller, called=known.called, queue=known.queue,
                             source=self.kind, **extra))
