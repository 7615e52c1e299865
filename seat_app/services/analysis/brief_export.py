"""The weekly and monthly brief (周报 / 月报) in the layout centers publish, from the central
database, exported as .xlsx, .docx and .pdf (and as HTML for a preview):

一、受理概况 (accepted, 环比, direct / dispatched, channels) · 二、诉求分类 (every domain) ·
三、诉求量前五位的领域 · 四、热点诉求 (with 2-3 typical cases each) · 五、预警回顾 ·
六、下周（下月）关注 (from last year's same period) · 七、工作建议 (left for the analyst);
the monthly brief adds 八、"每月一题" 候选 (12-month volume, YoY, repeat-address share,
dissatisfaction, units involved), also its own sheet.

Every renderer reads one list of :class:`Section` (title, paragraphs, a table), so the
formats say the same figures. The PDF embeds (a subset of) a real CJK font found on the
machine (``SEAT_PDF_FONT``, fontconfig's ``fc-list :lang=zh``, or the usual Noto CJK,
WenQuanYi, Microsoft YaHei, SimSun, PingFang files); with no font that has every character
of the brief it is refused with what to install, never written with missing glyphs.
"""

from __future__ import annotations

import calendar as _calendar
import os
import shutil
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from pathlib import Path

from sqlalchemy import Engine

from seat_app.domain.analysis import (
    CaseRecord,
    MonthProblemCandidate,
    WeeklyBrief,
    month_problem_candidates,
    weekly_brief,
)
from seat_app.domain.messages import UserMessage
from seat_app.domain.text import sheet_escape
from seat_app.services.analysis.central import (
    load_alerts,
    load_resources,
    local_midnight,
    read_cases,
)


class BriefError(UserMessage):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh, self.en = zh, en


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    paragraphs: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[object, ...], ...] = ()


@dataclass(frozen=True)
class BriefDocument:
    period: str
    """week or month."""
    start: date
    end: date
    """Inclusive."""
    title: str
    brief: WeeklyBrief
    candidates: tuple[MonthProblemCandidate, ...] = ()
    sections: tuple[Section, ...] = field(default=())


def _month_start(day: date) -> date:
    return date(day.year, day.month, 1)


def _add_months(day: date, n: int) -> date:
    y, m = divmod(day.year * 12 + day.month - 1 + n, 12)
    return date(y, m + 1, 1)


def _days_in(month_start: date) -> int:
    return _calendar.monthrange(month_start.year, month_start.month)[1]


def read_brief_cases(engine: Engine, first: date, until: date) -> list[CaseRecord]:
    """Cases received on local days ``first`` .. before ``until``, with the caller's rating."""
    with engine.connect() as conn:
        return read_cases(conn, local_midnight(first), local_midnight(until), with_rating=True)


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}%"


def _chg(v: float | None) -> str:
    if v is None:
        return "—"
    arrow = "↑" if v > 0 else "↓" if v < 0 else "→"
    return f"{arrow}{abs(v):.2f}%"


def build_brief(engine: Engine, period: str, day: date) -> BriefDocument:
    """The brief of the week (Monday to Sunday) or the month holding ``day``."""
    if period == "week":
        start = day - timedelta(days=day.weekday())
        days, prev_days = 7, 7
        watch_start = start + timedelta(days=7 - 364)
        watch_days = 7
        next_label = "下周关注"
        title = (
            f"12345热线诉求分析周报（{start:%Y年%m月%d日}—{start + timedelta(days=6):%m月%d日}）"
        )
        first = min(start - timedelta(days=7), watch_start - timedelta(days=28))
    elif period == "month":
        start = _month_start(day)
        days = _days_in(start)
        prev = _add_months(start, -1)
        prev_days = _days_in(prev)
        nxt = _add_months(start, 1)
        watch_start = date(nxt.year - 1, nxt.month, 1)
        watch_days = _days_in(watch_start)
        next_label = "下月关注"
        title = f"12345热线诉求分析月报（{start:%Y年%m月}）"
        first = min(_add_months(start, -23), watch_start - timedelta(days=4 * watch_days))
    else:
        raise BriefError(
            f"简报周期只能是 week 或 month：{period}",
            f"The brief's period is week or month: {period}",
        )
    end = start + timedelta(days=days - 1)
    cases = read_brief_cases(engine, first, end + timedelta(days=1))
    with engine.connect() as conn:
        alerts = [s.alert for s in load_alerts(conn, since=local_midnight(start))]
    brief = weekly_brief(
        cases,
        start,
        alerts,
        days=days,
        previous_days=prev_days,
        watch_start=watch_start,
        watch_days=watch_days,
    )
    candidates: tuple[MonthProblemCandidate, ...] = ()
    if period == "month":
        gaz = load_resources().gazetteer

        def place_of(c: CaseRecord) -> str:
            if not c.address:
                return ""
            key = gaz.normalise(c.address, area_hint=c.area)
            return key.place_key if key.resolved else ""

        candidates = tuple(month_problem_candidates(cases, start, place_of))
    sections = _sections(brief, period, next_label, candidates)
    return BriefDocument(period, start, end, title, brief, candidates, sections)


