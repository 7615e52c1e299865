"""Text files people bring to Seat (batch files of ``intake suggest`` and ``kb search``, CSV
and JSON imports of the knowledge base and the training library): one reader, one policy.

Accepted encodings, in this order:

* UTF-8, with or without a byte-order mark;
* UTF-16 with a byte-order mark (what "Unicode text" in Excel and Notepad writes);
* GBK / GB18030, when the file is unambiguous: it is not valid UTF-8, it decodes as GB18030
  without error, and it reads as Chinese text (no control or private-use characters, and at
  least 90 % of its non-ASCII characters are in GB 2312, the common set every GBK system
  writes). Old case and knowledge systems of a hotline's data room export GBK, so refusing
  it would send people to re-save every file; a Big5, Shift-JIS or Latin-1 file that
  happens to decode as GB18030 reads as rare characters and is refused.

Anything else (a binary file, UTF-16 without a mark, a mix of encodings) is refused with
``TextFileRefused``: the file, what is wrong, the line where it goes wrong, and "save it as
UTF-8" (Chinese and English). Nothing is read further and nothing is changed.

    text, encoding = decode(path.read_bytes(), path)     # the whole text
    lines = read_lines(path, max_chars=MAX_LINE_CHARS)   # a batch file, one item a line
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from seat_app.domain.messages import UserMessage

MAX_LINE_CHARS = 20_000
"""Longest line of a batch file (a written request is a few hundred characters)."""
MAX_BATCH_BYTES = 100 * 1024 * 1024
"""Largest batch file read (a day of written requests is a few megabytes)."""
GB2312_SHARE = 0.9
"""Share of the non-ASCII characters that must be common (GB 2312) ones for a GBK guess."""

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff]")
_SAVE_AS = (
    "请在编辑器或表格软件中“另存为” UTF-8 编码后重试",
    'save it as UTF-8 ("Save as" in the editor or spreadsheet) and try again',
)


class TextFileRefused(UserMessage):
    """A text file Seat will not read: which file, what is wrong, where (zh/en)."""

    def __init__(self, path: str | Path, zh: str, en: str, line: int | None = None) -> None:
        name = Path(path).name if str(path) else "-"
        where_zh = f"第 {line} 行：" if line else ""
        where_en = f"line {line}: " if line else ""
        super().__init__(
            f"无法读取文件 {name}：{where_zh}{zh}", f"Cannot read {name}: {where_en}{en}"
        )
        self.path = str(path)
        self.line = line
        self.reason = (f"{where_zh}{zh}", f"{where_en}{en}")
        """What is wrong without the file's name (zh, en): for callers that name it."""


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _nul_line(text: str) -> int | None:
    at = text.find("\x00")
    return None if at < 0 else text.count("\n", 0, at) + 1


def _reads_as_chinese(text: str) -> bool:
    if _UNSAFE.search(text.replace("\x00", "")):  # NUL is said on its own
        return False
    wide = Counter(ch for ch in text if ord(ch) > 0x7F)
    total = sum(wide.values())
    if not total:
        return True
    common = 0
    for ch, n in wide.items():
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += n
    return common >= GB2312_SHARE * total


