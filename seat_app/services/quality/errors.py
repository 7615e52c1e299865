"""Errors of the quality services (zh/en, shown by the CLI's one handler and the windows)."""

from __future__ import annotations

from seat_app.domain.quality.errors import QualityError


class CaseNotFound(QualityError):
    code = "qa_case_not_found"

    def __init__(self, case_number: str) -> None:
        super().__init__(f"找不到工单：{case_number}", f"No such case: {case_number}")


class EvaluationNotFound(QualityError):
    code = "qa_evaluation_not_found"

    def __init__(self, evaluation_id: str) -> None:
        super().__init__(f"找不到质检结果：{evaluation_id}",
                         f"No such evaluation: {evaluation_id}")


class NotPermitted(QualityError):
    code = "qa_not_permitted"

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh, en)


class NoBenchData(QualityError):
    code = "qa_no_bench_data"
