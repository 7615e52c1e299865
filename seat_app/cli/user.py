"""``seat-admin user ...``: users, their roles and passwords; PostgreSQL security setup.

Passwords are read from standard input (``--password-stdin``), never from the command line
(which other users of the machine can see) nor from a file.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from seat_app.cli import say
from seat_app.domain.roles import ROLE_LABELS_ZH, InputRefused, Role, printable
from seat_app.services import config, logs, security, store


def register(sub: argparse._SubParsersAction) -> None:
    user = sub.add_parser("user", help="用户与权限 users and roles")
    user.add_argument("--url", help="central database URL (default: from settings)")
    user.add_argument("--ask-password", action="store_true",
                      help="ask for the database password on the terminal (never stored)")
    us = user.add_subparsers(dest="user_command", metavar="USER_COMMAND", required=True)

    add = us.add_parser("add", help="新增用户 add a user")
    add.add_argument("--work-no", required=True, help="工号 work number")
    add.add_argument("--name", required=True, help="姓名 name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--unit", default="", help="承办单位 (unit users) handling unit")
    add.add_argument("--team", default="", help="班组 team")
    add.add_argument("--password-stdin", action="store_true", required=True,
                     help="从标准输入读取密码 read the password from standard input")
    add.set_defaults(func=_add)

    dis = us.add_parser("disable", help="停用用户 disable a user")
    dis.add_argument("--work-no", required=True)
    dis.set_defaults(func=_disable)

    reset = us.add_parser("reset", help="重设密码 reset a password")
    reset.add_argument("--work-no", required=True)
    reset.add_argument("--password-stdin", action="store_true", required=True)
    reset.set_defaults(func=_reset)

    unl = us.add_parser("unlock", help="解除登录锁定 lift a sign-in lock (wrong passwords)")
    who = unl.add_mutually_exclusive_group(required=True)
    who.add_argument("--work-no", help="工号 work number")
    who.add_argument("--seat", help="座席（如 host:PC-01）the seat, as in the audit log")
    unl.set_defaults(func=_unlock)

    lst = us.add_parser("list", help="列出用户 list users")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=_list)

    sec = us.add_parser(
        "secure",
        help="在 PostgreSQL 上建立角色、授权与行级安全 apply PostgreSQL roles, GRANTs and RLS",
    )
    sec.add_argument("--service-account", metavar="LOGIN",
                     help="座席配置中的数据库登录（用于记录登录失败）the seats' database login, "
                          "allowed to keep the sign-in guard (failed sign-ins) and nothing else")
    sec.set_defaults(func=_secure)


_ARGS: argparse.Namespace | None = None


def _engine():
    home = config.open_home()
    url = getattr(_ARGS, "url", None) or home.central_url
    if url.startswith("sqlite:///"):
        home.ensure()
        store.check_home_central(url)  # a missing or damaged central file is said, never created
    password = None
    if getattr(_ARGS, "ask_password", False):
        password = getpass.getpass(say("数据库密码：", "Database password: "))
    return store.make_engine(security.resolve_url(url), password=password)


def _read_password() -> str:
    """One line of standard input; bytes that are not UTF-8 are kept as lone surrogates,
    which the password policy refuses with its reason (never a UnicodeDecodeError)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        line = buffer.readline().decode("utf-8", "surrogateescape")
    else:
        line = sys.stdin.readline()
    line = line[:-1] if line.endswith("\n") else line
    return line[:-1] if line.endswith("\r") else line


def _run(action, args: argparse.Namespace | None = None) -> int:
    from sqlalchemy.exc import OperationalError, ProgrammingError

    global _ARGS
    _ARGS = args
    try:
        action()
    except InputRefused as exc:
        print(say(exc.zh, exc.en), file=sys.stderr)
        return 2
    except security.AuthError as exc:
        print(say(exc.zh, exc.en), file=sys.stderr)
        return 1
    except (OperationalError, ProgrammingError) as exc:
        first = logs.redact(str(exc.orig) if exc.orig else str(exc)).splitlines()[0]
        print(say(f"数据库错误（是否已执行数据库升级？）：{first}",
                  f"Database error (was the database upgraded?): {first}"), file=sys.stderr)
        return 1
    return 0


