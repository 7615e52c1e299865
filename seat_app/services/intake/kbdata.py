"""What the knowledge base knows per matter, as training text: the taxonomy's names, the demo
KB inputs (``resources/kb/demo/matters.toml``: how callers say each matter, its typical
situations) and the synonym layer (caller phrase -> matter). Also a small KB (entries in the
kb_index shape) built from the same file, for the KB-search routing baseline and tests."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from kb_index import synonyms as synonyms_mod
from seat_app.domain.taxonomy import AREAS, MATTERS, is_matter
from seat_app.services.config import resources_dir


def matters_toml() -> Path:
    return resources_dir() / "kb" / "demo" / "matters.toml"


@lru_cache(maxsize=4)
def _load(path: str) -> dict[str, Any]:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def _split(value: str, sep: str) -> list[str]:
    return [p.strip() for p in (value or "").split(sep) if p.strip()]


def kb_phrases(path: Path | None = None,
               synonyms: synonyms_mod.Synonyms | None = None) -> Iterator[tuple[str, str, str]]:
    """(text, matter, source) for every phrase the KB knows: matter and subcategory names,
    callers' sayings, typical situations, and synonym phrases that lead to a matter."""
    data = _load(str(path or matters_toml()))
    for m in MATTERS:
        yield m.name, m.name, "name"
        yield f"{m.subcategory}{m.name}", m.name, "name"
        info = data.get("matter", {}).get(m.name, {})
        for say in _split(info.get("say", ""), "、"):
            yield say, m.name, "say"
        for case in _split(info.get("cases", ""), "；"):
            yield case, m.name, "case"
    yield from lexicon_phrases()
    syn = synonyms if synonyms is not None else synonyms_mod.load()
    for phrase, terms in syn.table.items():
        for term in terms:
            if is_matter(term):
                yield phrase, term, "synonym"


def lexicon_path() -> Path:
    return resources_dir() / "intake" / "lexicon.tsv"


def lexicon_phrases(path: Path | None = None) -> Iterator[tuple[str, str, str]]:
    """(phrase, matter, "lexicon") from the intake lexicon (``resources/intake/lexicon.tsv``:
    words written requests use that the KB's own phrases may lack). Lines naming no known
    matter raise ValueError (the line is named)."""
    chosen = path or lexicon_path()
    if not chosen.is_file():
        return
    for lineno, raw in enumerate(chosen.read_text("utf-8-sig").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 2 or not parts[0] or not is_matter(parts[1]):
            raise ValueError(f"{chosen}:{lineno}: 应为“说法<TAB>事项” / expected 'phrase<TAB>matter'")
        yield parts[0], parts[1], "lexicon"


def kb_entries(path: Path | None = None) -> Iterator[dict[str, Any]]:
    """A small knowledge base in the kb_index entry shape: per matter one entry per typical
    situation (title), with the callers' sayings as keywords, spread over the areas."""
    data = _load(str(path or matters_toml()))
    n = 0
    for m in MATTERS:
        info = data.get("matter", {}).get(m.name, {})
        sub = data.get("sub", {}).get(m.subcategory, {})
        keywords = "、".join(_split(info.get("say", ""), "、"))
        unit_type = (m.unit_types or ("热线",))[0]
        for case in _split(info.get("cases", ""), "；") or [m.name]:
            area = AREAS[n % len(AREAS)]
            n += 1
            yield {
                "id": f"intake-kb-{n:05d}", "code": f"DEMO-IN-{n:05d}", "kind": "常见问题",
                "title": case, "domain": m.domain, "subcategory": m.subcategory,
                "matter": m.name, "area": area, "unit": f"{area}{unit_type}部门",
                "answer": f"{case}，属于{m.subcategory}{m.name}，由{unit_type}部门负责。"
                          f"{sub.get('duty', '')}",
                "procedure": "", "materials": "", "place": "", "hours": "", "fees": "",
                "time_limit": sub.get("limit", ""), "phone": "", "keywords": keywords,
                "valid_from": None, "valid_to": None, "status": "已发布", "version": 1,
            }
