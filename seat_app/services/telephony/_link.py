"""A TCP client link to a local phone process (baresip ctrl_tcp, a CTI bridge): connects,
reads frames on its own thread, reconnects after loss, correlates command replies."""

from __future__ import annotations

import contextlib
import itertools
import socket
import threading
from collections.abc import Callable
from typing import Any

from seat_app.services.telephony.errors import CommandTimeout, NotConnected, ProtocolError


class FrameDecoder:
    def feed(self, data: bytes) -> list[bytes]:  # pragma: no cover - protocol
        raise NotImplementedError


class StreamLink:
    """Keeps one TCP connection up. Callbacks run on the link's reader thread:
    ``on_up()``, ``on_frame(bytes)``, ``on_down(exc, was_up)`` (``was_up`` False when a
    connection attempt failed; it is called once per outage, not per retry)."""

    def __init__(self, host: str, port: int, *, what: str,
                 decoder: Callable[[], FrameDecoder], encode: Callable[[bytes], bytes],
                 on_up: Callable[[], None], on_frame: Callable[[bytes], None],
                 on_down: Callable[[Exception, bool], None],
                 retry_s: float = 0.25, connect_timeout: float = 1.0) -> None:
        self.host, self.port, self.what = host, port, what
        self._decoder_factory = decoder
        self._encode = encode
        self._on_up, self._on_frame, self._on_down = on_up, on_frame, on_down
        self.retry_s = retry_s
        self.connect_timeout = connect_timeout
        self._sock: socket.socket | None = None
        self._send_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"tel-{self.what}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        sock = self._sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=3)
        self._thread = None

    def send(self, payload: bytes) -> None:
        sock = self._sock
        if sock is None:
            raise NotConnected(self.what, self.address)
        try:
            with self._send_lock:
                sock.sendall(self._encode(payload))
        except OSError as exc:
            raise NotConnected(self.what, self.address, str(exc)) from exc

    def _run(self) -> None:
        reported = False
        while not self._stop.is_set():
            try:
                sock = socket.create_connection((self.host, self.port), self.connect_timeout)
            except OSError as exc:
                if not reported:
                    reported = True
                    self._on_down(NotConnected(self.what, self.address, str(exc)), False)
                self._stop.wait(self.retry_s)
                continue
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.settimeout(None)
            self._sock = sock
            reported = False
            self._on_up()
            exc = self._read(sock)
            self._sock = None
            with contextlib.suppress(OSError):
                sock.close()
            if self._stop.is_set():
                break
            reported = True
            self._on_down(exc, True)
            self._stop.wait(self.retry_s)

    def _read(self, sock: socket.socket) -> Exception:
        decoder = self._decoder_factory()
        while True:
            try:
                data = sock.recv(65536)
            except OSError as exc:
                return NotConnected(self.what, self.address, str(exc))
            if not data:
                return NotConnected(self.what, self.address, "connection closed")
            try:
                frames = decoder.feed(data)
            except ProtocolError as exc:  # a garbled stream: drop the connection, retry
                return exc
            for frame in frames:
                self._on_frame(frame)


class Replies:
    """Correlates commands and replies by token."""

    def __init__(self, prefix: str) -> None:
        self._counter = itertools.count(1)
        self._prefix = prefix
        self._lock = threading.Lock()
        self._waiting: dict[str, tuple[threading.Event, list[Any]]] = {}

    def new(self) -> str:
        token = f"{self._prefix}{next(self._counter)}"
        with self._lock:
            self._waiting[token] = (threading.Event(), [])
        return token

    def deliver(self, token: str, reply: Any) -> bool:
        with self._lock:
            slot = self._waiting.get(token)
        if slot is None:
            return False
        slot[1].append(reply)
        slot[0].set()
        return True

    def fail_all(self, exc: Exception) -> None:
        with self._lock:
            slots = list(self._waiting.values())
        for ev, box in slots:
            box.append(exc)
            ev.set()

    def wait(self, token: str, command: str, timeout: float) -> Any:
        with self._lock:
            ev, box = self._waiting[token]
        try:
            if not ev.wait(timeout):
                raise CommandTimeout(command, timeout)
        finally:
            with self._lock:
                self._waiting.pop(token, None)
        reply = box[0]
        if isinstance(reply, Exception):
            raise reply
        return reply

    def forget(self, token: str) -> None:
        with self._lock:
            self._waiting.pop(token, None)
