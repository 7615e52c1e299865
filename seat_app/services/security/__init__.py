"""Who may do what: users and sign-in (argon2), the append-only audit log and the
audited access to protected data, PostgreSQL roles and row-level security, and secrets in
the OS keyring (never in files or logs).

Typical use::

    from seat_app.services.security import sign_in, Denied
    session = sign_in(url, work_no, password)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.services.security.audit import read_audit, record
    from seat_app.services.security.auth import (
        SignedIn,
        sign_in,
        sign_in_remembered,
        sign_out,
    )
    from seat_app.services.security.errors import (
        AuthError,
        Denied,
        GuardUnavailable,
        InsecureKeyring,
        RememberUnavailable,
        SignInFailed,
        SignInLocked,
        SignInThrottled,
        UserError,
    )
    from seat_app.services.security.guard import GuardPolicy, guard_state, unlock
    from seat_app.services.security.pg_roles import (
        apply_pg_security,
        ensure_applied,
        grant_gate,
        is_postgres,
    )
    from seat_app.services.security.secrets import (
        install_log_redaction,
        redact,
        register_secret,
        resolve_url,
        store_url_secret,
    )
    from seat_app.services.security.users import (
        UserInfo,
        add_user,
        disable_user,
        list_users,
        reset_password,
    )

# Public names load on first use: importing the package stays cheap (start-up)
# and adds no import cycle. Each name -> the module that defines it.
_EXPORTS = {
    "AuthError": "errors",
    "Denied": "errors",
    "GuardPolicy": "guard",
    "GuardUnavailable": "errors",
    "InsecureKeyring": "errors",
    "RememberUnavailable": "errors",
    "SignInFailed": "errors",
    "SignInLocked": "errors",
    "SignInThrottled": "errors",
    "SignedIn": "auth",
    "UserError": "errors",
    "UserInfo": "users",
    "add_user": "users",
    "apply_pg_security": "pg_roles",
    "disable_user": "users",
    "ensure_applied": "pg_roles",
    "grant_gate": "pg_roles",
    "guard_state": "guard",
    "install_log_redaction": "secrets",
    "is_postgres": "pg_roles",
    "list_users": "users",
    "read_audit": "audit",
    "record": "audit",
    "redact": "secrets",
    "register_secret": "secrets",
    "reset_password": "users",
    "resolve_url": "secrets",
    "sign_in": "auth",
    "sign_in_remembered": "auth",
    "sign_out": "auth",
    "store_url_secret": "secrets",
    "unlock": "guard",
}

__all__ = [
    "AuthError",
    "Denied",
    "GuardPolicy",
    "GuardUnavailable",
    "InsecureKeyring",
    "RememberUnavailable",
    "SignInFailed",
    "SignInLocked",
    "SignInThrottled",
    "SignedIn",
    "UserError",
    "UserInfo",
    "add_user",
    "apply_pg_security",
    "disable_user",
    "ensure_applied",
    "grant_gate",
    "guard_state",
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
    "unlock",
]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
