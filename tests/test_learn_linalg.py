"""The exercises of §2.3: every reference solution passes its check, every stub does not, and
the wrong answers learners really write fail with the difference they would be told.

The checks run in this process through ``harness.check_file`` (no child Python): the limits
of a real check do not matter for a reference solution, and it keeps the file fast.
"""

import math

import pytest
import torch

from prelim_cli import learn
from prelim_cli.learn.exercises import linalg
from prelim_cli.learn.harness import check_file

EXERCISES = {e.slug: e for e in linalg.EXERCISES}


def run(tmp_path, slug, source, seed=0):
    path = tmp_path / "ex.py"
    path.write_text(source, encoding="utf-8")
    return check_file(slug, str(path), seed)


def wrong(slug, old, new):
    """The reference solution with one plausible mistake in it."""
    solution = EXERCISES[slug].solution
    assert old in solution, (slug, old)
    return solution.replace(old, new)


def first_failure(report):
    assert report["status"] == "failed", report
    return next(case for case in report["cases"] if not case["passed"])


# ---------------------------------------------------------------- the section as a whole

def test_every_exercise_of_both_editions_is_here_once():
    """d2l-zh asks 8 questions in §2.3, d2l-en 12 (sources e6b18cce and 23d7a5ae)."""
    zh = [e.number("zh") for e in learn.of("zh") if e.section == "linalg"]
    en = [e.number("en") for e in learn.of("en") if e.section == "linalg"]
    assert zh == [f"2.3.{n}" for n in range(1, 9)]
    assert en == [f"2.3.{n}" for n in range(1, 13)]
    # the two questions the editions number differently
    assert EXERCISES["linalg.sum-shapes"].numbers == {"zh": "2.3.7", "en": "2.3.8"}
    assert EXERCISES["linalg.norm-any-shape"].numbers == {"zh": "2.3.8", "en": "2.3.9"}
    assert learn.find("2.3.7", "zh").slug == "linalg.sum-shapes"
    assert learn.find("2.3.7", "en").slug == "linalg.manhattan-distance"


@pytest.mark.parametrize("exercise", linalg.EXERCISES, ids=lambda e: e.slug)
def test_exercise_is_complete_data(exercise):
    assert exercise.section == "linalg" and exercise.slug.startswith("linalg.")
    assert exercise.kind in ("code", "check")  # zh §2.3 has no reflect exercise, nor en's
    assert 2 <= len(exercise.hints) <= 3
    for text in (exercise.title, exercise.statement, exercise.answer, *exercise.hints):
        assert text.en.strip() and text.zh.strip() and text.en != text.zh
    assert exercise.stub.startswith("import") and exercise.solution.startswith("import")
    assert exercise.lesson.startswith("prelim ")
    assert learn.checker(exercise) is getattr(linalg, exercise.checker.partition(":")[2])


@pytest.mark.parametrize("exercise", linalg.EXERCISES, ids=lambda e: e.slug)
def test_lesson_runs(exercise):
    """The command an exercise sends the learner to runs as written."""
    import shlex

    from conftest import prelim

    result = prelim(*shlex.split(exercise.lesson)[1:], "--format", "json")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("exercise", linalg.EXERCISES, ids=lambda e: e.slug)
def test_solution_passes(tmp_path, exercise, seed):
    report = run(tmp_path, exercise.slug, exercise.solution, seed)
    assert report["status"] == "passed", report
    assert all(case["passed"] for case in report["cases"])
    assert any(case["book"] for case in report["cases"])
    if exercise.slug != "linalg.len-of-x":  # one value, nothing to generate
        assert sum(not case["book"] for case in report["cases"]) >= 10


@pytest.mark.parametrize("exercise", linalg.EXERCISES, ids=lambda e: e.slug)
def test_stub_does_not_pass(tmp_path, exercise):
    report = run(tmp_path, exercise.slug, exercise.stub)
    assert report["status"] in ("missing", "failed"), report


