"""§2.7 Documentation: `prelim docs NAME` against Python's own answers - dir(), inspect.signature
and the docstring, read here directly - and the names it must refuse."""

import inspect
import json

import nbformat
import numpy as np
import pytest
import torch

from conftest import built, exported_and_shown, prelim, prelim_json, python_prints, run_script
from prelim_cli.topics import docs


def public(obj) -> list[str]:
    return [name for name in dir(obj) if not name.startswith("_")]


def step(doc, key):
    [found] = [s for s in doc["steps"] if s["key"] == key]
    return found


def test_a_module_lists_its_public_names_by_kind():
    doc = prelim_json("docs", "torch.distributions")
    names = public(torch.distributions)
    assert doc["kind"] == "module" and doc["names"] == names
    assert step(doc, "docs.names")["value"] == len(names)
    groups = doc["groups"]
    assert groups["classes"] == [n for n in names if isinstance(getattr(torch.distributions, n),
                                                                type)]
    assert {"Normal", "Multinomial", "Bernoulli"} <= set(groups["classes"])
    assert {"kl_divergence", "register_kl"} <= set(groups["functions"])
    assert {"constraints", "multinomial", "transforms"} <= set(groups["submodules"])
    every = [n for group in groups.values() for n in group]
    assert sorted(every) == sorted(names) and len(every) == len(set(every))
    assert step(doc, "docs.other")["value"] == groups["other"]


def test_torch_ones_signature_summary_parameters_and_the_books_quick_test():
    with pytest.raises(ValueError):  # a builtin: Python knows no signature for it
        inspect.signature(torch.ones)
    doc = prelim_json("docs", "torch.ones")
    first_line = torch.ones.__doc__.strip().splitlines()[0]
    assert doc["kind"] == "function" and doc["signature"] == first_line
    assert first_line.startswith("ones(*size, *, out=None, dtype=None")
    assert step(doc, "docs.summary")["value"].startswith(
        "Returns a tensor filled with the scalar value `1`")
    assert [p["name"] for p in doc["parameters"]] == [
        "size", "out", "dtype", "layout", "device", "requires_grad"]  # as help() lists them
    assert doc["parameters"][1]["description"] == "the output tensor."
    assert ":class:" not in json.dumps(doc["parameters"])
    quick = step(doc, "docs.quick_test")
    assert quick["code"] == "torch.ones(4)" and quick["value"]["data"] == [1.0] * 4


@pytest.mark.parametrize("name, obj", [("np.zeros", np.zeros), ("numpy.zeros", np.zeros),
                                       ("torch.nn.Linear", torch.nn.Linear)])
def test_a_python_signature_comes_from_inspect(name, obj):
    doc = prelim_json("docs", name)
    assert doc["name"] == name and doc["signature"] == str(inspect.signature(obj))
    paragraphs = inspect.getdoc(obj).split("\n\n")
    summary = step(doc, "docs.summary")["value"]
    assert summary in paragraphs and not summary.startswith(obj.__name__ + "(")
    documented = [p["name"] for p in doc["parameters"]]
    assert documented == [n for n in inspect.signature(obj).parameters][:len(documented)]
    assert "docs.quick_test" not in [s["key"] for s in doc["steps"]]


def test_parameters_are_link_free():
    doc = prelim_json("docs", "np.zeros")
    assert "`numpy.int8`" in inspect.getdoc(np.zeros)
    assert doc["parameters"][1] == {
        "name": "dtype", "description": "The desired data-type for the array, e.g., numpy.int8."}


def test_numpy_and_pandas_are_spelled_as_the_book_imports_them():
    doc = prelim_json("docs", "pandas.read_csv")
    assert step(doc, "docs.signature")["code"] == (
        "import inspect\nprint(inspect.signature(pd.read_csv))")
    assert doc["parameters"][0]["name"] == "filepath_or_buffer"


def test_a_class_shows_how_to_call_it_and_its_methods():
    doc = prelim_json("docs", "torch.Tensor")
    assert doc["kind"] == "class" and doc["names"] == public(torch.Tensor)
    assert doc["signature"] is None  # no signature, no docstring: its names still teach
    assert {"reshape", "sum", "backward"} <= set(doc["groups"]["functions"])
    linear = prelim_json("docs", "torch.nn.Linear")
    assert [s["key"] for s in linear["steps"]][:3] == [
        "docs.signature", "docs.summary", "docs.parameters"]
    assert "forward" in linear["groups"]["functions"]


