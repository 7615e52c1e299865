"""The on-disk log: ``<data folder>/logs/seat.log``, rotating, private, without secrets.

Every recovery, refusal and sign-in failure is written here, so a recovery leaves a trace on
disk. Qt-free: ``seat-admin`` and the Qt apps call ``setup_logging(home)`` once at start;
services log through the named logger ``events`` (``seat.events``) or ``log_event``::

    from seat_app.services.logs import log_event

    log_event("recovery", "salvaged %d cases from %s", n, path)
    log_event("refusal", "settings.json damaged: %s", path)
    log_event("sign-in-failed", "work number %s", work_no)   # never the password

Records also pass through ``seat_app.services.security.secrets`` redaction (passwords, tokens and
URL passwords are masked). The folder is 0700 and the files 0600 on POSIX.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import threading
from pathlib import Path

LOGGER_NAME = "seat.events"
LOG_FILE = "seat.log"
MAX_BYTES = 2_000_000
BACKUPS = 5

events = logging.getLogger(LOGGER_NAME)
"""The named logger for recoveries, refusals and sign-in failures (level INFO)."""
events.setLevel(logging.INFO)

_lock = threading.Lock()
_handlers: dict[Path, logging.Handler] = {}


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler whose files are created 0600."""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with contextlib.suppress(OSError):  # not ours (e.g. a shared folder): leave it
            os.chmod(self.baseFilename, 0o600)
        return os.fdopen(fd, self.mode, encoding=self.encoding, errors=self.errors)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed and make it 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):  # not ours (e.g. a shared folder): leave it
        os.chmod(path, 0o700)
    return path


def setup_logging(home, *, level: int = logging.INFO) -> Path:
    """Write Seat's log records of ``level`` and above to ``<home>/logs/seat.log``.

    ``home`` is a ``SeatHome`` or a folder path. Idempotent per folder; returns the log
    file's path. Records of the ``seat.events`` logger are always written (INFO); other
    loggers' records reach the file when they pass their own logger's level.
    """
    from seat_app.services.security.secrets import RedactingFilter, install_log_redaction

    install_log_redaction()
    root = Path(home) if isinstance(home, (str, os.PathLike)) else Path(home.root)
    log_dir = private_dir(root / "logs")
    file = log_dir / LOG_FILE
    with _lock:
        if file in _handlers:
            return file
        handler = _PrivateRotatingFileHandler(
            file, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
        handler.setLevel(level)
        handler.addFilter(RedactingFilter())
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s %(process)d %(message)s")
        )
        logging.getLogger().addHandler(handler)
        _handlers[file] = handler
    return file


def close_logging(file: Path | None = None) -> None:
    """Detach and close the handler ``setup_logging`` added for ``file`` (None: all)."""
    with _lock:
        for path in [file] if file is not None else list(_handlers):
            handler = _handlers.pop(path, None)
            if handler is not None:
                logging.getLogger().removeHandler(handler)
                handler.close()


def log_event(kind: str, msg: str, *args, level: int = logging.WARNING, exc_info=None) -> None:
    """Log one recovery, refusal or sign-in failure: ``kind`` first, then the message."""
    events.log(level, f"[{kind}] {msg}", *args, exc_info=exc_info)
