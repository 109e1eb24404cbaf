"""prelim broadcast: §2.1.4 broadcasting, checked against the book and torch.broadcast_shapes."""

import json
import xml.etree.ElementTree as ET

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import prelim, prelim_json, values
from prelim_cli.topics.broadcast.rules import align, find_fix

# The book's a, b and a + b (D2L §2.1.4).
BOOK_A = [[[0, 1, 2]], [[3, 4, 5]], [[6, 7, 8]]]
BOOK_B = [[[0], [1], [2]]]
BOOK_SUM = [[[0, 1, 2], [1, 2, 3], [2, 3, 4]],
            [[3, 4, 5], [4, 5, 6], [5, 6, 7]],
            [[6, 7, 8], [7, 8, 9], [8, 9, 10]]]


def step(doc, key):
    return next(s for s in doc["steps"] if s["key"] == key)


def steps(doc, key):
    return [s for s in doc["steps"] if s["key"] == key]


def failed(*args):
    """An incompatible run: exit 1, one Error: line on stderr (after the "wrote" line of a
    diagram of the clash, if one was asked for), the document on stdout."""
    result = prelim("broadcast", *args)
    assert result.exit_code == 1, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("Error: ") and all(line.startswith("wrote ") for line in lines[:-1])
    assert "Traceback" not in result.stdout + result.stderr
    return result


# ---------------------------------------------------------------- the book's example

def test_book_example_values():
    doc = prelim_json("broadcast", "3,1,3", "1,3,1")
    assert doc["command"] == "broadcast"
    assert (doc["compatible"], doc["result_shape"], doc["failing_axis"], doc["in_place"]) == (
        True, [3, 3, 3], None, False)
    a, b = step(doc, "broadcast.operands")["value"]
    assert (a["data"], a["shape"], a["dtype"]) == (BOOK_A, [3, 1, 3], "int64")
    assert (b["data"], b["shape"]) == (BOOK_B, [1, 3, 1])
    assert step(doc, "broadcast.operands")["code"] == (
        "a = torch.arange(9).reshape((3, 1, 3))\nb = torch.arange(3).reshape((1, 3, 1))\na, b")
    assert step(doc, "broadcast.shape")["value"] == [3, 3, 3]
    a_big, b_big = (s["value"]["data"] for s in steps(doc, "broadcast.expand"))
    assert a_big == [[row[0]] * 3 for row in BOOK_A]  # a's one row, three times
    assert b_big == [[[0] * 3, [1] * 3, [2] * 3]] * 3
    total = step(doc, "broadcast.op")
    assert (total["code"], total["value"]["data"]) == ("a + b", BOOK_SUM)


def test_book_example_alignment_table():
    table = step(prelim_json("broadcast", "3,1,3", "1,3,1"), "broadcast.align")["value"]
    assert table["columns"] == ["axis", "-3 (0)", "-2 (1)", "-1 (2)"]
    assert table["rows"] == [["a (3, 1, 3)", 3, 1, 3],
                             ["b (1, 3, 1)", 1, 3, 1],
                             ["a + b", 3, 3, 3],
                             ["rule", "b: 1→3", "a: 1→3", "b: 1→3"]]


def test_in_place_fails_with_pytorchs_own_message():
    inplace = step(prelim_json("broadcast", "3,1,3", "1,3,1"), "broadcast.inplace_fails")
    assert inplace["code"] == "a += b"
    assert inplace["value"] == {"type": "error", "error": "RuntimeError", "message":
                                "output with shape [3, 1, 3] doesn't match the broadcast "
                                "shape [3, 3, 3]"}


def test_in_place_works_when_the_result_has_as_shape():
    doc = prelim_json("broadcast", "3,4", "4")
    assert doc["in_place"] is True
    inplace = step(doc, "broadcast.inplace_ok")
    assert inplace["code"] == "a += b\na"
    expected = np.arange(12).reshape(3, 4) + np.arange(4)
    assert inplace["value"]["data"] == expected.tolist()
    assert step(doc, "broadcast.expand_same")["label"] == "a already has the shape (3, 4)"