def test_any_other_object_shows_its_value_and_type():
    doc = prelim_json("docs", "torch.pi")
    assert doc["kind"] == "other" and doc["signature"] is None
    assert step(doc, "docs.value")["value"] == pytest.approx(3.141592653589793)


def test_a_builtin_without_any_signature_still_shows_its_summary(tmp_path):
    with pytest.raises(ValueError):
        inspect.signature(torch.conv_tbc)
    doc = prelim_json("docs", "torch.conv_tbc")
    assert doc["signature"] is None and "docs.doc_signature" not in [s["key"] for s in
                                                                      doc["steps"]]
    assert step(doc, "docs.summary")["value"] == inspect.getdoc(torch.conv_tbc).split("\n\n")[0]
    script = tmp_path / "conv.py"  # the summary's step imports inspect itself
    assert prelim("docs", "torch.conv_tbc", "--export", str(script)).exit_code == 0
    assert run_script(script).splitlines() == python_prints(built("docs", "torch.conv_tbc")[0])


def test_nothing_looked_up_is_called(monkeypatch):
    calls = []
    monkeypatch.setattr(torch, "record_call", lambda *a: calls.append(a), raising=False)
    demo = docs.lookup("torch.record_call")
    assert calls == [] and demo.extra["kind"] == "function"


def test_a_typo_suggests_the_closest_name():
    result = prelim("docs", "torch.onse")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == "Error: torch has no attribute onse; did you mean torch.ones?\n"
    far = prelim("docs", "torch.distributions.Nromal")
    assert "did you mean torch.distributions.Normal?" in far.stderr


@pytest.mark.parametrize("name, says", [
    ("os.system", "os is not a library prelim looks in"),
    ("torch.__class__", "__class__ is private"), ("__import__", "__import__ is private"),
    ("torch._C", "_C is private"), ("torch..ones", "is not a dotted name"),
    ("", "'' is not a dotted name"), ("torch.ones()", "is not a dotted name"),
    ("torch.qwertyuiop", "see its names with: prelim docs torch"),
])
def test_refusals_are_one_error_line(name, says):
    result = prelim("docs", name)
    assert result.exit_code == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: ") and says in line


def test_a_refusal_in_json_is_one_document():
    result = prelim("docs", "os.system", "-f", "json")
    doc = json.loads(result.stdout)
    assert result.exit_code == 1 and doc["ok"] is False and doc["command"] == "docs"


def test_the_export_prints_what_the_session_showed(tmp_path):
    printed, session = exported_and_shown(["docs", "torch.distributions"], tmp_path)
    assert printed.split() == session.split()
    script = tmp_path / "ones.py"
    assert prelim("docs", "torch.ones", "--export", str(script)).exit_code == 0
    demos, _ = built("docs", "torch.ones")
    assert run_script(script).splitlines() == python_prints(demos)  # the table is a comment


def test_the_notebook_validates_and_its_code_runs(tmp_path):
    path = tmp_path / "docs.ipynb"
    assert prelim("docs", "np.zeros", "--export", str(path)).exit_code == 0
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    script = tmp_path / "cells.py"
    script.write_text("\n".join(c.source for c in notebook.cells if c.cell_type == "code"))
    assert "(shape, dtype=None" in run_script(script)


def test_chinese_explanations_and_the_tour():
    doc = prelim_json("docs", "torch.ones", "--lang", "zh")
    assert step(doc, "docs.quick_test")["label"] == "书中的快速测试"
    tour = prelim_json("tour", "docs")
    [section] = tour["sections"]
    assert (section["number"], section["title"]) == ("2.7", "Documentation")
    assert [s["key"] for s in section["steps"]][-1] == "docs.quick_test"


def test_help_lists_docs_after_autograd():
    listed = prelim("--help").stdout
    assert listed.index(" autograd ") < listed.index(" docs ") < listed.index(" tour ")
