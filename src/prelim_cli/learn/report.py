"""A check's report as a Demo: what ``prelim learn check`` and ``watch`` show.

The report is plain data made in the child that ran the learner's file (``harness.py``;
``runner.py`` adds "timeout" and "crashed"; ``reflect.py`` makes a reflect exercise's). A
pass shows its cases and the reasoning; anything else shows the first failing case (the
call and its inputs), what differs (theirs beside the expected, the first differing
element, the shapes aligned on the right as ``prelim broadcast`` aligns them), the
learner's line and ``prelim why``'s explanation of their error, then how to repeat it and
the lesson to revisit, and fails with one Error line. No torch: everything is text already.
"""

from __future__ import annotations

from itertools import zip_longest
from pathlib import Path

from prelim_cli.core.demo import Demo, Message
from prelim_cli.core.values import NO_VALUE, Printed, Raised, TableValue
from prelim_cli.i18n import words
from prelim_cli.learn.exercise import Exercise

SHOWN_STDERR = 800  # characters of a crashed child's last words


def checked(exercise: Exercise, report: dict, number: str, path: Path, language: str) -> Demo:
    """The Demo of a report; ``raise demo.fail(...)`` unless it passed (or was answered)."""
    demo = Demo("learn check")
    status = report["status"]
    demo.headline(id=number, passed=None if exercise.kind == "reflect" else status == "passed",
                  status=status, seed=report.get("seed"), cases=report.get("cases", []))
    heading = {"id": number, "title": exercise.title(language), "path": str(path)}
    if exercise.kind == "code":  # the exercise, and what kind of judgement follows
        demo.add("checked.code", "", **heading)
    elif exercise.kind == "check":
        demo.add("checked.claim", "", **heading)
    else:
        demo.add("checked.reflect", "", **heading)
    if exercise.kind == "reflect":
        return _reflected(demo, exercise, report, number, path, language)
    if status == "passed":
        _passed(demo, exercise, report, language)
        return demo
    reason, explained = _failure(demo, report, language)
    if report.get("output"):
        demo.add("checked.printed", "", Printed(_first_lines(report["output"])))
    if exercise.lesson and exercise.lesson != explained:
        demo.add("checked.lesson", f"# {exercise.lesson}")
    raise demo.fail("learn.check.not_passed", id=number, reason=reason, path=str(path))


PRINTED_LINES = 12  # of what the learner's code printed: the report must stay in view


def _first_lines(output: str) -> str:
    lines = output.rstrip("\n").split("\n")
    return "\n".join(lines if len(lines) <= PRINTED_LINES else [*lines[:PRINTED_LINES], "…"])


# ---------------------------------------------------------------- passed

def _passed(demo: Demo, exercise: Exercise, report: dict, language: str) -> None:
    cases = report["cases"]
    book = sum(1 for case in cases if case["book"])
    calls: dict[str, list[int]] = {}
    for case in cases:
        calls.setdefault(_call(case, language), [0, 0])[0 if case["book"] else 1] += 1
    table = TableValue(["call", "the book's input", "generated"],
                       [[call, *counts] for call, counts in calls.items()])
    generated = len(cases) - book
    if not generated:
        demo.add("checked.passed_book", "", table, n=len(cases))
    elif not book:  # the book gives the exercise no input of its own
        demo.add("checked.passed_generated", "", table, n=len(cases), seed=report["seed"])
    elif book > 1:  # the book's input and other set ones
        demo.add("checked.passed_fixed", "", table, n=len(cases), book=book,
                 generated=generated, seed=report["seed"])
    else:
        demo.add("checked.passed", "", table, n=len(cases), book=book, generated=generated,
                 seed=report["seed"])
    if exercise.kind == "check":
        demo.add("checked.evidence", "", n=len(cases))
    demo.add("checked.answer", "", answer=exercise.answer(language))


# ---------------------------------------------------------------- what went wrong

