"""Who may do what: users and sign-in (argon2), the append-only audit log and the
audited access to protected data, PostgreSQL roles and row-level security, and secrets in
the OS keyring (never in files or logs).

Typical use::

    from seat_app.services.security import sign_in, Denied
    session = sign_in(url, work_no, password)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from seat_app.services.security.audit import read_audit, record
    from seat_app.services.security.auth import (
        AuthError,
        Denied,
        SignedIn,
        SignInFailed,
        UserError,
        add_user,
        disable_user,
        list_users,
        reset_password,
        sign_in,
        sign_in_remembered,
        sign_out,
    )
    from seat_app.services.security.pg_roles import apply_pg_security, ensure_applied, is_postgres
    from seat_app.services.security.secrets import (
        install_log_redaction,
        redact,
        register_secret,
        resolve_url,
        store_url_secret,
    )

# Public names load on first use: importing the package stays cheap (start-up)
# and adds no import cycle. Each name -> the module that defines it.
_EXPORTS = {
    "AuthError": "auth",
    "Denied": "auth",
    "SignInFailed": "auth",
    "SignedIn": "auth",
    "UserError": "auth",
    "add_user": "auth",
    "apply_pg_security": "pg_roles",
    "disable_user": "auth",
    "ensure_applied": "pg_roles",
    "install_log_redaction": "secrets",
    "is_postgres": "pg_roles",
    "list_users": "auth",
    "read_audit": "audit",
    "record": "audit",
    "redact": "secrets",
    "register_secret": "secrets",
    "reset_password": "auth",
    "resolve_url": "secrets",
    "sign_in": "auth",
    "sign_in_remembered": "auth",
    "sign_out": "auth",
    "store_url_secret": "secrets",
}

__all__ = [
    "AuthError",
    "Denied",
    "SignInFailed",
    "SignedIn",
    "UserError",
    "add_user",
    "apply_pg_security",
    "disable_user",
    "ensure_applied",
    "install_log_redaction",
    "is_postgres",
    "list_users",
    "read_audit",
    "record",
    "redact",
    "register_secret",
    "reset_password",
    "resolve_url",
    "sign_in",
    "sign_in_remembered",
    "sign_out",
    "store_url_secret",
]


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
