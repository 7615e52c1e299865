"""The vocabulary keeps its spellings on disk, so a searcher opens and answers correctly
written queries without loading pypinyin's phrase tables (a third of a second at start-up);
pinyin and near-miss queries load them when they come."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kb_index.pinyin import Vocabulary


def test_saved_vocabulary_keeps_spellings(tmp_path: Path) -> None:
    vocab = Vocabulary({"公积金": 3, "提取": 2})
    vocab.save(tmp_path)
    data = json.loads((tmp_path / Vocabulary.FILE).read_text("utf-8"))
    assert data["spell"]["公积金"] == ["gongjijin", "gjj"]
    again = Vocabulary.load(tmp_path)
    assert again.by_initials["gjj"] == ["公积金"] and again.by_full["tiqu"] == ["提取"]


def test_first_format_still_loads(tmp_path: Path) -> None:
    (tmp_path / Vocabulary.FILE).write_text(json.dumps({"公积金": 3}), "utf-8")
    assert Vocabulary.load(tmp_path).by_full["gongjijin"] == ["公积金"]


PROBE = """
import sys
from kb_index.search import KBSearcher
s = KBSearcher(sys.argv[1])
hits = s.search("公积金提取", limit=3)
print(len(hits), "pypinyin" in sys.modules)
s.search("gjj tq", limit=3)
s.search("公基金提取", limit=3)
print("pypinyin" in sys.modules)
"""


def test_correct_queries_need_no_pypinyin(built_index: Path) -> None:
    out = subprocess.run([sys.executable, "-c", PROBE, str(built_index)], capture_output=True,
                         text=True, timeout=120, check=True).stdout.split("\n")
    hits, loaded_after_correct = out[0].split()
    assert int(hits) > 0 and loaded_after_correct == "False"
    assert out[1] == "True"  # a near-miss query loads it when it is needed
