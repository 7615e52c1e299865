"""A draft written before the form's keys became column names still loads with every field."""

from __future__ import annotations

import pytest

from seat_app.services.config import open_home
from seat_app.services.local.draft_fields import current_draft_fields
from seat_app.services.local.store import LocalStore

pytestmark = pytest.mark.integrity

OLD = {"channel": "电话", "phone": "13800001234", "area": "盐湖区", "address": "解放路1号",
       "matter": "停水", "description": "三天没水", "resolution": "dispatch",
       "unit": "盐湖区水务局", "deadline_days": 5, "reply": "", "case_no": "20261201-S01-0001",
       "agent_no": "1001"}


def test_old_keys_come_back_under_the_column_names():
    fields = current_draft_fields(OLD)
    assert fields["caller_phone"] == "13800001234" and fields["caller_area"] == "盐湖区"
    assert fields["caller_address"] == "解放路1号" and fields["handling_unit"] == "盐湖区水务局"
    assert fields["handling"] == "转派" and fields["case_number"] == "20261201-S01-0001"
    assert fields["work_no"] == "1001" and fields["reply_text"] == ""
    assert not {"phone", "area", "address", "unit", "reply", "resolution", "case_no"} & set(fields)


def test_a_current_key_is_never_overwritten_and_current_drafts_pass_unchanged():
    mixed = current_draft_fields({"caller_phone": "new", "phone": "old", "resolution": "bogus"})
    assert mixed == {"caller_phone": "new", "handling": None}
    current = {"caller_phone": "1", "handling": "直接办理"}
    assert current_draft_fields(current) is current


def test_an_old_draft_in_the_local_store_loads_renamed(tmp_path):
    home = open_home(tmp_path / "home")
    store = LocalStore.open(home)
    try:
        store.save_draft("form-old", OLD)
        (draft,) = store.list_drafts()
        assert draft.fields["caller_phone"] == "13800001234" and draft.fields["handling"] == "转派"
        assert store.load_draft("form-old").fields["handling_unit"] == "盐湖区水务局"
    finally:
        store.close()
