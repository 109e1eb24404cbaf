"""The scripting contract: every --format json document, errors included, validates against
the schema `prelim schema` prints (checked by the jsonschema package, not by prelim)."""

import json

import jsonschema
import pytest

from conftest import prelim
from prelim_cli import contract

VALIDATOR = jsonschema.Draft202012Validator(contract.schema())

RUNS = [
    ["tensor", "arange"], ["tensor", "reshape", "3", "4"], ["tensor", "zeros", "2"],
    ["tensor", "new", "[1, 2]"], ["linalg", "mv"], ["linalg", "mm"],
    ["tensor", "randn", "2", "--seed", "0"],
    ["tensor", "ops"], ["tensor", "cat"], ["tensor", "index"], ["tensor", "memory"],
    ["tensor", "ones", "2"], ["tensor", "exp"], ["tensor", "compare"], ["tensor", "sum"],
    ["tensor", "assign"], ["tensor", "convert"], ["linalg", "vector"], ["linalg", "matrix"],
    ["linalg", "elementwise"], ["linalg", "mean"], ["linalg", "cumsum"],
    ["broadcast", "3,1,3", "1,3,1"], ["broadcast", "5,4", "5,1", "--op", "/"],
    ["broadcast", "5,4", "4", "--check"],
    ["preprocess", "--example", "house_tiny"],
    ["preprocess", "--example", "house_tiny", "--fill", "drop-rows", "--drop-most-missing"],
    ["linalg", "scalar"], ["linalg", "symmetric"], ["linalg", "keepdims"], ["linalg", "cost"],
    ["linalg", "sum"], ["linalg", "norm"], ["linalg", "dot"], ["linalg", "tensor"],
    ["derivative"], ["derivative", "x1**2 + x2", "--at", "x1=1,x2=0"],
    ["autograd", "grad"], ["autograd", "grad", "x*x"], ["autograd", "accumulate"],
    ["autograd", "detach"], ["autograd", "control-flow", "--seed", "0"], ["autograd", "plot"],
    ["probability", "sample"], ["probability", "converge", "--groups", "20"],
    ["probability", "sample", "--die"], ["probability", "converge", "--coin", "--groups", "20"],
    ["preprocess", "--edition", "en"], ["preprocess", "--edition", "zh"],
    ["tour", "probability", "--edition", "zh"],
    ["probability", "bayes"], ["docs", "torch.ones"], ["docs", "torch.distributions"],
    ["why", "RuntimeError: grad can be implicitly created only for scalar outputs"],
    ["why", "--list"], ["doctor"], ["tour", "linalg"], ["tour", "probability"], ["tour", "docs"],
    ["tour", "--from", "autograd:3"],
    ["learn", "list"], ["learn", "list", "--edition", "zh"], ["learn", "progress"],  # read only
]
FAILURES = [  # (args, exit code): the request cannot be carried out, or is malformed
    (["tensor", "reshape", "5", "3"], 1), (["tensor", "reshape", "x"], 2),
    (["broadcast", "3,4", "2,4"], 1), (["broadcast", "5,4", "5", "--op", "/"], 1),
    (["broadcast", "5,4", "5", "--check"], 1),
    (["broadcast", "3", "3", "--check", "--svg", "b.svg"], 2),
    (["linalg", "mm", "--shape", "5,4", "[[1.0, 1, 1]]"], 1),
    (["derivative", "abs(x)", "--at", "0"], 1), (["autograd", "grad", "log(x)"], 1),
    (["preprocess", "missing.csv"], 1), (["preprocess", "--fill", "median"], 2),
    (["tour", "--from", "nope:1"], 1),
    (["tensor", "new", "[[1, 2], [3]]"], 1), (["linalg", "sum", "--axis", "7"], 1),
    (["docs", "torch.onse"], 1), (["why", "ZeroDivisionError: division by zero"], 1),
    (["why", "--list", "x"], 2),
    (["learn", "start", "9.9.9"], 1), (["learn", "solution", "2.3.6"], 1),
    (["learn", "reset"], 2),
]


def document(args, code=0, lang="en"):
    result = prelim(*args, "--format", "json", "--lang", lang)
    assert result.exit_code == code, (args, result.stderr)
    [line] = result.stdout.splitlines()  # exactly one document, on one line
    return json.loads(line)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("args", RUNS, ids=" ".join)
