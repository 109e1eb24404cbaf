"""prelim learn check and watch: every kind of difference rendered from real reports (the
harness's comparison run here on wrong answers, in both languages), a few checks through
the child Python end to end, the reflect path that never runs the file, the progress
recorded, and watch on a real terminal."""

import io
import json
import os
import re
import select
import sys
import termios
import time

import jsonschema
import pytest
import torch

from conftest import SRC, prelim
from prelim_cli import contract, learn
from prelim_cli.core.env import Output
from prelim_cli.core.errors import PrelimError
from prelim_cli.i18n import en
from prelim_cli.learn import checking, harness, report
from prelim_cli.learn.exercise import Exercise, Text
from prelim_cli.learn.place import open_place
from prelim_cli.learn.state import Workspace
from prelim_cli.learn.trial import compare
from prelim_cli.render import render


def start_in(ws, exercise, edition="en"):
    """The exercise started in workspace ``ws`` as `prelim learn start` starts it: its file."""
    from pathlib import Path

    from prelim_cli.learn import lesson

    place = open_place(str(ws), edition, "en", writing=True)
    return Path(lesson.start(place, exercise, force=False).extra["path"])

VALIDATOR = jsonschema.Draft202012Validator(contract.schema())
ROW_SUMS = learn.by_slug("linalg.row-sums")
LEN_OF_X = learn.by_slug("linalg.len-of-x")
TRANSPOSE = learn.by_slug("linalg.transpose-twice")
WRONG_AXIS = "def row_normalize(A):\n    return A / A.sum(axis=0, keepdims=True)\n"
NO_KEEPDIMS = "import torch\n\n\ndef row_normalize(A):\n    return A / A.sum(axis=1)\n"


def shown(exercise: Exercise, data: dict, lang: str = "en",
          with_heading: bool = False) -> tuple[str, str | None, list]:
    """The report as the table renderer writes it, the Error line (None for a pass), and
    the demo's step keys after the heading (the exercise, which every report starts with)."""
    try:
        demo, error = report.checked(exercise, data, "2.3.6", "ex_2_3_6.py", lang), None
    except PrelimError as err:
        demo, error = err.demo, err.text(lang)
    buffer = io.StringIO()
    render(demo, "table", lang, True, Output(buffer, width=100))
    heading, *keys = [step.key for step in demo.steps]  # the exercise and its kind, first
    assert heading == {"code": "checked.code", "check": "checked.claim",
                       "reflect": "checked.reflect"}[exercise.kind]
    assert exercise.title(lang) in buffer.getvalue()
    return buffer.getvalue(), error, [heading, *keys] if with_heading else keys


def harness_report(exercise: Exercise, source: str, tmp_path, seed: int = 0) -> dict:
    """The child's report on ``source``, made here (torch is loaded in the tests anyway)."""
    path = tmp_path / exercise.file_name("en")
    path.write_text(source)
    return harness.check_file(exercise.slug, str(path), seed)


def one_case(theirs, want, call: str = "f(x)", **inputs) -> dict:
    """A failed report of one generated case, its difference found by the harness's own
    comparison of the two values."""
    difference = compare(theirs, want, atol=1e-5, rtol=1e-4, dtype=True)
    assert difference is not None
    case = {"call": call, "book": False, "seed": 7, "index": 3,
            "inputs": {k: repr(v) for k, v in inputs.items()}, "passed": False,
            "difference": difference}
    return {"exercise": "linalg.row-sums", "seed": 7, "status": "failed", "cases": [case],
            "output": ""}


