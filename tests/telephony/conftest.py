"""Two real baresip softphones on 127.0.0.1 (a citizen and the agent's seat), each with a
temporary config folder, free ports, a tone source and a null player."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from seat_app.services.telephony import BaresipAdapter, EventKind, EventQueue
from seat_app.services.telephony.softphone import Softphone, SoftphoneConfig

CITIZEN_NUMBER = "13912345678"


@dataclass
class Pair:
    agent_phone: Softphone
    citizen_phone: Softphone
    agent: BaresipAdapter
    citizen: BaresipAdapter
    agent_events: EventQueue
    citizen_events: EventQueue

    def citizen_calls_seat(self) -> None:
        self.citizen.command("dial", self.agent_phone.config.aor)


@pytest.fixture
def phones(tmp_path: Path) -> Iterator[tuple[Softphone, Softphone]]:
    agent = Softphone(SoftphoneConfig("S01"), tmp_path / "agent").start()
    citizen = Softphone(SoftphoneConfig(CITIZEN_NUMBER), tmp_path / "citizen").start()
    try:
        yield agent, citizen
    finally:
        agent.stop()
        citizen.stop()


@pytest.fixture
def pair(phones: tuple[Softphone, Softphone]) -> Iterator[Pair]:
    agent_phone, citizen_phone = phones
    qa, qc = EventQueue(), EventQueue()
    agent = BaresipAdapter(qa, port=agent_phone.config.ctrl_port, retry_s=0.05,
                           dial_domain=f"127.0.0.1:{citizen_phone.config.sip_port}")
    citizen = BaresipAdapter(qc, port=citizen_phone.config.ctrl_port, retry_s=0.05,
                             dial_domain=f"127.0.0.1:{agent_phone.config.sip_port}")
    agent.start()
    citizen.start()
    qa.wait_for(EventKind.CONNECTED)  # taken here, so a test waits for the next one
    qc.wait_for(EventKind.CONNECTED)
    try:
        yield Pair(agent_phone, citizen_phone, agent, citizen, qa, qc)
    finally:
        agent.stop()
        citizen.stop()
