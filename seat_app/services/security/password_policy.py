"""The password policy (NIST SP 800-63B style: length and a blocklist, no composition rules).

Every path that sets a password (``seat-admin user add``, ``user reset``, in-app user
management, ``demo init``) calls ``check_password``. A password is refused, with the reason
in Chinese and English, when it:

- is shorter than ``MIN_LENGTH`` (10) characters or longer than ``MAX_LENGTH`` (128);
- contains control characters, or is only whitespace;
- is one character repeated, a run of one short unit ("abcabcabc"), or an ascending or
  descending sequence ("1234567890", "zyxwvutsrq");
- is a common or breached password (``resources/security/common_passwords.txt``: the
  zxcvbn package's frequency list plus a few hand-added ones), compared lower-cased, whole,
  and with digits/symbols removed from its ends ("Password2026!" is "password");
- is built on the user's work number, name or the name's pinyin: without them (and without
  digits/symbols at the ends) fewer than ``PERSONAL_REST`` (6) characters remain
  ("10011001", "wanghuawu2026");
- is the published demo password, except when ``demo init`` creates the demo users.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

from seat_app.domain.roles import InputRefused
from seat_app.services import config

MIN_LENGTH = 10
MAX_LENGTH = 128
PERSONAL_REST = 6
"""Without the work number, the name and its pinyin, this many characters must remain."""
DEMO_PASSWORD = "seat-demo-12345"
"""The password printed by ``seat-admin demo init`` (seat_app.demo.home.DEMO_PASSWORD)."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ENDS = re.compile(r"^[\W\d_]+|[\W\d_]+$")
_SEPARATORS = re.compile(r"[\s\-_.·,]+")


def _refuse(zh: str, en: str) -> InputRefused:
    return InputRefused("password", zh, en)


@functools.lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    path = config.resources_dir() / "security" / "common_passwords.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(s for s in (line.strip() for line in lines) if s and not s.startswith("#"))


def _is_sequence(text: str) -> bool:
    if len(text) < 3:
        return False
    steps = {ord(b) - ord(a) for a, b in itertools.pairwise(text)}
    return steps in ({1}, {-1})


def _is_repeated_unit(text: str) -> bool:
    for size in range(1, min(4, len(text) // 2) + 1):
        unit = text[:size]
        if unit * (len(text) // size) + unit[: len(text) % size] == text:
            return True
    return False


def _name_forms(name: str) -> set[str]:
    name = name.strip()
    forms: set[str] = set()
    if len(name) >= 2:
        forms.add(name.lower())
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # pragma: no cover - pypinyin is a dependency
        return forms
    if any("\u4e00" <= ch <= "\u9fff" for ch in name):
        syllables = [s.lower() for s in lazy_pinyin(name) if s.strip()]
        full = "".join(syllables)
        if len(full) >= 4:
            forms.add(full)
        given = "".join(syllables[1:])
        if len(given) >= 4:
            forms.add(given)
    return {f for f in forms if f}


def check_password(
    password: str, *, work_no: str = "", name: str = "", allow_demo: bool = False
) -> str:
    """Return ``password`` or raise ``InputRefused`` (field ``password``) with the reason."""
    if not isinstance(password, str):
        raise _refuse("密码必须是文字。", "A password must be text.")
    if any(0xD800 <= ord(c) <= 0xDFFF for c in password):
        raise _refuse("密码含有无法识别的字符（不是有效的 UTF-8 文字）。",
                      "A password contains characters that are not valid text (not UTF-8).")
    if _CONTROL.search(password):
        raise _refuse("密码不能包含控制字符。", "A password cannot contain control characters.")
    if not password.strip():
        raise _refuse("密码不能全是空格。", "A password cannot be only spaces.")
    length = len(password)
    if length < MIN_LENGTH:
        raise _refuse(f"密码至少 {MIN_LENGTH} 个字符（现在 {length} 个）。",
                      f"A password has at least {MIN_LENGTH} characters (this one has {length}).")
    if length > MAX_LENGTH:
        raise _refuse(f"密码最多 {MAX_LENGTH} 个字符。",
                      f"A password has at most {MAX_LENGTH} characters.")
    if password == DEMO_PASSWORD and not allow_demo:
        raise _refuse("不能使用公开的演示密码（它只用于演示数据）。",
                      "The published demo password is only for demo data; choose another.")
    folded = unicodedata.normalize("NFKC", password).lower()
    compact = re.sub(r"\s+", "", folded)
    if _is_repeated_unit(compact) or _is_sequence(compact):
        raise _refuse("密码不能是重复的字符或连续序列（如 1234567890、aaaaaaaaaa）。",
                      "A password cannot be a repeated character or a sequence "
                      "(like 1234567890 or aaaaaaaaaa).")
    blocked = common_passwords()
    stem = _ENDS.sub("", folded)
    if folded in blocked or compact in blocked or (len(stem) >= 4 and stem in blocked):
        raise _refuse("这是常见或已泄露的密码，请换一个不易猜到的。",
                      "This is a common or breached password; choose one that is hard to guess.")
    rest = folded
    work = work_no.strip().lower()
    if len(work) >= 3 and work in folded:
        rest = rest.replace(work, "")
        if len(_ENDS.sub("", rest)) < PERSONAL_REST:
            raise _refuse("密码不能以工号为主（去掉工号后剩下的太短）。",
                          "A password cannot be built on the work number (too little is left "
                          "without it).")
    letters = _SEPARATORS.sub("", rest)
    for form in sorted(_name_forms(name), key=len, reverse=True):
        if form in letters:
            letters = letters.replace(form, "")
            if len(_ENDS.sub("", letters)) < PERSONAL_REST:
                raise _refuse("密码不能以姓名或姓名拼音为主（去掉后剩下的太短）。",
                              "A password cannot be built on the name or its pinyin (too "
                              "little is left without it).")
    return password
