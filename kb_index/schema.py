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
from kb_index.validity import iso

SCHEMA_VERSION = 5
"""Bump whenever fields change: an index with another schema version is outdated."""

TOKEN_FIELDS = ("title", "matter_words", "keywords", "body")
"""Fields whose tokens are computed once at build time and handed to Whoosh as lists."""

MAX_DF_SHARE: dict[str, float] = {"body": 0.08, "title": 0.3, "keywords": 0.3}
"""Terms in more than this share of entries say little and cost much: a full build leaves
them out of that field (recorded in ``DROPPED_FILE`` so updates leave them out too), and
the searcher skips any that grow past the share later."""

DROPPED_FILE = "dropped_terms.json"

STORED_FIELDS = (
    "id", "code", "kind", "title", "domain", "subcategory", "matter", "area", "unit",
    "answer", "keywords", "status", "valid_from", "valid_to",
)
"""What a search result carries without another lookup."""

LONG_TEXT_FIELDS = ("answer",)
"""Only the answer goes into ``body`` (accurate-mode words): every posting costs build time,
and procedure/materials words rarely decide which entry a caller needs."""


def _unscored(field: TEXT) -> TEXT:
    """No per-document field lengths: the searcher scores without length normalization,
    so storing and reading lengths would only cost build time."""
    field.scorable = False
    return field


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
        valid_from=ID(stored=True, sortable=True),
        valid_to=ID(stored=True, sortable=True),
        title=_unscored(TEXT(analyzer=zh, phrase=False, stored=True)),
        matter_words=_unscored(TEXT(analyzer=zh, phrase=False)),
        keywords=_unscored(TEXT(analyzer=zh, phrase=False, stored=True)),
        body=_unscored(TEXT(analyzer=ChineseTokenizer(search_mode=False), phrase=False)),
        answer=STORED(),
    )


def analyze(doc: dict[str, Any], schema: Schema) -> dict[str, Any]:
    """Replace the token fields' texts of ``doc`` by their token lists (in place)."""
    for field in TOKEN_FIELDS:
        fieldobj = schema[field]
        text = doc[field]
        if fieldobj.stored:  # store the text, index the tokens
            doc["_stored_" + field] = text
        doc[field] = [t.text for t in fieldobj.analyzer(text)]
    return doc


def drop_terms(doc: dict[str, Any], dropped: Mapping[str, set[str] | frozenset[str]]) -> None:
    """Leave the dropped terms out of an analyzed document's token lists (in place)."""
    for field, terms in dropped.items():
        if terms:
            doc[field] = [t for t in doc[field] if t not in terms]


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def short_texts(entry: Mapping[str, Any]) -> tuple[str, str, str]:
    """(title, matter words, keywords): the texts of the pinyin vocabulary."""
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
        "valid_from": iso(entry.get("valid_from")),
        "valid_to": iso(entry.get("valid_to")),
        "title": title,
        "matter_words": matter_words,
        "keywords": keywords,
        "body": body,
        "answer": _text(entry.get("answer")),
    }
