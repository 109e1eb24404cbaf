"""prelim learn's commands but check and watch: the exercise list, the file start writes, the
hints, the reference solution (which passes the check, run here by the harness), a teacher's
progress table, reset, the workspace's edition, and a state file that is damaged, foreign,
newer, or whose writer is killed. In-process (these commands never run a learner's file);
one subprocess, the one that is killed."""

import json
import re
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import jsonschema
import pytest

from conftest import SRC, prelim, prelim_json
from prelim_cli import contract, learn
from prelim_cli.learn.state import Workspace

ROW_SUMS = "linalg.row-sums"  # 2.3.6 in both editions: A / A.sum(axis=1)


@pytest.fixture
def ws(tmp_path, monkeypatch):
    """A fresh workspace folder, named by --dir relative to tmp_path, where the test runs."""
    monkeypatch.chdir(tmp_path)
    return Path("ws")


def run(ws: Path, *args: str, code: int = 0, lang: str = "en"):
    result = prelim("learn", *args, "--dir", str(ws), "--lang", lang)
    assert result.exit_code == code, result.stderr
    return result


def doc(ws: Path, *args: str, lang: str = "en") -> dict:
    document = prelim_json("learn", *args, "--dir", str(ws), "--lang", lang)
    name = document["command"]
    jsonschema.validate(document, contract.schema(name))  # the schema prelim schema prints
    return document