def test_generated_inputs_follow_the_seed(tmp_path):
    slug = "linalg.row-sums"
    source = EXERCISES[slug].solution
    again = [run(tmp_path, slug, source, seed)["cases"] for seed in (3, 3, 4)]
    assert again[0] == again[1] and again[0] != again[2]


# ---------------------------------------------------------------- 2.3.1, 2.3.2, 2.3.3

def test_transposing_once_is_caught_by_the_shape(tmp_path):
    report = run(tmp_path, "linalg.transpose-twice",
                 wrong("linalg.transpose-twice", "return A.T.T", "return A.T"))
    case = first_failure(report)
    assert case["book"] and case["call"] == "left(A)"
    assert case["difference"]["kind"] == "shape"
    assert (case["difference"]["theirs"], case["difference"]["expected"]) == ([4, 5], [5, 4])


def test_forgetting_to_transpose_the_sum(tmp_path):
    report = run(tmp_path, "linalg.transpose-sum",
                 wrong("linalg.transpose-sum", "return (A + B).T", "return A + B"))
    case = first_failure(report)
    assert case["call"] == "right(A, B)" and case["book"]
    assert case["difference"]["kind"] == "shape"
    assert (case["difference"]["theirs"], case["difference"]["expected"]) == ([5, 4], [4, 5])


def test_transposing_only_one_term_raises_on_the_learners_line(tmp_path):
    source = wrong("linalg.transpose-sum", "return A.T + B.T", "return A.T + B")
    report = run(tmp_path, "linalg.transpose-sum", source)
    case = first_failure(report)
    assert case["call"] == "left(A, B)"
    difference = case["difference"]
    assert difference["kind"] == "raised" and difference["type"] == "RuntimeError"
    assert difference["code"] == "return A.T + B"
    assert source.splitlines()[difference["line"] - 1].strip() == "return A.T + B"


def test_symmetric_without_all_is_a_matrix_not_an_answer(tmp_path):
    report = run(tmp_path, "linalg.symmetric-sum",
                 wrong("linalg.symmetric-sum", "return torch.equal(M, M.T)", "return M == M.T"))
    case = first_failure(report)
    assert case["call"] == "is_symmetric(M)" and case["book"]
    assert case["difference"]["kind"] == "type"
    assert case["difference"]["theirs"] == "torch.Tensor" and case["difference"]["expected"] \
        == "bool"


def test_symmetric_with_all_raises_on_a_matrix_that_is_not_square(tmp_path):
    report = run(tmp_path, "linalg.symmetric-sum",
                 wrong("linalg.symmetric-sum", "return torch.equal(M, M.T)",
                       "return bool((M == M.T).all())"))
    case = first_failure(report)
    assert case["book"] and "[16., 17., 18., 19.]" in case["inputs"]["M"]  # the book's 5×4 A
    assert case["difference"]["kind"] == "raised"
    assert case["difference"]["type"] == "RuntimeError"


def test_symmetric_claim_decided_wrongly(tmp_path):
    report = run(tmp_path, "linalg.symmetric-sum",
                 wrong("linalg.symmetric-sum", "always_symmetric = True",
                       "always_symmetric = False"))
    case = first_failure(report)
    assert case["call"] == "always_symmetric"
    assert case["difference"] == {"kind": "value", "at": [], "theirs": "False",
                                  "expected": "True"}


def test_symmetric_by_hand_and_with_a_tolerance_both_pass(tmp_path):
    """Other reasonable ways to write is_symmetric are not rejected."""
    for body in ("return M.shape[0] == M.shape[1] and bool((M == M.T).all())",
                 "return M.shape == M.T.shape and torch.allclose(M, M.T)"):
        source = wrong("linalg.symmetric-sum", "return torch.equal(M, M.T)", body)
        assert run(tmp_path, "linalg.symmetric-sum", source)["status"] == "passed", body


# ---------------------------------------------------------------- 2.3.4, 2.3.5

def test_len_of_the_books_x():
    assert len(torch.arange(24).reshape(2, 3, 4)) == 2  # what the book's X gives


