"""A private PostgreSQL cluster that checks passwords (scram-sha-256), for the "wrong
password" case of the connection test: the machine's own cluster trusts 127.0.0.1."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

PASSWORD = "Scram-Only-7f3"


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    assert found, f"PostgreSQL's {name} is not installed (.ci/run installs postgresql)"
    return found[-1]


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@pytest.fixture(scope="module")
def scram_server() -> Iterator[tuple[str, str]]:
    """(URL without password, the password) of a throwaway cluster on a free port."""
    folder = Path(tempfile.mkdtemp(prefix="seat-scram-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    pwfile = folder / "pw"
    pwfile.write_text(PASSWORD + "\n")
    if os.geteuid() == 0:
        shutil.chown(pwfile, "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = folder / "data"
    subprocess.run(_as_postgres([_bin("initdb"), "-D", str(data), "-A", "scram-sha-256",
                                 "--pwfile", str(pwfile), "-U", "postgres"]),
                   check=True, capture_output=True)
    # the server outlives pg_ctl: its output goes to a log file, never to our pipes
    subprocess.run(_as_postgres([_bin("pg_ctl"), "-D", str(data), "-w", "-l",
                                 str(folder / "server.log"), "-o",
                                 f"-p {port} -k {folder} -c listen_addresses=127.0.0.1",
                                 "start"]), check=True, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres", PASSWORD
    finally:
        subprocess.run(_as_postgres([_bin("pg_ctl"), "-D", str(data), "-m", "immediate",
                                     "stop"]), capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