def _failure(demo: Demo, report: dict, language: str) -> tuple[Message, str | None]:
    """The steps saying what went wrong; the reason for the Error line, and the command
    ``prelim why`` suggested (when it explained the learner's error)."""
    status = report["status"]
    if status == "failed" and any(not case["passed"] for case in report["cases"]):
        return _failed_case(demo, report, language)
    if status == "failed":  # a checker that recorded no case: prelim's mistake, said plainly
        return _error(demo, {"kind": "checker", "cases": 0}, language)
    if status == "missing":
        name = report["missing"]["name"]
        if report["missing"]["what"] == "function":
            demo.add("checked.missing_function", f"def {name}(...):", name=name)
        else:
            demo.add("checked.missing_value", f"{name} = ...", name=name)
        return Message("learn.reason.missing", name=name), None
    if status == "timeout":
        seconds, error = f"{report['seconds']:g}", report.get("error") or {}
        if error.get("line"):
            demo.add("checked.error_timeout_at", _line(error), seconds=seconds,
                     line=error["line"])
        else:
            demo.add("checked.error_timeout", _line(error), seconds=seconds)
        return Message("learn.reason.timeout", seconds=seconds), None
    if status == "error":
        return _error(demo, report["error"], language)
    return _crashed(demo, report), None


def _crashed(demo: Demo, report: dict) -> Message:
    """No report from the child: it ended (os._exit, a signal, the memory limit in C), or
    died before it could take the request."""
    error = report.get("error") or {}
    said = (report.get("stderr") or "").strip()[-SHOWN_STDERR:]
    shown = Printed(said) if said else NO_VALUE
    code = report.get("returncode")
    if error.get("kind") == "start":
        demo.add("checked.error_start", "", shown)
    elif error.get("signal") or (code is not None and code < 0):
        demo.add("checked.error_killed", "", shown, signal=error.get("signal") or -code)
    else:
        demo.add("checked.error_crashed", "", shown, status="?" if code is None else code)
    return Message("learn.reason.crashed")


def _line(error: dict) -> str:
    """The learner's line an error came from, as a comment: shown, never run."""
    return f"# {error['code']}" if error.get("code") else ""


def _call(case: dict, language: str) -> str:
    """The case's call, or its claim in the reader's words when the checker wrote both."""
    return case.get("said", {}).get(language, case["call"])


def _assigned(name: str, value: str) -> str:
    """``A = tensor([[...`` with the value's later lines under its first (as Python would
    print the value after ``A = ``)."""
    return f"{name} = " + value.replace("\n", "\n" + " " * (len(name) + 3))


def _failed_case(demo: Demo, report: dict, language: str) -> tuple[Message, str | None]:
    cases = report["cases"]
    failing = [case for case in cases if not case["passed"]]
    case = failing[0]
    code = "\n".join([*(_assigned(name, value) for name, value in case["inputs"].items()),
                      _call(case, language)])
    if case["book"]:
        demo.add("checked.case_book", code, failed=len(failing), total=len(cases))
    elif any(c["book"] for c in cases):
        demo.add("checked.case_generated", code, failed=len(failing), total=len(cases),
                 index=case["index"], seed=case["seed"])
    else:  # the book gives this exercise no input of its own
        demo.add("checked.case_generated_only", code, failed=len(failing), total=len(cases),
                 index=case["index"], seed=case["seed"])
    difference = case["difference"]
    explained = None
    if difference["kind"] in ("raised", "exit"):
        explained = _raised(demo, difference, language)
    else:
        if difference.get("at"):
            demo.add("checked.diff_inside", "", at="".join(f"[{i!r}]" for i in difference["at"]))
        DIFFERENCES[difference["kind"]](demo, difference, words(language))
    if len(failing) > 1:
        _others(demo, failing[1:], words(language))
    generated = next((c for c in failing if not c["book"]), None)
    if generated:
        number = demo.extra["id"]
        demo.add("checked.seed", f"# prelim learn check {number} --seed {generated['seed']}",
                 id=number, seed=generated["seed"])
    return Message("learn.reason.cases", failed=len(failing), total=len(cases)), explained


WENT_WRONG = {"elements": "wrong values", "value": "wrong values", "shape": "wrong shape",
              "dtype": "wrong dtype", "type": "wrong type", "length": "wrong length",
              "keys": "other keys", "columns": "other columns", "frame": "other cells",
              "none": "None"}


