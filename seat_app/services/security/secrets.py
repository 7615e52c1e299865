"""Secrets: the OS keyring, and nothing secret anywhere else.

- "Remember me" keeps the work number and password in the OS keyring (``keyring``), under
  a realm that names the central database (a hash of its URL without any password).
- Only a secure keyring is used: ``check_keyring_secure`` refuses the backends that keep
  secrets in plain text or base64 in a file, or not at all (every ``keyrings.alt`` backend,
  keyring's ``null`` and ``fail`` backends), so "remember me" says it is not available
  instead of writing a password where any local user can read it. The rule is in code, not
  in a setting or environment variable a user could flip; tests install an in-memory backend
  of their own (tests/conftest.py ``MemoryKeyring``), which is not on the refused list.
- A database password that would sit in ``central_url`` is moved to the keyring:
  ``store_url_secret`` returns the URL to save in settings (no password) and
  ``resolve_url`` puts the password back in memory when connecting.
- ``install_log_redaction`` makes every log record (message, arguments and traceback) pass
  through ``redact`` before any handler sees it; crash reporters call ``redact`` on their
  text. ``register_secret`` adds a value (a password typed at sign-in) to what is redacted.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading

from sqlalchemy.engine import make_url

SERVICE = "seat"


def _keyring():  # noqa: ANN202 - the keyring module, imported when first needed
    """keyring loads its backends on import: deferred so start-up does not wait for it."""
    import keyring

    return keyring


def _errors():  # noqa: ANN202
    import keyring.errors

    return keyring.errors

INSECURE_KEYRING_PACKAGES = ("keyrings.alt",)
"""Backends from these packages keep secrets in files in plain text, base64 or a
   registry, or prompt on a terminal: never used for Seat's secrets."""
INSECURE_KEYRING_MODULES = ("keyring.backends.null", "keyring.backends.fail")
"""keyring's own "no keyring": secrets would be lost or refused silently."""


class InsecureKeyring(Exception):
    """The OS keyring backend is not safe for passwords; the message names it."""

    def __init__(self, backend: str) -> None:
        self.backend = backend
        self.zh = (f"记住我不可用：系统钥匙串不安全（{backend} 会把密码以明文或 base64 写入文件，"
                   "或根本不保存）。请取消勾选“记住我”后登录，或请 IT 配置系统钥匙串。")
        self.en = (f"Remember me is not available: the system keyring is not secure ({backend} "
                   "writes passwords in plain text or base64 to a file, or keeps none). Sign "
                   "in without \"remember me\", or ask IT to set up the system keyring.")
        super().__init__(self.en)


def _backend_name(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _insecure(backend: object) -> bool:
    module = type(backend).__module__
    if any(module == p or module.startswith(p + ".") for p in INSECURE_KEYRING_PACKAGES):
        return True
    return module in INSECURE_KEYRING_MODULES


def check_keyring_secure() -> None:
    """Raise ``InsecureKeyring`` unless the keyring in use keeps secrets safely (a chain of
    backends is secure only if every one of them is)."""
    backend = _keyring().get_keyring()
    parts = list(getattr(backend, "backends", None) or [backend])
    for part in parts:
        if _insecure(part):
            raise InsecureKeyring(_backend_name(part))


def keyring_secure() -> bool:
    try:
        check_keyring_secure()
    except InsecureKeyring:
        return False
    return True


REDACTED = "***"

_lock = threading.Lock()
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


def realm_for(url: str) -> str:
    """A stable, non-secret name for the central database at ``url``."""
    try:
        u = make_url(url)
        plain = u._replace(password=None).render_as_string(hide_password=False)
    except Exception:  # noqa: BLE001 - any string still gets a realm
        plain = url
    return "central-" + hashlib.sha256(plain.encode("utf-8")).hexdigest()[:16]


# --- remember me -----------------------------------------------------------------------


def remember(realm: str, work_no: str, password: str) -> None:
    """Keep the credential in the OS keyring for the next sign-in (``InsecureKeyring`` if
    the keyring would not keep it safe: nothing is written then)."""
    check_keyring_secure()
    _keyring().set_password(SERVICE, f"{realm}/remembered", work_no)
    _keyring().set_password(SERVICE, f"{realm}/user/{work_no}", password)


def recall(realm: str) -> tuple[str, str] | None:
    """The remembered (work number, password), or None (also when the keyring is not
    secure: nothing is read from such a backend)."""
    if not keyring_secure():
        return None
    try:
        work_no = _keyring().get_password(SERVICE, f"{realm}/remembered")
        if not work_no:
            return None
        password = _keyring().get_password(SERVICE, f"{realm}/user/{work_no}")
    except _errors().KeyringError:
        return None
    if password is None:
        return None
    register_secret(password)
    return work_no, password


def forget(realm: str) -> None:
    """Remove the remembered credential (sign-out with "forget me", password change)."""
    try:
        work_no = _keyring().get_password(SERVICE, f"{realm}/remembered")
    except _errors().KeyringError:
        return
    for key in ([f"{realm}/user/{work_no}"] if work_no else []) + [f"{realm}/remembered"]:
        try:
            _keyring().delete_password(SERVICE, key)
        except (_errors().PasswordDeleteError, _errors().KeyringError):
            pass


# --- database URLs ---------------------------------------------------------------------


def store_url_secret(url: str) -> str:
    """Move the password of ``url`` into the keyring; return the URL without it."""
    u = make_url(url)
    if not u.password:
        return url
    check_keyring_secure()
    plain = u._replace(password=None).render_as_string(hide_password=False)
    _keyring().set_password(SERVICE, f"{realm_for(plain)}/db-password", str(u.password))
    register_secret(str(u.password))
    return plain


def resolve_url(url: str) -> str:
    """``url`` with its password from the keyring (for connecting; never save the result)."""
    u = make_url(url)
    if u.password or u.get_backend_name() == "sqlite":
        return url
    password = _keyring().get_password(SERVICE, f"{realm_for(url)}/db-password")
    if password is None:
        return url
    register_secret(password)
    return u.set(password=password).render_as_string(hide_password=False)


# --- redaction -------------------------------------------------------------------------


def register_secret(value: str) -> None:
    """Redact ``value`` wherever it would appear in a log or crash report."""
    if value and len(value) >= 4:
        with _lock:
            _secrets.add(value)


def forget_secret(value: str) -> None:
    with _lock:
        _secrets.discard(value)


def redact(text: str) -> str:
    """``text`` with registered secrets and password-looking values replaced by ***."""
    if not text:
        return text
    with _lock:
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
    with _lock:
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