def cells(line: str) -> int:
    """Terminal columns of a line: a wide (CJK) character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def state(ws: Path) -> dict:
    return json.loads((ws / ".prelim-learn.json").read_text(encoding="utf-8"))


def test_the_list_gives_each_exercise_of_the_edition_in_book_order(ws):
    for edition in ("zh", "en"):
        listed = doc(ws, "list", "--edition", edition)
        ids = [e["id"] for e in listed["exercises"]]
        assert ids == sorted(ids, key=lambda n: [int(p) for p in n.split(".")])
        assert len(set(ids)) == len(ids) == listed["total"] > 0 and listed["done"] == 0
        for entry in listed["exercises"]:
            assert entry["numbers"][edition] == entry["id"] and entry["status"] == "todo"
    row = next(e for e in listed["exercises"] if e["id"] == "2.3.6")
    assert row == {"id": "2.3.6", "slug": ROW_SUMS, "section": "linalg", "kind": "code",
                   "status": "todo", "title": "Dividing each row by its sum",
                   "numbers": {"zh": "2.3.6", "en": "2.3.6"}}
    shown = prelim("learn").stdout  # alone, prelim learn is the list (of ./prelim-exercises)
    assert shown == prelim("learn", "list").stdout
    assert prelim("learn", "--lang", "zh", "-f", "json").stdout == \
        prelim("learn", "list", "--lang", "zh", "-f", "json").stdout
    first = learn.of("en")[0].number("en")  # 2.1.1: the first not done, when none is current
    assert "§2.3 Linear algebra: 0 of" in shown and f"# prelim learn start {first}" in shown
    zh = run(ws, "list", lang="zh").stdout
    assert "§2.3 线性代数：已完成 0/" in zh and "未开始" in zh and "每行除以该行的和" in zh
    assert not ws.exists()  # listing makes nothing


def test_start_writes_the_header_and_the_stub_and_makes_it_current(ws):
    exercise = learn.by_slug(ROW_SUMS)
    started = doc(ws, "start", "2.3.6")
    path = ws / "ex_2_3_6.py"
    assert started["path"] == str(path) and started["written"] is True
    text = path.read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    lines = head.splitlines()
    assert lines[0] == "# prelim learn · exercise 2.3.6 (code): Dividing each row by its sum"
    assert lines[1] == "# d2l-zh 练习 2.3.6 · d2l-en Exercise 2.3.6"
    assert lines[-2:] == [f"# Check it: prelim learn check 2.3.6 --dir {ws}",
                          f"# A hint:   prelim learn hint 2.3.6 --dir {ws}"]
    statement = [line[2:] for line in lines[3:-3]]
    assert " ".join(statement) == exercise.statement.en and max(map(cells, lines)) <= 79
    assert body == exercise.stub
    compile(text, str(path), "exec")  # the learner starts from valid Python
    saved = state(ws)
    assert saved["current"] == ROW_SUMS and saved["edition"] == "en"
    assert saved["exercises"][ROW_SUMS]["file"] == "ex_2_3_6.py"
    # the statement is on screen too
    shown = " ".join(run(ws, "start", "2.3.6").stdout.split())
    assert " ".join(exercise.statement.en.split()) in shown


def test_in_chinese_the_header_is_chinese_and_wrapped_to_79_columns(ws):
    run(ws, "start", "2.3.6", lang="zh")
    lines = (ws / "ex_2_3_6.py").read_text(encoding="utf-8").split("\n\n")[0].splitlines()
    assert lines[0] == "# prelim learn · 练习 2.3.6（代码）：每行除以该行的和"
    assert lines[-2].startswith("# 检查：prelim learn check 2.3.6")
    assert max(map(cells, lines)) <= 79 and len(lines) > 6  # the statement took several lines
    statement = "".join(line[2:] for line in lines[3:-3])
    assert statement.replace(" ", "") == learn.by_slug(ROW_SUMS).statement.zh.replace(" ", "")
    assert "row_normalize(A)" in statement  # the code in it is whole, never broken


def test_start_never_overwrites_the_learners_file_and_force_keeps_it_as_a_backup(ws):
    run(ws, "start", "2.3.6")
    mine = ws / "ex_2_3_6.py"
    mine.write_text("def row_normalize(A):\n    return A  # mine\n")
    again = doc(ws, "start", "2.3.6")
    assert again["written"] is False and "# mine" in mine.read_text()
    assert f"{mine} exists and is kept" in run(ws, "start", "2.3.6").stdout
    shown = run(ws, "start", "2.3.6", "--force").stdout
    assert f"Wrote {mine} afresh" in shown
    assert (ws / "ex_2_3_6.py.bak").read_text() == "def row_normalize(A):\n    return A  # mine\n"
    assert "# mine" not in mine.read_text()
    run(ws, "start", "2.3.6", "--force")  # a second backup never replaces the first
    assert "# mine" in (ws / "ex_2_3_6.py.bak").read_text()
    assert (ws / "ex_2_3_6.py.bak2").exists()


def test_each_hint_call_reveals_one_more_and_remembers_it(ws):
    hints = [h.en for h in learn.by_slug(ROW_SUMS).hints]
    for n in range(1, len(hints) + 1):
        got = doc(ws, "hint", "2.3.6")
        assert got["hints"] == hints[:n] and got["left"] == len(hints) - n
    assert state(ws)["exercises"][ROW_SUMS]["hints"] == len(hints)
    last = run(ws, "hint", "2.3.6").stdout
    assert f"Hint {len(hints)} of {len(hints)}" in last and "No hints left" in last
    assert doc(ws, "hint", "2.3.6")["left"] == 0
    assert state(ws)["exercises"][ROW_SUMS]["hints"] == len(hints)
    assert "提示 1/3" in run(ws, "hint", "2.3.6", lang="zh").stdout


def test_the_solution_waits_for_a_pass_unless_the_learner_gives_up(ws):
    refused = run(ws, "solution", "2.3.6", code=1)
    assert refused.stdout == "" and "--give-up" in refused.stderr
    assert "Error: the solution of 2.3.6 shows once your file passes" in refused.stderr
    assert not ws.exists()
    given = run(ws, "solution", "2.3.6", "--give-up").stdout
    exercise = learn.by_slug(ROW_SUMS)
    assert given.startswith("# prelim learn · exercise 2.3.6")
    assert given.endswith("\n\n" + exercise.solution)  # the file, and nothing else
    assert run(ws, "solution", "2.3.6", "--give-up", "-f", "repr").stdout == given
    listed = doc(ws, "list")["exercises"]
    assert next(e for e in listed if e["id"] == "2.3.6")["status"] == "given-up"
    got = doc(ws, "solution", "2.3.6", "--give-up")
    assert got["solution"] == given and got["given_up"] is True
    assert got["answer"] == exercise.answer.en


def test_a_passed_exercise_shows_its_solution_and_stays_passed(ws):
    with Workspace(ws).update() as saved:
        saved.start(ROW_SUMS, "ex_2_3_6.py")["passed"] = time.time()
    got = doc(ws, "solution", "2.3.6")
    assert got["given_up"] is False and "keepdims=True" in got["solution"]
    assert doc(ws, "solution", "2.3.6", "--give-up")["given_up"] is False
    assert state(ws)["exercises"][ROW_SUMS]["gave_up"] is False


@pytest.mark.parametrize("slug", ["linalg.transpose-twice", "linalg.len-of-x", ROW_SUMS])
def test_the_printed_solution_passes_the_check_and_the_stub_does_not(ws, slug, tmp_path):
    from prelim_cli.learn.harness import check_file

    exercise = learn.by_slug(slug)
    number = exercise.number("en")
    path = tmp_path / "solution.py"
    path.write_text(run(ws, "solution", number, "--give-up").stdout, encoding="utf-8")
    assert check_file(slug, str(path))["status"] == "passed"
    run(ws, "start", number)
    assert check_file(slug, str(ws / exercise.file_name("en")))["status"] != "passed"


def test_write_puts_the_solution_in_place_but_not_over_the_learners_own(ws):
    run(ws, "start", "2.3.6")
    mine = ws / "ex_2_3_6.py"
    mine.write_text("# my attempt\n")
    refused = run(ws, "solution", "2.3.6", "--give-up", "--write", code=1)
    assert "--force" in refused.stderr and mine.read_text() == "# my attempt\n"
    assert state(ws)["exercises"][ROW_SUMS]["gave_up"] is False  # refused before recording
    shown = run(ws, "solution", "2.3.6", "--give-up", "--write", "--force").stdout
    assert f"Wrote the reference solution to {mine}" in shown
    assert mine.read_text(encoding="utf-8").endswith(learn.by_slug(ROW_SUMS).solution)


def test_write_replaces_a_stub_left_as_start_wrote_it(ws):
    run(ws, "start", "2.3.1", lang="zh")  # the stub, untouched (its header in Chinese)
    run(ws, "solution", "2.3.1", "--give-up", "--write")  # no --force: nothing of yours lost
    assert (ws / "ex_2_3_1.py").read_text().endswith(learn.by_slug("linalg.transpose-twice")
                                                      .solution)


def test_progress_gives_a_teacher_status_attempts_hints_and_time(ws):
    run(ws, "hint", "2.3.6")
    run(ws, "hint", "2.3.6")
    with Workspace(ws).update() as saved:
        entry = saved.entry(ROW_SUMS)
        entry.update(attempts=4, started=1000.0, passed=1065.0)
    got = doc(ws, "progress")
    row = next(e for e in got["exercises"] if e["id"] == "2.3.6")
    assert row == {"id": "2.3.6", "slug": ROW_SUMS, "status": "passed", "attempts": 4,
                   "hints": 2, "seconds": 65.0, "gave_up": False}
    assert got["done"] == 1 and got["total"] == len(got["exercises"])
    assert all(e["seconds"] is None for e in got["exercises"] if e["id"] != "2.3.6")
    shown = run(ws, "progress").stdout
    assert re.search(r"2\.3\.6\s+passed\s+4\s+2\s+1:05", shown), shown
    total = len(learn.of("en"))
    assert f"1 of {total} done" in run(ws, "list").stdout  # and the list counts it done


def test_reset_keeps_the_file_as_a_backup_and_forgets_the_progress(ws):
    run(ws, "start", "2.3.6")
    run(ws, "hint", "2.3.1")
    (ws / "ex_2_3_6.py").write_text("# my work\n")
    got = doc(ws, "reset", "2.3.6")
    assert got["reset"] == ["2.3.6"] and got["backups"] == [str(ws / "ex_2_3_6.py.bak")]
    assert (ws / "ex_2_3_6.py.bak").read_text() == "# my work\n"
    assert not (ws / "ex_2_3_6.py").exists()
    assert ROW_SUMS not in state(ws)["exercises"] and state(ws)["current"] is None
    assert doc(ws, "reset", "--all")["reset"] == ["2.3.1"]
    assert state(ws)["exercises"] == {}
    assert "Nothing to reset" in run(ws, "reset", "--all").stdout


def test_the_workspace_keeps_its_edition_and_an_id_of_the_other_edition_says_so(ws):
    # d2l-zh's 2.3.7 (sum shapes) is d2l-en's 2.3.8; 2.3.10 (product order) is d2l-en's alone
    wrong = run(ws, "start", "2.3.10", "--edition", "zh", code=1)
    assert "no exercise '2.3.10' in d2l-zh, but d2l-en numbers one so: add --edition en" in \
        wrong.stderr
    unknown = run(ws, "start", "2.3.13", "--edition", "zh", code=1).stderr
    assert "try one of 2.3.1, 2.3.2, 2.3.3, 2.3.4, 2.3.5, 2.3.6, 2.3.7, 2.3.8" in unknown
    assert doc(ws, "start", "2.3.7", "--edition", "zh")["path"] == str(ws / "ex_2_3_7.py")
    assert state(ws)["current"] == "linalg.sum-shapes"
    ids = [e["id"] for e in doc(ws, "list")["exercises"]]  # no --edition: the workspace's
    assert "2.3.7" in ids and "2.3.10" not in ids
    en = {e["id"]: e["slug"] for e in doc(ws, "list", "--edition", "en")["exercises"]}
    assert en["2.3.8"] == "linalg.sum-shapes" and "2.3.10" in en
    hints = len(learn.by_slug("linalg.sum-shapes").hints)
    assert doc(ws, "hint", "linalg.sum-shapes")["left"] == hints - 1  # a slug: any edition


STATES = {"damaged": b'{"format": "prelim-learn", "ver',
          "foreign": b'{"cells": [], "nbformat": 4}\n',
          "newer": b'{"format": "prelim-learn", "version": 2, "exercises": {}}\n'}
SAID = {"damaged": "is damaged", "foreign": "is not a prelim learn state file",
        "newer": "is version 2, this prelim knows version 1"}


@pytest.mark.parametrize("kind", STATES)
def test_a_bad_state_file_is_one_error_line_and_left_byte_for_byte(ws, kind):
    ws.mkdir()
    path = ws / ".prelim-learn.json"
    path.write_bytes(STATES[kind])
    for args in (["list"], ["start", "2.3.6"], ["hint", "2.3.6"], ["progress"],
                 ["solution", "2.3.6", "--give-up"], ["reset", "--all"]):
        result = run(ws, *args, code=1)
        [line] = result.stderr.splitlines()
        assert line.startswith(f"Error: {path}" if kind == "foreign" else "Error: ") and \
            SAID[kind] in line and str(path) in line, line
        assert path.read_bytes() == STATES[kind]
        assert sorted(p.name for p in ws.iterdir()) == [".prelim-learn.json"]


def test_a_workspace_that_cannot_be_written_is_named_before_anything_is_made(ws,
                                                                            monkeypatch):
    import os

    monkeypatch.setattr(os, "access", lambda path, mode: False)  # root may write anywhere
    result = run(ws, "start", "2.3.6", code=1)
    assert f"--dir {ws}: folder '{ws.parent}' is not writable" in result.stderr
    assert not ws.exists()
    assert run(ws, "list").exit_code == 0  # reading needs no writing


KILLED = """
import sys
from pathlib import Path
from prelim_cli.learn.state import Workspace

