"""``intake suggest --batch`` and ``kb search --batch`` read their file through one reader
(services/kb/textfile.py): a GBK export of an old system is read like UTF-8; UTF-16 without
a BOM, a binary file, an empty file, an overlong line and an unknown area are refused with
the file and the line, in Chinese and English, and nothing is written to stdout."""

from __future__ import annotations

import json

import pytest

from seat_app.cli import main
from seat_app.services import config
from seat_app.services.store.engine import make_engine
from tests.intake.helpers import add_cases, run

pytestmark = pytest.mark.intake

REQUESTS = "烟囱冒黑烟\t盐湖区\n\n厂房机器轰鸣\n我家的自来水最近发黄浑浊\n"
@pytest.fixture
def trained(seat_home, capsys):
    """A home whose model learned 20 closed cases of each of three matters."""
    assert main(["db", "upgrade"]) == 0
    engine = make_engine(config.open_home().central_url)
    add_cases(engine, 20)
    engine.dispose()
    assert main(["intake", "train", "--no-kb", "--min-cases", "30"]) == 0  # 1 in 10 held out
    capsys.readouterr()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "utf-16"])
def test_batch_in_every_accepted_encoding_gives_the_same_answers(
    trained, capsys, tmp_path, encoding
):
    path = tmp_path / f"batch-{encoding}.txt"
    path.write_bytes(REQUESTS.encode(encoding))
    code, out, err = run(capsys, "intake", "suggest", "--batch", str(path), "--json")
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 4 and lines[1] == []
    assert [line[0]["matter"] for i, line in enumerate(lines) if i != 1] == [
        "工业废气",
        "工业噪声",
        "水质问题",
    ]


@pytest.mark.parametrize(
    ("name", "data", "fragment_zh", "fragment_en"),
    [
        ("utf16.txt", REQUESTS.encode("utf-16-le"), "第 1 行", "line 1"),
        (
            "photo.jpg",
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4,
            "第 1 行",
            "line 1",
        ),
        ("empty.txt", b"", "空", "empty"),
        ("blank.txt", b"\n \n", "空", "empty"),
        ("long.txt", ("停水\n" + "水" * 20_001 + "\n").encode(), "第 2 行", "line 2"),
        ("areas.txt", "停水\t盐湖区\n停电\t火星区\n".encode(), "火星区", "line 2 '火星区'"),
    ],
)
def test_bad_batch_files_are_refused_with_file_and_line(
    trained, capsys, tmp_path, name, data, fragment_zh, fragment_en
):
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run(capsys, "intake", "suggest", "--batch", str(path), "--json")
    assert code == 1 and out == ""
    assert name in err and fragment_zh in err and "Traceback" not in err
    code, out, err = run(
        capsys, "--lang", "en", "intake", "suggest", "--batch", str(path), "--json"
    )
    assert code == 1 and out == ""
    assert f"Cannot read {name}" in err and fragment_en in err
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in err.replace("火星区", "").split("(log:")[0])


def test_kb_search_batch_uses_the_same_reader(seat_home, capsys, tmp_path):
    """Refused before the index is opened or built (no KB is needed to say the file is
    wrong); a GBK batch of an old system is read."""
    bad = tmp_path / "q.txt"
    bad.write_bytes("停水\n".encode("utf-16-le"))
    code, out, err = run(capsys, "--lang", "en", "kb", "search", "--batch", str(bad))
    assert code == 1 and out == "" and "Cannot read q.txt: line 2" in err
    assert "UTF-16 without a byte-order mark" in err
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run(capsys, "kb", "search", "--batch", str(empty))
    assert code == 1 and out == "" and "empty.txt" in err and "空" in err