def _others(demo: Demo, failing: list[dict], said: dict[str, str]) -> None:
    """The other failing cases, counted by how each went wrong: a wrong value without an
    error (the square matrix of a missing keepdims) is easy to miss behind the first."""
    counts: dict[str, int] = {}
    for case in failing:
        difference = case["difference"]
        kind = difference["kind"]
        name = difference["type"] if kind == "raised" else "sys.exit" if kind == "exit" \
            else said.get(WENT_WRONG.get(kind, kind), kind)
        counts[name] = counts.get(name, 0) + 1
    demo.add("checked.others", "", TableValue(["difference", "cases"],
                                                 [[name, n] for name, n in counts.items()]),
             n=len(failing))


def _error(demo: Demo, error: dict, language: str) -> tuple[Message, str | None]:
    """The learner's file stopped before any case: it does not parse, is not UTF-8, raised
    or exited at import, ran out of memory, asked for input, or printed without end."""
    kind, line = error["kind"], error.get("line") or "?"
    if kind == "syntax":
        demo.add("checked.error_syntax", _line(error),
                 Raised("SyntaxError", error["message"], expected=False), line=line)
        return Message("learn.reason.syntax", line=line), None
    if kind == "encoding":
        demo.add("checked.error_encoding", "", Printed(error["message"]))
        return Message("learn.reason.encoding"), None
    if kind == "output":
        if error.get("line"):
            demo.add("checked.error_output_at", _line(error), cap=f"{error['cap']:,}",
                     line=error["line"])
        else:
            demo.add("checked.error_output", _line(error), cap=f"{error['cap']:,}")
        return Message("learn.reason.output"), None
    if kind == "memory":
        demo.add("checked.error_memory", _line(error),
                 Raised(error["type"], error["message"], expected=False),
                 gb=error.get("gb") or "?", line=line)
        return Message("learn.reason.memory", line=line), None
    if kind == "input":
        demo.add("checked.error_input", _line(error), line=line)
        return Message("learn.reason.input", line=line), None
    if kind not in ("raised", "exit"):  # a way to stop this prelim does not know yet
        detail = ", ".join(f"{k} {v}" for k, v in error.items() if k != "kind" and v)
        demo.add("checked.error_stopped", "", Printed(f"{kind}: {detail}" if detail else kind))
        return Message("learn.reason.stopped"), None
    explained = _raised(demo, error, language)
    if kind == "exit":
        return Message("learn.reason.exit", line=line), explained
    return Message("learn.reason.raised", type=error["type"], line=line), explained


def _raised(demo: Demo, error: dict, language: str) -> str | None:
    """The learner's exception (or sys.exit) with their line; for an error ``prelim why``
    knows, what it means, the fix and its lesson. The command of that lesson, if any."""
    from prelim_cli.topics.why import explain
    from prelim_cli.topics.why.lesson import explained

    line, code = error.get("line") or "?", _line(error)
    if error["kind"] == "exit":
        demo.add("checked.error_exit", code, status=error["status"], line=line)
        return None
    demo.add("checked.error_raised", code, Raised(error["type"], error["message"],
                                                expected=False),
             type=error["type"], line=line)
    match = explain(f"{error['type']}: {error['message']}")
    if match is None:
        return None
    explained(demo, match, language)
    return match.command


# ---------------------------------------------------------------- the differences

def _beside(theirs: str, expected: str) -> TableValue:
    """Theirs and the expected side by side, line for line as they print."""
    return TableValue(["yours", "expected"],
                      [list(pair) for pair in zip_longest(theirs.splitlines(),
                                                          expected.splitlines(),
                                                          fillvalue="")])


def _table(demo: Demo, difference: dict) -> None:
    if "their_value" in difference and "expected_value" in difference:
        demo.add("checked.diff_table", "", _beside(difference["their_value"],
                                                 difference["expected_value"]))


def _number(text: str) -> str:
    """0.6321088671684265 -> 0.632109: enough digits to see the difference."""
    try:
        return format(float(text), ".6g") if text not in ("True", "False") else text
    except ValueError:
        return text


