"""Issue 10, rows 12 and 13 (fields), seat side: a case is checked against the text rules,
the taxonomy, the seat's unit list and the case life cycle before anything is stored.

A refused save stores nothing (no case row, no outbox op) and keeps the form's draft; the
error names the field and says why, in Chinese and English. No Qt (runs in the no-Qt job).
"""

from __future__ import annotations

import pytest

from seat_app.domain.case import CaseValidationError, validate_case_fields
from seat_app.services.cases.service import UNIT_UNVERIFIED, CaseService
from seat_app.services.local.store import LocalStore
from seat_app.services.store.models import new_uuid, utcnow

pytestmark = pytest.mark.integrity

GOOD = {
    "channel": "电话",
    "caller_name": "张先生",
    "caller_phone": "13800001234",
    "caller_area": "盐湖区",
    "matter": "社会生活噪声",
    "description": "楼下夜间施工",
    "handling": "直接办理",
}
DISPATCH = {**GOOD, "matter": "停水", "handling": "转派", "handling_unit": "盐湖区水务局"}


def _unit_row(name: str, *, active: bool = True, deleted: bool = False) -> dict:
    return {
        "id": new_uuid(), "revision": 1, "change_seq": 1, "changed_by": "", "changed_at": utcnow(),
        "deleted": deleted, "code": f"U-{name}", "name": name, "parent_id": None, "level": 2,
        "area": "盐湖区", "unit_type": "水务", "phone": "", "active": active,
    }


@pytest.fixture
def store(tmp_path):
    s = LocalStore.open_path(tmp_path / "seat-local.sqlite3", seat_code="S01")
    yield s
    s.close()


@pytest.fixture
def with_units(store):
    """The seat's unit list as a pull brings it: one active unit, one closed, one deleted."""
    applied, _ = store.apply_pulled("units", [
        _unit_row("盐湖区水务局"), _unit_row("盐湖区旧水务所", active=False),
        _unit_row("盐湖区撤并单位", deleted=True),
    ])
    assert applied == 3
    return store


def _refused(service: CaseService, store: LocalStore, fields: dict, form_id: str = "form-1"):
    """Save ``fields`` from a form with a draft; it must be refused with nothing stored."""
    draft = {"description": fields.get("description", ""), "typed": "半句话"}
    service.save_draft(form_id, draft)
    before = (store.count("cases"), store.outbox_count())
    with pytest.raises(CaseValidationError) as info:
        service.create(fields, form_id=form_id)
    assert (store.count("cases"), store.outbox_count()) == before
    assert store.load_draft(form_id).fields == draft  # nothing typed is lost
    return {e.field: e for e in info.value.errors}, info.value


@pytest.mark.parametrize(
    ("field", "value", "zh", "en"),
    [
        ("description", "夜间施工\ud800噪声", "无法保存的字符：第 5 个字（U+D800）", "cannot be stored"),
        ("caller_name", "张\udfff", "无法保存的字符：第 2 个字（U+DFFF）", "cannot be stored"),
        ("caller_address", "解放路\x00号", "控制字符：第 4 个字（U+0000）", "control character"),
        ("description", "施工\x9b31m噪声", "控制字符：第 3 个字（U+009B）", "control character"),
        ("caller_name", "张\x85三", "控制字符：第 2 个字（U+0085）", "control character"),
        ("caller_name", "张三\u202e生先", "改变文字方向的字符：第 3 个字（U+202E）", "override"),
        ("description", "噪声\u2066扰民\u2069", "改变文字方向的字符：第 3 个字（U+2066）", "override"),
        ("caller_address", "解放路\u202a1号", "改变文字方向的字符：第 4 个字（U+202A）", "override"),
        ("caller_name", "张\n三", "只能是一行文字", "one line"),
    ],
)
def test_hostile_characters_are_refused_per_field_with_the_reason(store, field, value, zh, en):
    errors, exc = _refused(CaseService(store, agent="1001"), store, {**GOOD, field: value})
    assert list(errors) == [field]
    assert zh in errors[field].message and en in errors[field].en
    assert zh in exc.zh and en in exc.en


