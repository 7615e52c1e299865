"""The intake model: a linear classifier over TF-IDF features, stored without pickle.

File format (one file, written atomically)::

    {"format": "seat-intake-model", "version": 1, "sha256": "...", "bytes": N, ...}\\n
    <N bytes: an .npz archive (no pickled objects)>

Loading checks the header, the version and the payload's SHA-256, and raises
:class:`ModelMissing` / :class:`ModelCorrupt` / :class:`ModelOutdated` (all
:class:`ModelUnavailable`) so the caller can fall back to KB-search routing.

Scoring needs only numpy: ``x = l2norm(tf_sublinear * idf)``, ``p = softmax(W x + b)``.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from seat_app.domain.taxonomy import is_matter, matter_by_name
from seat_app.services.intake.errors import ModelCorrupt, ModelMissing, ModelOutdated
from seat_app.services.intake.features import GRAM, readable, weighted_tokens

FORMAT = "seat-intake-model"
FORMAT_VERSION = 1
TOP = 3
WHY_WORDS = 4


@dataclass(frozen=True)
class Suggestion:
    matter: str
    subcategory: str
    domain: str
    confidence: float
    why: tuple[str, ...] = ()
    """The words that decided it (largest contributions to the matter's score)."""

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["why"] = list(self.why)
        return d


@dataclass
class IntakeModel:
    classes: list[str]
    vocab: dict[str, int]
    idf: np.ndarray
    """float32 [n_features]"""
    coef: np.ndarray
    """float32 [n_classes, n_features] (dense here; stored sparse)"""
    intercept: np.ndarray
    meta: dict[str, Any] = field(default_factory=dict)

    # -- scoring ---------------------------------------------------------------------------
    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(feature indices, values) of ``text``; empty when it has no known feature."""
        counts = {t: c for t, c in weighted_tokens(text).items() if t in self.vocab}
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        idx = np.fromiter((self.vocab[t] for t in counts), dtype=np.int64, count=len(counts))
        tf = np.fromiter((1.0 + math.log(c) if c >= 1.0 else c for c in counts.values()),
                         dtype=np.float32, count=len(counts))
        val = tf * self.idf[idx]
        norm = float(np.linalg.norm(val))
        return idx, (val / norm if norm else val)

    def probabilities(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        idx, val = self.vector(text)
        if not len(idx):
            return None
        scores = self.coef[:, idx] @ val + self.intercept
        scores = scores - scores.max()
        p = np.exp(scores)
        return p / p.sum(), idx, val

    def suggest(self, text: str, *, top: int = TOP) -> list[Suggestion]:
        """The ``top`` most likely matters of ``text``, best first; [] for empty or
        one-character text, or text with no known word."""
        got = self.probabilities(text)
        if got is None:
            return []
        p, idx, val = got
        order = np.argsort(-p, kind="stable")[:top]
        out = []
        for c in order:
            name = self.classes[int(c)]
            m = matter_by_name(name)
            contrib = self.coef[c, idx] * val
            why: list[str] = []
            for j in np.argsort(-contrib, kind="stable"):
                if contrib[j] <= 0 or len(why) >= WHY_WORDS:
                    break
                feature = self._feature(int(idx[j]))
                word = readable(feature)
                if feature != word and word not in self.vocab:
                    continue  # a bigram across two words (法行, 水浑) says nothing to a reader
                if not any(word in w for w in why):
                    why = [w for w in why if w not in word] + [word]
            out.append(Suggestion(m.name, m.subcategory, m.domain, round(float(p[c]), 4),
                                  tuple(why)))
        return out

    def _feature(self, i: int) -> str:
        names: list[str] | None = self.meta.get("_names")
        if names is None:
            names = [""] * len(self.vocab)
            for k, v in self.vocab.items():
                names[v] = k
            self.meta["_names"] = names
        return names[i]

    # -- files -----------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        rows, cols = np.nonzero(self.coef)
        buf = io.BytesIO()
        features = [""] * len(self.vocab)
        for k, v in self.vocab.items():
            features[v] = k
        np.savez_compressed(
            buf,
            classes=np.array(self.classes, dtype=str),
            features=np.array(features, dtype=str),
            idf=self.idf.astype(np.float32),
            coef_rows=rows.astype(np.int32), coef_cols=cols.astype(np.int32),
            coef_vals=self.coef[rows, cols].astype(np.float16),
            intercept=self.intercept.astype(np.float32),
        )
        payload = buf.getvalue()
        meta = {k: v for k, v in self.meta.items() if not k.startswith("_")}
        header = {"format": FORMAT, "version": FORMAT_VERSION,
                  "sha256": hashlib.sha256(payload).hexdigest(), "bytes": len(payload),
                  "meta": meta}
        return json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n" + payload

    def save(self, path: Path | str) -> int:
        """Write atomically; returns the file size in bytes."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = self.to_bytes()
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return len(data)

    @classmethod
    def load(cls, path: Path | str) -> IntakeModel:
        path = Path(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise ModelMissing(str(path)) from None
        except OSError as exc:
            raise ModelCorrupt(str(path), str(exc)) from exc
        return cls.from_bytes(data, str(path))

    @classmethod
    def from_bytes(cls, data: bytes, where: str = "<bytes>") -> IntakeModel:
        head, sep, payload = data.partition(b"\n")
        try:
            header = json.loads(head.decode("utf-8")) if sep else None
        except (UnicodeDecodeError, json.JSONDecodeError):
            header = None
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise ModelCorrupt(where, "文件头无效 / bad header")
        if header.get("version") != FORMAT_VERSION:
            raise ModelOutdated(where, header.get("version"), FORMAT_VERSION)
        if len(payload) != header.get("bytes") or \
                hashlib.sha256(payload).hexdigest() != header.get("sha256"):
            raise ModelCorrupt(where, "校验和不符 / checksum mismatch")
        try:
            with np.load(io.BytesIO(payload), allow_pickle=False) as z:
                classes = [str(c) for c in z["classes"]]
                features = [str(f) for f in z["features"]]
                idf = z["idf"].astype(np.float32)
                coef = np.zeros((len(classes), len(features)), dtype=np.float32)
                coef[z["coef_rows"], z["coef_cols"]] = z["coef_vals"].astype(np.float32)
                intercept = z["intercept"].astype(np.float32)
        except (OSError, ValueError, KeyError, IndexError) as exc:
            raise ModelCorrupt(where, str(exc)) from exc
        unknown = [c for c in classes if not is_matter(c)]
        if unknown or len(idf) != len(features) or len(intercept) != len(classes):
            raise ModelCorrupt(where, f"内容不一致 / inconsistent ({unknown[:3]})")
        return cls(classes, {f: i for i, f in enumerate(features)}, idf, coef, intercept,
                   dict(header.get("meta") or {}))


__all__ = ["FORMAT_VERSION", "GRAM", "IntakeModel", "Suggestion"]
