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
- Redaction lives in ``seat_app.services.logs`` (below everything that logs) and is
  re-exported here: ``install_log_redaction`` makes every log record pass through ``redact``;
  this module registers every password it reads or stores with ``register_secret``.
"""

from __future__ import annotations

import hashlib

from sqlalchemy.engine import make_url

from seat_app.services.logs import (  # re-exported: redaction lives in logs
    REDACTED,
    RedactingFilter,
    forget_secret,
    install_log_redaction,
    redact,
    register_secret,
)
from seat_app.services.security.errors import InsecureKeyring

__all__ = [
    "REDACTED", "SERVICE", "InsecureKeyring", "RedactingFilter", "check_keyring_secure",
    "forget", "forget_secret", "install_log_redaction", "keyring_secure", "realm_for",
    "recall", "redact", "register_secret", "remember", "resolve_url", "store_url_secret",
]

SERVICE = "seat"


def _keyring():  # the keyring module, imported when first needed
    """keyring loads its backends on import: deferred so start-up does not wait for it."""
    import keyring

    return keyring


def _errors():
    import keyring.errors

    return keyring.errors

INSECURE_KEYRING_PACKAGES = ("keyrings.alt",)
"""Backends from these packages keep secrets in files in plain text, base64 or a
   registry, or prompt on a terminal: never used for Seat's secrets."""
INSECURE_KEYRING_MODULES = ("keyring.backends.null", "keyring.backends.fail")
"""keyring's own "no keyring": secrets would be lost or refused silently."""


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