@pytest.mark.parametrize("name", ["\u200b\u200b\u200b", "\u200b \ufeff\u2060 \u200d", "\u00ad"])
def test_names_of_only_invisible_characters_are_refused(store, name):
    errors, _ = _refused(CaseService(store), store, {**GOOD, "caller_name": name})
    assert list(errors) == ["caller_name"]
    assert "只有空格或不可见字符" in errors["caller_name"].message


def test_a_name_of_only_spaces_is_stored_as_no_name(store):
    """Spaces around one-line fields are trimmed; eight spaces are no name (the field is
    optional), never a name that looks empty."""
    row = CaseService(store).create({**GOOD, "caller_name": " " * 8})
    assert store.get("cases", row["id"])["caller_name"] == ""


def test_a_required_field_of_only_zero_width_characters_counts_as_empty(store):
    errors, _ = _refused(CaseService(store), store, {**GOOD, "description": "\u200b\u200c\u200d"})
    assert errors["description"].message == "请填写诉求内容。"
    assert errors["description"].en == "Request is required."


def test_overlong_text_names_the_limit(store):
    errors, _ = _refused(CaseService(store), store, {**GOOD, "description": "长" * 4001})
    assert errors["description"].message == "诉求内容最多 4000 个字，现在 4001 个字。"
    assert errors["description"].en == "Request takes at most 4000 characters; it has 4001."


def test_a_lone_surrogate_in_an_edit_is_a_field_error_and_changes_nothing(store):
    service = CaseService(store, agent="1001")
    case = service.create(GOOD)
    ops = store.outbox_count()
    with pytest.raises(CaseValidationError) as info:
        service.update(case["id"], {"reply_text": "已告知\udc80"})
    assert info.value.fields == ["reply_text"]
    assert store.outbox_count() == ops and service.get(case["id"])["reply_text"] == ""


def test_unknown_matter_and_area_are_refused_against_the_taxonomy(store):
    errors, _ = _refused(CaseService(store), store, {**GOOD, "matter": "噪声扰民", "caller_area": "火星"})
    assert set(errors) == {"matter", "caller_area"}
    assert "不在事项目录中" in errors["matter"].message
    assert "“火星”不存在" in errors["caller_area"].message and "盐湖区" in errors["caller_area"].message


def test_domain_and_subcategory_follow_the_matter(store):
    service = CaseService(store)
    errors, _ = _refused(service, store, {**GOOD, "domain": "公安"})
    assert "应为“生态环境”" in errors["domain"].message
    row = service.create(GOOD)
    assert (row["domain"], row["subcategory"]) == ("生态环境", "噪声污染")
    changed = service.update(row["id"], {"matter": "停水"})
    assert (changed["domain"], changed["subcategory"]) == ("公用事业", "供水")


def test_dispatch_to_a_unit_not_in_the_unit_list_is_refused(with_units):
    service = CaseService(with_units, agent="1001")
    for unit in ("市水务局", "盐湖区旧水务所", "盐湖区撤并单位"):  # unknown, closed, deleted
        errors, _ = _refused(service, with_units, {**DISPATCH, "handling_unit": unit})
        assert list(errors) == ["handling_unit"]
        assert f"承办单位“{unit}”不在单位目录中" in errors["handling_unit"].message
    row = service.create(DISPATCH)
    assert row["status"] == "已转派" and service.last_warnings == []
    with pytest.raises(CaseValidationError) as info:
        service.update(row["id"], {"handling_unit": "不存在的单位"})
    assert info.value.fields == ["handling_unit"]
    assert service.get(row["id"])["handling_unit"] == "盐湖区水务局"


def test_before_the_first_pull_a_dispatch_is_kept_and_marked_unchecked(store):
    """An empty unit list is not acceptance: the save says the unit was not checked here,
    and the central database checks it (tests/security/test_integrity_cases_central.py)."""
    service = CaseService(store, agent="1001")
    row = service.create({**DISPATCH, "handling_unit": "任意写的单位"})
    assert service.last_warnings == [UNIT_UNVERIFIED]
    saved = service.save_case({"caller_phone": "13800001234", "channel": "电话", "matter": "停水",
                               "description": "停水", "handling": "转派",
                               "handling_unit": "另一个单位"})
    assert saved.warnings == (UNIT_UNVERIFIED,)
    assert store.get("cases", row["id"])["handling_unit"] == "任意写的单位"
    direct = service.save_case({"caller_phone": "13800001234", "channel": "电话", "matter": "停水",
                                "description": "咨询", "handling": "直接办理"})
    assert direct.warnings == ()


