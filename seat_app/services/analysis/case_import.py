"""``seat-admin cases import FILE``: a center's history from its previous system.

Every row is validated like a case saved at a seat (the taxonomy, the area list, the unit
list, the text rules of ``domain/text.py`` through ``domain.case.validate_case_fields``, and
the life cycle), every bad row is reported with its row, column and reason, and a file with
any error changes nothing. The import is idempotent on the source's case number (工单号):
a case number already in the central database is counted as "already there" and left as
it is. Only leads and admins import (checked here, and on PostgreSQL by the grants of
``case_imports``, which the import writes in the same transaction).

Columns: the Chinese headers of a center's export (工单号, 受理时间, 渠道, 来电人, 来电号码,
区域, 地点, 事项, 诉求内容 are required; 办理方式, 承办单位, 答复内容, 状态 are optional; a
case without 状态 counts as closed) or the English names (case_number, received_at,
channel, caller_name, caller_phone, area, address, matter, description, handling,
handling_unit, reply_text, status). Other columns are ignored and named in the report.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

from sqlalchemy import Connection, Engine, select, text

from seat_app.domain.case import (
    CaseStatus,
    Channel,
    FieldError,
    Handling,
    validate_case_fields,
)
from seat_app.domain.messages import UserMessage
from seat_app.domain.roles import Role
from seat_app.domain.taxonomy import matter_by_name
from seat_app.domain.text import text_problem
from seat_app.services.kb.rows import Formula, RowError, _read_table
from seat_app.services.store.central import write_rows
from seat_app.services.store.models import Base, new_uuid, utcnow
from seat_app.services.store.models_analysis import CaseImport

LOCAL_TZ = timezone(timedelta(hours=8), "CST")
"""Times without a zone in an export are the center's local time (China, UTC+8)."""
IMPORT_MARK = "case-import"
"""``changed_by`` of every imported case."""
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    zh: str
    en_names: tuple[str, ...]
    zh_aliases: tuple[str, ...] = ()
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("case_number", "工单号", ("case_number", "case_no", "number"), ("工单编号",), True),
    Column("received_at", "受理时间", ("received_at", "accepted_at", "received"), ("来电时间",),
           True),
    Column("channel", "渠道", ("channel",), ("受理渠道", "来源渠道"), True),
    Column("caller_name", "来电人", ("caller_name", "caller"), ("来电人姓名", "诉求人"), True),
    Column("caller_phone", "来电号码", ("caller_phone", "phone"), ("联系电话", "来电电话"), True),
    Column("caller_area", "区域", ("area", "caller_area"), ("所属区域", "区县"), True),
    Column("caller_address", "地点", ("address", "caller_address", "location", "place"),
           ("地址", "诉求地点", "事发地点"), True),
    Column("matter", "事项", ("matter",), ("诉求事项",), True),
    Column("description", "诉求内容", ("description", "text", "content", "request"),
           ("内容", "来电内容"), True),
    Column("handling", "办理方式", ("handling",), ()),
    Column("handling_unit", "承办单位", ("handling_unit", "unit"), ("办理单位",)),
    Column("reply_text", "答复内容", ("reply_text", "reply"), ("答复",)),
    Column("status", "状态", ("status",), ("工单状态", "办理状态")),
)
_BY_NAME: dict[str, Column] = {}
for _c in COLUMNS:
    for _name in (_c.zh, *_c.zh_aliases, *_c.en_names, _c.field):
        _BY_NAME[re.sub(r"[\s_\-]", "", _name.lower())] = _c

