"""Netstring framing (``<length>:<bytes>,``) as spoken by baresip's ``ctrl_tcp`` module."""

from __future__ import annotations

from seat_app.services.telephony.errors import ProtocolError

MAX_FRAME = 1 << 20


def encode(payload: bytes) -> bytes:
    return str(len(payload)).encode("ascii") + b":" + payload + b","


class Decoder:
    """Incremental decoder: ``feed()`` bytes as they arrive, get back complete frames."""

    def __init__(self, max_frame: int = MAX_FRAME) -> None:
        self._buf = bytearray()
        self._max = max_frame

    def feed(self, data: bytes) -> list[bytes]:
        self._buf += data
        frames: list[bytes] = []
        while True:
            colon = self._buf.find(b":")
            if colon < 0:
                if len(self._buf) > 20:
                    raise ProtocolError("netstring length prefix too long")
                return frames
            head = bytes(self._buf[:colon])
            if not head.isdigit():
                raise ProtocolError(f"netstring length is not a number: {head[:20]!r}")
            size = int(head)
            if size > self._max:
                raise ProtocolError(f"netstring frame too large: {size} bytes")
            end = colon + 1 + size
            if len(self._buf) < end + 1:
                return frames
            if self._buf[end] != ord(","):
                raise ProtocolError("netstring frame does not end with ','")
            frames.append(bytes(self._buf[colon + 1:end]))
            del self._buf[:end + 1]