def test_repr_is_the_python_session():
    out = prelim("broadcast", "3,1,3", "1,3,1", "-f", "repr").stdout
    assert out.startswith(">>> a = torch.arange(9).reshape((3, 1, 3))\n"
                          ">>> b = torch.arange(3).reshape((1, 3, 1))\n>>> a, b\n")
    assert ">>> a + b\ntensor([[[ 0,  1,  2],\n         [ 1,  2,  3]," in out
    assert ">>> torch.broadcast_shapes(a.shape, b.shape)\ntorch.Size([3, 3, 3])" in out
    assert "a (3, 1, 3)       3       1       3" in out  # the alignment, right-aligned
    assert out.rstrip().endswith("RuntimeError: output with shape [3, 1, 3] doesn't match "
                                 "the broadcast shape [3, 3, 3]")


def test_table_in_english_and_chinese():
    en = prelim("broadcast", "3,1,3", "1,3,1")
    assert en.exit_code == 0
    for text in ("Align the shapes on the right", "b: 1→3", "-1 (2)", "a (3, 1, 3) stretched "
                 "to (3, 3, 3)", "torch.Size([3, 3, 3])", "In place: += fails"):
        assert text in en.stdout
    zh = prelim("broadcast", "3,1,3", "1,3,1", "--lang", "zh")
    assert "把形状靠右对齐" in zh.stdout and "原地操作：+= 失败" in zh.stdout
    assert prelim_json("broadcast", "3", "1", "--lang", "zh")["lang"] == "zh"


@pytest.mark.parametrize("spelling", [["3,1,3", "1,3,1"], ["(3,1,3)", "(1, 3, 1)"],
                                      ["3x1x3", "1x3x1"]])
def test_shape_spellings(spelling):
    assert prelim_json("broadcast", *spelling)["result_shape"] == [3, 3, 3]


# ---------------------------------------------------------------- more shapes

def test_numpy_docs_example_8_1_6_1_with_7_1_5():
    doc = prelim_json("broadcast", "8,1,6,1", "7,1,5")
    assert doc["result_shape"] == [8, 7, 6, 5]
    table = step(doc, "broadcast.align")["value"]
    assert table["rows"][1] == ["b (7, 1, 5)", "(1)", 7, 1, 5]
    assert table["rows"][3] == ["rule", "b: (1)→8", "a: 1→7", "b: 1→6", "a: 1→5"]
    a, b = (np.arange(48).reshape(8, 1, 6, 1), np.arange(35).reshape(7, 1, 5))
    assert step(doc, "broadcast.op")["value"]["data"] == (a + b).tolist()


def test_three_operands():
    doc = prelim_json("broadcast", "8,1,6,1", "7,1,5", "6,5")
    assert doc["result_shape"] == [8, 7, 6, 5]
    a, b, c = (np.arange(48).reshape(8, 1, 6, 1), np.arange(35).reshape(7, 1, 5),
               np.arange(30).reshape(6, 5))
    total = step(doc, "broadcast.op")
    assert total["code"] == "a + b + c"
    assert total["value"]["data"] == (a + b + c).tolist()
    assert step(doc, "broadcast.align")["value"]["rows"][-1][-2] == "b: 1→6"


def test_eight_operands_the_most_allowed():
    shapes = ["2,1,1", "1,3,1", "1,1,4", "4", "3,1", "1", "2,1,1", "1,1,1"]
    doc = prelim_json("broadcast", *shapes)
    assert doc["result_shape"] == [2, 3, 4]
    total = step(doc, "broadcast.op")
    assert total["code"] == "a + b + c + d + e + f + g + h"
    arrays = [np.arange(np.prod(s)).reshape(s) for s in
              [(2, 1, 1), (1, 3, 1), (1, 1, 4), (4,), (3, 1), (1,), (2, 1, 1), (1, 1, 1)]]
    assert total["value"]["data"] == sum(arrays).tolist()


