"""Long queries read as written requests, not as keyword strings.

A citizen's written request (a message-board letter, an online form: a subject line plus a
few hundred characters) carries its matter in a few words - the object and the problem
(自来水 + 发黄, 废气 + 排放, 行医 + 无证) - among many incidental ones: greetings, history
("多次拨打热线"), family ("孩子在附近上学"), anonymised place names (A市B区C镇, X1小区),
dates and numbers. Searching every word lets the incidental ones win.

:func:`analyse` turns such a text into weighted index words:

1. Places, dates and numbers are cut out (letters+digits with an administrative suffix,
   ``2021年3月``, ``37组``, ``3000元``); they never reach the index.
2. The subject line (the first line, or the first sentence) counts double: writers put the
   request there.
3. Sentences that raise a side issue (另外, 此外, 顺便说一下 ...) count less: a letter with
   several problems is about its first.
4. Message-board filler (尊敬的领导, 恳请有关部门尽快解决, 严重影响生活) is weighed down.
5. Words the knowledge base does not know are dropped; words it uses to name matters and
   titles (``matter_words``/``title``) are the ones that carry requests and are weighed up.
6. Only the strongest :data:`MAX_WORDS` words are kept (speed and focus).

No Qt, no seat_app: the caller gives a document-frequency function per field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kb_index.analysis import STOPWORDS, normalize, words

LONG_QUERY_CHARS = 30
"""Texts longer than this (after normalising and trimming) are read as requests."""
MAX_REQUEST_CHARS = 2000
"""Only the start of a very long text is read (a letter states its request early)."""
MAX_WORDS = 10
SUBJECT_FACTOR = 2.0
FILLER_FACTOR = 0.15
MATTER_WORD_FACTOR = 1.6
"""Words the KB uses in matter names and titles carry requests."""
SUBJECT_MAX_CHARS = 60

_ADMIN = "|".join(sorted((
    "省", "市", "区", "县", "镇", "乡", "村", "组", "街道", "路", "街", "巷", "号院", "号楼", "号",
    "栋", "幢", "楼", "单元", "室", "小区", "社区", "花园", "家园", "园区", "工业园", "厂", "矿",
    "场", "站", "公司", "院", "队", "屯", "庄", "湾", "坡", "沟", "河", "桥",
), key=len, reverse=True))
PLACE_RE = re.compile(
    rf"(?:[a-z]{{1,3}}\d{{0,4}}|\d{{1,4}}|某某?)(?:{_ADMIN})"
    rf"(?:(?:[a-z]{{1,3}}\d{{0,4}}|\d{{1,4}})(?:{_ADMIN}))*"
)
"""Anonymised or coded places: A市, B区, C镇, X1小区, 37组, 5号楼 (after normalize: lower case)."""
DATE_RE = re.compile(
    r"\d{2,4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?|\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?"
    r"|\d{1,2}\s*[:：]\s*\d{2}|\d{1,2}\s*点(?:\s*\d{1,2}\s*分)?"
)
NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
LETTERS_RE = re.compile(r"(?<![a-z])[a-z]{1,2}\d*(?![a-z])")
"""Lone letter codes left after place removal (A, B2): anonymisation, not words."""
SENTENCE_RE = re.compile(r"[。！？!?；;\n]+")
SIDE_MARKERS = ("另外", "此外", "还有", "顺便", "顺带", "附带", "再有", "再者", "另有", "其次")
"""Openings of a sentence that raises a second, smaller issue (另外顺便说一下, 此外 ...)."""
SIDE_FACTOR = 0.3


def is_side_issue(sentence: str) -> bool:
    """Whether ``sentence`` opens with a side-issue marker (a letter's second problem)."""
    return sentence.lstrip(" ，,、：:（(").startswith(SIDE_MARKERS)

FILLER = frozenset({
    "尊敬", "领导", "市长", "书记", "您们", "你们好", "您好", "你好", "本人", "居民", "群众",
    "老百姓", "市民", "住户", "村民", "业主", "百姓", "希望", "恳请", "请求", "要求", "强烈",
    "呼吁", "尽快", "早日", "及时", "予以", "处理", "解决", "调查", "核实", "重视", "高度", "关注",
    "过问", "相关", "有关", "部门", "相关部门", "有关部门", "政府", "单位", "工作", "严重", "影响",
    "生活", "正常", "多次", "多年", "至今", "一直", "长期", "得到", "回复", "答复", "谢谢", "感谢",
    "万分", "百忙", "百忙之中", "说法", "诉求", "切身", "切身利益", "合法", "合法权益", "权益",
    "特此", "盼复", "期待", "事情", "发现", "目前", "近日", "最近", "今年", "去年", "前年",
    "上个月", "月份", "以来", "期间", "当时", "后来", "每天", "天天", "经常", "非常", "特别",
    "十分", "实在", "确实", "其他", "别的", "地方", "附近", "周边", "周围", "这件", "此事", "这个",
    "那个", "个人", "大家", "家里", "家中", "我家", "我们", "他们", "孩子", "老人", "上班", "下班",
    "上学", "接送", "电话", "热线", "拨打", "网上", "记者", "照片", "联系", "联系电话", "配合",
    "系统", "登记", "办法", "没有", "不到", "不能", "无法", "怎么", "为什么", "多少", "左右",
    "以上", "以下", "一个", "一次", "一名", "一件", "一位", "一点", "好转", "环境", "困扰", "反映",
    "投诉", "举报", "咨询", "了解", "知道", "听说", "类似", "出现", "存在", "造成", "导致", "进行",
    "开展", "落实", "维护", "普通", "收入", "理解", "千头万绪", "利益", "关系", "简单", "专门",
    "不少", "退休", "上班族", "人口", "密集", "讨论", "下文", "以前", "不错",
})
"""Message-board words every letter has; they say nothing about the matter."""


@dataclass
class RequestAnalysis:
    """What a written request was read as."""

    weights: dict[str, float]
    """Index words with weights in (0, 1], strongest first (at most MAX_WORDS)."""
    matters: dict[str, float] = field(default_factory=dict)
    """Official terms reached through the synonym layer, with weights."""
    subject: str = ""
    dropped: list[str] = field(default_factory=list)
    """Places, dates and numbers cut out, and words the KB does not know."""

    @property
    def empty(self) -> bool:
        return not (self.weights or self.matters)


def is_request(text: str) -> bool:
    """Whether ``text`` is long enough to be read as a written request."""
    return isinstance(text, str) and len(normalize(text).strip()) > LONG_QUERY_CHARS


def strip_incidentals(text: str) -> tuple[str, list[str]]:
    """``text`` (normalised) with places, dates and numbers replaced by a separator, and
    what was cut out. Separators keep the words on either side from joining."""
    cut: list[str] = []

    def sub(match: re.Match[str]) -> str:
        cut.append(match.group(0))
        return "，"

    out = normalize(text)
    for pattern in (DATE_RE, PLACE_RE, NUMBER_RE, LETTERS_RE):
        out = pattern.sub(sub, out)
    return out, cut


def split_subject(text: str) -> tuple[str, str]:
    """(subject, body): the first line when the text has several lines and the first is
    short, otherwise the first sentence."""
    text = text.strip()
    first, sep, rest = text.partition("\n")
    if sep and 0 < len(first.strip()) <= SUBJECT_MAX_CHARS:
        return first.strip(), rest
    parts = SENTENCE_RE.split(text, maxsplit=1)
    if len(parts) == 2 and len(parts[0]) <= SUBJECT_MAX_CHARS:
        return parts[0], parts[1]
    return "", text


def analyse(
    text: str,
    df: Callable[[str, str], int],
    *,
    total: int,
    synonyms: Callable[[str], Iterable[tuple[str, str]]] | None = None,
    is_matter: Callable[[str], bool] | None = None,
    max_words: int = MAX_WORDS,
) -> RequestAnalysis:
    """Weighted index words of a written request.

    ``df(field, word)`` is the index's document frequency (0: unknown); ``total`` the
    number of documents; ``synonyms(text)`` gives (caller phrase, official term) pairs;
    ``is_matter(term)`` says whether an official term is a matter name in the index."""
    raw = normalize(text or "")[:MAX_REQUEST_CHARS]
    subject_raw, body_raw = split_subject(raw)
    subject, cut_s = strip_incidentals(subject_raw)
    body, cut_b = strip_incidentals(body_raw)
    dropped = cut_s + cut_b
    salience: dict[str, float] = {}
    total = max(1, total)

    def known(word: str) -> float:
        """0 when the KB never uses ``word``; else a factor (matter/title words count more)."""
        text_df = df("body", word) + df("keywords", word)
        name_df = df("matter_words", word) + df("title", word)
        if not (text_df or name_df):
            return 0.0
        return MATTER_WORD_FACTOR if name_df else 1.0

    factors: dict[str, float] = {}
    parts = [(subject, SUBJECT_FACTOR)] + [
        (sentence, SIDE_FACTOR if is_side_issue(sentence) else 1.0)
        for sentence in SENTENCE_RE.split(body)]
    for part, part_factor in parts:
        for w in words(part):
            if w in STOPWORDS or (len(w) < 2 and not w.isdigit()) or w.isdigit():
                continue
            f = factors.get(w)
            if f is None:
                f = known(w)
                if f and w in FILLER:
                    f *= FILLER_FACTOR
                factors[w] = f
            if not f:
                continue
            salience[w] = salience.get(w, 0.0) + part_factor * f
    for w, f in factors.items():
        if not f:
            dropped.append(w)
    scored: dict[str, float] = {}
    for w, s in salience.items():
        # specific words carry more; a word in half the KB says little
        d = max(1, df("title", w) + df("keywords", w) + df("matter_words", w) + df("body", w))
        idf = math.log(1.0 + total / d)
        scored[w] = (1.0 + math.log(s)) * idf if s >= 1.0 else s * idf
    top = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[:max_words]
    best = top[0][1] if top else 1.0
    weights = {w: round(max(0.05, v / best), 4) for w, v in top if v > 0}
    matters: dict[str, float] = {}
    if synonyms is not None:
        for part, part_factor in ((subject, 1.0), (body, 0.6)):
            for _phrase, term in synonyms(part):
                if is_matter is None or is_matter(term):
                    matters[term] = max(matters.get(term, 0.0), part_factor)
    return RequestAnalysis(weights, matters, subject_raw, dropped)
