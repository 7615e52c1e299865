"""Pure rules for "is this text safe to store and to show" (no Qt, no database).

One place for the checks every text that enters Seat goes through — case fields, knowledge
base imports, grid imports — so they refuse the same characters with the same reasons:

* lone surrogates (U+D800–U+DFFF): not valid Unicode, cannot be encoded as UTF-8 (SQLite
  stores them only by accident, PostgreSQL and every exporter fail on them);
* NUL and every other C0 control character except tab, line feed and carriage return, DEL and
  the C1 controls (U+007F–U+009F): invisible, PostgreSQL refuses NUL in text, XML (xlsx) cannot
  hold most C0 controls at all;
* bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make a
  text read differently from what it holds (the "Trojan source" trick);
* line breaks and tabs (also U+2028, U+2029, U+0085) in one-line fields.

``text_problem`` says what is wrong (Chinese and English, with the character's position and
code point) or returns None; ``is_blank`` says whether a text shows nothing at all (only spaces
and zero-width characters).

Spreadsheet formula injection (OWASP "CSV injection"): a cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is run as a formula by Excel, LibreOffice and WPS when
a CSV is opened. Such text is a citizen's or a maintainer's words and is stored as it is;
exports to CSV pass every cell through ``sheet_escape`` (one leading ``'`` added) and CSV
imports through ``sheet_unescape`` (that one ``'`` removed), so an export always re-imports to
the same text. The pair is exact for every string: a text that already starts with quotes
followed by a trigger character gets one more quote, and only that one is taken away.
"""

from __future__ import annotations

import re

__all__ = [
    "FORMULA_TRIGGERS",
    "ZERO_WIDTH",
    "is_blank",
    "sheet_escape",
    "sheet_unescape",
    "text_problem",
]

ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u180e\u00ad")
"""Characters that show nothing: a field made only of these (and spaces) is empty."""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP)."""

_SURROGATE = re.compile("[\ud800-\udfff]")
_C0_C1 = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile("[\t\n\r\u2028\u2029\x85]")


def _at(text: str, index: int) -> tuple[str, str]:
    code = f"U+{ord(text[index]):04X}"
    return f"第 {index + 1} 个字（{code}）", f"character {index + 1} ({code})"


def text_problem(label: str, label_en: str, text: str, *, multiline: bool = False
                 ) -> tuple[str, str] | None:
    """What is wrong with ``text`` as the value of the field ``label`` — (zh, en) — or None.

    ``label``/``label_en`` name the field in the message (e.g. "第 3 行“标题”", "row 3,
    column 'title'"). ``multiline`` allows tab, line feed and carriage return (long texts).
    """
    m = _SURROGATE.search(text)
    if m:
        zh, en = _at(text, m.start())
        return (f"{label}含有无法保存的字符：{zh}，请删除后重新输入。",
                f"{label_en} holds a character that cannot be stored: {en}; delete it and "
                "type again.")
    m = _C0_C1.search(text)
    if m:
        zh, en = _at(text, m.start())
        return (f"{label}含有不可见的控制字符：{zh}。",
                f"{label_en} holds an invisible control character: {en}.")
    m = _BIDI.search(text)
    if m:
        zh, en = _at(text, m.start())
        return (f"{label}含有改变文字方向的字符：{zh}。",
                f"{label_en} holds a text-direction override: {en}.")
    if not multiline:
        m = _LINE_BREAK.search(text)
        if m:
            zh, en = _at(text, m.start())
            return (f"{label}只能是一行文字，不能含换行或制表符：{zh}。",
                    f"{label_en} must be one line, without line breaks or tabs: {en}.")
    return None


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing: only spaces and zero-width characters."""
    return not "".join(ch for ch in text if ch not in ZERO_WIDTH).strip()


def _quoted_trigger(text: str) -> bool:
    """True when ``text`` is zero or more ``'`` followed by a formula trigger."""
    rest = text.lstrip("'")
    return bool(rest) and rest[0] in FORMULA_TRIGGERS


def sheet_escape(text: str) -> str:
    """``text`` safe for a CSV cell: one ``'`` added before a formula trigger (OWASP)."""
    return "'" + text if _quoted_trigger(text) else text


def sheet_unescape(text: str) -> str:
    """The inverse of ``sheet_escape``: one leading ``'`` removed before a trigger."""
    if text.startswith("'") and _quoted_trigger(text[1:]):
        return text[1:]
    return text