@pytest.mark.parametrize(
    ("status", "handling"),
    [("已撤销", "直接办理"), ("已撤销", "转派"), ("已办结", "转派"), ("已回复", "转派"),
     ("已转派", "直接办理")],
)
def test_a_new_case_cannot_start_where_the_life_cycle_does_not(with_units, status, handling):
    fields = {**(DISPATCH if handling == "转派" else GOOD), "status": status}
    errors, _ = _refused(CaseService(with_units), with_units, fields)
    assert list(errors) == ["status"]
    assert f"不能是“{status}”" in errors["status"].message


def test_status_changes_follow_the_life_cycle(with_units):
    service = CaseService(with_units, agent="1001")
    dispatched = service.create(DISPATCH)
    direct = service.create(GOOD)
    cases = [
        (dispatched, {"status": "已办结"}, "要等承办单位答复"),
        (direct, {"handling": "转派", "handling_unit": "盐湖区水务局"}, "不能再改办理方式"),
        (direct, {"status": "已回复"}, "不能从“已办结”改为“已回复”"),
    ]
    for row, change, message in cases:
        ops = with_units.outbox_count()
        with pytest.raises(CaseValidationError) as info:
            service.update(row["id"], change)
        assert message in info.value.zh
        assert with_units.outbox_count() == ops
    service.update(dispatched["id"], {"status": "已撤销"})
    with pytest.raises(CaseValidationError, match="不能从“已撤销”改为“已受理”"):
        service.update(dispatched["id"], {"status": "已受理"})
    # allowed: a closed direct case reopened; a dispatched case after the unit's reply
    assert service.update(direct["id"], {"status": "已受理"})["status"] == "已受理"


def test_the_domain_rules_alone_give_both_languages():
    errors = validate_case_fields({**GOOD, "matter": "外星人入侵", "channel": "微信"})
    assert {e.field for e in errors} == {"matter", "channel"}
    assert all(e.message and e.en and e.message != e.en for e in errors)


# ----------------------------------------------------------------------------- dispatch texts
# The same rules for what units and the center write into a case: replies, reasons, notes.


@pytest.mark.parametrize(
    ("reason", "public", "code", "zh"),
    [
        ("已派人现场处理完毕\ud800", "已修复路灯，感谢您的反映。", "reply_reason", "无法保存的字符"),
        ("已派人现场处理完毕。", "已修复路灯\u202e，感谢您的反映。", "public_reply", "改变文字方向"),
        ("已派人现场处理完毕。", "已修复路灯\x00，感谢您的反映。", "public_reply", "控制字符"),
        ("\u200b" * 12, "已修复路灯，感谢您的反映。", "reply_reason", "太短"),
        ("已派人现场处理完毕。", "长" * 4001, "public_reply", "最多 4000 个字，现在 4001 个字"),
    ],
)
def test_unit_replies_are_checked_like_case_fields(reason, public, code, zh):
    from seat_app.domain.dispatch import DispatchRuleError, UnitReply

    with pytest.raises(DispatchRuleError) as info:
        UnitReply("属实", "已解决", reason, public)
    assert info.value.code == code and zh in info.value.zh and info.value.en


