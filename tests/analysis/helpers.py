"""Shared helpers of the analysis integration tests: a migrated central database with the
demo grid (SQLite copied from a template, or a fresh real PostgreSQL), and case files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

ZH_HEADERS = ["工单号", "受理时间", "渠道", "来电人", "来电号码", "区域", "地点", "事项", "诉求内容",
              "办理方式", "承办单位", "答复内容", "状态"]
EN_HEADERS = ["case_number", "received_at", "channel", "caller_name", "caller_phone", "area",
              "address", "matter", "description", "handling", "handling_unit", "reply_text",
              "status"]


def good_row(i: int, **over: str) -> dict[str, str]:
    row = {
        "工单号": f"GD2024{i:06d}", "受理时间": f"2024-03-{1 + i % 28:02d} 09:{i % 60:02d}",
        "渠道": "电话", "来电人": "张女士", "来电号码": f"1390000{i:04d}", "区域": "盐湖区",
        "地点": f"北城街道康馨小区{1 + i % 9}号楼", "事项": "停水",
        "诉求内容": f"来电反映康馨小区{1 + i % 9}号楼从早上开始停水，没有通知。",
        "办理方式": "", "承办单位": "", "答复内容": "", "状态": "",
    }
    row.update(over)
    return row


def write_csv(path: Path, rows: list[dict[str, str]], headers: list[str] = ZH_HEADERS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(headers)
        for r in rows:
            w.writerow([r.get(h, "") for h in headers])
    return path


def write_json(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return path


def to_english(row: dict[str, str]) -> dict[str, str]:
    return {en: row[zh] for zh, en in zip(ZH_HEADERS, EN_HEADERS, strict=True)}
