"""Shared helpers of the intake tests: the command line with its output, and closed cases of
three matters whose texts a model can tell apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select

from seat_app.cli import main
from seat_app.domain.taxonomy import matter_by_name
from seat_app.services.intake import central as ic
from seat_app.services.intake.heldout import is_held_out

T0 = datetime(2026, 3, 1, tzinfo=UTC)
TEXTS = {
    "工业噪声": "厂房机器轰鸣声很大吵得睡不着",
    "工业废气": "烟囱冒黑烟气味刺鼻",
    "水质问题": "自来水发黄浑浊有异味",
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """``seat-admin argv``: exit code, stdout, stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def add_cases(engine, n_per_matter: int, first: int = 0) -> None:
    """``n_per_matter`` closed cases of each matter in TEXTS, an hour apart from T0."""
    with engine.begin() as conn:
        for name, text in TEXTS.items():
            m = matter_by_name(name)
            for i in range(first, first + n_per_matter):
                conn.execute(
                    insert(ic.CASES).values(
                        case_number=f"{m.name}-{i}",
                        channel="电话",
                        matter=m.name,
                        domain=m.domain,
                        subcategory=m.subcategory,
                        description=f"{text}第{i}次",
                        status="已办结",
                        created_at=T0 + timedelta(hours=i),
                    )
                )


def learnable(engine) -> int:
    """Closed cases ``intake train`` learns from: all but the held-out tenth."""
    with engine.connect() as conn:
        return sum(
            not is_held_out(str(i))
            for i in conn.execute(
                select(ic.CASES.c.id).where(ic.CASES.c.status == "已办结")
            ).scalars()
        )
