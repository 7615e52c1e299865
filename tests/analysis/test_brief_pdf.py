"""The brief as PDF (issue 17): a real CJK font embedded (a subset), the layout's headings in
the text, and no PDF at all (a clear message saying what to install) when the machine has
no font with every character of the brief -- never a PDF of empty boxes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from seat_app.cli import main
from seat_app.services.analysis import brief_export
from seat_app.services.analysis.brief_export import BriefError, build_brief, export_brief
from seat_app.services.analysis.case_import import import_cases
from seat_app.services.dispatch.grid_import import demo_grid_path
from seat_app.services.dispatch.service import import_grid
from seat_app.services.store.engine import make_engine, upgrade
from tests.analysis.helpers import good_row, write_csv

pytestmark = pytest.mark.analysis

HEADINGS = (
    "一、受理概况",
    "二、诉求分类",
    "三、诉求量前五位的领域",
    "四、热点诉求",
    "五、预警回顾",
    "六、下周关注",
    "七、工作建议",
)


@pytest.fixture
def engine(seat_home, tmp_path):
    from seat_app.services import config

    eng = make_engine(config.open_home().central_url)
    upgrade(eng)
    assert import_grid(eng, demo_grid_path()).ok
    rows = [
        good_row(
            i,
            受理时间=f"2024-04-{8 + i % 7:02d} 10:00",
            事项="停水",
            诉求内容=f"康馨小区{i}号楼停水了，什么时候来水？“急”",
        )
        for i in range(6)
    ]
    rows += [
        good_row(
            i,
            受理时间="2024-04-10 21:00",
            事项="社会生活噪声",
            诉求内容="楼下广场舞太吵了。",
            渠道="APP",
            来电号码="",
        )
        for i in range(6, 9)
    ]
    rows += [
        good_row(i, 受理时间="2024-04-03 09:00", 事项="停水", 诉求内容="停水了。")
        for i in range(10, 15)
    ]
    assert import_cases(eng, write_csv(tmp_path / "w.csv", rows)).ok
    yield eng
    eng.dispose()


def _embedded_fonts(path: Path) -> list[tuple[str, str, int]]:
    """(font name, FontFile key, embedded bytes) of every font the pages use."""
    out = []
    for page in PdfReader(str(path)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            for desc in [d.get_object() for d in font.get("/DescendantFonts", [font])]:
                fd = desc.get("/FontDescriptor")
                if fd is None:
                    out.append((str(desc.get("/BaseFont")), "", 0))
                    continue
                fd = fd.get_object()
                key = next((k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in fd), "")
                size = len(fd[key].get_object().get_data()) if key else 0
                out.append((str(desc.get("/BaseFont")), key, size))
    return out


def _text(path: Path) -> str:
    """The PDF's text by its ToUnicode maps (pypdf puts a NUL before each character of
    fpdf2's two-byte CID codes; pdftotext reads the same file without them)."""
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages).replace("\x00", "")


def test_the_pdf_embeds_its_cjk_font_and_says_the_brief(engine, tmp_path):
    doc = build_brief(engine, "week", date(2024, 4, 10))
    (path,) = export_brief(doc, tmp_path, ("pdf",))
    assert path.name == "brief-week-20240408.pdf" and path.read_bytes().startswith(b"%PDF-")
    fonts = _embedded_fonts(path)
    assert fonts, "the pages use fonts"
    assert all(key and size > 1000 for _, key, size in fonts), fonts  # every font embedded
    assert any(
        "CJK" in name or "Hei" in name or "Song" in name or "Ming" in name for name, _, _ in fonts
    ), fonts
    text = _text(path)
    for heading in (*HEADINGS, doc.title, "共受理群众诉求 9 件"):
        assert heading in text, heading
    assert "康馨小区" in text and "社会生活噪声" in text
    assert not list(tmp_path.glob("*.part"))


