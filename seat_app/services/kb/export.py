"""Knowledge-base export: the non-deleted entries as .xlsx / .csv / .json with the Chinese
headers, readable again by ``kb.io.import_file`` to the same entries. Formula-like text is
neutralised (.xlsx: text cells, never formulas; .csv: one leading ``'``, OWASP).
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select

from seat_app.domain.messages import UserMessage
from seat_app.domain.text import sheet_escape, text_problem
from seat_app.services.kb.rows import HEADERS, _cell_text
from seat_app.services.store.models import KB_FIELDS, KBEntry

_TABLE = KBEntry.__table__

EXPORT_FORMATS = (".xlsx", ".csv", ".json")


def _export_rows(engine: Engine) -> list[dict]:
    c = _TABLE.c
    stmt = (
        select(*[c[name] for name in KB_FIELDS])
        .where(c.deleted.is_(False))
        .order_by(c.code)
    )
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


class KBExportError(UserMessage, ValueError):
    """Entries that no export could hold (or re-import); nothing was written."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en


def _unexportable(rows: list[dict]) -> list[tuple[str, str, str, str]]:
    """(code, field, zh, en) of values stored before the import checked characters."""
    found = []
    for row in rows:
        for name in KB_FIELDS:
            value = row[name]
            if isinstance(value, str):
                problem = text_problem("内容", "The value", value, multiline=True)
                if problem is not None:
                    found.append((str(row["code"]), HEADERS[name], *problem))
    return found


def _export_text(value: object) -> str:
    """A stored value as CSV text, exactly (no stripping: an export changes nothing)."""
    if isinstance(value, str):
        return value
    return _cell_text(value)


def _text_cell(ws, value: object):
    """An .xlsx cell that is always data: a string is a text cell, never a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl makes "=..." a formula otherwise
    return cell


def export_file(engine: Engine, path: str | Path) -> int:
    """Write the non-deleted entries to ``path`` (.xlsx/.csv/.json by extension).

    Returns the number of entries written. Raises ValueError for another extension and
    ``KBExportError`` (nothing written) when a stored value holds a character no export can
    carry. The file is written beside and renamed into place, so a failed export leaves no
    half file. Formula-like text is neutralised (see the module docstring).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise ValueError(suffix)
    if path.is_dir():
        raise KBExportError(f"{path} 是一个文件夹，请给出要写入的文件名（如 {path / ('知识库' + suffix)}）",
                            f"{path} is a folder; give the name of the file to write (e.g. "
                            f"{path / ('kb' + suffix)})")
    rows = _export_rows(engine)
    bad = _unexportable(rows)
    if bad:
        shown = bad[:10]
        more_zh = f"；另有 {len(bad) - 10} 处" if len(bad) > 10 else ""
        more_en = f"; and {len(bad) - 10} more" if len(bad) > 10 else ""
        raise KBExportError(
            "以下条目含有无法导出的字符，未写入任何文件；请用导入更正这些条目后再导出："
            + "；".join(f"编号 {c} [{f}] {zh}" for c, f, zh, _ in shown) + more_zh,
            "These entries hold characters no export can carry; nothing was written. Correct "
            "them with an import, then export again: "
            + "; ".join(f"code {c} [{f}] {en}" for c, f, _, en in shown) + more_en,
        )
    headers = [HEADERS[name] for name in KB_FIELDS]
    tmp = path.with_name(path.name + ".part")
    try:
        if suffix == ".xlsx":
            from openpyxl import Workbook

            wb = Workbook(write_only=True)
            ws = wb.create_sheet("知识库")
            ws.append(headers)
            for row in rows:
                ws.append([_text_cell(ws, row[name]) for name in KB_FIELDS])
            wb.save(tmp)
        elif suffix == ".csv":
            with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(headers)
                for row in rows:
                    writer.writerow([sheet_escape(_export_text(row[name])) for name in KB_FIELDS])
        else:
            data = [
                {HEADERS[name]: (row[name].isoformat() if isinstance(row[name], date) else row[name])
                 for name in KB_FIELDS}
                for row in rows
            ]
            with open(tmp, "w", encoding="utf-8") as fh:
                # one object per line: readable, diffable, and fast (indent= is pure Python)
                fh.write("[\n")
                fh.write(",\n".join(json.dumps(obj, ensure_ascii=False) for obj in data))
                fh.write("\n]\n")
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # never a half file beside the user's
        raise
    return len(rows)
