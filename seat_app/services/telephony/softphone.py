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


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    """A port free on 127.0.0.1 for both TCP and UDP (SIP listens on both)."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, kind) as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        other = socket.SOCK_DGRAM if kind == socket.SOCK_STREAM else socket.SOCK_STREAM
        try:
            with socket.socket(socket.AF_INET, other) as s2:
                s2.bind(("127.0.0.1", port))
        except OSError:
            continue
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
    sip_port: int = field(default_factory=free_port)
    ctrl_port: int = field(default_factory=free_port)
    audio_source: str = "ausine,440"
    audio_player: str = ""
    """Empty: a null player (aubridge device nobody reads)."""
    answer_mode: str = "manual"
    rtp_ports: str = "30000-40000"

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

    @property
    def log_path(self) -> Path:
        return self.folder / "baresip.log"

    def start(self, timeout: float = 10.0) -> Softphone:
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
