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
    # seat: a state forced by the team lead
    "班长已将座席状态改为「%1」。": "The team lead set this seat to “%1”.",
    # review desk: unreasonable requests
    "标记为不合理诉求": "Flag as an unreasonable request",
    "已标记为不合理诉求并办结，不派发承办单位。":
        "Flagged as an unreasonable request and closed; no unit is burdened.",
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
    # shell, sign-in, idle lock
    "话务员": "Agent", "班长": "Team lead", "培训师": "Trainer", "管理员": "Administrator",
    "无法连接中心数据库：": "Cannot reach the central database: ",
    "工号 %1 %2（%3）": "No. %1 %2 (%3)", "账户(&A)": "&Account", "锁定座席": "Lock the seat",
    "退出登录": "Sign out", "演示环境：所有演示用户的密码都是 %1": "Demo: every demo user's password is %1",
    "班长监控台 — %1 %2": "Team lead console — %1 %2",
    "承办单位工作台 — %1（%2 %3）": "Handling unit — %1 (%2 %3)", "无法启动": "Cannot start",
    "登录 Seat 12345": "Sign in to Seat 12345",
    "记住我（密码保存在系统钥匙串中）": "Remember me (the password is kept in the system keyring)",
    "工号": "Work number", "密码": "Password", "登录": "Sign in", "取消": "Cancel",
    "请输入工号和密码。": "Enter your work number and password.",
    "座席已锁定": "Seat locked", "输入密码解锁": "Type your password to unlock", "解锁": "Unlock",
    "密码不正确，请重试。": "Wrong password, try again.",
    # case timeline
    "时间": "Time", "环节": "Step", "办理人": "By", "单位": "Unit", "说明": "Note",
    "工单时间线": "Case timeline", "时间线加载失败：": "Timeline not loaded: ",
    "工单时间线 — %1": "Case timeline — %1", "正在从中心库读取时间线…": "Reading the timeline from the central database…",
    "暂时无法读取中心库的时间线（%1）。工单已保存在本机，同步后可再查看。":
        "The central timeline is not available now (%1). The case is saved on this seat; look again after sync.",
    "工单 %1": "Case %1", "状态：%1": "Status: %1", "承办单位：%1": "Handling unit: %1",
    "办理时限：%1": "Deadline: %1", "已超期": "Overdue", "剩余 %1 个工作日": "%1 working days left",
    # unit view
    "操作失败：": "Failed: ", "剩余工作日": "Working days left", "属实": "True", "不属实": "Not true",
    "已解决": "Resolved", "未解决": "Not resolved", "承办单位工作台": "Handling unit",
    "显示已回复的工单": "Show replied cases", "刷新": "Refresh", "签收": "Sign for",
    "办理回复": "Reply", "办理情况：如何核查、如何处理、未解决的原因（至少 10 个字）":
        "How it was checked and handled, or why it is not resolved (at least 10 characters)",
    "答复群众的内容，可向来电人宣读（至少 10 个字）":
        "The reply to the citizen, to be read to the caller (at least 10 characters)",
    "提交回复": "Send reply", "核查结果": "Finding", "办理情况": "Handling notes",
    "申请延期": "Request an extension", " 个工作日": " working days", "提交延期申请": "Request extension",
    "延期天数": "Extra days", "延期理由": "Reason", "退件（非本单位职责）": "Return (not this unit's duty)",
    "退件理由，建议的承办单位（至少 6 个字）": "Why it is returned, and the handling unit you suggest (at least 6 characters)",
    "退件": "Return", "本单位待办工单（%1）": "Open cases at this unit (%1)",
    "本单位待办工单": "Open cases at this unit", "请选择一张工单。": "Choose a case.",
    "地址：": "Address: ", "来电人：": "Caller: ", "诉求：": "Request: ",
    "延期申请待审批：%1 个工作日": "Extension awaiting approval: %1 working days",
    "已签收。": "Signed for.", "回复已提交，等待热线中心审核。": "Reply sent; the hotline center will review it.",
    "延期申请已提交，等待热线中心审批。": "Extension requested; the hotline center will decide.",
    "已退件，热线中心将重新派单。": "Returned; the hotline center will dispatch it again.",
    "请先选择一张工单。": "Choose a case first.",
    # callback work list
    "不满意": "Dissatisfied", "满意": "Satisfied", "基本满意": "Mostly satisfied",
    "不满意时交原承办单位重办": "If dissatisfied, send back to the handling unit to redo",
    "今日待回访": "Callback surveys today", "今日待回访（%1）": "Callback surveys today (%1)",
    "今日没有待回访的工单。": "No callback surveys due today.", "回访备注（可选）": "Survey note (optional)",
    "回访工作台": "Callback surveys", "回访话术": "Callback call script", "已拨次数": "Attempts",
    "督办": "Supervision", "是": "Yes", "未接通": "No answer",
    "已记录回访结果：%1；工单已交原承办单位重办。": "Survey recorded: %1; the case goes back to the handling unit.",
    "已记录回访结果：%1；工单已办结。": "Survey recorded: %1; the case is closed.",
    "已记录未接通（第 %1 次），明天再拨。": "No answer recorded (attempt %1); call again tomorrow.",
    "重办原因：来电人不满意的具体内容（至少 4 个字）": "Why redo: what the caller is dissatisfied with (at least 4 characters)",
    # lead console and review desk
    "座席": "Seat", "状态时长": "Time in state", "当前": "Current",
    "班长监控台 — Seat 12345": "Team lead console — Seat 12345", "渠道": "Channel", "排队": "Queue",
    "最长等待": "Longest wait", "今日指标": "Today", "数值": "Value", "目标": "Target",
    "今日每小时受理量": "Cases accepted per hour today", "座席状态分布": "Seat states",
    "强制切换状态": "Force state", "给所选座席发消息…": "Message to the chosen seat…", "发送": "Send",
    "所选座席：": "Chosen seat:", "告警": "Alerts", "实时监控": "Live", "审核台": "Review desk",
    "无法读取中心数据库：": "Cannot read the central database: ", "受理量": "Accepted",
    "未接来电": "Missed calls", "已刷新 {0}（查询 {1:.0f} ms，显示 {2:.0f} ms）":
        "Refreshed {0} (query {1:.0f} ms, display {2:.0f} ms)",
    "请先选择座席。": "Choose a seat first.", "座席 {0} 已切换为“{1}”": "Seat {0} switched to “{1}”",
    "消息内容不能为空。": "The message is empty.", "已发送给座席 {0}": "Sent to seat {0}",
    "审核": "Review", "理由（驳回、退回、拒绝延期时必填）：": "Reason (required to reject, send back or refuse an extension):",
    "写明理由，单位将看到这段话": "Write the reason; the unit will see it",
    "预审通过并派发": "Approve and dispatch", "预审驳回": "Reject", "回复审核通过": "Approve reply",
    "退回重办": "Send back to redo", "批准延期": "Grant extension", "驳回延期": "Refuse extension",
    "级别：": "Level:", "督办原因（至少 4 个字）": "Reason for supervision (at least 4 characters)",
    "升级督办": "Escalate supervision", "派发座席转派工单": "Dispatch the agents' cases",
    "无法读取审核列表：": "Cannot read the review list: ", "已刷新 {0}（{1:.0f} ms）": "Refreshed {0} ({1:.0f} ms)",
    "超期": "Overdue", "申请延期 {0} 个工作日：{1}": "Extension of {0} working days requested: {1}",
    "受理于 {0}": "Accepted {0}", "承办单位：": "Handling unit: ", "办理时限：": "Deadline: ",
    "预审通过，已派发承办单位。": "Approved and dispatched to the handling unit.",
    "已驳回预审，工单退回待派。": "Rejected; the case is back to be dispatched.",
    "回复已审核通过，进入回访。": "Reply approved; the case goes to the callback survey.",
    "回复已退回承办单位重办。": "Reply sent back to the handling unit to redo.",
    "已批准延期，时限已顺延。": "Extension granted; the deadline moved.", "已驳回延期申请。": "Extension refused.",
    "工单编号": "Case no.", "时限": "Deadline",
    "已督办。": "Under supervision.", "已升级督办。": "Supervision escalated.",
    "已派发 {0} 件，送预审 {1} 件，未派 {2} 件。": "Dispatched {0}, sent to review {1}, not dispatched {2}.",
    # seat window additions (duplicates, lead messages, timeline)
    "疑似重复件：工单 %1（%2，%3）": "Possible duplicate: case %1 (%2, %3)",
    "将在保存并同步后关联为重复件": "Linked as a duplicate after save and sync",
    "关联为重复件 (Ctrl+Shift+D)": "Link as duplicate (Ctrl+Shift+D)", "忽略 (Ctrl+Shift+X)": "Ignore (Ctrl+Shift+X)",
    "关联为重复件": "Link as duplicate", "忽略重复件提示": "Ignore the duplicate hint",
    "保存工单后将关联为工单 %1 的重复件（同步到中心库后生效）。":
        "After saving, the case is linked as a duplicate of case %1 (effective once synced).",
    "工单 %1 已关联为工单 %2 的重复件（并案）。": "Case %1 is linked as a duplicate of case %2 (merged).",
    "工单 %1 未能关联为重复件：%2": "Case %1 could not be linked as a duplicate: %2",
    "组长 %1": "Team lead %1", "组长消息 %1": "Team lead message %1",
    "知道了 (Ctrl+Shift+M)": "Got it (Ctrl+Shift+M)", "组长消息：知道了（标为已读）": "Team lead message: got it (mark read)",
    "暂时无法把组长消息标为已读，稍后再试（Ctrl+Shift+M）。": "Cannot mark the team lead's message read now; try again later (Ctrl+Shift+M).",
    "查看工单时间线（来电历史中选中的工单）": "Case timeline (of the case chosen in the caller history)",
    "话后(&A)": "&After call", "请先在来电历史中选择一张工单（Ctrl+H，上下键选择，回车查看）。":
        "First choose a case in the caller history (Ctrl+H, arrow keys, Enter).",
    "未连接中心库": "Central database not connected",
    "回访工作台未连接中心库，暂不可用。": "Callback surveys need the central database; not available now.",
    # conflicts and refused ops (seat window, lead console)
    "字段": "Field", "座席的值": "Seat's value", "中心的值": "Central value",
    "保留座席的值 (Alt+L)": "Keep the seat's value (Alt+L)",
    "保留中心的值 (Alt+C)": "Keep the central value (Alt+C)",
    "冲突：保留座席的值": "Conflict: keep the seat's value",
    "冲突：保留中心的值": "Conflict: keep the central value",
    "冲突与被拒收的修改": "Conflicts and refused changes",
    "中心拒收的修改（保存在本机，未上传）": "Changes the central database refused (kept on this seat, not sent)",
    "拒收原因": "Reason refused", "新建": "New", "修改": "Change", "删除": "Delete",
    "%1 处冲突：中心保留了它的值，本座席的值在这里等待选择。%2 项修改被中心拒收。":
        "%1 conflict(s): the central database kept its value; this seat's value waits here for "
        "your choice. %2 change(s) refused centrally.",
    "没有待解决的冲突，也没有被拒收的修改。": "No open conflicts and no refused changes.",
    "%1 处冲突": "%1 conflict(s)", "%1 项被拒收": "%1 refused",
    "查看并解决（Ctrl+Shift+R）": "Review and resolve (Ctrl+Shift+R)",
    "冲突与被拒收的修改（Alt+L 保留座席的值，Alt+C 保留中心的值）":
        "Conflicts and refused changes (Alt+L keeps the seat's value, Alt+C the central value)",
    "冲突列表未连接本地库，暂不可用。": "The conflict list needs the local store; not available now.",
    "正在保存选择…": "Saving your choice…",
    "未能解决冲突：%1": "Could not resolve the conflict: %1",
    "已保存选择，正在同步到中心库。": "Choice saved; syncing it to the central database.",
    "待解决的冲突（%1）": "Open conflicts (%1)", "无法读取冲突：": "Cannot read the conflicts: ",
    "冲突已解决。": "Conflict resolved.",
}

EXTRA: dict[str, tuple[str, ...]] = {
    # texts passed to tr() through a variable (lupdate cannot see them)
    "SeatsModel": ("座席", "话务员", "状态", "状态时长", "当前"),
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
    root = tree.getroot()
    for name, texts in EXTRA.items():
        context = next((c for c in root.iter("context") if c.findtext("name") == name), None)
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = name
        have = {m.findtext("source") for m in context.iter("message")}
        for text in texts:
            if text not in have:
                message = ET.SubElement(context, "message")
                ET.SubElement(message, "source").text = text
                ET.SubElement(message, "translation", type="unfinished")
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