@pytest.mark.parametrize("answer, kind", [("2.0", "type"), ("24", "value"), ("4", "value")])
def test_len_of_x_wrong_answers(tmp_path, answer, kind):
    report = run(tmp_path, "linalg.len-of-x",
                 wrong("linalg.len-of-x", "answer = 2 ", f"answer = {answer} "))
    assert first_failure(report)["difference"]["kind"] == kind


def test_len_of_x_computed_with_len_passes(tmp_path):
    source = wrong("linalg.len-of-x", "answer = 2 ", "answer = len(X) ")
    assert run(tmp_path, "linalg.len-of-x", source)["status"] == "passed"


def test_len_of_the_last_axis(tmp_path):
    report = run(tmp_path, "linalg.len-axis",
                 wrong("linalg.len-axis", "return shape[0] if shape else None",
                       "return shape[-1] if shape else None"))
    case = first_failure(report)
    assert case["call"] == "predicted_len((2, 3, 4))" and case["book"]
    assert case["difference"] == {"kind": "value", "at": [], "theirs": "4", "expected": "2"}


def test_len_of_a_scalar_forgotten(tmp_path):
    report = run(tmp_path, "linalg.len-axis",
                 wrong("linalg.len-axis", "return shape[0] if shape else None",
                       "return shape[0]"))
    case = first_failure(report)
    assert case["call"] == "predicted_len(())" and case["index"] == 0
    assert case["difference"]["kind"] == "raised"
    assert case["difference"]["type"] == "IndexError"
    assert case["difference"]["code"] == "return shape[0]"


def test_len_axis_counted_from_the_end(tmp_path):
    report = run(tmp_path, "linalg.len-axis", wrong("linalg.len-axis", "axis = 0", "axis = -1"))
    assert first_failure(report)["difference"]["kind"] == "value"


# ---------------------------------------------------------------- 2.3.6

def test_dividing_by_row_sums_without_keepdims(tmp_path):
    """It raises on the book's 5×4 A, and on a square matrix it runs and divides wrongly."""
    report = run(tmp_path, "linalg.row-sums",
                 wrong("linalg.row-sums", "A.sum(axis=1, keepdims=True)", "A.sum(axis=1)"))
    book = first_failure(report)
    assert book["book"] and book["difference"]["kind"] == "raised"
    assert "size of tensor a (4)" in book["difference"]["message"]
    square = next(c for c in report["cases"] if c["index"] == 0)
    assert not square["passed"] and square["difference"]["kind"] == "elements"


def test_dividing_by_column_sums(tmp_path):
    report = run(tmp_path, "linalg.row-sums",
                 wrong("linalg.row-sums", "A.sum(axis=1, keepdims=True)",
                       "A.sum(axis=0, keepdims=True)"))
    case = first_failure(report)
    assert case["book"] and case["difference"]["kind"] == "elements"
    assert case["difference"]["index"] == [0, 1]  # A[0, 0] is 0 in both
    assert float(case["difference"]["expected"]) == pytest.approx(1 / 6)  # 1 / (0+1+2+3)


def test_row_sums_other_spellings_pass(tmp_path):
    for body in ("A / A.sum(1, keepdim=True)", "A / A.sum(dim=1)[:, None]",
                 "A / A.sum(axis=-1).reshape(-1, 1)"):
        source = wrong("linalg.row-sums", "A / A.sum(axis=1, keepdims=True)", body)
        assert run(tmp_path, "linalg.row-sums", source)["status"] == "passed", body


# ---------------------------------------------------------------- en 2.3.7

def test_the_books_l1_and_l2_norms_of_u():
    u = torch.tensor([3.0, -4.0])
    assert float(torch.abs(u).sum()) == 7.0 and float(torch.norm(u)) == 5.0


def test_manhattan_as_the_crow_flies(tmp_path):
    report = run(tmp_path, "linalg.manhattan-distance",
                 wrong("linalg.manhattan-distance", "return torch.abs(p - q).sum()",
                       "return torch.sqrt(((p - q) ** 2).sum())"))
    case = first_failure(report)
    assert case["call"] == "manhattan(p, q)" and case["book"]
    assert case["difference"] == {"kind": "value", "at": [], "theirs": "5.0",
                                  "expected": "7.0"}