STOPS = [  # a file that ends before any case: (source, the first step, what it says)
    ("def left(A):\n    return A\n", "checked.missing_function", "Define the function right"),
    ("def left(A:\n", "checked.error_syntax", "Python cannot read line 1 of your file"),
    ("import sys\nsys.exit(3)\n", "checked.error_exit", "Your code called sys.exit(3) at line 2"),
    ("x = 1 / 0\n", "checked.error_raised", "Your code raised ZeroDivisionError at line 1"),
    ("while True:\n    print('x' * 1000)\n", "checked.error_output_at",
     "Your code printed more than 1,048,576 characters, at line 2"),
]
DIFFERENT = [  # (theirs, expected, the step, what it says)
    (torch.arange(3), torch.arange(3.0), "checked.diff_dtype_int",
     "Your result is torch.int64, the expected one torch.float32"),
    (torch.arange(3.0), torch.arange(3), "checked.diff_dtype_float", "answer counts something"),
    (torch.arange(3.0), torch.arange(3.0).double(), "checked.diff_dtype", "element type differs"),
    ("2", 2, "checked.diff_type", "Your result's type is str; the expected type is int"),
    (3, 4, "checked.diff_value", "Yours is 3, the expected value is 4"),
    ((1, 2, 3), (1, 2), "checked.diff_length", "Yours has 3 items, the expected answer 2"),
    ({"a": 1, "c": 2}, {"a": 1, "b": 2}, "checked.diff_keys", "Missing: b. Not expected: c."),
]
UNFINISHED = [  # reports the runner makes when the child gives none, and an unknown kind
    ({"status": "timeout", "seconds": 10, "cases": []}, "checked.error_timeout",
     "Your code ran for more than 10 s"),
    ({"status": "crashed", "returncode": -9, "stderr": "Killed", "cases": []},
     "checked.error_killed", "stopped by signal 9"),
    ({"status": "error", "error": {"kind": "encoding", "message": "invalid start byte"},
      "cases": []}, "checked.error_encoding", "Your file is not UTF-8 text"),
    ({"status": "error", "error": {"kind": "file", "reason": "directory"}, "cases": []},
     "checked.error_stopped", "file: reason directory"),  # a kind this renderer does not name
    ({"status": "failed", "cases": []}, "checked.error_stopped", "checker"),
    # the shapes learn-runner's hardened child reports in
    ({"status": "timeout", "seconds": 10, "cases": [], "error": {
        "kind": "timeout", "seconds": 10, "line": 2, "code": "while True: pass"}},
     "checked.error_timeout_at", "more than 10 s, at line 2"),
    ({"status": "error", "cases": [], "output": "0\n" * 500, "error": {
        "kind": "output", "cap": 1 << 20, "line": 3, "code": "print(i)"}},
     "checked.error_output_at", "more than 1,048,576 characters, at line 3"),
    ({"status": "error", "cases": [], "error": {"kind": "output", "cap": 1 << 20}},
     "checked.error_output", "more than 1,048,576 characters"),  # stopped by the parent
    ({"status": "error", "cases": [], "error": {
        "kind": "memory", "limit": 3 << 30, "gb": 3.0, "asked": 4 << 30, "type": "RuntimeError",
        "message": "DefaultCPUAllocator: can't allocate memory", "line": 4,
        "code": "x = torch.zeros(10**9)"}},
     "checked.error_memory", "more memory than a check allows (3.0 GB), at line 4"),
    ({"status": "error", "cases": [], "error": {
        "kind": "input", "type": "EOFError", "message": "EOF when reading a line", "line": 1,
        "code": "n = input()"}}, "checked.error_input", "asks for input at line 1"),
    ({"status": "crashed", "returncode": -9, "stderr": "", "cases": [], "error": {
        "kind": "ended", "status": None, "signal": "SIGKILL"}},
     "checked.error_killed", "stopped by signal SIGKILL"),
    ({"status": "crashed", "returncode": 3, "stderr": "", "cases": [], "error": {
        "kind": "ended", "status": 3, "signal": None}}, "checked.error_crashed", "exit status 3"),
    ({"status": "crashed", "returncode": 1, "stderr": "ImportError: torch", "cases": [],
      "error": {"kind": "start", "status": 1, "signal": None}},
     "checked.error_start", "did not start"),
]


