"""Bench core: ring-to-event and answer-to-established latencies of real SIP calls between
two baresip softphones on loopback, with a baseline measured in the same run (a ctrl_tcp
command round trip). Phase 2 wires ``main`` into a command the README names; the full-path
targets (screen pop painted, F2 → established) are p95 <= 150 ms and p95 <= 300 ms.

    python -m seat_app.services.telephony.bench --calls 30
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from seat_app.services.telephony.baresip import BaresipAdapter
from seat_app.services.telephony.events import EventKind, EventQueue
from seat_app.services.telephony.softphone import Softphone, SoftphoneConfig


@dataclass(frozen=True, slots=True)
class Stats:
    name: str
    ms: tuple[float, ...]

    @property
    def p95(self) -> float:
        s = sorted(self.ms)
        return s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]

    def line(self) -> str:
        return (f"{self.name:<28} n={len(self.ms):>3}  min={min(self.ms):7.2f}  "
                f"median={statistics.median(self.ms):7.2f}  p95={self.p95:7.2f} ms")


def run(calls: int = 30) -> list[Stats]:
    ring, answer, base = [], [], []
    with tempfile.TemporaryDirectory(prefix="seat-tel-bench-") as tmp:
        agent = Softphone(SoftphoneConfig("S01"), Path(tmp, "agent")).start()
        citizen = Softphone(SoftphoneConfig("13912345678"), Path(tmp, "citizen")).start()
        qa, qc = EventQueue(), EventQueue()
        a = BaresipAdapter(qa, port=agent.config.ctrl_port)
        c = BaresipAdapter(qc, port=citizen.config.ctrl_port)
        try:
            a.start()
            c.start()
            qa.wait_for(EventKind.CONNECTED)
            qc.wait_for(EventKind.CONNECTED)
            for _ in range(calls):
                t = time.monotonic()
                a.command("listcalls")
                base.append((time.monotonic() - t) * 1000)
                t = time.monotonic()
                c.command("dial", agent.config.aor)
                ev = qa.wait_for(EventKind.RINGING)
                ring.append((ev.mono - t) * 1000)
                t = time.monotonic()
                a.answer(ev.call_id)
                est = qa.wait_for(EventKind.ANSWERED)
                answer.append((est.mono - t) * 1000)
                c.hangup()
                qa.wait_for(EventKind.ENDED)
                qc.wait_for(EventKind.ENDED)
                qa.drain()
                qc.drain()
        finally:
            a.stop()
            c.stop()
            agent.stop()
            citizen.stop()
    return [Stats("baseline ctrl_tcp round trip", tuple(base)),
            Stats("dial -> ringing event", tuple(ring)),
            Stats("answer -> established event", tuple(answer))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m seat_app.services.telephony.bench")
    ap.add_argument("--calls", type=int, default=30)
    args = ap.parse_args(argv)
    for s in run(args.calls):
        print(s.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
