"""--export: the script runs on its own and prints what the session showed; the
notebook is valid nbformat 4 and its code runs; Markdown shows code and output."""

import json

import nbformat
import pytest

from conftest import built, prelim, python_prints, run_script

TENSOR_DEMOS = [["arange"], ["reshape", "3", "-1"], ["zeros", "2", "3"], ["randn", "2", "--seed",
                "3"], ["new", "[1.5, nan]"], ["ops"], ["exp"], ["cat"], ["compare"], ["sum"],
                ["index"], ["assign"], ["memory"], ["convert"]]


def session_values(args: list[str]) -> list[str]:
    """What the session showed, as ``print`` writes it (a long tuple on one line)."""
    demos, _ = built(*args)
    return [line for line in python_prints(demos) if "id(Z)" not in line]


@pytest.mark.parametrize("args", TENSOR_DEMOS, ids=lambda a: a[0])
def test_exported_script_prints_the_session_values(args, tmp_path):
    script = tmp_path / "demo.py"
    assert prelim("tensor", *args, "--export", str(script)).exit_code == 0
    printed = [line for line in run_script(script).splitlines() if "id(Z)" not in line]
    assert printed == session_values(["tensor", *args])


OTHER_DEMOS = [["linalg", name] for name in (
    "scalar", "vector", "matrix", "symmetric", "elementwise", "sum", "mean", "keepdims", "cumsum",
    "dot", "mv", "mm", "norm", "cost")] + [["broadcast", "3,1,3", "1,3,1"],
                                         ["broadcast", "5,4", "4", "--op", "/"]]


@pytest.mark.parametrize("args", OTHER_DEMOS, ids=" ".join)
def test_every_linalg_and_broadcast_export_runs(args, tmp_path):
    script = tmp_path / "demo.py"
    assert prelim(*args, "--export", str(script)).exit_code == 0
    run_script(script)


def test_notebook_is_valid_and_its_code_runs(tmp_path):
    path = tmp_path / "lesson.ipynb"
    assert prelim("tensor", "convert", "--export", str(path), "--lang", "zh").exit_code == 0
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    kinds = [cell.cell_type for cell in notebook.cells]
    assert kinds[:2] == ["markdown", "code"] and notebook.cells[1].source == "import torch"
    assert any("共享内存" in cell.source for cell in notebook.cells)
    script = tmp_path / "cells.py"
    script.write_text("\n".join(c.source for c in notebook.cells if c.cell_type == "code"))
    run_script(script)


def test_markdown_has_code_and_output(tmp_path):
    path = tmp_path / "page.md"
    assert prelim("tensor", "reshape", "3", "4", "--export", str(path)).exit_code == 0
    text = path.read_text()
    assert "```python\nX = x.reshape(3, 4)\nX\n```" in text
    assert "```text\ntensor([[ 0,  1,  2,  3],\n" in text


def test_export_refuses_existing_files_and_unknown_extensions(tmp_path):
    path = tmp_path / "a.py"
    path.write_text("keep me")
    result = prelim("tensor", "arange", "--export", str(path))
    assert result.exit_code == 1 and "add --force" in result.stderr
    assert path.read_text() == "keep me"
    assert prelim("tensor", "arange", "--export", str(path), "--force").exit_code == 0
    assert "print(x)" in path.read_text()
    result = prelim("tensor", "arange", "--export", str(tmp_path / "a.docx"))
    assert result.exit_code == 1 and "use one of .py, .ipynb, .md, .html" in result.stderr


def test_failed_demo_writes_nothing(tmp_path):
    path = tmp_path / "a.py"
    assert prelim("tensor", "reshape", "5", "3", "--export", str(path)).exit_code == 1
    assert list(tmp_path.iterdir()) == []


def test_export_does_not_change_stdout(tmp_path):
    plain = prelim("tensor", "ops", "-f", "json").stdout
    exported = prelim("tensor", "ops", "-f", "json", "--export", str(tmp_path / "x.md")).stdout
    written = json.loads(exported).pop("files")
    assert {**json.loads(exported), "files": []} == json.loads(plain)
    assert [(f["option"], f["kind"]) for f in written] == [("--export", "lesson")]
    assert written[0]["bytes"] == (tmp_path / "x.md").stat().st_size


def test_a_demo_that_ends_in_an_error_is_not_exported(tmp_path):
    path = tmp_path / "a.py"
    result = prelim("broadcast", "3,4", "2,4", "--export", str(path))
    assert result.exit_code == 1 and "do not broadcast" in result.stderr
    assert list(tmp_path.iterdir()) == []
