"""Analysis: segmentation, pinyin, synonyms."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb_index import analysis, synonyms
from kb_index.pinyin import Vocabulary, spell


def test_segmentation_search_mode_keeps_long_and_short_words():
    got = analysis.words("我想把公积金取出来装修房子")
    assert "公积金" in got and "装修" in got
    assert "公积" in got  # search mode adds the shorter word
    assert "我" not in got and "想" not in got  # single characters are dropped


def test_segmentation_drops_stopwords_and_normalizes_width():
    got = analysis.words("请问怎么办理ＫＴＶ营业执照？")
    assert "怎么" not in got and "请问" not in got
    assert "ktv" in got  # full-width letters become half-width lower case
    assert "营业执照" in got


def test_tokenizer_is_whoosh_compatible():
    tok = analysis.ChineseTokenizer()
    texts = [t.text for t in tok("社会生活噪声扰民", positions=True)]
    assert texts == analysis.words("社会生活噪声扰民")


def test_pinyin_full_spelling_and_initials():
    assert spell("公积金") == ("gongjijin", "gjj")
    assert spell("身份证") == ("shenfenzheng", "sfz")
    vocab = Vocabulary({"公积金": 5, "提取": 3, "高级": 1})
    assert vocab.by_full["gongjijin"] == ["公积金"]
    assert vocab.by_initials["gjj"] == ["公积金"]
    assert vocab.by_initials["tq"] == ["提取"]


def test_vocabulary_splits_unspaced_pinyin_and_finds_near_misses():
    vocab = Vocabulary({"公积金": 5, "提取": 3, "身份证": 4, "基金": 1})
    assert vocab.segment_ascii("gjjtq") == ["gjj", "tq"]
    assert vocab.segment_ascii("gongjijintiqu") == ["gongjijin", "tiqu"]
    assert vocab.segment_ascii("sfz") == ["sfz"]
    assert "公积金" in vocab.near_misses("公基金提取", known=set())
    # a correctly written word is not "corrected"
    assert vocab.near_misses("公积金", known=set()) == []


def test_vocabulary_round_trip(tmp_path: Path):
    vocab = Vocabulary({"燃气": 2})
    vocab.add_document(["燃气泄漏"])
    vocab.save(tmp_path)
    again = Vocabulary.load(tmp_path)
    assert again.df == vocab.df
    assert "燃气" in again.by_full["ranqi"]


@pytest.mark.parametrize(
    ("caller", "official"),
    [("楼下太吵了", "噪声"), ("老板没给工资", "拖欠工资"), ("家里暖气不热", "供暖不热"),
     ("厨房有煤气味", "燃气泄漏")],
)
def test_shipped_synonyms_bridge_caller_language(caller: str, official: str):
    syn = synonyms.load()
    assert official in [term for _, term in syn.expand(caller)]


def test_shipped_synonyms_size_and_longest_match():
    syn = synonyms.load()
    assert len(syn) >= 300
    # 太吵 covers 吵: the inner phrase is not matched again
    assert [p for p, _ in syn.expand("太吵")] == ["太吵"]


def test_synonym_override_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "syn.tsv"
    path.write_text("# comment\n水管爆了\t供水管道破裂\n", "utf-8")
    syn = synonyms.load(path)
    assert syn.expand("我家水管爆了") == [("水管爆了", "供水管道破裂")]
    monkeypatch.setenv(synonyms.ENV_VAR, str(path))
    assert len(synonyms.load()) == 1


def test_synonym_file_errors_name_the_line(tmp_path: Path):
    path = tmp_path / "bad.tsv"
    path.write_text("好的\t行\n没有制表符\n", "utf-8")
    with pytest.raises(synonyms.SynonymFileError, match=":2:"):
        synonyms.load(path)