def _sections(
    b: WeeklyBrief, period: str, next_label: str, candidates: Sequence[MonthProblemCandidate]
) -> tuple[Section, ...]:
    o = b.overview
    unit = "周" if period == "week" else "月"
    channels = "，".join(f"{ch} {n} 件" for ch, n in o.by_channel) or "无"
    out = [
        Section(
            "一、受理概况",
            (
                f"本{unit}共受理群众诉求 {o.accepted} 件，上{unit} {o.previous} 件，环比 {_chg(o.change_pct)}。"
                f"其中直接办理 {o.direct} 件（{_pct(o.direct_rate)}），转派承办单位 {o.dispatched} 件"
                f"（{_pct(o.dispatch_rate)}）。",
                f"按受理渠道：{channels}。",
            ),
            ("指标", "本期", "上期", "环比"),
            (
                ("受理量", o.accepted, o.previous, _chg(o.change_pct)),
                ("直接办理", o.direct, "", _pct(o.direct_rate)),
                ("转派", o.dispatched, "", _pct(o.dispatch_rate)),
            ),
        ),
        Section(
            "二、诉求分类",
            (),
            ("领域", "件数", "占比", "上期", "环比"),
            tuple(
                (r.domain, r.count, _pct(r.share_pct), r.previous, _chg(r.change_pct))
                for r in b.categories
            ),
        ),
        Section(
            "三、诉求量前五位的领域",
            (
                "；".join(
                    f"{i}. {r.domain} {r.count} 件（{_pct(r.share_pct)}）"
                    for i, r in enumerate(b.top_domains, 1)
                )
                or "本期无诉求。",
            ),
        ),
    ]
    hot_rows = []
    paras = []
    for i, h in enumerate(b.hot_topics, 1):
        hot_rows.append((i, h.matter, h.domain, h.count, h.previous, _chg(h.change_pct)))
        paras.append(f"（{i}）{h.matter}：{h.count} 件，环比 {_chg(h.change_pct)}。典型案例：")
        for n, t in zip(h.typical_cases, h.typical_texts, strict=False):
            paras.append(f"    · {n}：{t}")
    out.append(
        Section(
            "四、热点诉求",
            tuple(paras),
            ("序号", "事项", "领域", "件数", "上期", "环比"),
            tuple(hot_rows),
        )
    )
    review = tuple((r.label, r.count, "；".join(r.scopes[:5])) for r in b.alert_review)
    out.append(
        Section(
            "五、预警回顾",
            () if review else ("本期未产生预警。",),
            ("预警类型", "条数", "主要范围"),
            review,
        )
    )
    watch = tuple(
        (w.matter, w.last_year_count, f"{w.last_year_usual:.1f}", f"{w.ratio:.2f}")
        for w in b.next_week_watch
    )
    out.append(
        Section(
            f"六、{next_label}",
            (
                "依据去年同期：下列事项去年同期明显高于此前平常水平，请提前关注。"
                if watch
                else "去年同期没有明显上升的事项。",
            ),
            ("事项", "去年同期件数", "此前平常（每期）", "倍数"),
            watch,
        )
    )
    out.append(Section("七、工作建议", ("（由分析人员填写）",)))
    if candidates:
        out.append(
            Section(
                "八、“每月一题”候选",
                (),
                CANDIDATE_HEADERS,
                tuple(_candidate_row(c) for c in candidates),
            )
        )
    return tuple(out)


CANDIDATE_HEADERS = (
    "事项",
    "领域",
    "近12个月件数",
    "前12个月件数",
    "同比",
    "重复地址占比",
    "不满意率",
    "涉及单位数",
    "涉及单位",
)


def _candidate_row(c: MonthProblemCandidate) -> tuple[object, ...]:
    return (
        c.matter,
        c.domain,
        c.volume_12m,
        c.volume_prev_12m,
        _chg(c.yoy_pct),
        _pct(c.repeat_address_share_pct),
        _pct(c.dissatisfaction_pct),
        c.units_involved,
        "、".join(c.units[:8]),
    )


# -- renderers ------------------------------------------------------------------------------