# ---------------------------------------------------------------- passes

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_pass_counts_the_cases_and_gives_the_reasoning(tmp_path, lang):
    data = harness_report(ROW_SUMS, ROW_SUMS.solution, tmp_path)
    text, error, keys = shown(ROW_SUMS, data, lang)
    assert error is None and data["status"] == "passed"
    generated = sum(not case["book"] for case in data["cases"])
    if lang == "en":
        assert f"Passed: {len(data['cases'])} cases (the book's input + {generated} generated, " \
               "seed 0)" in text
    else:
        assert f"通过：{len(data['cases'])} 个用例（书中的输入 + {generated} 个生成的输入，" \
               "种子 0）" in text
    assert ROW_SUMS.answer(lang)[:20] in text
    assert "checked.evidence" not in keys  # a code exercise: checked, not "evidence"


def test_a_check_exercise_says_its_check_is_evidence_not_a_proof(tmp_path):
    data = harness_report(TRANSPOSE, TRANSPOSE.solution, tmp_path)
    text, error, keys = shown(TRANSPOSE, data)
    assert error is None
    assert "A numerical check is evidence, not a proof" in text
    assert keys == ["checked.passed_fixed", "checked.evidence", "checked.answer"]
    book_only = harness_report(LEN_OF_X, LEN_OF_X.solution, tmp_path)
    assert "Passed: 1 case on the book's input" in shown(LEN_OF_X, book_only)[0]


# ---------------------------------------------------------------- failures from the harness

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_missing_keepdims_shows_the_learners_line_and_why_explains_it(tmp_path, lang):
    data = harness_report(ROW_SUMS, NO_KEEPDIMS, tmp_path)
    text, error, keys = shown(ROW_SUMS, data, lang)
    # the book's 5x4 A: (5, 4) / (5,) meets 4 against 5 on the last axis, as torch says
    with pytest.raises(RuntimeError) as raised:
        torch.arange(20.0).reshape(5, 4) / torch.arange(20.0).reshape(5, 4).sum(axis=1)
    assert str(raised.value) in text.replace("\n   ", " ")
    assert keys[:3] == ["checked.case_book", "checked.error_raised", "why.broadcast_sizes"]
    assert "why.align" in keys and "why.fix" in keys
    assert "return A / A.sum(axis=1)" in text and "keepdims=True" in text
    # why's command (prelim broadcast 5,4 5) and the exercise's lesson differ: both shown, once
    assert text.count("prelim broadcast 5,4 5") == 1 and text.count("prelim linalg keepdims") == 1
    failed = sum(not case["passed"] for case in data["cases"])
    assert error == {"en": f"2.3.6 is not passed yet: {failed} of 13 cases failed; edit "
                           "ex_2_3_6.py and run prelim learn check 2.3.6 again",
                     "zh": f"2.3.6 还没有通过：13 个用例中有 {failed} 个没有通过；请修改 "
                           "ex_2_3_6.py，再运行 prelim learn check 2.3.6"}[lang]
    line = "你的代码在第 5 行抛出了 RuntimeError" if lang == "zh" else \
        "Your code raised RuntimeError at line 5"
    assert line in text


def test_a_wrong_axis_shows_the_first_differing_element_and_the_seed(tmp_path):
    data = harness_report(ROW_SUMS, WRONG_AXIS, tmp_path, seed=3)
    case = next(c for c in data["cases"] if not c["passed"])
    text, _, keys = shown(ROW_SUMS, data)
    # the book's A, divided by its column sums: compute the first wrong element here
    A = torch.arange(20, dtype=torch.float32).reshape(5, 4)
    theirs, want = A / A.sum(0, keepdim=True), A / A.sum(1, keepdim=True)
    wrong = (~torch.isclose(theirs, want)).nonzero()[0].tolist()
    assert case["book"] and wrong == [0, 1]
    assert f"The first element that differs is at [0, 1]: yours {theirs[0, 1].item():.6g}, " \
           f"expected {want[0, 1].item():.6g}" in text
    assert f"{int((~torch.isclose(theirs, want)).sum())} of 20 elements differ" in text
    assert keys[:3] == ["checked.case_book", "checked.diff_table", "checked.diff_elements"]
    assert "yours" in text and "expected" in text  # the table's header, side by side
    # the other failing cases, by kind (all wrong values: dividing by column sums raises
    # nothing), and the seed that repeats the generated ones among them
    others = sum(not c["passed"] for c in data["cases"]) - 1
    assert keys[3:5] == ["checked.others", "checked.seed"]
    assert re.search(rf"wrong values\s+{others}\b", text), text
    assert "--seed 3 repeats it" in text


