"""Refresh resources/i18n/seat_en.ts from the sources, fill the English, compile the .qm.

``.venv/bin/python packaging/update_translations.py``: runs pyside6-lupdate over seat_app/qt
and ui/, writes the English of every known source text (EN below; unknown texts stay
unfinished and are listed), then pyside6-lrelease. Chinese is the source language.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "seat_en.ts"

EN: dict[str, str] = {
    # app
    "还没有演示数据": "No demo data yet",
    "数据目录 %1 中还没有演示数据。\n\n可以在终端运行：\n    seat-admin demo init\n或者现在就生成（约一分钟）。":
        "The data folder %1 holds no demo data yet.\n\nRun in a terminal:\n    seat-admin demo init\nor create it now (about a minute).",
    "现在生成": "Create now",
    "退出": "Quit",
    "正在生成演示数据…": "Creating demo data…",
    "生成失败": "Creation failed",
    # case form
    "电话": "Phone", "APP": "App", "网站": "Website", "市长信箱": "Mayor's mailbox",
    "服务窗口": "Service window", "（保存后生成）": "(assigned on save)", "工单": "Case",
    "来源": "Channel", "—": "—", "工单号": "Case no.", "来电号码": "Phone number",
    "来电人": "Caller", "如：王女士": "e.g. Ms Wang", "区域": "Area", "地点": "Place",
    "街道、小区、门牌号": "Street, estate, house number", "事项": "Matter",
    "输入名称或拼音，如 gjj": "Name or pinyin, e.g. gjj", "诉求内容": "Request",
    "来电人反映的问题（时间、地点、经过、诉求）": "What the caller reports (when, where, what, what they ask)",
    "办理方式": "Handling", "直接办理": "Direct resolution", "转派": "Dispatch",
    "承办单位": "Handling unit", "时限（工作日）": "Deadline (working days)",
    "答复内容": "Reply", "直接办理的答复口径（可从知识库插入）": "Reply for direct resolution (insert from the knowledge base)",
    "保存工单": "Save case",
    # history
    "日期": "Date", "状态": "Status", "来电历史：正在查询 %1…": "Caller history: looking up %1…",
    "来电历史：暂时无法查询（%1）": "Caller history: not available now (%1)",
    "来电历史：%1，共 %2 件": "Caller history: %1, %2 cases", "来电历史": "Caller history",
    # knowledge
    "输入关键词，或在工单中选择事项": "Type keywords, or choose a matter in the case form",
    "知识库暂不可用：%1": "Knowledge base unavailable: %1",
    "没有找到“%1”的相关条目": "No entries found for “%1”",
    "%1 条结果（%2 毫秒）": "%1 results (%2 ms)", "答复口径": "Answer", "办理流程": "Procedure",
    "所需材料": "Materials", "办理地点": "Place", "办公时间": "Hours", "收费标准": "Fees",
    "办理时限": "Time limit", "咨询电话": "Phone", "关键词": "Keywords", "知识库": "Knowledge base",
    "搜索知识库：关键词、拼音、来电人的说法": "Search the knowledge base: keywords, pinyin, callers' words",
    "跟随工单": "Follow the case", "插入答复": "Insert answer",
    # script panel
    "特殊话术：%1（Ctrl+Shift+C 返回）": "Special script: %1 (Ctrl+Shift+C to return)",
    # status bar
    "离线": "Offline", "就绪": "Ready", "振铃": "Ringing", "通话中": "On call",
    "话后处理": "After-call work", "小休": "Break", "培训": "Training",
    "离线：%1 件待同步": "Offline: %1 pending", "%1 件待同步": "%1 pending", "已同步": "Synced",
    "同步未配置": "Sync not configured", "同步状态未知": "Sync state unknown", "座席：%1 %2": "Seat: %1 %2",
    # window
    "接听 / 受理": "Accept call / request", "结束通话（进入话后处理）": "End call (after-call work)",
    "整理完毕，就绪": "Done, ready", "小休 / 恢复就绪": "Break / back to ready",
    "立即同步": "Sync now", "选择事项": "Choose matter", "填写诉求内容": "Write the request",
    "搜索知识库": "Search knowledge base", "知识库结果列表": "Knowledge results",
    "插入答复口径": "Insert answer into reply", "下一步话术": "Next script step",
    "上一步话术": "Previous script step", "返回通话话术": "Back to the call script",
    "English": "English", "中文": "中文 (Chinese)", "快捷键一览": "Keyboard shortcuts", "关于": "About",
    "特殊话术：%1": "Special script: %1", "运城12345 座席 — %1号": "Yuncheng 12345 seat — agent %1",
    "通话(&C)": "&Call", "导航(&G)": "&Go", "话术(&S)": "&Script", "语言(&L)": "&Language",
    "帮助(&H)": "&Help",
    "工单尚未保存：请先保存（Ctrl+S），草稿已自动保留。": "The case is not saved yet: save it first (Ctrl+S); the draft is kept.",
    "队列暂不可用：%1": "Queue unavailable: %1",
    "来电 %1（%2）— 按 F2 接听": "Call from %1 (%2) — press F2 to answer",
    "网上诉求 %1（%2）— 按 F2 受理": "Online request %1 (%2) — press F2 to accept",
    "来电人说：%1": "Caller says: %1", "话后处理：完成工单后按 F5 就绪": "After-call work: finish the case, then F5 for ready",
    "%1个工作日": "%1 working days", "草稿保存失败，稍后重试：%1": "Draft not saved, retrying: %1",
    "草稿已自动保存 %1": "Draft autosaved %1", "无法读取本地草稿：%1": "Cannot read local drafts: %1",
    "恢复未保存的工单": "Recover unsaved cases",
    "发现 %1 份上次未保存的工单草稿。是否恢复最近一份？": "Found %1 unsaved case drafts from last time. Recover the newest?",
    "恢复 (&R)": "&Recover", "放弃 (&D)": "&Discard", "稍后 (&L)": "&Later",
    "已恢复未保存的工单草稿，请核对后保存（Ctrl+S）。": "An unsaved case draft was recovered: check it and save (Ctrl+S).",
    "还不能保存，请填写：%1": "Cannot save yet, please fill in: %1", "正在保存…": "Saving…",
    "保存失败，草稿已保留": "Save failed, the draft is kept",
    "工单保存失败（草稿已保留，可重试 Ctrl+S）：%1": "Saving the case failed (draft kept; retry with Ctrl+S): %1",
    "工单已保存": "Case saved", "工单 %1 已保存，请向来电人复述工单号。": "Case %1 saved: read the case number back to the caller.",
    "中心数据库暂不可用：工单照常保存在本机，恢复后自动同步。": "Central database unavailable: cases are saved on this seat and sync when it is back.",
    "所有服务均已连接。": "All services are connected.", "Seat 运城12345 座席系统": "Seat — Yuncheng 12345 hotline",
    "快捷键": "Shortcut", "操作": "Action",
}


def tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else name


def main() -> int:
    sources = sorted(str(p) for p in (ROOT / "seat_app" / "qt").rglob("*.py") if "forms" not in p.parts)
    sources += sorted(str(p) for p in (ROOT / "ui").glob("*.ui"))
    subprocess.run(
        [tool("pyside6-lupdate"), *sources, "-no-obsolete", "-source-language", "zh_CN",
         "-target-language", "en_US", "-ts", str(TS)],
        check=True,
    )
    tree = ET.parse(TS)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if source in EN:
            translation.text = EN[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    qm = TS.with_suffix(".qm")
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(qm)], check=True)
    for source in missing:
        print("untranslated:", source)
    print(f"{TS.relative_to(ROOT)}: {len(EN)} known texts, {len(missing)} untranslated -> {qm.name}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