_CHANNEL_ALIASES = {
    "phone": Channel.PHONE, "telephone": Channel.PHONE, "热线": Channel.PHONE,
    "12345热线": Channel.PHONE, "电话": Channel.PHONE, "app": Channel.APP,
    "website": Channel.WEBSITE, "web": Channel.WEBSITE, "mailbox": Channel.MAILBOX,
    "email": Channel.MAILBOX, "window": Channel.WINDOW, "12345": Channel.PHONE,
    "微信": Channel.APP, "小程序": Channel.APP, "公众号": Channel.APP, "手机app": Channel.APP,
    "网络": Channel.WEBSITE, "网上": Channel.WEBSITE, "门户网站": Channel.WEBSITE,
    "信件": Channel.MAILBOX, "来信": Channel.MAILBOX, "邮件": Channel.MAILBOX,
    "市长信箱": Channel.MAILBOX, "来访": Channel.WINDOW, "现场": Channel.WINDOW,
}
"""What other systems call the channels (微信 and mini-programs count as the APP channel)."""
_STATUS_ALIASES = {s.name.lower(): s for s in CaseStatus} | {s.value: s for s in CaseStatus} | {
    "办结": CaseStatus.CLOSED, "已完成": CaseStatus.CLOSED, "完成": CaseStatus.CLOSED,
    "结案": CaseStatus.CLOSED, "已结案": CaseStatus.CLOSED, "受理": CaseStatus.ACCEPTED,
    "待办": CaseStatus.ACCEPTED, "转派": CaseStatus.DISPATCHED, "已派单": CaseStatus.DISPATCHED,
    "办理中": CaseStatus.DISPATCHED, "回复": CaseStatus.REPLIED, "已答复": CaseStatus.REPLIED,
    "撤销": CaseStatus.CANCELLED, "作废": CaseStatus.CANCELLED,
}
_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
                 "%Y.%m.%d %H:%M:%S", "%Y.%m.%d %H:%M", "%Y年%m月%d日 %H:%M:%S",
                 "%Y年%m月%d日 %H:%M", "%Y年%m月%d日%H:%M", "%Y%m%d %H:%M:%S", "%Y%m%d%H%M%S")
_EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)


