"""The one reader of the text files people bring (services/kb/textfile.py): UTF-8 with or
without a BOM, UTF-16 with a BOM and unambiguous GBK/GB18030 are read; UTF-16 without a
BOM, binary files, Big5/Shift-JIS/Latin-1 bytes, a NUL, an overlong line and an empty batch
are refused naming the file and the line, in Chinese and English."""

from __future__ import annotations

import random

import pytest

from seat_app.domain.taxonomy import is_area
from seat_app.services.kb.textfile import TextFileRefused, decode, read_batch, read_lines

TEXT = "楼下饭店油烟直排，晚上睡不着\t盐湖区\n自来水停了两天，水龙头一滴水都没有\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gbk", "gb18030"])
def test_accepted_encodings_read_the_same_text(encoding):
    text, used = decode(TEXT.encode(encoding), "a.txt")
    assert text == TEXT
    assert used in ("utf-8", "utf-8-sig", "utf-16", "gb18030")


@pytest.mark.parametrize(
    ("name", "data", "line"),
    [
        ("utf16-no-bom.txt", TEXT.encode("utf-16-le"), 1),
        ("big5.txt", "臺北市政府\n".encode("big5"), 1),
        ("sjis.txt", "東京都の水道が止まった\n".encode("shift_jis"), 1),
        ("latin1.txt", "ok\ncafé résumé\n".encode("latin-1"), 2),
        ("random.bin", random.Random(1).randbytes(4096).replace(b"\n", b"") + b"\xff", 1),
        ("nul.txt", "第一行\n第二\x00行\n".encode(), 2),
    ],
)
def test_refused_with_file_line_and_save_as_utf8(name, data, line):
    with pytest.raises(TextFileRefused) as refused:
        decode(data, f"/data/{name}")
    exc = refused.value
    assert exc.line == line
    assert name in exc.zh and name in exc.en
    assert f"第 {line} 行" in exc.zh and f"line {line}" in exc.en
    assert "UTF-8" in exc.zh and "save it as UTF-8" in exc.en


def test_gbk_mixed_with_utf8_is_refused():
    data = "第一行\n".encode() + "第二行\n".encode("gbk")
    with pytest.raises(TextFileRefused) as refused:
        decode(data, "mixed.txt")
    assert refused.value.line == 2


def test_nul_below_the_first_line_can_be_left_to_the_row_checks():
    text, _ = decode("编号,标题\nA,水\x00费\n".encode(), "a.csv", nul_after_first_line=True)
    assert "\x00" in text
    with pytest.raises(TextFileRefused):
        decode("编\x00号,标题\n".encode(), "a.csv", nul_after_first_line=True)


def test_read_lines_keeps_blank_lines_and_unicode_separators(tmp_path):
    path = tmp_path / "b.txt"
    path.write_bytes("一\r\n\r\n二\u2028仍是第二行\n".encode())
    assert read_lines(path) == ["一", "", "二\u2028仍是第二行"]


def test_overlong_line_is_refused_with_its_number(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("短\n" + "水" * 50 + "\n", "utf-8")
    with pytest.raises(TextFileRefused) as refused:
        read_lines(path, max_chars=40)
    assert refused.value.line == 2 and "50" in refused.value.en


def test_missing_folder_and_oversized_files(tmp_path):
    with pytest.raises(TextFileRefused) as missing:
        read_lines(tmp_path / "nope.txt")
    assert "nope.txt" in missing.value.en
    with pytest.raises(TextFileRefused) as folder:
        read_lines(tmp_path)
    assert "folder" in folder.value.en
    big = tmp_path / "big.txt"
    big.write_bytes(b"a\n" * 1000)
    with pytest.raises(TextFileRefused) as large:
        read_lines(big, max_bytes=100)
    assert "too large" in large.value.en


def test_batch_pairs_empty_file_and_unknown_areas(tmp_path):
    path = tmp_path / "batch.txt"
    path.write_text("烟囱冒黑烟\t盐湖区\n\n水\n", "utf-8")
    assert read_batch(path, is_area=is_area) == [("烟囱冒黑烟", "盐湖区"), ("", ""), ("水", "")]
    for content in ("", "\n\n  \n"):
        path.write_text(content, "utf-8")
        with pytest.raises(TextFileRefused) as empty:
            read_batch(path)
        assert "empty" in empty.value.en and "空" in empty.value.zh
    path.write_text("停水\t火星区\n停电\t盐湖区\n噪声\t月球区\n", "utf-8")
    with pytest.raises(TextFileRefused) as bad:
        read_batch(path, is_area=is_area)
    assert "line 1 '火星区'" in bad.value.en and "line 3 '月球区'" in bad.value.en
    assert "第 1 行「火星区」" in bad.value.zh
    assert read_batch(path) == [("停水", "火星区"), ("停电", "盐湖区"), ("噪声", "月球区")]