workspace = Workspace(Path(sys.argv[1]))
while True:
    with workspace.update() as state:
        entry = state.start("linalg.row-sums", "ex_2_3_6.py")
        entry["attempts"] += 1
        state.data["padding"] = "x" * 200_000  # a write long enough to be caught in it
    print(entry["attempts"], flush=True)
"""


def test_killing_prelim_mid_update_leaves_the_old_state_or_the_new(tmp_path):
    child = subprocess.Popen([sys.executable, "-c", KILLED, str(tmp_path)],
                             stdout=subprocess.PIPE, text=True, env={"PYTHONPATH": str(SRC)})
    try:
        for _ in range(30):  # thirty whole updates, then SIGKILL during one of the next
            written = int(child.stdout.readline())
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    entry = Workspace(tmp_path).read().entry(ROW_SUMS)  # valid JSON, prelim's own
    assert written <= entry["attempts"] <= written + 2


def test_the_readme_counts_the_exercises_of_each_kind_in_each_edition():
    readme = (SRC.parent / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| d2l-(zh|en) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$", readme,
                      flags=re.M)
    counted = learn.counts()
    assert {edition: [int(n) for n in numbers] for edition, *numbers in rows} == {
        edition: [by["code"], by["check"], by["reflect"], len(learn.of(edition))]
        for edition, by in counted.items()}


@pytest.mark.parametrize("entry, said", [
    ("x", "linalg.row-sums: 'x' is not a record"),
    ({"file": "ex_2_3_6.py", "started": 1.0, "attempts": 0, "gave_up": False},
     "linalg.row-sums: hints is None"),
    ({"file": "ex_2_3_6.py", "started": 1.0, "attempts": "2", "hints": 0, "gave_up": False},
     "linalg.row-sums: attempts is '2'"),
    ({"file": "ex_2_3_6.py", "started": 1.0, "attempts": 0, "hints": 0, "gave_up": False,
      "passed": "yesterday"}, "linalg.row-sums: passed is 'yesterday'"),
])
def test_a_hand_edited_record_prelim_cannot_use_is_damaged_not_a_traceback(ws, entry, said):
    ws.mkdir()
    path = ws / ".prelim-learn.json"
    text = json.dumps({"format": "prelim-learn", "version": 1, "edition": "en",
                       "current": None, "exercises": {ROW_SUMS: entry}})
    path.write_text(text)
    for args in (["progress"], ["hint", "2.3.6"]):
        [line] = run(ws, *args, code=1).stderr.splitlines()
        assert f"is damaged ({said})" in line, line
    assert path.read_text() == text
