"""``seat-admin dispatch ...``: the dispatch workflow from the command line.

``dispatch supervise-sweep [--date YYYY-MM-DD]`` runs the supervision rules (overdue,
returned too often) once, e.g. from a nightly scheduler; ``dispatch intake`` sends the cases
seats recorded as 转派 (the unit the agent chose, else the grid's suggestion); ``dispatch timeline CASE`` prints a
case's timeline (case id or case number); ``dispatch callbacks`` lists today's callback work.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from seat_app.cli import say
from seat_app.domain.calendar import CalendarError, parse_iso_date
from seat_app.services import config, dispatch, store


def register(sub: argparse._SubParsersAction) -> None:
    d = sub.add_parser("dispatch", help="转派、督办、回访 dispatch, supervision, callbacks")
    d.add_argument("--url", help="central database URL (default: from settings)")
    ds = d.add_subparsers(dest="dispatch_command", metavar="DISPATCH_COMMAND", required=True)
    sweep = ds.add_parser("supervise-sweep", help="按规则督办 raise rule-based supervision")
    sweep.add_argument("--date", help="today (YYYY-MM-DD; default: today in China)")
    sweep.set_defaults(func=_sweep)
    tl = ds.add_parser("timeline", help="工单时间线 a case's timeline")
    tl.add_argument("case", help="case id or case number")
    tl.set_defaults(func=_timeline)
    cbs = ds.add_parser("callbacks", help="今日回访清单 today's callback work list")
    cbs.add_argument("--date", help="today (YYYY-MM-DD)")
    cbs.set_defaults(func=_callbacks)
    intake = ds.add_parser("intake", help="派出座席标记为转派的工单 send the cases seats recorded for dispatch")
    intake.add_argument("--actor", default="dispatch-desk", help="work number recorded on the timeline")
    intake.set_defaults(func=_intake)


def _service(args: argparse.Namespace):
    home = config.open_home()
    url = args.url or home.central_url
    engine = store.make_engine(url)
    # a missing, never-created or damaged central file: one message naming it (cli.main)
    store.upgrade(engine, create=False)
    return dispatch.DispatchService(engine)


@contextmanager
def _opened_service(args: argparse.Namespace) -> Iterator[Any]:
    """The DispatchService of the central database (None when there is none yet), closed after."""
    svc = _service(args)
    try:
        yield svc
    finally:
        if svc is not None:
            svc.engine.dispose()


def _date(text: str | None):
    return parse_iso_date(text) if text else None


def _sweep(args: argparse.Namespace) -> int:
    try:
        today = _date(args.date)
    except CalendarError as exc:
        print(say(exc.zh, exc.en), file=sys.stderr)
        return 2
    with _opened_service(args) as svc:
        if svc is None:
            return 1
        raised = svc.run_supervision_rules(today)
    for s in raised:
        print(f"{s.case_id}\t{s.level.zh}\t{s.reason}")
    print(say(f"本次按规则督办 {len(raised)} 件。", f"{len(raised)} supervision(s) raised by the rules."))
    return 0


def _timeline(args: argparse.Namespace) -> int:
    from sqlalchemy import or_, select  # start-up: loads SQLAlchemy

    with _opened_service(args) as svc:
        if svc is None:
            return 1
        with svc.engine.connect() as conn:
            case_id = conn.execute(
                select(store.CASES.c.id).where(
                    or_(store.CASES.c.id == args.case, store.CASES.c.case_number == args.case))
            ).scalar()
        if case_id is None:
            print(say(f"工单不存在：{args.case}", f"No such case: {args.case}"), file=sys.stderr)
            return 1
        for e in svc.timeline(case_id):
            at = e["at"].astimezone().strftime("%Y-%m-%d %H:%M")
            print(f"{at}\t{e['kind']}\t{e['actor']}\t{e['unit']}\t{e['note']}")
    return 0


def _callbacks(args: argparse.Namespace) -> int:
    with _opened_service(args) as svc:
        if svc is None:
            return 1
        rows = svc.callback_worklist(_date(args.date))
    for r in rows:
        print(f"{r['case_number']}\t{r['matter']}\t{r['caller_phone_masked']}\t{r['unit_name']}")
    print(say(f"待回访 {len(rows)} 件。", f"{len(rows)} case(s) to call back."))
    return 0


def _intake(args: argparse.Namespace) -> int:
    with _opened_service(args) as svc:
        if svc is None:
            return 1
        done = svc.dispatch_seat_cases(actor=args.actor)
    for case_id, zh, en in done["left"]:
        print(f"{case_id}\t{say(zh, en)}", file=sys.stderr)
    print(say(
        f"已转派 {len(done['dispatched'])} 件，待预审 {len(done['pre_review'])} 件，需人工派单 {len(done['left'])} 件。",
        f"{len(done['dispatched'])} dispatched, {len(done['pre_review'])} waiting for pre-review, "
        f"{len(done['left'])} left for a lead.",
    ))
    return 0
