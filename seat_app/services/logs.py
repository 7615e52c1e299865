"""The on-disk log: ``<data folder>/logs/seat.log``, rotating, private, without secrets.

Every recovery, refusal and sign-in failure is written here, so a recovery leaves a trace on
disk. Qt-free: ``seat-admin`` and the Qt apps call ``setup_logging(home)`` once at start;
services log through the named logger ``events`` (``seat.events``) or ``log_event``::

    from seat_app.services.logs import log_event

    log_event("recovery", "salvaged %d cases from %s", n, path)
    log_event("refusal", "settings.json damaged: %s", path)
    log_event("sign-in-failed", "work number %s", work_no)   # never the password

Redaction lives here, below everything that logs: ``install_log_redaction`` makes every log
record (message, arguments and traceback) pass through ``redact`` before any handler sees it
(passwords, tokens and URL passwords are masked); crash reporters call ``redact`` on their text;
``register_secret`` adds a value (a password typed at sign-in, one read from the keyring: see
``seat_app.services.security.secrets``) to what is redacted. The folder is 0700 and the files
0600 on POSIX.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import re
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


# --- redaction -------------------------------------------------------------------------

REDACTED = "***"

_secrets_lock = threading.Lock()
_secrets: set[str] = set()

_PATTERNS = (
    # scheme://user:password@host
    re.compile(r"(?P<pre>[a-zA-Z][a-zA-Z0-9+.\-]*://[^:/@\s]*:)(?P<secret>[^@\s]+)(?P<post>@)"),
    # password=..., pwd: ..., "password": "..."
    re.compile(
        r"(?P<pre>(?i:\b(?:password|passwd|pwd|secret|token)\b)[\"']?\s*[:=]\s*[\"']?)"
        r"(?P<secret>[^\s\"',;&]+)(?P<post>)"
    ),
)

def register_secret(value: str) -> None:
    """Redact ``value`` wherever it would appear in a log or crash report."""
    if value and len(value) >= 4:
        with _secrets_lock:
            _secrets.add(value)


def forget_secret(value: str) -> None:
    with _secrets_lock:
        _secrets.discard(value)


def redact(text: str) -> str:
    """``text`` with registered secrets and password-looking values replaced by ***."""
    if not text:
        return text
    with _secrets_lock:
        known = sorted(_secrets, key=len, reverse=True)
    for value in known:
        if value in text:
            text = text.replace(value, REDACTED)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group("pre") + REDACTED + m.group("post"), text)
    return text


class RedactingFilter(logging.Filter):
    """A logging filter that redacts the formatted message and traceback of a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        _redact_record(record)
        return True


def _redact_record(record: logging.LogRecord) -> None:
    if getattr(record, "_seat_redacted", False):
        return
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a broken format string is logged as is
        message = str(record.msg)
    record.msg = redact(message)
    record.args = None
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    record._seat_redacted = True  # type: ignore[attr-defined]


_installed = False


def install_log_redaction() -> None:
    """Redact every log record of the process, whatever logger or handler it goes to."""
    global _installed
    with _secrets_lock:
        if _installed:
            return
        _installed = True
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        _redact_record(record)
        return record

    logging.setLogRecordFactory(factory)
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactingFilter())