def test_reasons_and_callback_notes_are_checked():
    from datetime import datetime

    from seat_app.domain.calendar import WorkingDayCalendar
    from seat_app.domain.dispatch import (
        DispatchFlow,
        DispatchRuleError,
        DispatchState,
        DispatchStatus,
    )

    flow = DispatchFlow(WorkingDayCalendar())
    state = DispatchState(case_id="C-1", matter="路灯不亮", status=DispatchStatus.PENDING)
    at = datetime(2026, 11, 30, 9, 0)
    with pytest.raises(DispatchRuleError, match="改变文字方向") as info:
        flow.flag_unreasonable(state, "重复来电\u2067骚扰热线", at=at, actor="2001")
    assert info.value.code == "reason"
    with pytest.raises(DispatchRuleError, match="必须填写原因"):  # 7 invisible characters
        flow.flag_unreasonable(state, "\u200b\u200c\u200d\u2060\ufeff\u200b\u200b", at=at, actor="2001")
    closed, _event = flow.flag_unreasonable(state, "同一人一天来电二十次", at=at, actor="2001")
    assert closed.status == DispatchStatus.CLOSED
    replied = DispatchState(case_id="C-2", matter="路灯不亮", status=DispatchStatus.REVIEWED)
    with pytest.raises(DispatchRuleError, match="回访记录含有不可见的控制字符") as note:
        flow.record_callback(replied, "满意", at=at, actor="1001", note="来电人满意\x1b[2J")
    assert note.value.code == "callback_note"
    called, _event = flow.record_callback(replied, "满意", at=at, actor="1001", note="满意，已解决")
    assert called.status == DispatchStatus.CALLED_BACK


def test_a_conflict_resolved_with_a_typed_value_meets_the_field_rules(with_units):
    """Resolving a conflict is an edit: a typed value with hostile characters, a matter
    outside the taxonomy or a forbidden status change is refused, the conflict stays open."""
    import json

    service = CaseService(with_units, agent="1001")
    case = service.create(DISPATCH)

    def conflict(field: str, local, central) -> str:
        row = {"id": new_uuid(), "revision": 1, "change_seq": 2, "changed_by": "", "changed_at": utcnow(),
               "deleted": False, "entity": "cases", "entity_id": case["id"], "field": field,
               "local_value": json.dumps(local), "central_value": json.dumps(central),
               "base_value": json.dumps(None), "op_id": new_uuid(), "seat_code": "S01",
               "status": "open", "resolution": None, "resolved_by": "", "resolved_at": None}
        assert with_units.apply_pulled("conflicts", [row])[0] == 1
        return row["id"]

    name = conflict("caller_name", "张三", "张先生")
    for value, reason in (("张\u202e三", "改变文字方向"), ("\u200b\u200b", "不可见字符"),
                          ("张\ud800", "无法保存")):
        with pytest.raises(CaseValidationError, match=reason):
            service.resolve_conflict(name, "value", value)
    status = conflict("status", "已办结", "已转派")
    with pytest.raises(CaseValidationError, match="要等承办单位答复"):
        service.resolve_conflict(status, "local")
    matter = conflict("matter", "噪声扰民", "停水")
    with pytest.raises(CaseValidationError, match="不在事项目录中"):
        service.resolve_conflict(matter, "local")
    assert len(service.conflicts(case["id"])) == 3  # all still open, nothing changed
    assert service.get(case["id"])["caller_name"] == "张先生"
    assert service.resolve_conflict(name, "value", " 张三 ") == {"field": "caller_name", "value": "张三"}
    assert service.get(case["id"])["caller_name"] == "张三"


def test_the_unit_suggestion_is_a_real_unit_or_none(store, tmp_path):
    empty = CaseService(store)
    assert empty.suggest_unit("停水", "盐湖区")["unit"] == ""  # no list yet: nothing made up
    store.apply_pulled("units", [_unit_row("盐湖区旧水务所", active=False)])
    assert empty.suggest_unit("停水", "盐湖区")["unit"] == ""  # a closed unit is not offered
    store.apply_pulled("units", [_unit_row("盐湖区水务局")])
    assert empty.suggest_unit("停水", "盐湖区")["unit"] == "盐湖区水务局"
    assert empty.suggest_unit("不存在的事项", "盐湖区")["unit"] == ""


@pytest.mark.parametrize("days", ["abc", "0", -3, 100000, "5\x00"])
def test_a_bad_deadline_from_the_form_is_a_field_error(store, days):
    service = CaseService(store)
    form = {"caller_phone": "13800001234", "channel": "电话", "matter": "停水", "description": "停水",
            "handling": "转派", "handling_unit": "盐湖区水务局", "deadline_days": days}
    with pytest.raises(CaseValidationError) as info:
        service.save_case(form)
    assert info.value.fields == ["deadline"] and "1–365 个工作日" in info.value.zh
    assert store.count("cases") == 0
