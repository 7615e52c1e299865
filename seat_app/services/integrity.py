"""Damaged or missing data files: one error family, said loudly, never "start fresh".

Every Seat component that finds a data file it cannot trust raises one of these errors
instead of replacing the file or silently using a default. Each carries a Chinese and an
English message (``zh``/``en``, like the other service errors) naming the file and what to
do. ``seat-admin`` turns them into one clear message and a non-zero exit (see
``seat_app.cli.main``); the Qt app shows them in a dialog and exits.

How to use it::

    from seat_app.services.integrity import DataFileDamaged, move_aside

    if not looks_valid(path):
        moved = move_aside(path)           # keep the damaged bytes, never delete them
        raise DataFileDamaged(
            path, moved_to=moved,
            what_zh="不是有效的 SQLite 数据库", what_en="not a valid SQLite database",
            todo_zh="从备份恢复，或运行 seat-admin db upgrade 新建",
            todo_en="restore it from a backup, or run `seat-admin db upgrade` to create one",
        )

Rules: never delete or overwrite the damaged file (``move_aside`` renames it, with its
SQLite ``-wal``/``-shm``/``-journal`` companions, to ``<name>.damaged-<timestamp>``); say what
it held if that is readable (``held`` below, shortened); log the event with
``seat_app.services.logs.log_event``.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from seat_app.domain.messages import UserMessage

SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


class SeatDataError(UserMessage):
    """Base of the family: a bilingual, user-facing error about Seat's data.

    ``zh`` and ``en`` are complete sentences for the user; ``message(lang)`` picks one.
    """

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.en if str(lang).startswith("en") else self.zh


class DataFileDamaged(SeatDataError):
    """A data file exists but cannot be trusted (not parseable, emptied, truncated, corrupt).

    ``path`` the file; ``moved_to`` where its bytes now are if it was moved aside (None: left
    in place); ``what_zh``/``what_en`` what is wrong; ``todo_zh``/``todo_en`` what to do;
    ``held`` a short, readable excerpt of what the file contained (or "").
    """

    def __init__(
        self,
        path: Path | str,
        *,
        what_zh: str,
        what_en: str,
        todo_zh: str,
        todo_en: str,
        moved_to: Path | str | None = None,
        held: str = "",
    ) -> None:
        self.path = Path(path)
        self.moved_to = Path(moved_to) if moved_to else None
        self.what_zh, self.what_en = what_zh, what_en
        self.todo_zh, self.todo_en = todo_zh, todo_en
        self.held = held
        zh = f"数据文件已损坏：{self.path}（{what_zh}）。"
        en = f"Data file damaged: {self.path} ({what_en})."
        if self.moved_to:
            zh += f"原文件已移到 {self.moved_to}，未删除任何数据。"
            en += f" The damaged file was moved to {self.moved_to}; nothing was deleted."
        else:
            zh += "文件保持原样，未被覆盖。"
            en += " The file was left as it is, not overwritten."
        if held:
            zh += f"\n文件内容（节选）：{held}"
            en += f"\nIt holds (excerpt): {held}"
        zh += f"\n处理办法：{todo_zh}。"
        en += f"\nWhat to do: {todo_en}."
        super().__init__(zh, en)


class SettingsDamaged(DataFileDamaged):
    """settings.json is not valid JSON, not an object, or holds a value of the wrong type."""


class CentralDatabaseMissing(SeatDataError):
    """The embedded central file is missing (or not yet created) and Seat will not create it
    implicitly: only ``seat-admin db upgrade`` and ``seat-admin demo init`` create it."""

    def __init__(self, path: Path | str, *, history: bool) -> None:
        self.path = Path(path)
        self.history = history
        if history:
            zh = (f"中心数据库文件不存在：{self.path}，但此数据文件夹有使用记录（本地库或设置）。"
                  "Seat 不会新建空库覆盖历史。\n处理办法：从备份恢复该文件；确认要新建空库时运行 "
                  "seat-admin db upgrade。")
            en = (f"Central database file missing: {self.path}, but this data folder has a "
                  "history (local store or settings). Seat does not create an empty database "
                  "over it.\nWhat to do: restore the file from a backup; to create an empty "
                  "one on purpose run `seat-admin db upgrade`.")
        else:
            zh = (f"中心数据库尚未创建：{self.path}。\n处理办法：运行 seat-admin db upgrade 新建，"
                  "或运行 seat-admin demo init 生成演示数据。")
            en = (f"Central database not created yet: {self.path}.\nWhat to do: run "
                  "`seat-admin db upgrade` to create it, or `seat-admin demo init` for demo data.")
        super().__init__(zh, en)


class DatabaseUnreadable(SeatDataError):
    """The central database answered with a database error. ``kind``: "file" (a SQLite file
    that cannot be read: corrupt pages, not a database), "server-down" (unreachable) or
    "server-error" (the server refused). ``where`` names the file or the server (no
    password)."""

    def __init__(self, where: str, detail: str = "", *, kind: str = "file") -> None:
        self.where = where
        self.detail = detail
        self.kind = kind
        if kind == "server-down":
            zh = (f"无法连接中心数据库 {where}。{detail}\n处理办法：检查网络与数据库服务，"
                  "或在设置中核对中心数据库地址；本机已保存的内容不会丢失。")
            en = (f"Cannot reach the central database {where}. {detail}\nWhat to do: check "
                  "the network and the database server, or the central URL in the settings; "
                  "what this machine saved is kept.")
        elif kind == "server-error":
            zh = (f"中心数据库 {where} 拒绝了操作。{detail}\n处理办法：确认数据库已升级到最新结构"
                  "（seat-admin db upgrade）且账号有权限；未删除任何数据。")
            en = (f"The central database {where} refused the operation. {detail}\nWhat to do: "
                  "check that it is at the newest schema (`seat-admin db upgrade`) and that "
                  "the account has the rights; nothing was deleted.")
        else:
            zh = (f"数据库文件无法读取（可能已损坏）：{where}。{detail}\n处理办法：先把该文件复制到"
                  "安全位置，再从备份恢复；Seat 没有修改或删除它。")
            en = (f"The database file cannot be read (it may be damaged): {where}. "
                  f"{detail}\nWhat to do: copy the file somewhere safe, then restore it from a "
                  "backup; Seat did not change or delete it.")
        super().__init__(zh, en)


def timestamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def move_aside(path: Path | str, *, stamp: str | None = None) -> Path:
    """Rename ``path`` (and its SQLite companions) to ``<name>.damaged-<stamp>``; return the
    new path of the main file. Never deletes; a name already taken gets a counter."""
    path = Path(path)
    stamp = stamp or timestamp()
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    os.replace(path, target)
    for suffix in SQLITE_COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    return target


def sqlite_header_problem(path: Path | str) -> tuple[str, str] | None:
    """Why ``path`` is not a SQLite database file (zh, en), or None if its header is sound.

    Checks what can be checked without opening it: empty file, short file, wrong magic, a
    page size that is not a power of two, a file shorter than the page count in its header
    says (truncation). Deeper damage is found by ``PRAGMA quick_check``.
    """
    path = Path(path)
    size = path.stat().st_size
    if size == 0:
        return ("文件为空（0 字节）", "the file is empty (0 bytes)")
    with path.open("rb") as fh:
        header = fh.read(100)
    if len(header) < 100:
        return (f"文件过短（{size} 字节）", f"the file is too short ({size} bytes)")
    if header[:16] != SQLITE_MAGIC:
        return ("文件头不是 SQLite 数据库", "the header is not a SQLite database header")
    page_size = int.from_bytes(header[16:18], "big")
    if page_size == 1:
        page_size = 65536
    if page_size < 512 or page_size & (page_size - 1):
        return ("文件头中的页大小无效", "the page size in the header is invalid")
    # Length checks only when no connection can be mid-checkpoint: a -wal file exists while
    # any process has the database open (and holds pages not yet in the main file).
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        return None
    if size % page_size:
        return (f"文件长度 {size} 字节不是页大小的整数倍（被截断）",
                f"the length, {size} bytes, is not a whole number of pages (truncated)")
    pages_in_header = int.from_bytes(header[28:32], "big")
    valid_for = int.from_bytes(header[92:96], "big")
    change_counter = int.from_bytes(header[24:28], "big")
    # The in-header page count is trusted by SQLite only when valid-for == change counter.
    if pages_in_header and valid_for == change_counter and size < pages_in_header * page_size:
        return (f"文件比文件头记录的 {pages_in_header} 页短（被截断）",
                f"the file is shorter than the {pages_in_header} pages its header records "
                "(truncated)")
    return None