@pytest.mark.parametrize("op, fn", [("-", np.subtract), ("*", np.multiply)])
def test_other_operations(op, fn):
    doc = prelim_json("broadcast", "3,1", "1,4", "--op", op)
    expected = fn(np.arange(3).reshape(3, 1), np.arange(4).reshape(1, 4))
    total = step(doc, "broadcast.op")
    assert total["code"] == f"a {op} b" and total["value"]["data"] == expected.tolist()


def test_division_uses_float32_and_divisors_from_one():
    doc = prelim_json("broadcast", "3,1,3", "1,3,1", "--op", "/")
    code = step(doc, "broadcast.operands_div")["code"]
    assert "a = torch.arange(9, dtype=torch.float32).reshape((3, 1, 3))" in code
    assert "b = torch.arange(1, 4, dtype=torch.float32).reshape((1, 3, 1))" in code
    expected = (np.arange(9, dtype=np.float32).reshape(3, 1, 3)
                / np.arange(1, 4, dtype=np.float32).reshape(1, 3, 1))
    total = step(doc, "broadcast.op")["value"]
    assert total["dtype"] == "float32"
    assert total["data"] == expected.tolist()  # IEEE division: the same float32 bits


def test_zero_size_axes_follow_the_rule():
    doc = prelim_json("broadcast", "1,3", "0,1")
    assert doc["result_shape"] == [0, 3]
    assert step(doc, "broadcast.align")["value"]["rows"][-1] == ["rule", "a: 1→0", "b: 1→3"]
    assert step(doc, "broadcast.op")["value"] == {"type": "tensor", "shape": [0, 3],
                                                  "dtype": "int64", "data": []}
    assert prelim_json("broadcast", "0", "0,0")["result_shape"] == [0, 0]
    result = failed("0,3", "2,3", "-f", "json")
    assert json.loads(result.stdout)["failing_axis"] == -2
    assert "axis -2: 0 vs 2 — sizes differ and neither is 1" in result.stderr


# ---------------------------------------------------------------- failure that teaches

def test_incompatible_shows_the_table_up_to_the_failing_axis():
    result = failed("2,3,4", "5,2,4")
    assert "axis -2: 3 vs 2 — sizes differ and neither is 1" in result.stderr
    assert "-1 (2)" in result.stdout and "-2 (1)" in result.stdout
    assert "-3 (0)" not in result.stdout  # the failing axis stops the scan
    assert "✗ 3≠2" in result.stdout
    assert "The size of tensor a (3) must match the size of tensor b (2)" in result.stdout
    assert "fix" not in result.stderr  # same rank: no unsqueeze helps


def test_incompatible_json_still_prints_the_document():
    result = failed("3,4", "2,4", "-f", "json")
    assert result.stderr == ("Error: a (3, 4) and b (2, 4) do not broadcast; axis -2: 3 vs 2 "
                             "— sizes differ and neither is 1\n")
    doc = json.loads(result.stdout)
    assert (doc["compatible"], doc["result_shape"], doc["failing_axis"], doc["in_place"]) == (
        False, None, -2, False)
    assert doc["error"] == {"message": result.stderr.removeprefix("Error: ").strip(), "code": 1}
    assert doc["ok"] is False
    assert step(doc, "broadcast.fails")["value"]["error"] == "RuntimeError"


def test_book_exercise_divide_by_row_sums_names_the_fix():
    result = failed("5,4", "5", "--op", "/", "-f", "json")
    assert "axis -1: 4 vs 5 — sizes differ and neither is 1" in result.stderr
    assert "b.unsqueeze(-1) makes b (5, 1)" in result.stderr
    assert "a.sum(axis=1, keepdims=True)" in result.stderr
    doc = json.loads(result.stdout)
    assert doc["failing_axis"] == -1
    fix = step(doc, "broadcast.fix_keepdims")
    assert fix["code"] == "a / b.unsqueeze(-1)"
    a = np.arange(20, dtype=np.float32).reshape(5, 4)
    b = np.arange(1, 6, dtype=np.float32)
    assert fix["value"]["data"] == (a / b[:, None]).tolist()