def test_a_generated_case_says_how_to_repeat_it(tmp_path):
    data = one_case(torch.zeros(2, 2), torch.ones(2, 2), x=torch.ones(2, 2))
    text, _, keys = shown(ROW_SUMS, data)
    assert keys[0] == "checked.case_generated_only"  # no book case: none is said to pass
    assert "the first is generated input 3 (seed 7)" in text
    assert "# prelim learn check 2.3.6 --seed 7" in text
    assert "x = tensor([[1., 1.]," in text  # the input, as printed, then the call
    assert keys[-1] == "checked.lesson" and f"# {ROW_SUMS.lesson}" in text


def test_the_stub_as_it_is_returns_none(tmp_path):
    data = harness_report(ROW_SUMS, ROW_SUMS.stub, tmp_path)
    text, error, keys = shown(ROW_SUMS, data)
    assert keys[1] == "checked.diff_none"
    assert "Your code gave None" in text and "its body is still ..." in text
    assert "13 of 13 cases failed" in error


@pytest.mark.parametrize(("source", "key", "said"), STOPS)
def test_a_file_that_stops_before_any_case_is_one_clear_report(tmp_path, source, key, said):
    data = harness_report(TRANSPOSE, source, tmp_path)
    text, error, keys = shown(TRANSPOSE, data)
    assert keys[0] == key and said in text
    assert error.startswith("2.3.6 is not passed yet: ")
    assert "Traceback" not in text


def test_a_missing_value_and_the_output_the_code_printed(tmp_path):
    data = harness_report(LEN_OF_X, "print('thinking')\nanswer = ...\n", tmp_path)
    text, error, keys = shown(LEN_OF_X, data)
    assert keys == ["checked.missing_value", "checked.printed", "checked.lesson"]
    assert "Give answer a value" in text and "thinking" in text
    assert "answer is not defined" in error


def test_a_float_where_the_answer_is_a_count(tmp_path):
    data = harness_report(LEN_OF_X, "answer = 2.0\n", tmp_path)
    text, _, keys = shown(LEN_OF_X, data)
    assert "Your result's type is float; the expected type is int" in text


# ---------------------------------------------------------------- each kind of difference

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_shapes_are_aligned_on_the_right(lang):
    """(5,) against (5, 1): the sum that lost its axis; the table lines them up right."""
    text, _, keys = shown(ROW_SUMS, one_case(torch.ones(5), torch.ones(5, 1)), lang)
    assert "checked.diff_shape" in keys
    assert ("Your result has shape (5,), the expected one (5, 1)" if lang == "en" else
            "你的结果形状是 (5,)，期望的是 (5, 1)") in text
    rows = [line.split()[-2:] for line in text.splitlines() if "(5" in line]
    # broadcasting's alignment: (5,) has no axis -2 (shown as (1), it counts as 1), and its
    # 5 stands under the 1 of (5, 1)
    assert rows[-2:] == [["(1)", "5"], ["5", "1"]]


@pytest.mark.parametrize(("theirs", "want", "key", "said"), DIFFERENT)
def test_each_difference_names_what_differs(theirs, want, key, said):
    text, _, keys = shown(ROW_SUMS, one_case(theirs, want))
    assert key in keys and said in text.replace("\n   ", " ")


def test_a_difference_deep_inside_says_where():
    text, _, keys = shown(ROW_SUMS, one_case((1, [2, 3]), (1, [2, 4])))
    assert keys[1:3] == ["checked.diff_inside", "checked.diff_value"]
    assert "Inside your result, at [1][1]" in text


def test_frames_compare_columns_then_cells():
    import pandas as pd

    want = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]})
    text, _, keys = shown(ROW_SUMS, one_case(want[["a"]], want))
    assert "checked.diff_columns" in keys and "Missing: b." in text
    text, _, keys = shown(ROW_SUMS, one_case(want.assign(b=[3.0, 5.0]), want))
    assert "checked.diff_frame" in keys and "pandas says:" in text