def _cell(v: object) -> object:
    return sheet_escape(v) if isinstance(v, str) else v


def write_xlsx(doc: BriefDocument, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "简报"
    ws.append([doc.title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"统计时段：{doc.start:%Y-%m-%d} 至 {doc.end:%Y-%m-%d}"])
    for s in doc.sections:
        ws.append([])
        ws.append([s.title])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        for p in s.paragraphs:
            ws.append([_cell(p)])
            ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=False)
        if s.headers:
            ws.append(list(s.headers))
            for c in range(1, len(s.headers) + 1):
                ws.cell(ws.max_row, c).font = Font(bold=True)
            for r in s.rows:
                ws.append([_cell(v) for v in r])
    ws.column_dimensions["A"].width = 24
    if doc.candidates:
        cs = wb.create_sheet("每月一题候选")
        cs.append(list(CANDIDATE_HEADERS))
        for c in doc.candidates:
            cs.append([_cell(v) for v in _candidate_row(c)])
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    wb.save(tmp)
    tmp.replace(path)
    return path


def write_docx(doc: BriefDocument, path: Path) -> Path:
    try:
        import docx
        from docx.oxml.ns import qn
        from docx.shared import Pt
    except ImportError as exc:
        raise BriefError(
            "导出 .docx 需要 python-docx（pip install python-docx）；.xlsx 已可用。",
            "The .docx export needs python-docx (pip install python-docx); .xlsx works without it.",
        ) from exc
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")  # CJK text in a CJK font
    d.add_heading(doc.title, level=1)
    d.add_paragraph(f"统计时段：{doc.start:%Y-%m-%d} 至 {doc.end:%Y-%m-%d}")
    for s in doc.sections:
        d.add_heading(s.title, level=2)
        for p in s.paragraphs:
            d.add_paragraph(p)
        if s.headers:
            t = d.add_table(rows=1, cols=len(s.headers))
            t.style = "Table Grid"
            for i, h in enumerate(s.headers):
                t.rows[0].cells[i].text = str(h)
            for r in s.rows:
                cells = t.add_row().cells
                for i, v in enumerate(r):
                    cells[i].text = str(v)
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    d.save(str(tmp))
    tmp.replace(path)
    return path