def _elements(demo: Demo, d: dict, said: dict[str, str]) -> None:
    _table(demo, d)
    index = "[" + ", ".join(map(str, d["index"])) + "]" if d["index"] else "[()]"
    demo.add("checked.diff_elements", "", index=index, theirs=_number(d["theirs"]),
             expected=_number(d["expected"]), differ=d["differ"], of=d["of"])


def _shape(demo: Demo, d: dict, said: dict[str, str]) -> None:
    from prelim_cli.topics.broadcast.rules import align, alignment_table, shape_text

    _table(demo, d)
    theirs, expected = tuple(d["theirs"]), tuple(d["expected"])
    names = [said.get("yours", "yours"), said.get("expected", "expected")]
    table = alignment_table(align([theirs, expected]), names, "")
    demo.add("checked.diff_shape", "", TableValue(table.columns, table.rows[:2]),
             theirs=shape_text(theirs), expected=shape_text(expected))


def _integer(dtype: str) -> bool:
    return dtype.startswith(("torch.int", "torch.uint", "torch.bool", "int", "uint"))


def _dtype(demo: Demo, d: dict, said: dict[str, str]) -> None:
    _table(demo, d)
    theirs, expected = d["theirs"], d["expected"]
    if _integer(theirs) and not _integer(expected):
        demo.add("checked.diff_dtype_int", "", theirs=theirs, expected=expected)
    elif _integer(expected) and not _integer(theirs):
        demo.add("checked.diff_dtype_float", "", theirs=theirs, expected=expected)
    else:
        demo.add("checked.diff_dtype", "", theirs=theirs, expected=expected)


def _type(demo: Demo, d: dict, said: dict[str, str]) -> None:
    demo.add("checked.diff_type", "", Printed(d["their_value"]), theirs=d["theirs"],
             expected=d["expected"])


def _value(demo: Demo, d: dict, said: dict[str, str]) -> None:
    demo.add("checked.diff_value", "", theirs=_number(d["theirs"]),
             expected=_number(d["expected"]))


def _length(demo: Demo, d: dict, said: dict[str, str]) -> None:
    _table(demo, d)
    demo.add("checked.diff_length", "", theirs=d["theirs"], expected=d["expected"])


def _names(demo: Demo, d: dict, key: str) -> None:
    theirs, expected = d["theirs"], d["expected"]
    missing = ", ".join(n for n in expected if n not in theirs) or "—"
    extra = ", ".join(n for n in theirs if n not in expected) or "—"
    demo.add(key, "", theirs=", ".join(theirs) or "—", expected=", ".join(expected),
             missing=missing, extra=extra)


def _keys(demo: Demo, d: dict, said: dict[str, str]) -> None:
    _names(demo, d, "checked.diff_keys")


def _columns(demo: Demo, d: dict, said: dict[str, str]) -> None:
    _names(demo, d, "checked.diff_columns")


def _frame(demo: Demo, d: dict, said: dict[str, str]) -> None:
    _table(demo, d)
    demo.add("checked.diff_frame", "", detail=d["detail"])


def _none(demo: Demo, d: dict, said: dict[str, str]) -> None:
    demo.add("checked.diff_none", "", Printed(d["expected"]))


DIFFERENCES = {"elements": _elements, "shape": _shape, "dtype": _dtype, "type": _type,
               "value": _value, "length": _length, "keys": _keys, "columns": _columns,
               "frame": _frame, "none": _none}


# ---------------------------------------------------------------- reflect

def _reflected(demo: Demo, exercise: Exercise, report: dict, number: str, path: Path,
               language: str) -> Demo:
    status = report["status"]
    if status == "answered":
        demo.add("checked.reflect_answered", "", Printed(report["answer"]))
        demo.add("checked.reference", "", answer=exercise.answer(language))
        return demo
    if status == "error":
        reason = _error(demo, report["error"], language)[0]
    elif not report["answer"]:
        demo.add("checked.reflect_write", 'answer = """..."""', path=str(path))
        reason = Message("learn.reason.no_answer")
    else:
        reason = Message("learn.reason.not_done")
    if status == "unfinished" and not report["done"]:
        demo.add("checked.reflect_done", "done = True")
    raise demo.fail("learn.check.not_answered", id=number, reason=reason, path=str(path))