def _add(args) -> int:
    password = _read_password()

    def action():
        engine = _engine()
        try:
            info = security.add_user(engine, args.work_no, args.name, args.role, password,
                                 unit=args.unit, team=args.team)
        finally:
            engine.dispose()
        print(say(f"已新增用户 {info.work_no}（{info.name}，{ROLE_LABELS_ZH[Role(info.role)]}）。",
                  f"User {info.work_no} ({info.name}, {info.role}) added."))

    return _run(action, args)


def _disable(args) -> int:
    def action():
        engine = _engine()
        try:
            security.disable_user(engine, args.work_no)
        finally:
            engine.dispose()
        print(say(f"已停用用户 {args.work_no}。", f"User {args.work_no} disabled."))

    return _run(action, args)


def _reset(args) -> int:
    password = _read_password()

    def action():
        engine = _engine()
        try:
            security.reset_password(engine, args.work_no, password)
        finally:
            engine.dispose()
        print(say(f"已重设用户 {args.work_no} 的密码。", f"Password of {args.work_no} reset."))

    return _run(action, args)


def _unlock(args) -> int:
    def action():
        engine = _engine()
        try:
            found = security.unlock(engine, work_no=args.work_no, seat=args.seat)
        finally:
            engine.dispose()
        what_zh = f"工号 {args.work_no}" if args.work_no else f"座席 {args.seat}"
        what_en = f"work number {args.work_no}" if args.work_no else f"seat {args.seat}"
        if found:
            print(say(f"已解除{what_zh}的登录锁定与失败计数。",
                      f"Sign-in lock and failure count of {what_en} cleared."))
        else:
            print(say(f"{what_zh}没有登录锁定或失败记录（已记入审计）。",
                      f"{what_en} had no sign-in lock or failures (audited)."))

    return _run(action, args)


def _list(args) -> int:
    def action():
        engine = _engine()
        try:
            users = security.list_users(engine)
        finally:
            engine.dispose()
        if args.json:
            print(json.dumps([u.as_dict() for u in users], ensure_ascii=False, indent=2))
            return
        print(say("工号\t姓名\t角色\t状态\t单位", "work no\tname\trole\tstate\tunit"))
        for u in users:
            state = say("在用", "active") if u.active else say("停用", "disabled")
            role = say(ROLE_LABELS_ZH.get(Role(u.role), u.role), u.role)
            print(f"{u.work_no}\t{printable(u.name)}\t{role}\t{state}\t{printable(u.unit)}")

    return _run(action, args)


def _secure(args) -> int:
    def action():
        engine = _engine()
        try:
            result = security.apply_pg_security(engine)
        finally:
            engine.dispose()
        if result.get("applied"):
            print(say(
                f"已应用 PostgreSQL 安全设置：角色前缀 {result['prefix']}，"
                f"{result['grants']} 条授权，{result['policies']} 条行级安全策略。",
                f"PostgreSQL security applied: role prefix {result['prefix']}, "
                f"{result['grants']} grants, {result['policies']} row-level security policies.",
            ))
        else:
            print(say("内置 SQLite 数据库：权限由程序服务层检查，无需此步骤。",
                      "Embedded SQLite database: rules are checked in services; nothing to do."))
            return
        login = getattr(args, "service_account", None)
        if login:
            engine = _engine()
            try:
                gate = security.grant_gate(engine, login)
            except LookupError:
                raise security.UserError(f"数据库中没有登录 {login}。",
                                f"No database login {login}.") from None
            finally:
                engine.dispose()
            print(say(f"已允许 {login} 记录登录失败（{gate}），它不能读取任何业务数据。",
                      f"{login} may now keep the sign-in guard ({gate}) and read nothing else."))

    return _run(action, args)