def test_manhattan_without_abs(tmp_path):
    report = run(tmp_path, "linalg.manhattan-distance",
                 wrong("linalg.manhattan-distance", "return torch.abs(p - q).sum()",
                       "return (p - q).sum()"))
    assert first_failure(report)["difference"]["theirs"] == "-1.0"  # 3 - 4 on the book's u


def test_manhattan_in_plain_python_passes(tmp_path):
    source = wrong("linalg.manhattan-distance", "return torch.abs(p - q).sum()",
                   "return sum(abs(a - b) for a, b in zip(p.tolist(), q.tolist()))")
    assert run(tmp_path, "linalg.manhattan-distance", source)["status"] == "passed"


# ---------------------------------------------------------------- zh 2.3.7 / en 2.3.8

def test_the_books_sum_shapes():
    X = torch.arange(24).reshape(2, 3, 4)
    assert [tuple(X.sum(axis=a).shape) for a in range(3)] == [(3, 4), (2, 4), (2, 3)]


def test_sum_shape_checker_expects_the_books_shapes(tmp_path):
    solution = EXERCISES["linalg.sum-shapes"].solution
    source = solution[:solution.index("    axis %=")] + "    return ()\n"
    report = run(tmp_path, "linalg.sum-shapes", source)
    book = [case for case in report["cases"] if case["book"]]
    assert [case["call"] for case in book] == [f"sum_shape((2, 3, 4), {a})" for a in range(3)]
    assert [case["difference"]["expected_value"] for case in book] \
        == ["(3, 4)", "(2, 4)", "(2, 3)"]


def test_sum_shape_with_a_negative_axis_sliced_naively(tmp_path):
    """shape[axis + 1:] is the whole shape when axis is -1."""
    report = run(tmp_path, "linalg.sum-shapes",
                 wrong("linalg.sum-shapes", "    axis %= len(shape)\n", ""))
    case = first_failure(report)
    assert case["index"] == 1 and ", -1)" in case["call"]
    assert case["difference"]["kind"] == "length"


def test_sum_shape_ignoring_keepdims(tmp_path):
    report = run(tmp_path, "linalg.sum-shapes",
                 wrong("linalg.sum-shapes", "(1,) if keepdims else ()", "()"))
    case = first_failure(report)
    assert case["index"] == 0 and case["call"].endswith("keepdims=True)")
    difference = case["difference"]
    assert difference["kind"] == "length"
    assert difference["expected"] == difference["theirs"] + 1


def test_sum_shape_answers_as_a_list_or_from_torch_pass(tmp_path):
    body = ("    return list(torch.zeros(shape).sum(axis, keepdim=keepdims).shape)\n")
    solution = EXERCISES["linalg.sum-shapes"].solution
    source = solution[:solution.index("    axis %=")] + body
    assert run(tmp_path, "linalg.sum-shapes", source)["status"] == "passed"


# ---------------------------------------------------------------- zh 2.3.8 / en 2.3.9

def test_the_books_norms_and_what_linalg_norm_does_on_more_axes():
    assert float(torch.norm(torch.ones((4, 9)))) == 6.0  # the book's cell
    X = torch.arange(24, dtype=torch.float32).reshape(2, 3, 4)
    assert float(torch.linalg.norm(X)) == pytest.approx(65.7571, abs=1e-4)
    # the checker's own answer, the flattened L2 norm, is what torch computes
    assert float(torch.linalg.norm(X)) == pytest.approx(math.sqrt(sum(i * i for i in range(24))))


def test_norm_without_the_square_root(tmp_path):
    report = run(tmp_path, "linalg.norm-any-shape",
                 wrong("linalg.norm-any-shape", "torch.sqrt((X ** 2).sum())", "(X ** 2).sum()"))
    case = first_failure(report)
    assert case["book"] and case["inputs"]["X"] == "tensor([ 3., -4.])"
    assert case["difference"]["kind"] == "elements"
    assert (case["difference"]["theirs"], case["difference"]["expected"]) == ("25.0", "5.0")