def test_fix_for_a_rank_two_gap_reshapes():
    result = failed("2,3,4", "2")
    assert "b.reshape((2, 1, 1)) makes b (2, 1, 1), which broadcasts to (2, 3, 4)" \
        in result.stderr


def test_three_operands_name_the_clashing_pair():
    result = failed("3,1", "1,4", "5,4")
    assert "axis -2: 3 vs 5 (a vs c) — sizes differ and neither is 1" in result.stderr


shape = st.lists(st.integers(0, 3), min_size=1, max_size=4).map(tuple)


def torch_result(shapes):
    try:
        return tuple(torch.broadcast_shapes(*shapes))
    except RuntimeError:
        return None


@settings(max_examples=300, deadline=None)
@given(st.lists(shape, min_size=2, max_size=4))
def test_rule_agrees_with_torch_broadcast_shapes(shapes):
    al = align(shapes)
    assert al.result == torch_result(shapes)
    if al.result is None:
        # the failing axis is the first, counting from the right, whose suffixes clash
        k = next(k for k in range(1, 5) if torch_result([s[-k:] for s in shapes]) is None)
        assert al.failing.right == -k
        fix = find_fix(shapes, "abcd")
        if fix is not None:
            fixed = [fix.shape if i == fix.index else s for i, s in enumerate(shapes)]
            assert torch_result(fixed) == fix.result


@settings(max_examples=15, deadline=None)
@given(shape, shape)
def test_command_agrees_with_torch(first, second):
    args = [",".join(map(str, s)) for s in (first, second)]
    expected = torch_result([first, second])
    result = prelim("broadcast", *args, "-f", "json")
    doc = json.loads(result.stdout)
    assert result.exit_code == (0 if expected is not None else 1)
    assert doc["compatible"] is (expected is not None)
    assert doc["result_shape"] == (list(expected) if expected is not None else None)
    assert doc["in_place"] is (expected == first)


# ---------------------------------------------------------------- the diagram

def svg_of(tmp_path, *args, name="b.svg"):
    path = tmp_path / name
    result = prelim("broadcast", *args, "--svg", str(path))
    assert result.exit_code == 0, result.stderr
    return path


def test_svg_is_deterministic_and_reported(tmp_path):
    first = svg_of(tmp_path, "3,1,3", "1,3,1", name="one.svg")
    second = svg_of(tmp_path, "3,1,3", "1,3,1", name="two.svg")
    assert first.read_bytes() == second.read_bytes()
    assert b"<dc:date>" not in first.read_bytes()
    doc = prelim_json("broadcast", "3,1,3", "1,3,1", "--svg", str(first), "--force")
    assert [(f["option"], f["path"]) for f in doc["files"]] == [("--svg", str(first))]
    assert step(doc, "broadcast.svg")["code"] == f"# diagram written to {first}"


def test_svg_content(tmp_path):
    root = ET.parse(svg_of(tmp_path, "3,1,3", "1,3,1")).getroot()
    ns = {"svg": "http://www.w3.org/2000/svg"}
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "a (3, 1, 3) → a.expand(3, 3, 3)" in texts
    assert "b (1, 3, 1) → b.expand(3, 3, 3)" in texts
    assert "a + b  (3, 3, 3)" in texts
    assert texts.count("[0, :, :]") == 3
    numbers = [int(t) for t in texts if t.isdigit()]
    flat = np.array(BOOK_SUM).ravel().tolist()
    assert numbers[-27:] == flat  # the result grid, in order
    assert numbers[:27] == np.broadcast_to(np.array(BOOK_A), (3, 3, 3)).ravel().tolist()
    fills = [p.get("style", "") for p in root.findall(".//svg:path", ns)]
    real = sum("fill: #56b4e9" in f for f in fills)  # Okabe-Ito sky blue
    copies = sum("fill: #ffffff" in f and "stroke-dasharray" in f for f in fills)
    result = sum("fill: #e69f00" in f for f in fills)  # orange
    assert (real, copies, result) == (9 + 3 + 1, 18 + 24 + 1, 27 + 1)  # + the legend's
    assert {"original element", "stretched copy", "result"} <= set(texts)


