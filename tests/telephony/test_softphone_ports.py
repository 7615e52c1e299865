"""A port taken between choosing it and baresip binding it (CI saw exit status 98) is retried
with fresh ports on a first start; a restart keeps its ports."""

from __future__ import annotations

import socket

import pytest

from seat_app.services.telephony.errors import NotConnected
from seat_app.services.telephony.softphone import Softphone, SoftphoneConfig, baresip_binary

pytestmark = [pytest.mark.telephony,
              pytest.mark.skipif(baresip_binary() is None, reason="baresip not installed")]


def _occupy(port: int) -> list[socket.socket]:
    taken = []
    for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
        s = socket.socket(socket.AF_INET, kind)
        s.bind(("127.0.0.1", port))
        if kind == socket.SOCK_STREAM:
            s.listen()
        taken.append(s)
    return taken


def test_a_taken_port_on_first_start_is_replaced(tmp_path):
    config = SoftphoneConfig("S01")
    first_port = config.sip_port
    blockers = _occupy(first_port)
    try:
        phone = Softphone(config, tmp_path / "p").start()
        try:
            assert config.sip_port != first_port
            assert phone.proc is not None and phone.proc.poll() is None
        finally:
            phone.stop()
    finally:
        for s in blockers:
            s.close()


def test_fixed_ports_are_never_changed(tmp_path):
    config = SoftphoneConfig("S01")
    fixed = SoftphoneConfig("S02", sip_port=config.sip_port, ctrl_port=config.ctrl_port)
    blockers = _occupy(fixed.sip_port)
    try:
        with pytest.raises(NotConnected):
            Softphone(fixed, tmp_path / "p").start(timeout=5)
        assert fixed.sip_port == config.sip_port
    finally:
        for s in blockers:
            s.close()
