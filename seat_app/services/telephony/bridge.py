"""The reference CTI bridge: speaks the Seat CTI protocol (:mod:`.protocol`) on
127.0.0.1 and drives a baresip softphone through ``ctrl_tcp``. An integrator's bridge for a
vendor PBX has the same shape: replace :class:`BaresipAdapter` with the vendor's API.

    python -m seat_app.services.telephony.bridge --listen 7788 --baresip 127.0.0.1:4444 \\
        --dial-domain pbx.example:5060

One Seat connects at a time (a new connection replaces the old one).
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import threading
from typing import Any

from seat_app.services.telephony import protocol
from seat_app.services.telephony.adapter import TelephonyAdapter
from seat_app.services.telephony.baresip import BaresipAdapter
from seat_app.services.telephony.errors import ProtocolError, TelephonyError
from seat_app.services.telephony.events import CallEvent, EventKind

NAME = "seat-reference-bridge/baresip"


class CtiBridge:
    def __init__(self, make_phone: Any, *, host: str = "127.0.0.1", port: int = 0) -> None:
        """``make_phone(sink) -> TelephonyAdapter``: the phone this bridge drives."""
        self.phone: TelephonyAdapter = make_phone(self._on_phone_event)
        self._server = socket.create_server((host, port))
        self.host, self.port = self._server.getsockname()[:2]
        self._client: socket.socket | None = None
        self._send_lock = threading.Lock()
        self._client_lock = threading.Lock()  # stop() and a new accept never interleave
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> CtiBridge:
        self.phone.start()
        self._thread = threading.Thread(target=self._accept_loop, name="cti-bridge",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._client_lock:
            self._stop.set()
            with contextlib.suppress(OSError):
                self._server.close()
            self._drop_client()
        self.phone.stop()
        if self._thread is not None:
            self._thread.join(timeout=3)

    # -- phone → Seat ---------------------------------------------------------------------
    def _on_phone_event(self, event: CallEvent) -> None:
        if event.kind == EventKind.CONNECTED:
            msg: dict[str, Any] = {"type": "event", "event": "phone_up"}
        elif event.kind == EventKind.FAILURE:
            msg = {"type": "event", "event": "phone_down", "reason": str(event.error or "")}
        else:
            msg = protocol.event_message(event)
        self._send(msg)

    def _send(self, msg: dict[str, Any]) -> None:
        client = self._client
        if client is None:
            return
        try:
            with self._send_lock:
                client.sendall(protocol.dumps(msg))
        except OSError:
            self._drop_client()

    def _drop_client(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)
            client.close()

    # -- Seat → phone ---------------------------------------------------------------------
    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            with self._client_lock:
                if self._stop.is_set():  # accepted just as the bridge stopped: refuse it
                    with contextlib.suppress(OSError):
                        client.shutdown(socket.SHUT_RDWR)
                    client.close()
                    return
                self._drop_client()
                client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self._client = client
            self._send(protocol.hello(NAME))
            self._send({"type": "event", "event": "ready", "ready": self.phone.ready})
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        decoder = protocol.LineDecoder()
        while True:
            try:
                data = client.recv(65536)
            except OSError:
                return
            if not data:
                return
            try:
                lines = decoder.feed(data)
            except ProtocolError:
                return
            for line in lines:
                self._send(self.handle(line))

    def handle(self, line: bytes) -> dict[str, Any]:
        """One command line → the response message."""
        try:
            msg = protocol.loads(line)
        except ProtocolError as exc:
            return protocol.response("", False, exc.en)
        cid = str(msg.get("id", ""))
        if msg["type"] != "command":
            return protocol.response(cid, False, "only commands are accepted")
        call_id = msg.get("call_id") or None
        try:
            match msg["command"]:
                case "answer":
                    self.phone.answer(call_id)
                case "hangup":
                    self.phone.hangup(call_id)
                case "hold":
                    self.phone.hold(call_id)
                case "resume":
                    self.phone.resume(call_id)
                case "transfer":
                    self.phone.transfer(str(msg["target"]), call_id)
                case "dial":
                    new_id = self.phone.dial(str(msg["number"]))
                    return protocol.response(cid, True, call_id=new_id or "")
                case "set_ready":
                    self.phone.set_ready(bool(msg["ready"]), str(msg.get("reason", "")))
        except TelephonyError as exc:
            return protocol.response(cid, False, exc.en)
        return protocol.response(cid, True)


def _hostport(text: str, default_host: str = "127.0.0.1") -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return (host or default_host), int(port)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m seat_app.services.telephony.bridge",
                                 description="Seat CTI reference bridge (baresip).")
    ap.add_argument("--listen", default="127.0.0.1:7788", help="host:port Seat connects to")
    ap.add_argument("--baresip", default="127.0.0.1:4444", help="baresip ctrl_tcp host:port")
    ap.add_argument("--dial-domain", default="", help="host[:port] numbers are dialled at")
    args = ap.parse_args(argv)
    lhost, lport = _hostport(args.listen)
    bhost, bport = _hostport(args.baresip)
    bridge = CtiBridge(lambda sink: BaresipAdapter(sink, host=bhost, port=bport,
                                                   dial_domain=args.dial_domain),
                       host=lhost, port=lport).start()
    print(f"listening on {bridge.host}:{bridge.port}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        bridge.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