@pytest.mark.parametrize(("data", "key", "said"), UNFINISHED)
def test_a_check_the_child_could_not_finish_is_one_clear_report(data, key, said):
    text, error, keys = shown(ROW_SUMS, {"exercise": ROW_SUMS.slug, "seed": 0, **data})
    assert keys[0] == key and said in text and error.startswith("2.3.6 is not passed yet")


# ---------------------------------------------------------------- reflect

REFLECT = Exercise(
    slug="test.reflect", section="linalg", numbers={"zh": "9.9.1", "en": "9.9.1"},
    kind="reflect", title=Text("Why two tests", "为什么做两次检验"),
    statement=Text("Say why.", "说说为什么。"), hints=(), stub='answer = """\n"""\ndone = False\n',
    solution='answer = """Because."""\ndone = True\n',
    answer=Text("Two tests catch what one misses.", "两次检验能发现一次检验漏掉的问题。"))


@pytest.fixture
def with_reflect(monkeypatch):
    every = learn.every()
    monkeypatch.setattr(learn, "every", lambda: (*every, REFLECT))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_reflect_answer_is_read_never_run_and_never_called_checked(with_reflect, tmp_path,
                                                                     lang):
    ws = tmp_path / "ws"
    path = start_in(ws, REFLECT)
    args = ("learn", "check", "9.9.1", "--dir", str(ws), "--lang", lang)
    result = prelim(*args)
    assert result.exit_code == 1
    assert ("Write your answer in the file" if lang == "en" else "在文件里写下你的答案") \
        in result.stdout
    assert result.stderr.count("\n") == 1
    # the file's code would leave a mark if it ran; the answer is read as a literal
    path.write_text(f"open({str(tmp_path / 'ran')!r}, 'w')\nanswer = \"\"\"Mine.\"\"\"\n"
                    "done = False\n")
    result = prelim(*args)
    assert result.exit_code == 1 and "done = True" in result.stdout
    path.write_text(path.read_text().replace("done = False", "done = True"))
    doc = json.loads(prelim(*args, "-f", "json").stdout)
    VALIDATOR.validate(doc)
    assert (doc["ok"], doc["passed"], doc["status"]) == (True, None, "answered")
    assert [s["key"] for s in doc["steps"]] == ["checked.reflect", "checked.reflect_answered",
                                                 "checked.reference"]
    assert doc["steps"][1]["value"] == "Mine."
    assert doc["steps"][2]["explanation"] == REFLECT.answer(lang)
    assert ("did not check it" if lang == "en" else "没有检查") in doc["steps"][1]["explanation"]
    assert not (tmp_path / "ran").exists()
    entry = Workspace(ws).read().entry(REFLECT.slug)
    assert entry["attempts"] == 3 and entry["answered"] and entry["passed"] is None
    for source, key in ((b'answer = """\n', "checked.error_syntax"),
                        (b"answer = '\xff'\n", "checked.error_encoding")):
        path.write_bytes(source)
        doc = json.loads(prelim(*args, "-f", "json").stdout)
        VALIDATOR.validate(doc)  # a failed check is one document too, with its error
        assert doc["steps"][1]["key"] == key and (doc["status"], doc["ok"]) == ("error", False)


# ---------------------------------------------------------------- the command, end to end

def test_an_id_that_is_unknown_or_not_started_is_one_error_and_no_work(tmp_path):
    ws = str(tmp_path / "ws")
    result = prelim("learn", "check", "9.9.9", "--dir", ws, "--lang", "en")
    assert result.exit_code == 1 and "no exercise '9.9.9' in d2l-en" in result.stderr
    result = prelim("learn", "check", "2.3.6", "--dir", ws, "--lang", "en")
    assert "run prelim learn start 2.3.6 first" in result.stderr
    result = prelim("learn", "check", "--dir", ws, "--lang", "zh")
    assert result.exit_code == 1 and "没有当前的练习" in result.stderr
    assert not (tmp_path / "ws").exists()


