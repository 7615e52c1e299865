"""The Whoosh schema of the knowledge-base index and the entry -> document mapping.

Short fields (title, matter words, keywords) carry the strongest evidence and are boosted
at query time; long text (answer, procedure, materials) goes into ``body`` without
positions (no phrase queries are needed: this keeps the build and the index small).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from kb_index.analysis import ChineseTokenizer
from kb_index.pinyin import PinyinTokenizer

SCHEMA_VERSION = 3
"""Bump whenever fields change: an index with another schema version is outdated."""

STORED_FIELDS = (
    "id", "code", "kind", "title", "domain", "subcategory", "matter", "area", "unit",
    "answer", "keywords", "status",
)
"""What a search result carries without another lookup."""

LONG_TEXT_FIELDS = ("answer",)
"""Only the answer goes into ``body`` (accurate-mode words): every posting costs build time,
and procedure/materials words rarely decide which entry a caller needs."""


def make_schema() -> Schema:
    zh = ChineseTokenizer()
    return Schema(
        id=ID(stored=True, unique=True),
        code=KEYWORD(stored=True, lowercase=True),
        kind=ID(stored=True),
        domain=ID(stored=True),
        subcategory=ID(stored=True),
        matter=ID(stored=True, sortable=True),
        area=ID(stored=True, sortable=True),
        unit=ID(stored=True),
        status=ID(stored=True, sortable=True),
        title=TEXT(analyzer=zh, phrase=False, stored=True),
        matter_words=TEXT(analyzer=zh, phrase=False),
        keywords=TEXT(analyzer=zh, phrase=False, stored=True),
        body=TEXT(analyzer=ChineseTokenizer(search_mode=False), phrase=False),
        py=TEXT(analyzer=PinyinTokenizer(), phrase=False),
        answer=STORED(),
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def short_texts(entry: Mapping[str, Any]) -> tuple[str, str, str]:
    """(title, matter words, keywords): the texts of the pinyin field and vocabulary."""
    matter_words = " ".join(
        _text(entry.get(k)) for k in ("matter", "subcategory") if entry.get(k)
    )
    return _text(entry.get("title")), matter_words, _text(entry.get("keywords"))


def document(entry: Mapping[str, Any]) -> dict[str, str]:
    """The Whoosh document of a KB entry (a dict with ``id`` and the KB fields)."""
    title, matter_words, keywords = short_texts(entry)
    body = "\n".join(_text(entry.get(k)) for k in LONG_TEXT_FIELDS if entry.get(k))
    return {
        "id": _text(entry["id"]),
        "code": _text(entry.get("code")),
        "kind": _text(entry.get("kind")),
        "domain": _text(entry.get("domain")),
        "subcategory": _text(entry.get("subcategory")),
        "matter": _text(entry.get("matter")),
        "area": _text(entry.get("area")),
        "unit": _text(entry.get("unit")),
        "status": _text(entry.get("status")),
        "title": title,
        "matter_words": matter_words,
        "keywords": keywords,
        "body": body,
        "py": "\n".join((title, matter_words, keywords)),
        "answer": _text(entry.get("answer")),
    }
