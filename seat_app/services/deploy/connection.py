"""Check a central database before a seat is set up against it: one clear message per way it
can fail (the first-run wizard's "test connection" and ``seat-admin setup``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from seat_app.services.store.engine import (
    alembic_config,
    current_revision,
    head_revision,
    make_engine,
    normalize_url,
)

KINDS = ("ok", "bad_url", "unreachable", "auth_failed", "database_missing", "not_set_up",
         "schema_too_old", "schema_too_new", "error")


@dataclass(frozen=True, slots=True)
class CentralCheck:
    kind: str
    """One of ``KINDS``; "ok" when Seat can work with this database as it is."""
    zh: str
    en: str
    revision: str | None = None

    @property
    def ok(self) -> bool:
        return self.kind == "ok"

    def text(self, language: str = "zh") -> str:
        return self.en if str(language).startswith("en") else self.zh


def _where(url: str) -> str:
    try:
        u = make_url(url)
    except sa_exc.ArgumentError:
        return url
    if u.get_backend_name() == "sqlite":
        return u.database or ""
    return f"{u.host or 'localhost'}:{u.port or 5432}/{u.database or ''}"


def _classify(error: BaseException, where: str) -> CentralCheck:
    orig = getattr(error, "orig", None) or error
    state = getattr(orig, "sqlstate", None) or ""
    text = str(orig)
    lowered = text.lower()
    if state == "28P01" or "password authentication failed" in lowered \
            or "no password supplied" in lowered:
        return CentralCheck("auth_failed", f"{where}：用户名或密码错误，服务器拒绝登录。",
                            f"{where}: wrong user name or password; the server refused the login.")
    role_missing = "role" in lowered and "does not exist" in lowered
    if state == "28000" or "no pg_hba.conf entry" in lowered or role_missing:
        return CentralCheck("auth_failed", f"{where}：服务器不允许此用户从本机登录（{text.strip()[:120]}）。",
                            f"{where}: the server does not accept this user from this computer "
                            f"({text.strip()[:120]}).")
    if state == "3D000" or ("database" in lowered and "does not exist" in lowered):
        return CentralCheck("database_missing", f"{where}：服务器上没有这个数据库，请检查库名，或请管理员先创建并执行 seat-admin db upgrade。",
                            f"{where}: there is no such database on the server; check its name, "
                            "or ask the administrator to create it and run seat-admin db upgrade.")
    if "invalid" in lowered and ("option" in lowered or "value" in lowered):
        return CentralCheck("bad_url", f"{where}：连接参数无效（{text.strip()[:160]}）。",
                            f"{where}: an invalid connection option ({text.strip()[:160]}).")
    if isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError):
        return CentralCheck("unreachable", f"{where}：无法连接到服务器（地址或端口错误、服务器未运行或网络不通）。",
                            f"{where}: the server cannot be reached (wrong host or port, server "
                            "not running, or no network).")
    return CentralCheck("error", f"{where}：{text.strip()[:200]}", f"{where}: {text.strip()[:200]}")


def check_central(url: str, password: str | None = None, *, timeout_s: int = 5) -> CentralCheck:
    """Connect to ``url`` (``password`` from the user or the keyring, never stored here) and
    compare its schema with this Seat's migrations. Never creates nor changes anything."""
    try:
        normalized = normalize_url(url)
        parsed = make_url(normalized)
    except (sa_exc.ArgumentError, ValueError) as exc:
        return CentralCheck("bad_url", f"数据库地址无效：{exc}", f"Not a database URL: {exc}")
    where = _where(normalized)
    if parsed.get_backend_name() not in ("postgresql", "sqlite"):
        return CentralCheck(
            "bad_url", f"不支持的数据库“{parsed.get_backend_name()}”：中心数据库须为 PostgreSQL"
            "（postgresql://用户@主机:端口/库名）或本机内置数据库。",
            f"Unsupported database {parsed.get_backend_name()!r}: the central database is "
            "PostgreSQL (postgresql://user@host:port/dbname) or the embedded file.")
    if parsed.get_backend_name() == "sqlite" and (
            not parsed.database or not Path(parsed.database).is_file()):
        return CentralCheck("database_missing", f"{where}：文件不存在。",
                            f"{where}: the file does not exist.")
    kwargs = {"connect_args": {"connect_timeout": timeout_s}} \
        if parsed.get_backend_name() == "postgresql" else {}
    try:
        engine = make_engine(normalized, password=password, **kwargs)
    except sa_exc.ArgumentError as exc:
        return CentralCheck("bad_url", f"数据库地址无效：{exc}", f"Not a database URL: {exc}")
    try:
        revision = current_revision(engine)
    except sa_exc.SQLAlchemyError as exc:
        return _classify(exc, where)
    finally:
        engine.dispose()
    if revision is None:
        return CentralCheck("not_set_up", f"{where}：这是一个空数据库，尚未建立 Seat 的表；请管理员执行 seat-admin db upgrade。",
                            f"{where}: an empty database without Seat's tables; ask the "
                            "administrator to run seat-admin db upgrade.")
    head = head_revision()
    if revision == head:
        return CentralCheck("ok", f"{where}：连接成功，数据库结构为最新（{revision}）。",
                            f"{where}: connected; the schema is current ({revision}).", revision)
    known = {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if revision in known:
        return CentralCheck("schema_too_old", f"{where}：数据库结构较旧（{revision}，本版本需要 {head}）；请管理员执行 seat-admin db upgrade。",
                            f"{where}: the schema is older ({revision}; this Seat needs {head}); "
                            "ask the administrator to run seat-admin db upgrade.", revision)
    return CentralCheck("schema_too_new", f"{where}：数据库结构（{revision}）比本机 Seat 更新；请升级本机的 Seat。",
                        f"{where}: the schema ({revision}) is newer than this Seat knows; update "
                        "Seat on this computer.", revision)