def test_every_document_validates(args, lang):
    doc = document(args, lang=lang)
    VALIDATOR.validate(doc)
    assert doc["ok"] is True and "error" not in doc


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("args, code", FAILURES, ids=lambda v: " ".join(v) if isinstance(
    v, list) else str(v))
def test_a_failed_request_prints_one_document_and_its_exit_code(args, code, lang):
    doc = document(args, code, lang)
    VALIDATOR.validate(doc)
    assert doc["ok"] is False and doc["error"]["code"] == code
    assert doc["error"]["message"]


def test_the_schema_is_a_valid_draft_2020_12_schema_and_prelim_prints_it():
    jsonschema.Draft202012Validator.check_schema(contract.schema())
    printed = prelim("schema")
    assert printed.exit_code == 0 and json.loads(printed.stdout) == contract.schema()
    one = json.loads(prelim("schema", "autograd", "grad").stdout)
    jsonschema.Draft202012Validator.check_schema(one)
    with pytest.raises(jsonschema.ValidationError):  # the grad is required
        jsonschema.validate({**document(["autograd", "grad"]), "grad": None}, one)
    assert prelim("schema", "nope").exit_code == 1


def test_headline_results_are_top_level_under_one_name():
    grad = document(["autograd", "grad"])["grad"]  # a tensor, written as a step writes it
    assert (grad["dtype"], grad["data"]) == ("float32", [0.0, 4.0, 8.0, 12.0])
    assert document(["autograd", "grad", "x*x"])["grad"]["data"] == [0.0, 2.0, 4.0, 6.0]
    assert document(["derivative"])["gradient"] == {"x": pytest.approx(2.0)}
    assert document(["broadcast", "3,1", "1,2"])["result_shape"] == [3, 2]
    doc = document(["tensor", "reshape", "3", "-1"])
    assert (doc["result_shape"], doc["dtype"]) == ([3, 4], "int64")
    assert document(["tensor", "zeros", "2", "3", "--dtype", "float64"])["dtype"] == "float64"
    assert document(["linalg", "dot", "[1.0, 2, 3]", "[4.0, 5, 6]"])["result"]["data"] == 32.0
    doc = document(["linalg", "mm", "[[1.0, 2], [3, 4]]", "[[0.0, 1], [1, 0]]"])
    assert (doc["result"]["data"], doc["result_shape"]) == ([[2.0, 1.0], [4.0, 3.0]], [2, 2])
    doc = document(["preprocess", "--example", "house_tiny", "--fill", "drop-rows",
                    "--drop-most-missing"])
    assert (doc["rows"], doc["rows_read"], doc["rows_kept"], doc["X_shape"][0]) == (4, 4, 2, 2)


def test_step_ids_are_unique_in_every_document():
    for args in (["linalg", "sum"], ["autograd", "grad", "x*x"]):
        ids = [s["id"] for s in document(args)["steps"]]
        assert len(ids) == len(set(ids))
    tour = document(["tour"])
    ids = [s["id"] for section in tour["sections"] for s in section["steps"]]
    assert len(ids) == len(set(ids)) and ids[0].startswith("data/")


def test_a_lesson_that_fails_on_purpose_exits_0_and_marks_the_step():
    doc = document(["linalg", "keepdims"])
    expected = [s for s in doc["steps"] if "expected_error" in s]
    assert expected and expected[0]["expected_error"]["type"] == "RuntimeError"


FILE_RUNS = [  # (args with {} for a file name, [(option, kind, file name)] reported)
    (["broadcast", "3,1", "1,2", "--svg", "{}b.svg"], [("--svg", "figure", "b.svg")]),
    (["autograd", "grad", "--graph", "{}g.dot"], [("--graph", "graph", "g.dot")]),
    (["autograd", "detach", "--graph", "{}d.svg"], [("--graph", "graph", "d.svg")]),
    (["autograd", "plot", "--svg", "{}p.svg"], [("--svg", "figure", "p.svg")]),
    (["probability", "converge", "--groups", "3", "--svg", "{}c.svg"],
     [("--svg", "figure", "c.svg")]),
    (["derivative", "--plot", "{}t.svg", "--export", "{}t.ipynb"],
     [("--plot", "figure", "t.svg"), ("--export", "lesson", "t.ipynb")]),
    (["preprocess", "--write-example", "{}h.csv", "--out", "{}X.npy"],
     [("--write-example", "data", "h.csv"), ("--out", "tensors", "X.npy"),
      ("--out", "tensors", "X.y.npy")]),
    (["tour", "docs", "--export", "{}tour.md"], [("--export", "lesson", "tour.md")]),
]