def decode(
    data: bytes, path: str | Path = "", *, nul_after_first_line: bool = False
) -> tuple[str, str]:
    """(text, encoding name) of ``data`` by the policy above, or ``TextFileRefused``.

    A NUL is refused with its line (a binary file, or UTF-16 without a mark), except that
    with ``nul_after_first_line`` a NUL below the first line is left in the text for a
    row-by-row check to refuse with its row and column (the CSV import does that)."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = ""
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise TextFileRefused(
                path,
                f"文件开头标明是 {encoding.upper()} 编码，但内容不是（第 {exc.start} 字节）；"
                f"{_SAVE_AS[0]}",
                f"the file is marked as {encoding.upper()} but is not (byte {exc.start}); "
                f"{_SAVE_AS[1]}",
                _line_of(data, exc.start),
            ) from None
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            utf8_error = exc
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                text = ""
            if not text or not _reads_as_chinese(text):
                line = _line_of(data, utf8_error.start)
                raise TextFileRefused(
                    path,
                    "文件不是 UTF-8 编码，也不是可以确定的 GBK/GB18030 中文文本"
                    f"（第 {utf8_error.start + 1} 字节起无法识别，可能是二进制文件或其他编码）；"
                    f"{_SAVE_AS[0]}",
                    f"the file is neither UTF-8 nor unambiguous GBK/GB18030 Chinese text "
                    f"(unreadable from byte {utf8_error.start + 1}: a binary file or another "
                    f"encoding); {_SAVE_AS[1]}",
                    line,
                ) from None
    line = _nul_line(text)
    if line is not None and not (nul_after_first_line and line > 1):
        raise TextFileRefused(
            path,
            f"含有空字符 NUL（二进制文件，或没有字节序标记的 UTF-16）；{_SAVE_AS[0]}",
            f"it holds a NUL character (a binary file, or UTF-16 without a byte-order "
            f"mark); {_SAVE_AS[1]}",
            line,
        )
    return text, encoding


def read_lines(
    path: str | Path, *, max_chars: int = MAX_LINE_CHARS, max_bytes: int = MAX_BATCH_BYTES
) -> list[str]:
    """The lines of a batch file (line ends removed; blank lines kept so that output line N
    answers input line N). Refuses (``TextFileRefused``) a missing or unreadable file, a
    file over ``max_bytes``, a bad encoding (above) and a line over ``max_chars``
    characters, naming the line; ``OSError`` never escapes."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise TextFileRefused(p, "这是一个文件夹，不是文件", "it is a folder, not a file")
        if size > max_bytes:
            raise TextFileRefused(
                p,
                f"文件过大（{size // 1048576} MB，最多 {max_bytes // 1048576} MB），请分成几个文件",
                f"the file is too large ({size // 1048576} MB, at most "
                f"{max_bytes // 1048576} MB); split it into several files",
            )
        data = p.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise TextFileRefused(
            p, f"文件无法打开（{reason}）", f"the file cannot be opened ({reason})"
        ) from None
    text, _encoding = decode(data, p)
    lines = text.split("\n")  # not splitlines(): U+2028, \x0c... stay inside their line
    if lines and lines[-1] == "":
        lines.pop()
    lines = [line.removesuffix("\r") for line in lines]
    for number, line in enumerate(lines, start=1):
        if len(line) > max_chars:
            raise TextFileRefused(
                p,
                f"这一行过长（{len(line)} 字，每行最多 {max_chars} 字）；没有处理任何一行",
                f"the line is too long ({len(line)} characters, at most {max_chars} a line); "
                "no line was processed",
                number,
            )
    return lines


def read_batch(
    path: str | Path,
    *,
    is_area: Callable[[str], bool] | None = None,
    max_chars: int = MAX_LINE_CHARS,
) -> list[tuple[str, str]]:
    """A batch file of ``intake suggest --batch`` and ``kb search --batch``: one item a
    line, ``TEXT`` or ``TEXT<TAB>AREA``; (text, area) pairs, area "" when none. Refuses
    (``TextFileRefused``) what ``read_lines`` refuses, an empty file, and - with ``is_area``
    - every unknown area, naming the lines (nothing is processed then)."""
    lines = read_lines(path, max_chars=max_chars)
    if not any(line.strip() for line in lines):
        raise TextFileRefused(
            path, "文件是空的，没有任何一行内容", "the file is empty (no line to process)"
        )
    out: list[tuple[str, str]] = []
    bad: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        text, _tab, area = line.partition("\t")
        area = area.strip()
        if area and is_area is not None and not is_area(area):
            bad.append((number, area))
        out.append((text, area))
    if bad:
        shown = bad[:10]
        more_zh = f" 等 {len(bad)} 处" if len(bad) > len(shown) else ""
        more_en = f" ({len(bad)} in all)" if len(bad) > len(shown) else ""
        raise TextFileRefused(
            path,
            "未知的区域："
            + "；".join(f"第 {n} 行「{a}」" for n, a in shown)
            + more_zh
            + "；没有处理任何一行",
            "unknown area: "
            + "; ".join(f"line {n} {a!r}" for n, a in shown)
            + more_en
            + "; no line was processed",
        )
    return out
