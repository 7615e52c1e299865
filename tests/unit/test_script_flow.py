"""Call-script flow: parsing, variables, branches by matter, following the form."""

from __future__ import annotations

import tomllib

import pytest

from seat_app.domain import script_flow as sf
from seat_app.domain.taxonomy import MATTERS, matter_by_name
from seat_app.services.config import resources_dir

SCRIPTS = resources_dir() / "scripts"


def _load(name: str) -> sf.Script:
    return sf.parse_script(tomllib.loads((SCRIPTS / f"{name}.toml").read_text("utf-8")))


def _mini() -> sf.Script:
    return sf.parse_script(
        {
            "id": "mini",
            "steps": [
                {"id": "hi", "stage": "greeting", "text": "您好 {工号}"},
                {"id": "m", "stage": "matter", "branch": True},
                {"id": "d", "stage": "handling", "when": "direct", "text": "直接"},
                {"id": "p", "stage": "handling", "when": "dispatch", "text": "转{承办单位}"},
                {"id": "bye", "stage": "closing", "text": "工单号{工单号}"},
            ],
            "branches": {
                "default": {"steps": [{"id": "x", "stage": "matter", "text": "默认"}]},
                "噪声污染": {"steps": [{"id": "n", "stage": "matter", "text": "噪声时段"}]},
                "装修噪声": [{"id": "z", "stage": "matter", "text": "装修时间"}],
            },
        }
    )


def test_every_shipped_script_parses_and_the_greeting_is_exact() -> None:
    names = sorted(p.stem for p in SCRIPTS.glob("*.toml"))
    assert {"call", "emergency", "out_of_scope", "upset_caller"} <= set(names)
    scripts = {n: _load(n) for n in names}
    assert scripts["call"].steps[0].text == "您好，运城12345，有什么可以帮您？"
    specials = [s for s in scripts.values() if s.kind == "special"]
    assert len({s.hotkey for s in specials}) == len(specials) and all(s.hotkey for s in specials)
    emergency = " ".join(s.text for s in scripts["emergency"].steps)
    assert all(n in emergency for n in ("110", "119", "120"))


def test_fill_replaces_known_variables_and_marks_missing_ones() -> None:
    text = "{来电人}，转交{承办单位}，时限{时限}，工单号{工单号}"
    out = sf.fill(text, {"来电人": "王女士", "承办单位": "盐湖区住建局", "时限": "5个工作日"})
    assert out == "王女士，转交盐湖区住建局，时限5个工作日，工单号【工单号】"
    assert sf.missing_variables([out]) == {"工单号"}


def test_branch_by_matter_prefers_matter_then_subcategory_then_default() -> None:
    script = _mini()
    ids = lambda **kw: [s.id for s in sf.expand(script, **kw)]  # noqa: E731
    noise = matter_by_name("装修噪声")
    assert ids(matter=noise.name, subcategory=noise.subcategory) == ["hi", "z", "d", "p", "bye"]
    other = matter_by_name("社会生活噪声")
    assert ids(matter=other.name, subcategory=other.subcategory)[1] == "n"
    assert ids(matter="公积金提取", subcategory="住房公积金", mode="dispatch") == [
        "hi",
        "x",
        "p",
        "bye",
    ]


def test_flow_follows_the_form_forward_only_and_keeps_its_place_on_rebranch() -> None:
    flow = sf.ScriptFlow(_mini())
    assert flow.current.id == "hi"
    assert flow.reach("matter").id == "x"
    flow.choose_matter("装修噪声", "噪声污染", "生态环境")
    assert flow.current.id == "z"  # same stage, new branch
    flow.choose_mode("dispatch")
    assert flow.reach("handling").id == "p"
    assert flow.reach("greeting").id == "p"  # never backwards by itself
    assert flow.advance().id == "bye"
    assert flow.at_end and flow.advance().id == "bye"
    assert flow.back().id == "p"


def test_main_script_covers_every_stage_for_every_matter_and_mode() -> None:
    script = _load("call")
    for matter in MATTERS[::7]:
        for mode in sf.HANDLING_MODES:
            steps = sf.expand(
                script, matter.name, subcategory=matter.subcategory, domain=matter.domain, mode=mode
            )
            assert {s.stage for s in steps} == set(sf.STAGES), (matter.name, mode)
            assert all(s.when in (None, mode) for s in steps)


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"steps": [{"id": "a", "text": "x"}]}, "id"),
        ({"id": "s", "steps": []}, "no steps"),
        ({"id": "s", "steps": [{"id": "a", "stage": "nope", "text": "x"}]}, "stage"),
        ({"id": "s", "steps": [{"id": "a", "text": ""}]}, "no text"),
        ({"id": "s", "steps": [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]}, "repeats"),
        ({"id": "s", "steps": [{"id": "a", "branch": True}]}, "default"),
        ({"id": "s", "steps": [{"id": "a", "text": "x", "when": "later"}]}, "when"),
    ],
)
def test_malformed_scripts_are_rejected_with_a_reason(bad: dict, message: str) -> None:
    with pytest.raises(sf.ScriptError, match=message):
        sf.parse_script(bad)


def test_a_script_written_with_the_old_stage_name_still_reads() -> None:
    """Scripts saved before the rename say stage "resolution"; it is read as "handling"."""
    script = sf.parse_script(
        {"id": "old", "steps": [
            {"id": "a", "stage": "greeting", "text": "您好"},
            {"id": "b", "stage": "resolution", "text": "办理"},
        ]}
    )
    assert [s.stage for s in script.steps] == ["greeting", "handling"]
    flow = sf.ScriptFlow(script)
    assert flow.reach("resolution").id == "b"  # an old caller's stage name moves the same way
