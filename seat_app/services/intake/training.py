"""Training: (text, final matter) pairs from closed cases, corrections and the knowledge
base's own phrases -> an :class:`IntakeModel`.

scikit-learn does the learning (TF-IDF with sublinear term frequency over our own tokens,
multinomial logistic regression); the result is exported to plain arrays, small
coefficients are pruned, so the model file stays small and seats need only numpy.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from seat_app.domain.taxonomy import is_matter
from seat_app.services.intake.errors import IntakeError, TooFewCases, UnknownMatter
from seat_app.services.intake.features import tokens
from seat_app.services.intake.kbdata import kb_phrases
from seat_app.services.intake.model import IntakeModel

MIN_CASES = 200
"""Closed cases needed before training on cases (fewer would teach noise)."""
MIN_MATTERS = 2
C = 20.0
"""Inverse regularisation of the logistic regression (tuned on the dev split)."""
PRUNE = 0.02
"""Coefficients smaller than this (absolute) are dropped from the file."""
KB_WEIGHT = 1.0
CASE_WEIGHT = 1.0
CORRECTION_WEIGHT = 3.0
"""A corrected case counts this many times: it outweighs the original suggestion."""


@dataclass(frozen=True)
class TrainingExample:
    text: str
    matter: str
    weight: float = 1.0
    source: str = "case"
    """case, correction, or a KB source (name, say, case, synonym)."""


@dataclass
class TrainReport:
    examples: int
    cases: int
    corrections: int
    kb_phrases: int
    matters: int
    features: int
    train_s: float
    model_bytes: int = 0
    meta: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "meta"}


def as_examples(pairs: Iterable[Any], *, weight: float = CASE_WEIGHT,
                source: str = "case") -> list[TrainingExample]:
    """(text, matter) pairs (or TrainingExample) as examples; unknown matters raise."""
    out: list[TrainingExample] = []
    for item in pairs:
        if isinstance(item, TrainingExample):
            ex = item
        else:
            text, matter = item[0], item[1]
            ex = TrainingExample(str(text or ""), str(matter or ""), weight, source)
        if not is_matter(ex.matter):
            raise UnknownMatter(ex.matter)
        if ex.text.strip():
            out.append(ex)
    return out


MAX_PER_MATTER = 400
"""Cases per matter kept for training (a busy matter would otherwise drown the rest and
make training slow without teaching anything new)."""


def cap_per_matter(pairs: Iterable[tuple[str, str]], cap: int = MAX_PER_MATTER) -> list[tuple[str, str]]:
    """The first ``cap`` (text, matter) pairs of each matter."""
    counts: Counter[str] = Counter()
    out = []
    for text, matter in pairs:
        if counts[matter] >= cap:
            continue
        counts[matter] += 1
        out.append((text, matter))
    return out


def kb_examples() -> list[TrainingExample]:
    return [TrainingExample(text, matter, KB_WEIGHT, source)
            for text, matter, source in kb_phrases()]


def train(
    cases: Iterable[Any] = (),
    *,
    corrections: Iterable[TrainingExample] = (),
    kb: bool = True,
    min_cases: int = MIN_CASES,
    c: float = C,
    seed: int = 0,
) -> tuple[IntakeModel, TrainReport]:
    """Train on closed cases ((text, final matter) pairs), corrections (see
    :func:`corrections.correction_example`) and, with ``kb``, the knowledge base's phrases.

    Refuses (:class:`TooFewCases`) with fewer than ``min_cases`` cases; ``min_cases=0``
    trains on the knowledge base alone (a new center)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    case_ex = as_examples(cases)
    corr_ex = as_examples(corrections, weight=CORRECTION_WEIGHT, source="correction")
    if len(case_ex) + len(corr_ex) < min_cases:
        raise TooFewCases(len(case_ex) + len(corr_ex), min_cases)
    kb_ex = kb_examples() if kb else []
    examples = kb_ex + case_ex + corr_ex
    labels = Counter(e.matter for e in examples)
    if len(labels) < MIN_MATTERS:
        raise IntakeError(f"训练数据只涉及 {len(labels)} 个事项，至少需要 {MIN_MATTERS} 个。",
                          f"Training data covers {len(labels)} matter(s); at least "
                          f"{MIN_MATTERS} needed.")
    t0 = time.perf_counter()
    vectorizer = TfidfVectorizer(analyzer=tokens, sublinear_tf=True, dtype=np.float32)
    x = vectorizer.fit_transform([e.text for e in examples])
    y = [e.matter for e in examples]
    weights = np.array([e.weight for e in examples], dtype=np.float64)
    clf = LogisticRegression(C=c, max_iter=2000, random_state=seed)
    clf.fit(x, y, sample_weight=weights)
    coef = np.asarray(clf.coef_, dtype=np.float32)
    coef[np.abs(coef) < PRUNE] = 0.0
    coef = coef.astype(np.float16).astype(np.float32)  # as stored: file and memory agree
    intercept = np.asarray(clf.intercept_, dtype=np.float32)
    classes = [str(cl) for cl in clf.classes_]
    if len(classes) == 2:  # binary: sklearn keeps one row
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2], dtype=np.float32)
    vocab = {str(k): int(v) for k, v in vectorizer.vocabulary_.items()}
    train_s = time.perf_counter() - t0
    meta = {"trained_at": time.strftime("%Y-%m-%dT%H:%M:%S"), "cases": len(case_ex),
            "corrections": len(corr_ex), "kb_phrases": len(kb_ex), "c": c}
    model = IntakeModel(classes, vocab, vectorizer.idf_.astype(np.float32), coef, intercept,
                        meta)
    report = TrainReport(len(examples), len(case_ex), len(corr_ex), len(kb_ex), len(classes),
                         len(vocab), round(train_s, 3), len(model.to_bytes()), meta)
    return model, report
