"""After the call, simulated: the center sends the seats' dispatches on, units sign, reply,
ask for extensions and return some, and the center approves part of the replies.

Everything goes through ``DispatchService`` (one central transaction per step, the rules of
``domain.dispatch``); a step the rules refuse is counted and skipped. Each round leaves work
behind on purpose -- the newest seat dispatches on the review desk, the replies it does not
approve, the extension requests, every case at a ``spared`` unit (the demo unit user 4001's
own) -- so the review desk, the callback list and the unit's view have work on first look.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from seat_app.domain.dispatch import DispatchRuleError, DispatchStatus
from seat_app.services.dispatch.service import DispatchService
from seat_app.services.live.profile import LiveProfile

S = DispatchStatus

UNIT_ACTOR = "sim-unit"
CENTER_ACTOR = "sim-center"

REPLY = (
    "属实",
    "已解决",
    "已安排人员到现场核实处理，问题已解决。",
    "经核实，已安排专人处理，问题已解决，感谢您的反映。",
)


@dataclass
class FlowStats:
    sent: int = 0
    signed: int = 0
    replied: int = 0
    extensions: int = 0
    returned: int = 0
    approved: int = 0
    refused_steps: int = 0
    rounds: int = 0
    errors: list[str] = field(default_factory=list)


class FlowSim:
    """One round at a time (``round()``), from the floor's flow thread."""

    def __init__(
        self,
        dispatch: DispatchService,
        profile: LiveProfile,
        *,
        seed: int,
        spared_units: frozenset[str] = frozenset(),
        keep_on_desk: int = 3,
    ) -> None:
        self.dispatch = dispatch
        self.profile = profile
        self.rng = random.Random(seed)
        self.spared = spared_units
        self.keep_on_desk = keep_on_desk
        self.stats = FlowStats()
        self._asked_extension: set[str] = set()

    def round(self) -> FlowStats:
        d, st, rng, p = self.dispatch, self.stats, self.rng, self.profile
        st.rounds += 1
        pending = d.seat_dispatches(limit=500)
        if len(pending) > self.keep_on_desk:
            out = d.dispatch_seat_cases(actor=CENTER_ACTOR, limit=len(pending) - self.keep_on_desk)
            st.sent += len(out["dispatched"]) + len(out["pre_review"])
        for row in d.cases_in_status(S.DISPATCHED, S.SIGNED, S.REPLY_RETURNED, limit=500):
            if row["unit_code"] in self.spared or rng.random() >= p.unit_act_share:
                continue
            self._step(self._unit_step, row, row["case_id"], row["unit_code"])
        for row in d.cases_in_status(S.REPLIED, limit=500):
            if rng.random() < p.review_share * p.unit_act_share:
                self._step(self._approve, row["case_id"])
        return st

    def _step(self, fn, *args) -> None:
        try:
            fn(*args)
        except DispatchRuleError:
            self.stats.refused_steps += 1

    def _unit_step(self, row: dict, case_id: str, unit: str) -> None:
        d, st, rng, p = self.dispatch, self.stats, self.rng, self.profile
        status = DispatchStatus(row["status"])
        if status == S.DISPATCHED:
            if rng.random() < p.unit_return_share:
                d.unit_return(
                    case_id, "非本单位职责范围，请重新派单。", actor=UNIT_ACTOR, unit_code=unit
                )
                st.returned += 1
            else:
                d.sign(case_id, actor=UNIT_ACTOR, unit_code=unit)
                st.signed += 1
            return
        if (
            status == S.SIGNED
            and case_id not in self._asked_extension
            and row["pending_extension"] is None
            and rng.random() < p.extension_share
        ):
            self._asked_extension.add(case_id)
            d.request_extension(
                case_id, 3, "需协调多个部门现场处理。", actor=UNIT_ACTOR, unit_code=unit
            )
            st.extensions += 1
            return
        if row["pending_extension"] is not None:
            return  # waits for the center's decision on the review desk
        truth, resolution, reason, public = REPLY
        d.reply(
            case_id,
            truth=truth,
            resolution=resolution,
            reason=reason,
            public_reply=public,
            actor=UNIT_ACTOR,
            unit_code=unit,
        )
        st.replied += 1

    def _approve(self, case_id: str) -> None:
        self.dispatch.approve_reply(case_id, actor=CENTER_ACTOR)
        self.stats.approved += 1


__all__ = ["CENTER_ACTOR", "UNIT_ACTOR", "FlowSim", "FlowStats"]
