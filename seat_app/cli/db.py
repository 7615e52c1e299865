"""``seat-admin db ...``: the central database schema (Alembic migrations)."""

from __future__ import annotations

import argparse
import getpass
import sys

from seat_app.cli import say
from seat_app.services.config import open_home


def register(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="中心数据库 central database")
    db_sub = db.add_subparsers(dest="db_command", metavar="DB_COMMAND", required=True)
    up = db_sub.add_parser("upgrade", help="升级到最新结构 migrate to the newest schema")
    up.add_argument("--url", help="central database URL (default: from settings)")
    up.add_argument(
        "--ask-password", action="store_true", help="ask for the password (never stored)"
    )
    up.set_defaults(func=_upgrade)
    cur = db_sub.add_parser("current", help="当前结构版本 schema revision")
    cur.add_argument("--url", help="central database URL (default: from settings)")
    cur.add_argument("--ask-password", action="store_true")
    cur.set_defaults(func=_current)


def _engine(args: argparse.Namespace):
    from seat_app.services.db import make_engine

    home = open_home()
    url = args.url or home.central_url
    if url.startswith("sqlite:///"):
        home.ensure()
    password = getpass.getpass(say("数据库密码：", "Database password: ")) if args.ask_password else None
    return make_engine(url, password=password)


def _upgrade(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import OperationalError

    from seat_app.services.db import current_revision, head_revision, upgrade

    engine = _engine(args)
    try:
        before = current_revision(engine)
        upgrade(engine)
        after = current_revision(engine)
    except OperationalError as exc:
        print(
            say(f"无法连接中心数据库：{exc.orig}", f"Cannot reach the central database: {exc.orig}"),
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
                f"数据库已从 {before or '空'} 升级到 {after}（最新 {head_revision()}）。",
                f"Database upgraded from {before or 'empty'} to {after} (head {head_revision()}).",
            )
        )
    return 0


def _current(args: argparse.Namespace) -> int:
    from seat_app.services.db import current_revision, head_revision

    engine = _engine(args)
    try:
        rev = current_revision(engine)
    finally:
        engine.dispose()
    print(say(f"当前版本：{rev or '未初始化'}；最新版本：{head_revision()}",
              f"current: {rev or 'none'}; head: {head_revision()}"))
    return 0
