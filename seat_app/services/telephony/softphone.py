"""Run a baresip softphone with a config folder of its own (agent workstation, tests, bench).

The config loads only what a seat needs: G.711, the ``account``/``menu``/``ctrl_tcp``
modules, a tone source (``ausine``) or a real sound card, and a null player (``aubridge``
to a device nobody reads) when there is no sound card. Everything listens on 127.0.0.1.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from seat_app.services.telephony.errors import NotConnected

MODULE_DIRS = ("/usr/lib/baresip/modules", "/usr/lib/x86_64-linux-gnu/baresip/modules",
               "/usr/local/lib/baresip/modules")


_HANDED_OUT: set[int] = set()
"""Ports this process already handed out: the kernel may offer a released port again, and
two phones (or a phone's SIP and control ports) must never be given the same one."""

ADDRESS_IN_USE = 98
"""baresip's exit status when a port it must listen on is taken (EADDRINUSE)."""


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    """A port free on 127.0.0.1 for both TCP and UDP (SIP listens on both), never one this
    process handed out before."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, kind) as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port in _HANDED_OUT:
            continue
        other = socket.SOCK_DGRAM if kind == socket.SOCK_STREAM else socket.SOCK_STREAM
        try:
            with socket.socket(socket.AF_INET, other) as s2:
                s2.bind(("127.0.0.1", port))
        except OSError:
            continue
        _HANDED_OUT.add(port)
        return port
    raise OSError("no free port on 127.0.0.1")


def baresip_binary() -> str | None:
    return shutil.which("baresip")


def module_dir() -> str:
    for d in MODULE_DIRS:
        if Path(d, "ctrl_tcp.so").exists():
            return d
    return MODULE_DIRS[0]


@dataclass(slots=True)
class SoftphoneConfig:
    user: str
    """SIP user of the account: the seat code, or for a test citizen a phone number."""
    sip_port: int = 0
    """0: a free port is chosen here (and changed if it is taken when baresip starts)."""
    ctrl_port: int = 0
    audio_source: str = "ausine,440"
    audio_player: str = ""
    """Empty: a null player (aubridge device nobody reads)."""
    answer_mode: str = "manual"
    rtp_ports: str = "20000-29999"
    """Below Linux's ephemeral range (32768-60999), so no port handed out by the kernel for
    another socket (``free_port`` included) can collide with media."""
    ports_chosen_here: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        if self.sip_port == 0 and self.ctrl_port == 0:
            self.ports_chosen_here = True
        if self.sip_port == 0:
            self.sip_port = free_port()
        if self.ctrl_port == 0:
            self.ctrl_port = free_port()

    @property
    def aor(self) -> str:
        return f"sip:{self.user}@127.0.0.1:{self.sip_port}"

    def config_text(self) -> str:
        player = self.audio_player or f"aubridge,seat-null-{self.sip_port}"
        return "\n".join([
            "poll_method epoll",
            f"sip_listen 127.0.0.1:{self.sip_port}",
            "call_local_timeout 120",
            "call_max_calls 4",
            f"audio_player {player}",
            f"audio_source {self.audio_source}",
            f"audio_alert aubridge,seat-alert-{self.sip_port}",
            "ausrc_srate 48000", "auplay_srate 48000",
            "ausrc_channels 2", "auplay_channels 2",
            f"rtp_ports {self.rtp_ports}",
            f"module_path {module_dir()}",
            "module g711.so", "module ausine.so", "module aubridge.so",
            "module_app account.so", "module_app menu.so", "module_app ctrl_tcp.so",
            f"ctrl_tcp_listen 127.0.0.1:{self.ctrl_port}",
            "",
        ])

    def accounts_text(self) -> str:
        return f"<{self.aor}>;regint=0;answermode={self.answer_mode}\n"


class Softphone:
    """A running baresip process. ``start()`` waits until its ctrl_tcp port accepts."""

    def __init__(self, config: SoftphoneConfig, folder: Path) -> None:
        self.config = config
        self.folder = Path(folder)
        self.proc: subprocess.Popen[bytes] | None = None
        self._was_up = False
        """Once up, a restart keeps its ports: adapters reconnect to the same control port."""

    @property
    def log_path(self) -> Path:
        return self.folder / "baresip.log"

    def start(self, timeout: float = 10.0, *, port_retries: int = 3) -> Softphone:
        """Start baresip and wait until it is ready. A port taken between choosing and
        binding it (another process got there first: exit status 98) is retried with fresh
        ports, ``port_retries`` times; a fixed port the caller chose is never changed."""
        for attempt in range(port_retries + 1):
            try:
                return self._start_once(timeout)
            except NotConnected:
                taken = self.proc is not None and self.proc.returncode == ADDRESS_IN_USE
                movable = self.config.ports_chosen_here and not self._was_up
                if not (taken and movable) or attempt == port_retries:
                    raise
                self.config.sip_port, self.config.ctrl_port = free_port(), free_port()
        raise AssertionError("unreachable")  # pragma: no cover

    def _start_once(self, timeout: float) -> Softphone:
        exe = baresip_binary()
        if exe is None:
            raise NotConnected("softphone", "baresip", "baresip 未安装 / not installed")
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "config").write_text(self.config.config_text(), encoding="utf-8")
        (self.folder / "accounts").write_text(self.config.accounts_text(), encoding="utf-8")
        (self.folder / "contacts").write_text("", encoding="utf-8")
        start_at = self.log_path.stat().st_size if self.log_path.exists() else 0
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen([exe, "-f", str(self.folder)], stdin=subprocess.DEVNULL,
                                     stdout=log, stderr=subprocess.STDOUT)
        log.close()
        # Wait for baresip's own "ready" line: probing the ctrl_tcp port would steal the
        # control connection (ctrl_tcp keeps one client; a new one replaces the old).
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise NotConnected("softphone", self.address,
                                   f"baresip exited with {self.proc.returncode}")
            with self.log_path.open("rb") as f:
                f.seek(start_at)
                if b"baresip is ready" in f.read():
                    self._was_up = True
                    return self
            time.sleep(0.01)
        self.kill()
        raise NotConnected("softphone", self.address, f"not up within {timeout} s")

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.config.ctrl_port}"

    def kill(self) -> None:
        """Kill at once (SIGKILL): what a crash looks like."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(3)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def __enter__(self) -> Softphone:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