def test_norm_of_each_row(tmp_path):
    report = run(tmp_path, "linalg.norm-any-shape",
                 wrong("linalg.norm-any-shape", "torch.sqrt((X ** 2).sum())",
                       "torch.sqrt((X ** 2).sum(axis=-1))"))
    case = first_failure(report)  # u passes: one row; the book's ones((4, 9)) does not
    assert case["difference"]["kind"] == "shape"
    assert (case["difference"]["theirs"], case["difference"]["expected"]) == ([4], [])


def test_norm_by_calling_linalg_norm_is_refused_then_restored(tmp_path):
    original = torch.linalg.norm, torch.norm, torch.linalg.vector_norm
    for body in ("torch.linalg.norm(X)", "X.norm()", "torch.linalg.vector_norm(X)"):
        report = run(tmp_path, "linalg.norm-any-shape",
                     wrong("linalg.norm-any-shape", "torch.sqrt((X ** 2).sum())", body))
        difference = first_failure(report)["difference"]
        assert difference["kind"] == "raised" and difference["type"] == "NotAllowed", body
        assert "without" in difference["message"]
    assert (torch.linalg.norm, torch.norm, torch.linalg.vector_norm) == original


def test_norm_in_float64_passes(tmp_path):
    source = wrong("linalg.norm-any-shape", "torch.sqrt((X ** 2).sum())",
                   "X.double().pow(2).sum().sqrt()")
    assert run(tmp_path, "linalg.norm-any-shape", source)["status"] == "passed"


# ---------------------------------------------------------------- en 2.3.10

def test_product_order_counts_on_the_books_sizes(tmp_path):
    """Hand-counted: (AB)C = 2³¹ + 2²⁹ multiplications, A(BC) = 2³⁵ + 2⁴⁰; a wrong count
    shows the checker's expected value."""
    assert 2**10 * 2**16 * 2**5 + 2**10 * 2**5 * 2**14 == 2_684_354_560
    report = run(tmp_path, "linalg.product-order",
                 wrong("linalg.product-order", "return n * p * q + m * n * q, n * q",
                       "return 0, 0"))
    case = first_failure(report)
    assert case["book"] and case["call"].startswith("cost_a_bc((1024, 65536)")
    assert case["difference"] == {"kind": "value", "at": [0], "theirs": "0",
                                  "expected": "1133871366144"}


def test_product_order_counting_one_product_only(tmp_path):
    report = run(tmp_path, "linalg.product-order",
                 wrong("linalg.product-order", "return m * n * p + m * p * q, m * p",
                       "return m * n * p, m * p"))
    case = first_failure(report)
    assert case["call"].startswith("cost_ab_c(")
    assert case["difference"]["at"] == [0]
    assert case["difference"]["expected"] == "2684354560"


def test_product_order_in_flops_is_not_multiplications(tmp_path):
    report = run(tmp_path, "linalg.product-order",
                 wrong("linalg.product-order", "return m * n * p + m * p * q, m * p",
                       "return 2 * (m * n * p + m * p * q), m * p"))
    assert first_failure(report)["difference"]["theirs"] == "5368709120"


def test_product_order_the_wrong_choice(tmp_path):
    report = run(tmp_path, "linalg.product-order",
                 wrong("linalg.product-order", 'cheaper = "(AB)C"', 'cheaper = "A(BC)"'))
    case = first_failure(report)
    assert case["call"] == "cheaper" and case["difference"]["expected"] == "'(AB)C'"


# ---------------------------------------------------------------- en 2.3.11

def test_the_layout_facts_the_checker_expects():
    C = torch.empty(2**5, 2**16, device="meta")
    B = torch.empty(2**16, 2**5, device="meta")
    assert C.T.stride() == (1, 65536) and not C.T.is_contiguous()
    assert B.T.T.is_contiguous() and torch.empty(2, 3, 4).stride() == (12, 4, 1)