def to_html(doc: BriefDocument) -> str:
    """The brief as one HTML page (the lead's preview and the README's rendered page)."""
    parts = [
        f"<h2 style='text-align:center'>{escape(doc.title)}</h2>",
        f"<p style='text-align:center;color:#555'>统计时段：{doc.start:%Y-%m-%d} 至 "
        f"{doc.end:%Y-%m-%d}</p>",
    ]
    for s in doc.sections:
        parts.append(f"<h3>{escape(s.title)}</h3>")
        parts.extend(f"<p>{escape(p)}</p>" for p in s.paragraphs)
        if s.headers:
            parts.append(
                "<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>"
                + "".join(f"<th bgcolor='#e8eef7'>{escape(str(h))}</th>" for h in s.headers)
                + "</tr>"
            )
            for r in s.rows:
                parts.append("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in r) + "</tr>")
            parts.append("</table>")
    return "<html><body style='font-size:11pt'>" + "".join(parts) + "</body></html>"


# -- PDF -------------------------------------------------------------------------------------

PDF_FONT_ENV = "SEAT_PDF_FONT"
"""A font file for the PDF (``path`` or ``path#index`` for a face of a .ttc collection)."""
KNOWN_CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian/Ubuntu fonts-noto-cjk
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",  # Fedora, Arch
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "%WINDIR%/Fonts/msyh.ttc",
    "%WINDIR%/Fonts/simsun.ttc",
    "%WINDIR%/Fonts/simhei.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)
_SIMPLIFIED = (
    "SC",
    "GB",
    "Hans",
    "Simplified",
    "YaHei",
    "SimSun",
    "SimHei",
    "WenQuanYi",
    "PingFang SC",
    "Heiti SC",
)
_INSTALL_ZH = (
    "请安装中文字体：Debian/Ubuntu 执行 sudo apt-get install fonts-noto-cjk，"
    "Fedora 执行 sudo dnf install google-noto-sans-cjk-fonts；Windows 自带微软雅黑/宋体；"
    f"或以环境变量 {PDF_FONT_ENV} 指定字体文件（.ttf/.otf/.ttc）。.xlsx 与 .docx 不受影响。"
)
_INSTALL_EN = (
    "Install a Chinese font: on Debian/Ubuntu sudo apt-get install fonts-noto-cjk, on "
    "Fedora sudo dnf install google-noto-sans-cjk-fonts (Windows has Microsoft YaHei "
    f"and SimSun), or name a font file (.ttf/.otf/.ttc) in {PDF_FONT_ENV}. "
    ".xlsx and .docx work without it."
)


@dataclass(frozen=True, slots=True)
class CjkFont:
    """One face of a font file that has every character of the brief."""

    path: Path
    index: int
    """The face in a .ttc/.otc collection (0 otherwise)."""
    name: str


def _font_candidates() -> Iterator[tuple[Path, int | None, str]]:
    """(file, face or None for "choose", style) in order of preference."""
    chosen = os.environ.get(PDF_FONT_ENV, "").strip()
    if chosen:
        path, _, index = chosen.partition("#")
        yield Path(path).expanduser(), int(index) if index.isdigit() else None, ""
        return  # the administrator's choice is the only one tried
    fc_list = shutil.which("fc-list")
    if fc_list:
        try:
            out = subprocess.run(
                [fc_list, ":lang=zh", "--format", "%{file}\t%{index}\t%{family}\t%{style}\n"],
                capture_output=True,
                text=True,
                timeout=20,
                check=False,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        found = []
        for line in out.splitlines():
            parts = line.split("\t")
            if len(parts) == 4 and parts[1].isdigit():
                file, index, family, style = parts
                simplified = any(m in family for m in _SIMPLIFIED)
                plain = style.split(",")[0] in ("Regular", "Book", "Normal", "Medium")
                rank = (not simplified, "Mono" in family, not plain, file, int(index))
                found.append((rank, Path(file), int(index), style))
        for _, path, index, style in sorted(found, key=lambda f: f[0]):
            yield path, index, style
    windir = os.environ.get("WINDIR", "C:/Windows")
    for known in KNOWN_CJK_FONTS:
        yield Path(known.replace("%WINDIR%", windir)), None, ""


def _open_face(path: Path, index: int | None, needed: set[str]):  # -> (TTFont, index) | None
    from fontTools.ttLib import TTCollection, TTFont, TTLibError  # an fpdf2 dependency

    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            faces = list(enumerate(TTCollection(str(path), lazy=True).fonts))
        else:
            faces = [(0, TTFont(str(path), lazy=True))]
    except (OSError, TTLibError, ValueError, KeyError):
        return None
    if index is not None:
        faces = [f for f in faces if f[0] == index]
    else:  # a collection: the Simplified Chinese face first
        faces.sort(key=lambda f: not any(m in _family(f[1]) for m in _SIMPLIFIED))
    for i, font in faces:
        try:
            cmap = font.getBestCmap() or {}
        except (TTLibError, KeyError, ValueError):
            continue
        if all(ord(ch) in cmap for ch in needed):
            return font, i
    return None


def _family(font) -> str:  # type: ignore[no-untyped-def]
    """The face's family name (Noto Sans CJK SC), the same for its regular and bold."""
    try:
        return str(font["name"].getDebugName(1) or "")
    except KeyError:
        return ""


def _is_bold(path: Path, style: str) -> bool:
    return "Bold" in (style or path.name)


def find_cjk_fonts(text: Iterable[str]) -> tuple[CjkFont, CjkFont]:
    """(regular, bold) faces that have every character of ``text``; the bold one is the
    regular one when the machine has no bold face of its family. :class:`BriefError`
    (saying what to install) when no font has them all."""
    needed = {ch for t in text for ch in t if not ch.isspace()}
    candidates = [c for c in _font_candidates() if c[0].is_file()]
    tried: list[str] = []
    regular: CjkFont | None = None
    for path, index, style in candidates:
        if _is_bold(path, style):
            continue
        opened = _open_face(path, index, needed)
        if opened is None:
            tried.append(str(path))
            continue
        regular = CjkFont(path, opened[1], _family(opened[0]))
        break
    if regular is None:
        if tried:
            sample = "".join(sorted(ch for ch in needed if not ch.isascii()))[:12]
            raise BriefError(
                f"找到的字体缺少简报中的字（简报用到“{sample}”等），导出的 PDF 会显示方框，"
                f"因此未导出：{'、'.join(tried[:3])}。{_INSTALL_ZH}",
                f"The fonts found lack characters of the brief (it uses {sample!r} and more); "
                f"the PDF would show empty boxes, so it was not written: "
                f"{', '.join(tried[:3])}. {_INSTALL_EN}",
            )
        raise BriefError(
            f"导出 PDF 需要中文字体，本机未找到。{_INSTALL_ZH}",
            f"The PDF export needs a Chinese font and none was found. {_INSTALL_EN}",
        )
    # its bold face: the file beside it (…-Regular -> …-Bold) or a bold face fc-list names
    sibling = regular.path.with_name(regular.path.name.replace("Regular", "Bold"))
    bolds = [(sibling, regular.index, "Bold")] if sibling != regular.path else []
    bolds += [c for c in candidates if _is_bold(c[0], c[2])]
    for path, index, _ in bolds:
        opened = path.is_file() and _open_face(path, index, needed)
        if opened and _family(opened[0]) == regular.name:
            return regular, CjkFont(path, opened[1], regular.name)
    return regular, regular


def _pdf_texts(doc: BriefDocument) -> Iterator[str]:
    yield doc.title
    yield f"统计时段：{doc.start:%Y-%m-%d} 至 {doc.end:%Y-%m-%d}第页—0123456789"
    for s in doc.sections:
        yield s.title
        yield from s.paragraphs
        yield from (str(h) for h in s.headers)
        yield from (str(v) for r in s.rows for v in r)


def write_pdf(doc: BriefDocument, path: Path) -> Path:
    """The brief as an A4 PDF with the CJK font it uses embedded (a subset)."""
    try:
        from fpdf import FPDF
        from fpdf.enums import WrapMode, XPos, YPos
        from fpdf.fonts import FontFace
    except ImportError as exc:
        raise BriefError(
            "导出 PDF 需要 fpdf2（pip install 'seat[analysis]' 或 pip install fpdf2）；"
            ".xlsx 与 .docx 已可用。",
            "The PDF export needs fpdf2 (pip install 'seat[analysis]' or pip install fpdf2); "
            ".xlsx and .docx work without it.",
        ) from exc
    regular, bold = find_cjk_fonts(_pdf_texts(doc))

    class _Brief(FPDF):  # type: ignore[misc]
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("cjk", "", 9)
            self.set_text_color(110)
            self.cell(0, 6, f"— {self.page_no()} —", align="C")

    pdf = _Brief(orientation="P", unit="mm", format="A4")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("cjk", "", str(regular.path), collection_font_number=regular.index)
    pdf.add_font("cjk", "B", str(bold.path), collection_font_number=bold.index)
    pdf.set_title(doc.title)
    pdf.set_creator("Seat")
    pdf.set_lang("zh-CN")
    pdf.add_page()
    char = WrapMode.CHAR  # Chinese breaks between any two characters
    line = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT, "wrapmode": char}
    pdf.set_font("cjk", "B", 16)
    pdf.multi_cell(0, 9, doc.title, align="C", **line)
    pdf.set_font("cjk", "", 10)
    pdf.set_text_color(85)
    pdf.multi_cell(0, 7, f"统计时段：{doc.start:%Y-%m-%d} 至 {doc.end:%Y-%m-%d}", align="C", **line)
    pdf.set_text_color(0)
    for s in doc.sections:
        pdf.ln(3)
        pdf.set_font("cjk", "B", 12.5)
        pdf.multi_cell(0, 8, s.title, align="L", **line)
        pdf.set_font("cjk", "", 10.5)
        for p in s.paragraphs:
            pdf.multi_cell(0, 6.2, p, align="L", **line)
        if s.headers and s.rows:  # a table with no row says nothing the paragraph doesn't
            pdf.ln(1.5)
            pdf.set_font("cjk", "", 9)
            heading = FontFace(emphasis="BOLD", fill_color=(232, 238, 247))
            with pdf.table(
                line_height=5.6,
                text_align="CENTER",
                wrapmode=char,
                headings_style=heading,
                padding=1,
            ) as table:
                table.row([str(h) for h in s.headers])
                for r in s.rows:
                    table.row([str(v) for v in r])
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    pdf.output(str(tmp))
    tmp.replace(path)
    return path


def export_brief(
    doc: BriefDocument, folder: Path, formats: Sequence[str] = ("xlsx", "docx")
) -> list[Path]:
    folder = Path(folder)
    if not folder.is_dir():
        raise BriefError(f"文件夹不存在：{folder}", f"No such folder: {folder}")
    stem = f"brief-{doc.period}-{doc.start:%Y%m%d}"
    out = []
    for fmt in formats:
        if fmt == "xlsx":
            out.append(write_xlsx(doc, folder / f"{stem}.xlsx"))
        elif fmt == "docx":
            out.append(write_docx(doc, folder / f"{stem}.docx"))
        elif fmt == "pdf":
            out.append(write_pdf(doc, folder / f"{stem}.pdf"))
        elif fmt == "html":
            p = folder / f"{stem}.html"
            p.write_text(to_html(doc), encoding="utf-8")
            out.append(p)
        else:
            raise BriefError(f"不支持的格式：{fmt}", f"Unsupported format: {fmt}")
    return out