class ImportRefused(UserMessage):
    """The import may not run (rights); nothing was changed."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh, self.en = zh, en


@dataclass(frozen=True, slots=True)
class CaseImportReport:
    path: str
    rows: int
    added: int = 0
    already: int = 0
    """Rows whose case number was already in the central database (left as they were)."""
    errors: tuple[RowError, ...] = ()
    ignored_columns: tuple[str, ...] = ()
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Parsed:
    rows: list[dict[str, object]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def parse_received(value: object) -> datetime | None:
    """A 受理时间 cell as an aware UTC time (local time when the cell has no zone), or None
    when it is not a time."""
    if isinstance(value, datetime):
        at = value
    elif isinstance(value, date):
        at = datetime.combine(value, time())
    elif isinstance(value, str):
        s = value.strip()
        at = None
        for fmt in _TIME_FORMATS:
            try:
                at = datetime.strptime(s, fmt)
                break
            except ValueError:
                continue
        if at is None:
            try:
                at = datetime.fromisoformat(s)
            except ValueError:
                return None
    else:
        return None
    if at.tzinfo is None:
        at = at.replace(tzinfo=LOCAL_TZ)
    return at.astimezone(UTC)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    return str(value).strip()


def _map_headers(headers: list[str]) -> tuple[dict[int, Column], list[str], list[RowError]]:
    mapping: dict[int, Column] = {}
    ignored: list[str] = []
    errors: list[RowError] = []
    seen: dict[str, str] = {}
    for i, h in enumerate(headers):
        col = _BY_NAME.get(re.sub(r"[\s_\-]", "", h.lower())) if h else None
        if col is None:
            if h:
                ignored.append(h)
            continue
        if col.field in seen:
            errors.append(RowError(None, h, f"列「{h}」与「{seen[col.field]}」重复（都是{col.zh}）",
                                   f"column '{h}' repeats '{seen[col.field]}' (both {col.zh})"))
            continue
        seen[col.field] = h
        mapping[i] = col
    for col in COLUMNS:
        if col.required and col.field not in seen:
            errors.append(RowError(None, col.zh, f"缺少必需的列「{col.zh}」（或英文列名 {col.en_names[0]}）",
                                   f"required column '{col.zh}' ({col.en_names[0]}) is missing"))
    return mapping, ignored, errors


def _field_error(row: int, header_of: dict[str, str], e: FieldError) -> RowError:
    names = {"caller_area": "caller_area", "caller_address": "caller_address"}
    return RowError(row, header_of.get(names.get(e.field, e.field), e.field), e.message,
                    e.en or e.message)


def _check_row(number: int, cells: dict[str, object], header_of: dict[str, str],
               units: frozenset[str], now: datetime) -> tuple[dict[str, object] | None,
                                                               list[RowError]]:
    errors: list[RowError] = []

    def err(fld: str, zh: str, en: str) -> None:
        errors.append(RowError(number, header_of.get(fld, fld), zh, en))

    for fld, value in cells.items():
        if isinstance(value, Formula):
            err(fld, "单元格是公式，请粘贴为数值后再导入", "the cell holds a formula; paste it as a value")
    if errors:
        return None, errors
    values = {k: _text(v) for k, v in cells.items() if k != "received_at"}
    case_number = values.pop("case_number", "")
    problem = text_problem("工单号", "Case number", case_number)
    if problem:
        err("case_number", *problem)
    elif not case_number:
        err("case_number", "请填写工单号", "the case number is required")
    elif len(case_number) > 32:
        err("case_number", f"工单号最多 32 个字符，现在 {len(case_number)} 个",
            f"the case number takes at most 32 characters; it has {len(case_number)}")
    raw_at = cells.get("received_at")
    at = parse_received(raw_at)
    if at is None:
        err("received_at", f"受理时间无法识别：{_text(raw_at)!r}（应为 2024-03-05 08:30 这样的日期时间）",
            f"unrecognised received time {_text(raw_at)!r} (use a date and time like "
            "2024-03-05 08:30)")
    elif at > now + timedelta(minutes=5):
        err("received_at", "受理时间晚于现在", "the received time is in the future")
    elif at < _EARLIEST:
        err("received_at", "受理时间早于 2000 年", "the received time is before 2000")
    channel = values.get("channel", "")
    if channel:
        values["channel"] = _CHANNEL_ALIASES.get(channel.lower(), channel)
    handling = values.get("handling", "")
    unit = values.get("handling_unit", "")
    if not handling:
        handling = Handling.DISPATCH.value if unit else Handling.DIRECT.value
    else:
        with contextlib.suppress(ValueError):  # else reported by validate_case_fields
            handling = Handling.of(handling.lower() if handling.isascii() else handling).value
    values["handling"] = handling
    status = values.get("status", "")
    values["status"] = (_STATUS_ALIASES.get(status.lower(), status) if status
                        else CaseStatus.CLOSED.value)
    if not values.get("caller_area"):
        err("caller_area", "请填写区域", "the area is required")
    if values.get("caller_phone") == "":
        values.pop("caller_phone")
    fields = {k: v for k, v in values.items() if v != "" or k in ("description", "matter",
                                                                   "channel")}
    for e in validate_case_fields(fields, units=units):
        errors.append(_field_error(number, header_of, e))
    st, hd = values["status"], values["handling"]
    if (st in set(CaseStatus) and hd in set(Handling)
            and CaseStatus(st) in (CaseStatus.DISPATCHED, CaseStatus.REPLIED)
            and hd != Handling.DISPATCH):
        err("status", f"只有转派的工单才能是“{st}”", f"only a dispatched case can be {st}")
    if errors or at is None:
        return None, errors
    m = matter_by_name(str(values["matter"]).strip())
    closed = at if values["status"] == CaseStatus.CLOSED.value else None
    row: dict[str, object] = {
        "case_number": case_number,
        "channel": values["channel"],
        "caller_name": values.get("caller_name", ""),
        "caller_phone": values.get("caller_phone", ""),
        "caller_area": str(values.get("caller_area", "")).strip(),
        "caller_address": values.get("caller_address", ""),
        "matter": m.name, "domain": m.domain, "subcategory": m.subcategory,
        "description": values["description"],
        "reply_text": values.get("reply_text", ""),
        "handling": values["handling"],
        "handling_unit": str(values.get("handling_unit", "")).strip(),
        "status": values["status"],
        "kb_code": "", "agent": "", "seat_code": "",
        "created_at": at, "accepted_at": at, "closed_at": closed,
        "dispatched_at": at if values["handling"] == Handling.DISPATCH.value else None,
        "changed_by": IMPORT_MARK, "changed_at": utcnow(),
    }
    return row, []


def read_case_file(path: str | Path, units: frozenset[str], *,
                   now: datetime | None = None) -> tuple[list[dict[str, object]], list[RowError],
                                                        list[str]]:
    """(rows ready to insert, every error with row/column/reason, ignored columns)."""
    path = Path(path)
    headers, raw_rows, file_errors = _read_table(path)
    if file_errors:
        return [], list(file_errors), []
    mapping, ignored, errors = _map_headers(headers)
    if errors:
        return [], errors, ignored
    header_of = {c.field: headers[i] for i, c in mapping.items()}
    now = now or utcnow()
    rows: list[dict[str, object]] = []
    first_row: dict[str, int] = {}
    for number, cells in raw_rows:
        named = {c.field: (cells[i] if i < len(cells) else None) for i, c in mapping.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in named.values()):
            continue  # an empty line of a spreadsheet
        row, row_errors = _check_row(number, named, header_of, units, now)
        if row is not None:
            cn = str(row["case_number"])
            if cn in first_row:
                row_errors.append(RowError(
                    number, header_of["case_number"],
                    f"工单号 {cn} 与第 {first_row[cn]} 行重复",
                    f"case number {cn} repeats row {first_row[cn]}"))
            else:
                first_row[cn] = number
                rows.append(row)
        errors.extend(row_errors)
    if not raw_rows or (not rows and not errors):
        errors.append(RowError(None, "", "文件中没有任何工单", "the file holds no cases"))
    return rows, errors, ignored


def importer_role(conn: Connection) -> tuple[Role | None, str]:
    """The role of whoever runs the import and a name for the record: on PostgreSQL the
    user whose login this connection is (the database owner counts as an administrator);
    on SQLite the central file's owner (an administrator)."""
    if conn.dialect.name != "postgresql":
        return Role.ADMIN, "owner"
    login = conn.execute(text("SELECT session_user")).scalar_one()
    found = conn.execute(text(
        "SELECT role, work_number FROM users WHERE db_role = :r AND active"), {"r": login}
    ).first()
    if found is None:
        owner = conn.execute(text(
            "SELECT rolsuper OR pg_has_role(session_user, "
            "(SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()), "
            "'MEMBER') FROM pg_roles WHERE rolname = session_user")).scalar()
        return (Role.ADMIN, str(login)) if owner else (None, str(login))
    try:
        return Role(found[0]), str(found[1])
    except ValueError:
        return None, str(found[1])