def test_check_in_the_child_records_each_attempt_and_the_first_pass(tmp_path):
    """Two real checks: the missing keepdims fails (exit 1), the fixed file passes (exit 0)."""
    from test_startup import loaded_heavy_modules

    ws = Workspace(tmp_path / "ws")
    path = start_in(ws.path, ROW_SUMS)
    path.write_text(NO_KEEPDIMS)
    result = prelim("learn", "check", "--dir", str(ws.path), "--lang", "en")
    assert result.exit_code == 1, result.stderr
    assert "Your code raised RuntimeError at line 5" in result.stdout
    assert result.stderr.startswith("Error: 2.3.6 is not passed yet")
    entry = ws.read().entry(ROW_SUMS.slug)
    assert (entry["attempts"], entry["passed"]) == (1, None)
    path.write_text(ROW_SUMS.solution)
    started = entry["started"]
    # the pass, through the real entry point: prelim's own process never imports torch
    line, out = loaded_heavy_modules("learn", "check", "2.3.6", "--dir", str(ws.path),
                                     "-f", "json", "--seed", "5")
    assert line == "HEAVY: []"
    doc = json.loads(out)
    VALIDATOR.validate(doc)
    assert (doc["passed"], doc["status"], doc["seed"], doc["id"]) == (True, "passed", 5, "2.3.6")
    assert len(doc["cases"]) == 13 and all(case["passed"] for case in doc["cases"])
    state = ws.read()
    entry = state.entry(ROW_SUMS.slug)
    assert entry["attempts"] == 2 and entry["passed"] >= started
    assert entry["seconds"] == round(entry["passed"] - started, 1)
    assert state.current == ROW_SUMS.slug


def test_every_key_of_check_is_reached_in_both_catalogs(tmp_path):
    """Every learn.* step of check is shown by one of the reports above (test_i18n's runs
    leave prelim learn out: each check there would start a child Python)."""
    import pandas as pd

    from prelim_cli.i18n import zh
    from prelim_cli.learn import reflect

    only_the_book = ("def row_normalize(A):\n    if A.shape == (5, 4):\n"
                     "        return A / A.sum(axis=1, keepdims=True)\n    return A\n")
    reports = [(ROW_SUMS, harness_report(ROW_SUMS, source, tmp_path))
               for source in (ROW_SUMS.solution, NO_KEEPDIMS, WRONG_AXIS, ROW_SUMS.stub,
                              only_the_book)]
    reports += [(TRANSPOSE, harness_report(TRANSPOSE, source, tmp_path))
                for source in (TRANSPOSE.solution, *(source for source, _, _ in STOPS))]
    reports += [(LEN_OF_X, harness_report(LEN_OF_X, source, tmp_path))
                for source in (LEN_OF_X.solution, "print(1)\nanswer = ...\n")]
    gradient = learn.by_slug("calculus.gradient")  # no input of the book's: all generated
    reports.append((gradient, harness_report(gradient, gradient.solution, tmp_path)))
    frame = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]})
    reports += [(ROW_SUMS, one_case(theirs, want)) for theirs, want, _, _ in DIFFERENT] + [
        (ROW_SUMS, one_case(torch.ones(5), torch.ones(5, 1))),
        (ROW_SUMS, one_case((1, [2, 3]), (1, [2, 4]))),
        (ROW_SUMS, one_case(torch.zeros(2), torch.ones(2))),
        (ROW_SUMS, one_case(frame[["a"]], frame)),
        (ROW_SUMS, one_case(frame.assign(b=[3.0, 5.0]), frame))]
    reports += [(ROW_SUMS, {"exercise": ROW_SUMS.slug, "seed": 0, **data})
                for data, _, _ in UNFINISHED]
    path = tmp_path / "reflect.py"
    for source in ('answer = ""\ndone = False\n', 'answer = "Mine."\ndone = True\n'):
        path.write_text(source)
        reports.append((REFLECT, reflect.read(REFLECT.slug, path)))
    reached = set()
    for lang in ("en", "zh"):
        for exercise, data in reports:
            reached.update(shown(exercise, data, lang, with_heading=True)[2])
    mine = {key for key in en.MESSAGES if key.startswith("checked.")}
    assert mine - reached == set()
    assert reached - en.MESSAGES.keys() == set() and reached - zh.MESSAGES.keys() == set()