def test_strides_counted_column_major(tmp_path):
    source = wrong("linalg.transpose-layout", "reversed(shape)", "shape")
    source = source.replace("return tuple(reversed(strides))", "return tuple(strides)")
    case = first_failure(run(tmp_path, "linalg.transpose-layout", source))
    assert case["call"] == "row_major_strides((1024, 65536))" and case["book"]
    assert case["difference"] == {"kind": "value", "at": [0], "theirs": "1",
                                  "expected": "65536"}


def test_believing_a_transpose_is_contiguous(tmp_path):
    report = run(tmp_path, "linalg.transpose-layout",
                 wrong("linalg.transpose-layout", "ct_contiguous = False",
                       "ct_contiguous = True"))
    case = first_failure(report)
    assert case["call"] == "ct_contiguous" and case["difference"]["kind"] == "value"


def test_strides_as_a_list_pass(tmp_path):
    source = wrong("linalg.transpose-layout", "ct_strides = (1, 2**16)",
                   "ct_strides = [1, 65536]")
    assert run(tmp_path, "linalg.transpose-layout", source)["status"] == "passed"


# ---------------------------------------------------------------- en 2.3.12

def test_stacking_along_the_first_axis(tmp_path):
    report = run(tmp_path, "linalg.stack-slice",
                 wrong("linalg.stack-slice", "torch.stack([A, B, C], dim=2)",
                       "torch.stack([A, B, C])"))
    case = first_failure(report)
    assert case["call"] == "stack_abc(A, B, C)" and case["book"]
    assert case["difference"]["kind"] == "shape"
    assert (case["difference"]["theirs"], case["difference"]["expected"]) \
        == ([3, 100, 200], [100, 200, 3])


def test_concatenating_instead_of_stacking(tmp_path):
    report = run(tmp_path, "linalg.stack-slice",
                 wrong("linalg.stack-slice", "torch.stack([A, B, C], dim=2)",
                       "torch.cat([A, B, C], dim=1)"))
    assert first_failure(report)["difference"]["theirs"] == [100, 600]


def test_slicing_the_first_axis_for_b(tmp_path):
    report = run(tmp_path, "linalg.stack-slice",
                 wrong("linalg.stack-slice", "return T[:, :, 1]", "return T[1]"))
    case = first_failure(report)
    assert case["call"] == "recover_b(T)"
    assert (case["difference"]["theirs"], case["difference"]["expected"]) \
        == ([200, 3], [100, 200])


def test_stack_shape_and_other_spellings(tmp_path):
    report = run(tmp_path, "linalg.stack-slice",
                 wrong("linalg.stack-slice", "shape = (100, 200, 3)", "shape = (3, 100, 200)"))
    assert first_failure(report)["difference"]["expected"] == "100"
    source = wrong("linalg.stack-slice", "torch.stack([A, B, C], dim=2)",
                   "torch.stack((A, B, C), dim=-1)")
    source = source.replace("return T[:, :, 1]", "return T[..., 1]")
    source = source.replace("shape = (100, 200, 3)", "shape = torch.Size([100, 200, 3])")
    assert run(tmp_path, "linalg.stack-slice", source)["status"] == "passed"


@pytest.mark.parametrize("slug, source, claim", [
    ("linalg.transpose-twice", "def left(A):\n    return A\n\n\ndef right(A):\n    return A\n",
     "left transposes A, then transposes the result"),
    ("linalg.transpose-sum", "def left(A, B):\n    return (A + B).T\n\n\n"
     "def right(A, B):\n    return (A + B).T\n", "left transposes A and B before it adds them"),
])
def test_the_claim_written_without_its_transposes_fails(tmp_path, slug, source, claim):
    """Right values by another road: (Aᵀ)ᵀ and A are equal, so only the code can show that
    left does what the claim's left side says."""
    report = run(tmp_path, slug, source)
    assert report["status"] == "failed" and first_failure(report)["call"] == claim
