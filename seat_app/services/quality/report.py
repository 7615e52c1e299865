"""The monthly QA report from stored evaluations and disputes, and its .xlsx export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from seat_app.domain.quality import EvaluatedCase, item_trend, qa_report
from seat_app.services.quality.inspection import all_evaluations, disputes
from seat_app.services.quality.loading import _t


def month_report(engine: Engine, month: str) -> dict[str, Any]:
    """Score per agent, team and month; item Pareto; fatal items; dispute outcomes; and
    for each practice assignment whether the item improved after it."""
    saved = all_evaluations(engine)
    evaluated = [EvaluatedCase(s.evaluation, s.agent, s.case_day, s.team, s.inspector)
                 for s in saved]
    for e, s in zip(evaluated, saved, strict=True):
        e.evaluation.meta["evaluation_id"] = s.evaluation_key  # type: ignore[index]
    out = qa_report(evaluated, disputes(engine), month)
    t = _t("qa_practice_assignments")
    with engine.connect() as conn:
        rows = conn.execute(sa.select(t.c.agent, t.c.item_id, t.c.item_title, t.c.month,
                                      t.c.assigned_on)).all()
    loop = []
    for agent, item_id, title, m, on in rows:
        tr = item_trend(evaluated, agent, item_id, on)
        loop.append({"agent": agent, "item": item_id, "title": title, "month": m,
                     "assigned_on": on.isoformat(), "before_rate": tr.before_rate,
                     "after_rate": tr.after_rate, "before_n": tr.before_n,
                     "after_n": tr.after_n, "improved": tr.improved})
    out["practice"] = loop
    return out


def export_xlsx(report: dict[str, Any], path: str | Path) -> Path:
    """One sheet per part of the report, with a Pareto bar chart."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "坐席"
    header = ["工号 / 班组 / 月份", "质检数", "平均分", "合格率", "一票否决"]

    def table(sheet: Any, rows: list[dict[str, Any]]) -> None:
        sheet.append(header)
        for r in rows:
            sheet.append([str(r["key"]), r["evaluations"], r["mean_score"], r["pass_rate"],
                          r["fatal"]])
    table(ws, report["by_agent"])
    table(wb.create_sheet("班组"), report["by_team"])
    table(wb.create_sheet("月份"), report["by_month"])
    par = wb.create_sheet("失分项")
    par.append(["评分项", "名称", "失分次数", "占比", "累计占比"])
    for p in report["pareto"]:
        par.append([p["item_id"], p["title"], p["failures"], p["share"], p["cumulative"]])
    if report["pareto"]:
        chart = BarChart()
        chart.title = "失分项帕累托"
        n = len(report["pareto"]) + 1
        chart.add_data(Reference(par, min_col=3, min_row=1, max_row=n), titles_from_data=True)
        chart.set_categories(Reference(par, min_col=2, min_row=2, max_row=n))
        par.add_chart(chart, "G2")
    fat = wb.create_sheet("一票否决")
    fat.append(["评分项", "次数"])
    for k, v in report["fatal"].items():
        fat.append([k, v])
    dis = wb.create_sheet("申诉")
    for k, v in report["disputes"].items():
        dis.append([k, v])
    loop = wb.create_sheet("练习闭环")
    loop.append(["工号", "评分项", "名称", "月份", "布置日期", "练习前失分率", "练习后失分率",
                 "改善"])
    for r in report.get("practice", []):
        loop.append([r["agent"], r["item"], r["title"], r["month"], r["assigned_on"],
                     r["before_rate"], r["after_rate"],
                     "" if r["improved"] is None else ("是" if r["improved"] else "否")])
    wb.save(path)
    return path
