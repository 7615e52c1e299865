"""The case rules checked again centrally, before an op of ``cases`` or ``case_events`` is
applied (an old or modified seat may have skipped them): ``check_case_op`` raises
``OpInvalid`` with a zh/en reason; ``_Checks`` reads what the rules need once per batch.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Connection,
    Table,
    select,
)

from seat_app.domain.case import (
    CASE_EDITABLE_FIELDS,
    CaseNumber,
    FieldError,
    lifecycle_errors,
    validate_case_fields,
)
from seat_app.services.store.models import Base
from seat_app.services.store.ops import (
    DELETE,
    INSERT,
    UPDATE,
    Op,
    OpInvalid,
    decode_value,
)


class _Checks:
    """What the case rules need from the central database, read once per batch."""

    def __init__(self, conn: Connection, state: dict[tuple[str, str], dict[str, Any]]):
        self.conn = conn
        self.state = state
        self._units: frozenset[str] | None = None
        self._cases: dict[str, bool] = {}

    def unit_names(self) -> frozenset[str]:
        if self._units is None:
            units = Base.metadata.tables["units"]
            names = set(
                self.conn.execute(
                    select(units.c.name).where(
                        units.c.deleted.is_(False), units.c.active.is_(True)
                    )
                ).scalars()
            )
            self._units = frozenset(names)
        names = set(self._units)
        for (entity, _id), row in self.state.items():  # units written earlier in the batch
            if entity == "units":
                if row.get("deleted") or not row.get("active", True):
                    names.discard(row.get("name"))
                else:
                    names.add(row.get("name"))
        return frozenset(names)

    def case_known(self, case_id: str) -> bool:
        if ("cases", case_id) in self.state:
            return True
        if case_id not in self._cases:
            cases = Base.metadata.tables["cases"]
            self._cases[case_id] = (
                self.conn.execute(select(cases.c.id).where(cases.c.id == case_id)).first()
                is not None
            )
        return self._cases[case_id]


def _decoded(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    return {k: decode_value(table, k, v) if k in table.c else v for k, v in values.items()}


def check_case_op(op: Op, table: Table, current: dict[str, Any] | None, checks: _Checks
                  ) -> None:
    """The case rules again, centrally, before an op of ``cases`` or ``case_events`` is
    applied (an old or modified seat may have skipped them). Raises ``OpInvalid``."""
    errors: list[FieldError] = []
    if op.entity == "case_events":
        if op.kind == INSERT:
            case_id = (op.changes.get("case_id") or [None, None])[1]
            if not isinstance(case_id, str) or not checks.case_known(case_id):
                raise OpInvalid(
                    f"工单 {case_id} 未被中心接收（它的保存被拒收或还未上传），这条办理记录暂不能入库。",
                    f"Case {case_id} has not been accepted centrally (refused or not sent "
                    "yet); this timeline entry waits.",
                )
        return
    if op.entity != "cases" or op.kind == DELETE:
        return
    new = _decoded(table, {k: v[1] for k, v in op.changes.items()})
    editable = {k: v for k, v in new.items() if k in CASE_EDITABLE_FIELDS}
    if op.kind == INSERT:
        fields = {k: v for k, v in editable.items() if v is not None}
        errors = validate_case_fields(fields, units=checks.unit_names())
        if not errors:
            errors = lifecycle_errors(None, fields)
        number = new.get("case_number")
        try:
            parsed = CaseNumber.parse(number) if isinstance(number, str) else None
        except ValueError:
            parsed = None
        if parsed is None or (new.get("seat_code") and parsed.seat_code != new["seat_code"]):
            errors.append(FieldError(
                "case_number", f"工单号不正确：{number!r}（应为 日期-本座席编号-序号）。",
                f"Bad case number {number!r} (date-this seat's code-sequence)."))
    elif op.kind == UPDATE and current is not None:
        fixed = sorted(set(new) - set(CASE_EDITABLE_FIELDS) - {"closed_at"})
        if fixed:
            errors.append(FieldError(
                fixed[0], f"受理信息不能修改：{'、'.join(fixed)}。",
                f"Intake details cannot change: {', '.join(fixed)}."))
        old = _decoded(table, {k: v[0] for k, v in op.changes.items()})
        before = {k: current.get(k) for k in CASE_EDITABLE_FIELDS if k in current}
        before.update({k: v for k, v in old.items() if k in CASE_EDITABLE_FIELDS})
        after = {**before, **editable}
        check = dict(editable)
        if {"handling", "handling_unit"} & set(check):
            check.setdefault("handling", after.get("handling"))
            check.setdefault("handling_unit", after.get("handling_unit") or "")
        units = checks.unit_names() if "handling_unit" in editable else None
        errors += validate_case_fields(
            {k: v for k, v in check.items() if v is not None or k != "deadline"},
            partial=True, units=units,
        )
        if not errors and {"status", "handling"} & set(editable):
            errors = lifecycle_errors(before, after)
    if errors:
        raise OpInvalid(
            "中心拒收：" + "；".join(f"[{e.field}] {e.message}" for e in errors),
            "Refused centrally: " + "; ".join(f"[{e.field}] {e.en or e.message}" for e in errors),
        )