@pytest.mark.parametrize("args, reported", FILE_RUNS, ids=lambda v: " ".join(map(str, v)))
def test_every_file_written_is_reported(tmp_path, args, reported):
    doc = document([a.format(f"{tmp_path}/") for a in args])
    assert doc["files"] == [{"option": option, "path": str(tmp_path / name), "kind": kind,
                             "bytes": (tmp_path / name).stat().st_size}
                            for option, kind, name in reported]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(n for _, _, n in reported)


def test_large_tensors_are_summarised_unless_full():
    doc = document(["tensor", "zeros", "200", "100"])
    value = doc["steps"][0]["value"]
    assert value["truncated"] is True and value["size"] == 20_000 and "data" not in value
    assert (value["min"], value["max"], value["head"]) == (0.0, 0.0, [0.0] * 5)
    VALIDATOR.validate(doc)
    full = prelim("tensor", "zeros", "200", "100", "-f", "json", "--full")
    assert len(json.loads(full.stdout)["steps"][0]["value"]["data"]) == 200
    ints = document(["tensor", "arange", "20000"])["steps"][0]["value"]  # int64 stays ints
    assert (ints["min"], ints["max"], ints["mean"]) == (0, 19999, 9999.5)
    assert isinstance(ints["min"], int) and isinstance(ints["max"], int)
    doc = document(["linalg", "cumsum", "--shape", "200,100"])  # a headline tensor, too
    assert doc["result"]["truncated"] is True and "data" not in doc["result"]


def test_the_readme_table_of_headline_fields_is_the_schemas():
    from conftest import SRC

    readme = (SRC.parent / "README.md").read_text(encoding="utf-8")
    assert contract.markdown() in readme


@pytest.mark.parametrize("args", [["-f", "json", "tensor", "arange"],
                                  ["tensor", "nosuch", "--format", "json"],
                                  ["tensor", "arange", "x", "--format=json"]])
def test_a_refused_command_line_with_json_asked_for_prints_one_document(args):
    result = prelim(*args)
    assert result.exit_code == 2
    [line] = result.stdout.splitlines()
    doc = json.loads(line)
    VALIDATOR.validate(doc)
    assert doc["ok"] is False and doc["error"]["code"] == 2
    assert "Error:" in result.stderr  # the usual message too, for a person


def test_prelim_format_json_in_the_environment_counts_unless_a_format_is_typed():
    refused = prelim("tensor", "arange", "x", env={"PRELIM_FORMAT": "json"})
    assert refused.exit_code == 2 and json.loads(refused.stdout)["error"]["code"] == 2
    typed = prelim("tensor", "arange", "x", "-f", "table", env={"PRELIM_FORMAT": "json"})
    assert typed.exit_code == 2 and typed.stdout == ""


def test_a_failed_request_keeps_what_the_lesson_showed_and_check_gives_only_the_verdict():
    import torch

    with pytest.raises(RuntimeError):  # torch's own answer: these do not broadcast
        torch.broadcast_shapes((3, 4), (2, 4))
    doc = document(["broadcast", "3,4", "2,4"], 1)
    assert (doc["compatible"], doc["result_shape"], doc["failing_axis"]) == (False, None, -2)
    assert [s["key"] for s in doc["steps"]][:2] == ["broadcast.operands", "broadcast.align"]
    assert not any("expected_error" in s for s in doc["steps"])  # it failed; not on purpose
    verdict = document(["broadcast", "5,4", "4", "--check"])
    assert [s["key"] for s in verdict["steps"]] == ["broadcast.check"]
    assert verdict["result_shape"] == list(torch.broadcast_shapes((5, 4), (4,)))
    refused = document(["broadcast", "5,4", "5", "--check"], 1)
    assert (refused["steps"], refused["compatible"]) == ([], False)


def test_a_bug_still_prints_one_document(monkeypatch):
    from prelim_cli.topics import tensor

    def broken(n, dtype=None):
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(tensor, "arange", broken)
    result = prelim("tensor", "arange", "-f", "json")
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()
    doc = json.loads(line)
    VALIDATOR.validate(doc)
    assert doc["ok"] is False and "internal error (ZeroDivisionError" in doc["error"]["message"]
    # typer's own usage error, raised in the command: still one document, exit 2
    both = prelim("linalg", "mv", "[[1.0]]", "[1.0]", "--shape", "2,2", "-f", "json")
    assert both.exit_code == 2 and len(both.stdout.splitlines()) == 1