def _active_units(conn: Connection) -> frozenset[str]:
    units = Base.metadata.tables["units"]
    return frozenset(conn.execute(select(units.c.name).where(
        units.c.deleted.is_(False), units.c.active.is_(True))).scalars())


def _existing(conn: Connection, numbers: list[str]) -> set[str]:
    cases = Base.metadata.tables["cases"]
    found: set[str] = set()
    for i in range(0, len(numbers), 1000):
        chunk = numbers[i:i + 1000]
        found.update(conn.execute(select(cases.c.case_number).where(
            cases.c.case_number.in_(chunk))).scalars())
    return found


def import_cases(engine: Engine, path: str | Path, *, dry_run: bool = False,
                 now: datetime | None = None) -> CaseImportReport:
    """Validate ``path`` and, when every row is valid, add its new cases in one transaction.
    Raises ``ImportRefused`` when the connection's user is not a lead or an administrator."""
    path = Path(path)
    with engine.begin() as conn:
        role, who = importer_role(conn)
        if role not in (Role.LEAD, Role.ADMIN):
            raise ImportRefused(
                "只有班长和管理员可以导入历史工单（当前登录无此权限）；未做任何修改。",
                "Only leads and administrators import case history (this login may not); "
                "nothing was changed.")
        units = _active_units(conn)
        rows, errors, ignored = read_case_file(path, units, now=now)
        if errors:
            return CaseImportReport(str(path), len(rows), errors=tuple(errors),
                                    ignored_columns=tuple(ignored), dry_run=dry_run)
        there = _existing(conn, [str(r["case_number"]) for r in rows])
        new = [r for r in rows if r["case_number"] not in there]
        report = CaseImportReport(str(path), len(rows), added=len(new), already=len(there),
                                  ignored_columns=tuple(ignored), dry_run=dry_run)
        if dry_run:
            return report
        for i in range(0, len(new), 5000):
            write_rows(conn, "cases", new[i:i + 5000])
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        conn.execute(CaseImport.__table__.insert().values(
            id=new_uuid(), file_name=path.name[:260], sha256=digest, rows=len(rows),
            added=len(new), already=len(there), imported_by=who[:64], imported_at=utcnow()))
    return report

