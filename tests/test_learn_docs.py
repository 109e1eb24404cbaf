"""The exercise of §2.7: the reference passes, the stub does not, wrong facts fail, and the
checker reads a builtin's parameters from its docstring as inspect reads a Python function's."""

import inspect

import pytest
import torch

from conftest import prelim
from prelim_cli import learn
from prelim_cli.learn.exercises import docs
from prelim_cli.learn.harness import check_file

FIND = docs.FIND_DOCS


def run(source: str, tmp_path, seed: int = 0) -> dict:
    path = tmp_path / FIND.file_name("zh")
    path.write_text(source, encoding="utf-8")
    return check_file(FIND.slug, str(path), seed)


def test_only_the_chinese_edition_asks_it():
    assert [e.numbers for e in learn.every() if e.section == "docs"] == [{"zh": "2.7.1"}]
    assert learn.find("2.7.1", "zh") is FIND and learn.find("2.7.1", "en") is None


@pytest.mark.parametrize("seed", [0, 1])
def test_the_solution_passes(seed, tmp_path):
    report = run(FIND.solution, tmp_path, seed)
    assert report["status"] == "passed" and all(c["passed"] for c in report["cases"])


def test_the_stub_is_missing_its_facts(tmp_path):
    report = run(FIND.stub, tmp_path)
    assert report["status"] == "missing" and report["missing"]["name"] == "name"


def facts(name: str, url: str, first: str) -> str:
    return f"name = {name!r}\nurl = {url!r}\nfirst_parameter = {first!r}\n"


@pytest.mark.parametrize("name, url, first", [
    ("torch.cumsum", "https://docs.pytorch.org/docs/stable/generated/torch.cumsum.html",
     "input"),
    ("torch.nn.Linear", "https://pytorch.org/docs/stable/generated/torch.nn.Linear.html",
     "in_features"),  # a class: inspect.signature, without self
    ("torch.Tensor.sum", "https://docs.pytorch.org/docs/stable/generated/torch.Tensor.sum.html",
     "dim"),  # a method of Tensor: its docstring
    ("torch.ones", "https://docs.pytorch.org/docs/stable/generated/torch.ones.html#torch.ones",
     "*size"),  # written as the page shows it
    ("torch.distributions.multinomial.Multinomial",
     "https://docs.pytorch.org/docs/stable/distributions.html"
     "#torch.distributions.multinomial.Multinomial", "total_count"),  # a section's anchor
])
def test_other_right_answers_pass(name, url, first, tmp_path):
    assert run(facts(name, url, first), tmp_path)["status"] == "passed"


@pytest.mark.parametrize("source, call, difference", [
    (facts("torch.ones", "https://docs.pytorch.org/docs/stable/generated/torch.ones.html",
           "shape"), "first_parameter",
     {"kind": "value", "at": [], "theirs": "'shape'", "expected": "'size'"}),
    (facts("numpy.ones", "https://numpy.org/doc/stable/reference/generated/numpy.ones.html",
           "shape"), "'numpy.ones' names a function or class of torch", None),
    (facts("torch.ones", "https://zhuanlan.zhihu.com/p/torch.ones", "size"),
     "url is a page of the documentation on pytorch.org about torch.ones", None),
    (facts("torch.ones", "https://docs.pytorch.org/docs/stable/torch.html", "size"),
     "url is a page of the documentation on pytorch.org about torch.ones", None),
    (facts("torch.ones", "https://docs.pytorch.org/docs/stable/generated/torch.ones_like.html",
           "size"), "url is a page of the documentation on pytorch.org about torch.ones", None),
    (facts("torch.float32", "https://docs.pytorch.org/docs/stable/tensor_attributes.html",
           "dtype"), "'torch.float32' names a function or class of torch", None),
])
def test_wrong_facts_fail(source, call, difference, tmp_path):
    report = run(source, tmp_path)
    failed = next(case for case in report["cases"] if not case["passed"])
    assert report["status"] == "failed" and failed["call"] == call
    assert failed["difference"] == (difference or {"kind": "value", "at": [],
                                                   "theirs": "False", "expected": "True"})


def test_a_name_is_looked_up_not_evaluated(tmp_path):
    assert docs.resolve("torch.ones(4)") is None and docs.resolve("__import__('os')") is None
    assert docs.resolve("torch.nn.Linear") is torch.nn.Linear
    assert docs.resolve("torch.no_such_thing") is None


@pytest.mark.parametrize("function", [torch.nn.functional.relu, torch.nn.functional.glu,
                                      torch.nn.functional.pad, torch.broadcast_tensors])
def test_the_docstring_reader_agrees_with_inspect(function):
    """These Python functions have both a signature and a docstring whose first line repeats
    it, as a builtin's does: reading the docstring gives the parameters inspect finds."""
    assert docs.parameters(function) == list(inspect.signature(function).parameters)


def test_the_docstring_wins_over_a_wrapper():
    """max_pool2d is a (*args, **kwargs) dispatcher; its page lists input first."""
    assert list(inspect.signature(torch.nn.functional.max_pool2d).parameters) == \
        ["args", "kwargs"]
    assert docs.parameters(torch.nn.functional.max_pool2d)[:2] == ["input", "kernel_size"]


def test_the_builtin_torch_ones_lists_size_first():
    """help(torch.ones) in §2.7 begins ``ones(*size, *, out=None, dtype=None, ...)``."""
    with pytest.raises(ValueError):
        inspect.signature(torch.ones)
    assert docs.parameters(torch.ones) == ["size", "out", "dtype", "layout", "device",
                                           "requires_grad"]


def test_the_lesson_runs_as_written():
    assert FIND.lesson == "prelim docs torch.ones"
    assert prelim("docs", "torch.ones").exit_code == 0