# ---------------------------------------------------------------- watch on a terminal

class Terminal:
    """``prelim ARGS`` with a pseudo-terminal as its controlling terminal (pty.fork), so a
    Ctrl-C typed there is the SIGINT a user's is; 100 columns by 40 rows."""

    def __init__(self, *args: str) -> None:
        import pty

        env = {**os.environ, "PYTHONPATH": str(SRC), "TERM": "xterm", "NO_COLOR": "1",
               "LANG": "C.UTF-8", "COLUMNS": "100", "LINES": "40"}
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: prelim on the terminal
            try:
                os.execve(sys.executable, [sys.executable, "-m", "prelim_cli", *args], env)
            finally:
                os._exit(127)
        self.seen = ""

    def shows(self, pattern: str, since: int = 0, timeout: float = 60) -> None:
        """Read until ``pattern`` is in the output after position ``since``."""
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.seen[since:]):
            assert time.monotonic() < deadline, f"no {pattern!r}: {self.seen[-800:]!r}"
            if select.select([self.fd], [], [], 0.1)[0]:
                try:
                    self.seen += os.read(self.fd, 65536).decode(errors="replace")
                except OSError:  # the child closed the terminal
                    break

    def press(self, keys: bytes) -> int:
        """Type ``keys``; the position of the output from then on."""
        since = len(self.seen)
        os.write(self.fd, keys)
        return since

    def close(self) -> int:
        """The exit status, once the child ends (whatever it still prints is kept)."""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.05)
            if select.select([self.fd], [], [], 0)[0]:
                try:
                    self.seen += os.read(self.fd, 65536).decode(errors="replace")
                except OSError:
                    pass
        else:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
            raise AssertionError(f"prelim learn watch did not end: {self.seen[-800:]!r}")
        return os.waitstatus_to_exitcode(status)


def test_watch_checks_on_every_save_and_n_starts_the_next(tmp_path):
    ws = Workspace(tmp_path / "ws")
    path = start_in(ws.path, LEN_OF_X)
    following = checking.following(open_place(str(ws.path), "en", "en"), LEN_OF_X)
    term = Terminal("learn", "watch", "--dir", str(ws.path), "--lang", "en")
    try:
        term.shows(r"watching .*ex_2_3_4\.py")  # the stub: answer is still ...
        saved = path.with_suffix(".tmp")
        saved.write_text("answer = 2\n")
        began, since = time.monotonic(), len(term.seen)
        saved.replace(path)  # as an editor that saves by rename does
        term.shows(r"Passed: 1 case", since)
        latency = time.monotonic() - began
        term.shows(re.escape(f"n: start {following.number('en')} {following.title('en')}"),
                   since)
        since = term.press(b"n")
        term.shows(rf"started {following.number('en')}", since)
        term.press(b"\x03")  # Ctrl-C, while the new file's first check runs
        code = term.close()
        restored = termios.tcgetattr(term.fd)[3] & termios.ICANON  # line editing is back
    finally:
        os.close(term.fd)
    assert code == 130 and restored
    assert "Traceback" not in term.seen
    assert latency < 30, latency  # a cold child each time: about 1.3 s on an idle machine
    print(f"watch: save to 'passed' in {latency:.2f} s")
    state = ws.read()
    assert state.current == following.slug and state.entry(LEN_OF_X.slug)["passed"]
    assert (ws.path / following.file_name("en")).read_text().endswith(following.stub)


def test_q_quits_watch_and_restores_the_terminal(tmp_path):
    ws = Workspace(tmp_path / "ws")
    start_in(ws.path, LEN_OF_X).write_text("answer = 3\n")
    term = Terminal("learn", "watch", "2.3.4", "--dir", str(ws.path), "--lang", "zh")
    try:
        term.shows("正在监视")
        assert "你的是 3，期望的值是 2" in term.seen
        term.press(b"q")
        code = term.close()
        restored = termios.tcgetattr(term.fd)[3] & termios.ICANON
    finally:
        os.close(term.fd)
    assert code == 0 and restored and "Traceback" not in term.seen