@pytest.mark.parametrize("args, message", [
    (["30,1", "1,30"], "900 cells, too many to draw legibly"),
    (["0,3", "1,3"], "no elements, so there is nothing to draw"),
])
def test_svg_refuses_what_it_cannot_draw(tmp_path, args, message):
    result = prelim("broadcast", *args, "--svg", str(tmp_path / "x.svg"))
    assert result.exit_code == 1 and result.stderr.startswith("Error: --svg")
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_incompatible_shapes_get_a_diagram_of_the_clash(tmp_path):
    target = tmp_path / "x.svg"
    result = failed("3,4", "2,4", "--svg", str(target))
    assert result.stderr.rstrip().endswith(f"the diagram {target} marks axis -2")
    root = ET.parse(target).getroot()
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert {"a (3, 4)", "b (2, 4)", "axis that does not match"} <= set(texts)
    assert [int(t) for t in texts if t.isdigit()] == list(range(12)) + list(range(8))
    bars = [p for p in root.iter("{http://www.w3.org/2000/svg}path")
            if "stroke: #d55e00" in p.get("style", "")]
    assert len(bars) == 3  # beside a's rows, beside b's, and in the legend
    assert list(tmp_path.iterdir()) == [target]


def test_svg_existing_file_needs_force(tmp_path):
    path = tmp_path / "b.svg"
    path.write_text("keep me")
    result = prelim("broadcast", "3", "1", "--svg", str(path))
    assert result.exit_code == 1 and "file exists; add --force" in result.stderr
    assert path.read_text() == "keep me"
    assert prelim("broadcast", "3", "1", "--svg", str(path), "--force").exit_code == 0
    assert path.read_text().startswith("<?xml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.svg"]


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("args, message", [
    (["3,,1", "3"], "malformed shape '3,,1': a size is missing"),
    (["a,b", "3"], "malformed shape 'a,b': 'a' is not a size"),
    (["-2,3", "3"], "malformed shape '-2,3': '-2' is not a size"),
    (["3,1"], "at least two shapes"),
    (["1"] * 9, "9 shapes given; at most 8"),
    (["3", "3", "--svg", "missing/x.svg"], "folder 'missing' does not exist"),
    (["3", "3", "--svg", "x.png"], "unknown extension '.png'"),
])
def test_bad_input_is_one_line_exit_1(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = prelim("broadcast", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_result_over_the_size_cap():
    result = prelim("broadcast", "20,1", "1,20", env={"PRELIM_MAX_ELEMENTS": "100"})
    assert result.exit_code == 1
    assert "(20, 20) would hold 400 elements, over the limit of 100" in result.stderr
    assert prelim("broadcast", "20,1", "1,20", env={"PRELIM_MAX_ELEMENTS": "400"}
                  ).exit_code == 0


def test_partial_result_over_the_size_cap():
    # (0, 1, 1) makes the result empty, but a * b, computed first, is (20, 20)
    result = prelim("broadcast", "20,1", "1,20", "0,1,1", "--op", "*",
                    env={"PRELIM_MAX_ELEMENTS": "100"})
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == ("Error: the partial result a * b of shape (20, 20) would hold 400 "
                             "elements, over the limit of 100; use smaller sizes or raise "
                             "PRELIM_MAX_ELEMENTS\n")


def test_in_place_fix_names_every_operand():
    inplace = step(prelim_json("broadcast", "3,4", "1,4", "2,3,4"), "broadcast.inplace_fails")
    assert inplace["code"] == "a += b\na += c"  # b fits into a, c does not
    assert inplace["explanation"].endswith("write a = a + b + c instead.")


@pytest.mark.parametrize("args", [["3", "3", "--op", "%"], ["3", "3", "--bogus"]])
def test_usage_errors_exit_2(args):
    result = prelim("broadcast", *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert ("%" if "%" in args else "--bogus") in result.stderr


def test_every_step_has_an_explanation_in_both_languages():
    for lang in ("en", "zh"):
        for args in (["3,1,3", "1,3,1", "--op", "/"], ["3,4", "4"]):
            assert all(s["explanation"] for s in prelim_json("broadcast", *args, "--lang",
                                                             lang)["steps"])
    assert values(prelim_json("broadcast", "2", "1"))[2] == [2]


# ---------------------------------------------------------------- --check, for scripts

@pytest.mark.parametrize("fmt", ["table", "repr"])
def test_check_prints_the_verdict_alone(fmt):
    result = prelim("broadcast", "5,4", "4", "--check", "-f", fmt)
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == "(5, 4) and (4,) broadcast to (5, 4)\n"
    three = prelim("broadcast", "3,1,3", "1,3,1", "3", "--check", "-f", fmt, "--lang", "zh")
    assert three.stdout == "(3, 1, 3), (1, 3, 1) 和 (3,) 可以广播为 (3, 3, 3)\n"


@pytest.mark.parametrize("fmt", ["table", "repr"])
def test_check_that_fails_is_the_full_runs_error_and_exit_1(fmt):
    result = prelim("broadcast", "5,4", "5", "--check", "-f", fmt)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == failed("5,4", "5").stderr == (
        "Error: a (5, 4) and b (5,) do not broadcast; axis -1: 4 vs 5 — sizes differ and "
        "neither is 1; fix: b.unsqueeze(-1) makes b (5, 1), which broadcasts to (5, 4) "
        "(if b is a sum over a: a.sum(axis=1, keepdims=True))\n")


@pytest.mark.parametrize("args", [["3,1,3", "1,3,1"], ["3,4", "4"], ["5,4", "5"],
                                  ["4,3,2", "4,1"]])
def test_check_json_has_the_full_runs_fields_and_only_the_verdict(args):
    full = json.loads(prelim("broadcast", *args, "-f", "json").stdout)
    check = json.loads(prelim("broadcast", *args, "--check", "-f", "json").stdout)
    fields = ["ok", "compatible", "result_shape", "failing_axis", "in_place"]
    assert {k: check[k] for k in fields} == {k: full[k] for k in fields}
    assert check.get("error") == full.get("error")
    assert [s["key"] for s in check["steps"]] == (["broadcast.check"] if check["ok"] else [])


@settings(max_examples=15, deadline=None)
@given(shape, shape)
def test_check_agrees_with_torch(first, second):
    args = [",".join(map(str, s)) for s in (first, second)]
    expected = torch_result([first, second])
    result = prelim("broadcast", *args, "--check", "-f", "json")
    doc = json.loads(result.stdout)
    assert result.exit_code == (0 if expected is not None else 1)
    assert doc["result_shape"] == (list(expected) if expected is not None else None)
    if expected is not None:  # the step's code is the line that gives the same answer
        verdict = doc["steps"][0]
        assert eval(verdict["code"], {"torch": torch}) == torch.Size(verdict["value"])


def test_check_builds_no_tensor():
    from test_startup import loaded_heavy_modules

    line, out = loaded_heavy_modules("broadcast", "100000,100000", "1", "--check")
    assert line == "HEAVY: []"  # no torch: fast, and no size cap on shapes alone
    assert out == "(100000, 100000) and (1,) broadcast to (100000, 100000)\n"


def test_check_refuses_svg(tmp_path):
    result = prelim("broadcast", "3,1", "1,3", "--check", "--svg", str(tmp_path / "b.svg"))
    assert result.exit_code == 2 and "drop --svg or --check" in result.stderr
    assert list(tmp_path.iterdir()) == []