def test_the_command_writes_the_pdf(engine, tmp_path, capsys):
    assert (
        main(
            [
                "analysis",
                "brief",
                "--week",
                "2024-04-10",
                "--format",
                "pdf",
                "--format",
                "xlsx",
                "--out",
                str(tmp_path),
            ]
        )
        == 0
    )
    assert (tmp_path / "brief-week-20240408.pdf").stat().st_size > 5000
    assert (tmp_path / "brief-week-20240408.xlsx").exists()
    assert "brief-week-20240408.pdf" in capsys.readouterr().out


def _no_fonts(monkeypatch, tmp_path):
    monkeypatch.delenv(brief_export.PDF_FONT_ENV, raising=False)
    monkeypatch.setattr(brief_export, "KNOWN_CJK_FONTS", ())
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no fc-list


def test_no_cjk_font_means_no_pdf_and_says_what_to_install(engine, tmp_path, monkeypatch, capsys):
    doc = build_brief(engine, "week", date(2024, 4, 10))
    _no_fonts(monkeypatch, tmp_path)
    with pytest.raises(BriefError) as err:
        export_brief(doc, tmp_path, ("pdf",))
    assert "fonts-noto-cjk" in err.value.zh and "fonts-noto-cjk" in err.value.en
    assert "SEAT_PDF_FONT" in err.value.en
    assert not list(tmp_path.glob("*.pdf*"))
    assert (
        main(
            [
                "--lang",
                "en",
                "analysis",
                "brief",
                "--week",
                "2024-04-10",
                "--format",
                "pdf",
                "--out",
                str(tmp_path),
            ]
        )
        == 1
    )
    assert "needs a Chinese font" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.pdf*"))


def _latin_only_font(path: Path) -> Path:
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def box():
        pen = TTGlyphPen(None)
        pen.moveTo((100, 0))
        pen.lineTo((100, 600))
        pen.lineTo((500, 600))
        pen.lineTo((500, 0))
        pen.closePath()
        return pen.glyph()

    names = [".notdef", *(f"g{c}" for c in range(32, 127))]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({c: f"g{c}" for c in range(32, 127)})
    fb.setupGlyf({n: box() for n in names})
    fb.setupHorizontalMetrics({n: (600, 100) for n in names})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "Latin Only", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    fb.save(str(path))
    return path


def test_a_font_without_the_chinese_characters_is_refused_not_used(engine, tmp_path, monkeypatch):
    doc = build_brief(engine, "week", date(2024, 4, 10))
    _no_fonts(monkeypatch, tmp_path)
    font = _latin_only_font(tmp_path / "latin.ttf")
    monkeypatch.setenv(brief_export.PDF_FONT_ENV, str(font))
    with pytest.raises(BriefError) as err:
        export_brief(doc, tmp_path, ("pdf",))
    assert "empty boxes" in err.value.en and "latin.ttf" in err.value.en
    assert "方框" in err.value.zh
    assert not list(tmp_path.glob("*.pdf*"))
    # the same font named with a face index is read the same way; a missing file is "none"
    monkeypatch.setenv(brief_export.PDF_FONT_ENV, str(tmp_path / "nope.ttf"))
    with pytest.raises(BriefError, match=r"没有|未找到"):
        export_brief(doc, tmp_path, ("pdf",))


def test_the_font_named_in_the_environment_is_the_one_used(engine, tmp_path, monkeypatch):
    regular, _ = brief_export.find_cjk_fonts(["受理概况"])
    monkeypatch.setenv(brief_export.PDF_FONT_ENV, f"{regular.path}#{regular.index}")
    doc = build_brief(engine, "week", date(2024, 4, 10))
    chosen, _ = brief_export.find_cjk_fonts(brief_export._pdf_texts(doc))
    assert (chosen.path, chosen.index) == (regular.path, regular.index)
    (path,) = export_brief(doc, tmp_path, ("pdf",))
    assert all(key for _, key, _ in _embedded_fonts(path))
