"""``seat-admin db ...``: the central database schema (Alembic migrations)."""

from __future__ import annotations

import argparse
import getpass
import sys

from seat_app.cli import say
from seat_app.services import deploy, security, store
from seat_app.services.config import open_home


def register(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="中心数据库 central database")
    db_sub = db.add_subparsers(dest="db_command", metavar="DB_COMMAND", required=True)
    up = db_sub.add_parser("upgrade", help="升级到最新结构 migrate to the newest schema")
    up.add_argument("--url", help="central database URL (default: from settings)")
    up.add_argument(
        "--ask-password", action="store_true", help="ask for the password (never stored)"
    )
    up.add_argument(
        "--no-security", action="store_true",
        help="PostgreSQL: skip roles, GRANTs and row-level security (apply later with "
             "`seat-admin user secure`)",
    )
    up.set_defaults(func=_upgrade)
    cur = db_sub.add_parser("current", help="当前结构版本 schema revision")
    cur.add_argument("--url", help="central database URL (default: from settings)")
    cur.add_argument("--ask-password", action="store_true")
    cur.set_defaults(func=_current)
    mv = db_sub.add_parser(
        "min-version",
        help="发布最低客户端版本（旧版本登录时会被告知升级）publish the minimum client version",
    )
    mv.add_argument("version", nargs="?", default=None,
                    help="e.g. 1.2.0; omit to show it; '' or 'none' to clear it")
    mv.add_argument("--url", help="central database URL (default: from settings)")
    mv.add_argument("--ask-password", action="store_true")
    mv.set_defaults(func=_min_version)


def _engine(args: argparse.Namespace):
    home = open_home()
    url = args.url or home.central_url
    if url.startswith("sqlite:///"):
        home.ensure()
    password = getpass.getpass(say("数据库密码：", "Database password: ")) if args.ask_password else None
    return store.make_engine(url, password=password)


def _upgrade(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import ProgrammingError

    engine = _engine(args)
    try:
        # a damaged file is moved aside and refused before anything connects to it;
        # an unreachable server: one message naming it (seat_app.cli.main)
        store.check_central_file(engine, create=True)
        before = store.current_revision(engine)
        store.upgrade(engine, create=True)  # the explicit way to create a central database
        after = store.current_revision(engine)
        pg_security = _apply_security(engine, args)
    except ProgrammingError as exc:  # e.g. not allowed to create roles
        print(
            say(f"数据库拒绝了操作：{exc.orig}", f"The database refused: {exc.orig}"),
            file=sys.stderr,
        )
        return 1
    finally:
        engine.dispose()
    if before == after:
        print(say(f"数据库已是最新结构（{after}）。", f"Database already at the newest schema ({after})."))
    else:
        print(
            say(
                f"数据库已从 {before or '空'} 升级到 {after}（最新 {store.head_revision()}）。",
                f"Database upgraded from {before or 'empty'} to {after} (head {store.head_revision()}).",
            )
        )
    if pg_security:
        print(pg_security)
    return 0


def _apply_security(engine, args: argparse.Namespace) -> str:
    """On PostgreSQL: group roles, GRANTs and row-level security (idempotent), unless
    ``--no-security``. SQLite checks the same rules in the services: nothing to do."""
    if engine.dialect.name != "postgresql":
        return ""
    if getattr(args, "no_security", False):
        return say("已跳过 PostgreSQL 权限设置（--no-security）；稍后运行 seat-admin user secure。",
                   "PostgreSQL security skipped (--no-security); run `seat-admin user secure` later.")
    security.apply_pg_security(engine)
    return say("PostgreSQL 角色、授权与行级安全已应用。",
               "PostgreSQL roles, GRANTs and row-level security applied.")


def _current(args: argparse.Namespace) -> int:
    engine = _engine(args)
    try:
        rev = store.current_revision(engine)
    finally:
        engine.dispose()
    print(say(f"当前版本：{rev or '未初始化'}；最新版本：{store.head_revision()}",
              f"current: {rev or 'none'}; head: {store.head_revision()}"))
    return 0


def _min_version(args: argparse.Namespace) -> int:
    engine = _engine(args)
    try:
        if args.version is None:
            shown = deploy.minimum_client_version(engine)
            print(shown or say("未设置最低客户端版本。", "No minimum client version is set."))
            return 0
        wanted = "" if args.version.lower() in ("", "none") else args.version
        text = deploy.publish_minimum_client_version(engine, wanted, by=getpass.getuser())
        print(say(f"最低客户端版本：{text}" if text else "已取消最低客户端版本。",
                  f"Minimum client version: {text}" if text else "Minimum client version cleared."))
        return 0
    finally:
        engine.dispose()
