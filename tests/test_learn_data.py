"""The exercises of §2.1: each reference solution passes, each stub does not, and the wrong
answers learners write fail with the difference they would be told."""

import pytest
import torch

from conftest import prelim
from prelim_cli import learn
from prelim_cli.learn.harness import check_file

SLUGS = [e.slug for e in learn.every() if e.section == "data"]


def checked(tmp_path, slug: str, source: str, seed: int = 0) -> dict:
    path = tmp_path / "ex.py"
    path.write_text(source, encoding="utf-8")
    return check_file(slug, str(path), seed)


def first_failure(report: dict) -> dict:
    return next(case for case in report["cases"] if not case["passed"])


def test_both_editions_ask_both_exercises():
    for edition in ("zh", "en"):
        assert [e.number(edition) for e in learn.of(edition) if e.section == "data"] \
            == ["2.1.1", "2.1.2"]
    assert SLUGS == ["data.compare-order", "data.broadcast-3d"]


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("slug", SLUGS)
def test_the_solution_passes(tmp_path, slug, seed):
    report = checked(tmp_path, slug, learn.by_slug(slug).solution, seed)
    assert report["status"] == "passed", report
    assert len(report["cases"]) >= 11 and all(case["passed"] for case in report["cases"])


@pytest.mark.parametrize("slug", SLUGS)
def test_the_stub_does_not_pass(tmp_path, slug):
    assert checked(tmp_path, slug, learn.by_slug(slug).stub)["status"] in ("missing", "failed")


def test_the_book_prints_these_comparisons():
    # §2.1 of both editions prints X == Y with True at (0, 1) and (0, 3) only; the checker's
    # counts for the book's tensors follow: 2 smaller, 2 equal, 8 larger
    X = torch.arange(12, dtype=torch.float32).reshape((3, 4))
    Y = torch.tensor([[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])
    assert (X == Y).tolist() == [[False, True, False, True], [False] * 4, [False] * 4]
    assert (int((X < Y).sum()), int((X > Y).sum())) == (2, 8)


SOLUTION = learn.by_slug("data.compare-order").solution


def test_greater_as_the_rest_fails_where_nan_is(tmp_path):
    wrong = SOLUTION.replace("int((X > Y).sum())", "X.numel() - int((X < Y).sum()) - "
                             "int((X == Y).sum())")
    report = checked(tmp_path, "data.compare-order", wrong)
    assert report["status"] == "failed"
    case = first_failure(report)
    assert "nan" in case["inputs"]["X"]
    assert case["difference"]["kind"] == "value" and case["difference"]["at"] == [2]


def test_numbers_for_true_and_false_are_not_the_dtype(tmp_path):
    wrong = SOLUTION.replace("comparison_dtype = torch.bool", "comparison_dtype = torch.uint8")
    case = first_failure(checked(tmp_path, "data.compare-order", wrong))
    assert case["call"] == "comparison_dtype" and case["book"]
    assert case["difference"] == {"kind": "value", "at": [], "theirs": "torch.uint8",
                                  "expected": "torch.bool"}


def test_a_string_is_not_a_dtype(tmp_path):
    wrong = SOLUTION.replace("comparison_dtype = torch.bool", "comparison_dtype = 'bool'")
    assert first_failure(checked(tmp_path, "data.compare-order", wrong))["difference"]["kind"] \
        == "type"


BROADCAST = learn.by_slug("data.broadcast-3d").solution


def test_the_book_shapes_broadcast_as_printed(tmp_path):
    # the book prints a + b for (3, 1) and (1, 2) as [[0, 1], [1, 2], [2, 3]]
    a, b = torch.arange(3).reshape((3, 1)), torch.arange(2).reshape((1, 2))
    assert (a + b).tolist() == [[0, 1], [1, 2], [2, 3]]
    book = checked(tmp_path, "data.broadcast-3d", BROADCAST)["cases"][0]
    assert book["book"] and book["call"] == "broadcast_shape((3, 1), (1, 2))"


def test_taking_the_larger_size_misses_the_clashes(tmp_path):
    wrong = BROADCAST.replace("if x != y and 1 not in (x, y):", "if False:") \
        .replace("shape.append(y if x == 1 else x)", "shape.append(max(x, y))")
    report = checked(tmp_path, "data.broadcast-3d", wrong)
    case = first_failure(report)
    assert case["call"] == "broadcast_shape((2, 3), (3, 3))"
    assert case["difference"]["kind"] == "type"
    assert case["difference"]["expected"] == "NoneType"
    # and the maximum is wrong for a 0 against a 1 as well
    zero = next(c for c in report["cases"] if c["call"] == "broadcast_shape((0,), (1,))")
    assert not zero["passed"] and zero["difference"]["at"] == [0]


def test_aligning_from_the_left_fails(tmp_path):
    wrong = BROADCAST.replace("a = (1,) * (n - len(a)) + tuple(a)",
                              "a = tuple(a) + (1,) * (n - len(a))") \
        .replace("b = (1,) * (n - len(b)) + tuple(b)", "b = tuple(b) + (1,) * (n - len(b))")
    case = first_failure(checked(tmp_path, "data.broadcast-3d", wrong))
    assert case["call"] == "broadcast_shape((3, 1, 2), (4, 1))"
    assert case["difference"] == {"kind": "none", "at": [], "expected": "(3, 4, 2)"}


def test_repeat_multiplies_the_sizes(tmp_path):
    wrong = BROADCAST.replace("return x.expand(shape)", "return x.repeat(shape)")
    case = first_failure(checked(tmp_path, "data.broadcast-3d", wrong))
    assert case["book"] and case["call"] == "stretch(x, (3, 2))"
    assert case["difference"]["kind"] == "shape"
    assert (case["difference"]["theirs"], case["difference"]["expected"]) == ([9, 2], [3, 2])


def test_the_lessons_of_2_1_and_2_2_run_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a lesson may write a file (preprocess --out X.npy)
    for exercise in learn.every():
        if exercise.section in ("data", "preprocess"):
            command, *args = exercise.lesson.split()
            assert command == "prelim"
            result = prelim(*args, "--format", "json")
            assert result.exit_code == 0, (exercise.lesson, result.stderr)
