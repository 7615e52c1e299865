"""The weekly and monthly brief from the central database, exported as .xlsx and .docx:
figures against a hand-counted week, the layout's sections, typical cases, the
problem-of-the-month candidates sheet."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from seat_app.cli import main
from seat_app.services.analysis.brief_export import BriefError, build_brief, export_brief, to_html
from seat_app.services.analysis.case_import import import_cases
from seat_app.services.dispatch.grid_import import demo_grid_path
from seat_app.services.dispatch.service import import_grid
from seat_app.services.store.engine import make_engine, upgrade
from tests.analysis.helpers import good_row, write_csv

pytestmark = pytest.mark.analysis

SECTIONS = ("一、受理概况", "二、诉求分类", "三、诉求量前五位的领域", "四、热点诉求", "五、预警回顾",
            "六、下周关注", "七、工作建议")


@pytest.fixture
def engine(seat_home, tmp_path):
    from seat_app.services import config

    url = config.open_home().central_url
    eng = make_engine(url)
    upgrade(eng)
    assert import_grid(eng, demo_grid_path()).ok
    # week of Monday 2024-04-08: 6 停水 (2 dispatched), 3 噪声, 1 公积金; week before: 5 cases
    rows = []
    for i in range(6):
        rows.append(good_row(i, 受理时间=f"2024-04-{8 + i % 7:02d} 10:00", 事项="停水",
                             诉求内容=f"康馨小区{i}号楼停水了，什么时候来水？",
                             **({"办理方式": "转派", "承办单位": "运城市城市管理局"} if i < 2 else {})))
    for i in range(6, 9):
        rows.append(good_row(i, 受理时间="2024-04-10 21:00", 事项="社会生活噪声",
                             诉求内容="楼下广场舞太吵了。", 渠道="APP", 来电号码=""))
    rows.append(good_row(9, 受理时间="2024-04-14 23:59", 事项="公积金提取",
                         诉求内容="公积金怎么提取？"))
    for i in range(10, 15):
        rows.append(good_row(i, 受理时间="2024-04-03 09:00", 事项="停水", 诉求内容="停水了。"))
    rows.append(good_row(15, 受理时间="2024-04-15 00:01", 事项="停水", 诉求内容="下周的。"))
    assert import_cases(eng, write_csv(tmp_path / "w.csv", rows)).ok
    yield eng
    eng.dispose()


def test_week_figures_and_exports(engine, tmp_path):
    doc = build_brief(engine, "week", date(2024, 4, 10))
    o = doc.brief.overview
    assert (doc.start, doc.end) == (date(2024, 4, 8), date(2024, 4, 14))
    assert (o.accepted, o.previous, o.direct, o.dispatched) == (10, 5, 8, 2)
    assert o.change_pct == 100.0 and o.dispatch_rate == 20.0
    assert dict(o.by_channel) == {"电话": 7, "APP": 3}
    hot = doc.brief.hot_topics
    assert [(h.matter, h.count, h.previous) for h in hot[:2]] == [("停水", 6, 5),
                                                                  ("社会生活噪声", 3, 0)]
    assert 2 <= len(hot[0].typical_cases) <= 3
    assert [s.title for s in doc.sections] == list(SECTIONS)
    paths = export_brief(doc, tmp_path)
    wb = load_workbook(paths[0])
    texts = [str(c.value) for row in wb["简报"].iter_rows() for c in row if c.value is not None]
    for title in SECTIONS:
        assert title in texts
    assert any("共受理群众诉求 10 件" in t and "环比 ↑100.00%" in t for t in texts)
    import docx

    d = docx.Document(str(paths[1]))
    body = "\n".join(p.text for p in d.paragraphs)
    assert doc.title in body and "四、热点诉求" in body
    assert any(cell.text == "停水" for t in d.tables for row in t.rows for cell in row.cells)
    assert "<h3>一、受理概况</h3>" in to_html(doc)


def test_month_brief_has_candidates_sheet(engine, tmp_path):
    doc = build_brief(engine, "month", date(2024, 4, 1))
    assert doc.brief.overview.accepted == 16
    assert doc.sections[-1].title == "八、“每月一题”候选"
    top = doc.candidates[0]
    assert (top.matter, top.volume_12m, top.volume_prev_12m) == ("停水", 12, 0)
    assert top.units == ("运城市城市管理局",)
    assert top.repeat_address_share_pct is not None
    path = export_brief(doc, tmp_path, ("xlsx",))[0]
    sheet = load_workbook(path)["每月一题候选"]
    assert (sheet[2][0].value, sheet[2][2].value, sheet[2][3].value) == ("停水", 12, 0)


def test_command_and_bad_folder(engine, tmp_path, capsys):
    assert main(["analysis", "brief", "--week", "2024-04-10", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "brief-week-20240408.xlsx").exists()
    assert (tmp_path / "brief-week-20240408.docx").exists()
    assert main(["analysis", "brief", "--week", "2024-04-10", "--out",
                 str(tmp_path / "nope")]) == 2
    with pytest.raises(BriefError):
        export_brief(build_brief(engine, "week", date(2024, 4, 10)), tmp_path / "nope")
