"""prelim linalg: every demo of §2.3 against the values the book prints, and the mistakes
it catches."""

import json

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import prelim, prelim_json

BOOK_A = [[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0],
          [12.0, 13.0, 14.0, 15.0], [16.0, 17.0, 18.0, 19.0]]


def step(doc: dict, key: str) -> dict:
    """The first step with this catalog key."""
    found = [s for s in doc["steps"] if s["key"] == key]
    assert found, f"no step {key} in {[s['key'] for s in doc['steps']]}"
    return found[0]


def data(doc: dict, key: str):
    return step(doc, key)["value"]["data"]


def keys(doc: dict) -> list[str]:
    return [s["key"] for s in doc["steps"]]


# ---------------------------------------------------------------- scalars, vectors, matrices

def test_scalar_book_session():
    result = prelim("linalg", "scalar", "-f", "repr")
    assert result.exit_code == 0
    assert result.stdout == (">>> x = torch.tensor(3.0)\n>>> y = torch.tensor(2.0)\n\n"
                             ">>> x + y, x * y, x / y, x**y\n"
                             "(tensor(5.), tensor(6.), tensor(1.5000), tensor(9.))\n")


def test_scalar_from_user_numbers():
    doc = prelim_json("linalg", "scalar", "-3.0", "2")
    assert step(doc, "linalg.scalars")["code"] == "x = torch.tensor(-3.0)\ny = torch.tensor(2)"
    assert [v["data"] for v in step(doc, "linalg.scalar_ops")["value"]] == [-1.0, -6.0, -1.5, 9.0]


def test_vector_book():
    doc = prelim_json("linalg", "vector")
    assert [s["code"] for s in doc["steps"]] == ["x = torch.arange(4)\nx", "x[3]", "len(x)",
                                                 "x.shape"]
    assert data(doc, "linalg.vector") == [0, 1, 2, 3]
    assert step(doc, "linalg.vector_index")["value"]["data"] == 3
    assert step(doc, "linalg.len")["value"] == 4
    assert step(doc, "linalg.vector_shape")["value"] == [4]


def test_vector_from_shape_is_float_arange():
    doc = prelim_json("linalg", "vector", "--shape", "6")
    assert step(doc, "linalg.vector")["code"] == "x = torch.arange(6, dtype=torch.float32)\nx"
    assert step(doc, "linalg.vector_index")["code"] == "x[5]"
    assert step(doc, "linalg.len")["value"] == 6


def test_matrix_and_transpose_book():
    doc = prelim_json("linalg", "matrix")
    assert step(doc, "linalg.matrix")["code"] == "A = torch.arange(20).reshape(5, 4)\nA"
    transpose = step(doc, "linalg.transpose")["value"]
    assert transpose["shape"] == [4, 5]
    assert transpose["data"][0] == [0, 4, 8, 12, 16]


def test_matrix_from_shape_uses_arange_float32():
    doc = prelim_json("linalg", "matrix", "--shape", "2,3")
    assert step(doc, "linalg.matrix")["code"] == (
        "A = torch.arange(6, dtype=torch.float32).reshape(2, 3)\nA")
    assert data(doc, "linalg.transpose") == [[0.0, 3.0], [1.0, 4.0], [2.0, 5.0]]


def test_symmetric_book_b():
    doc = prelim_json("linalg", "symmetric")
    assert step(doc, "linalg.B")["code"] == (
        "B = torch.tensor([[1, 2, 3], [2, 0, 4], [3, 4, 5]])\nB")
    assert data(doc, "linalg.symmetric_eq") == [[True] * 3] * 3
    assert step(doc, "linalg.symmetric_yes")["value"] is True
    assert doc["symmetric"] is True


def test_symmetric_shows_where_a_matrix_differs():
    doc = prelim_json("linalg", "symmetric", "[[1, 2, 0], [5, 1, 0], [0, 0, 1]]")
    assert data(doc, "linalg.symmetric_eq")[0] == [True, False, True]
    assert step(doc, "linalg.symmetric_no")["value"] is False
    where = step(doc, "linalg.symmetric_where")
    assert where["value"]["data"] == [[0, 1], [1, 0]]
    assert "B[0, 1] = 2 but B[1, 0] = 5" in where["explanation"]
    assert doc["symmetric"] is False


def test_symmetric_nan_is_explained():
    doc = prelim_json("linalg", "symmetric", "[[nan, 1.0], [1.0, 2.0]]")
    assert doc["symmetric"] is False
    where = step(doc, "linalg.symmetric_where_nan")
    assert where["value"]["data"] == [[0, 0]]  # only the diagonal nan: nan != nan
    assert "B[0, 0] = nan and B[0, 0] = nan: nan equals nothing, not even itself" in where[
        "explanation"]


def test_elementwise_book():
    doc = prelim_json("linalg", "elementwise")
    a, a_plus_b = step(doc, "linalg.clone_add")["value"]
    assert a["data"] == BOOK_A
    assert a_plus_b["data"][1] == [8.0, 10.0, 12.0, 14.0]
    assert data(doc, "linalg.hadamard")[0] == [0.0, 1.0, 4.0, 9.0]
    assert data(doc, "linalg.hadamard")[4] == [256.0, 289.0, 324.0, 361.0]
    a_plus_x, shape = step(doc, "linalg.scalar_tensor")["value"]
    assert a_plus_x["data"][0][0] == [2, 3, 4, 5]
    assert shape == [2, 3, 4]
    out = prelim("linalg", "elementwise", "-f", "repr").stdout
    assert ">>> a + X, (a * X).shape\n" in out and "torch.Size([2, 3, 4]))" in out



def test_tensor_book_session():
    """§2.3.4, as the book prints it."""
    result = prelim("linalg", "tensor", "-f", "repr")
    assert result.exit_code == 0
    assert result.stdout == (">>> X = torch.arange(24).reshape(2, 3, 4)\n>>> X\n"
                             "tensor([[[ 0,  1,  2,  3],\n         [ 4,  5,  6,  7],\n"
                             "         [ 8,  9, 10, 11]],\n\n"
                             "        [[12, 13, 14, 15],\n         [16, 17, 18, 19],\n"
                             "         [20, 21, 22, 23]]])\n")


def test_tensor_shape_and_user_sum():
    doc = prelim_json("linalg", "tensor", "--shape", "2,2")
    assert step(doc, "linalg.tensor")["value"]["data"] == [[0, 1], [2, 3]]
    doc = prelim_json("linalg", "sum", "[1.0, 2.0]")  # the user's A: no book vector first
    assert keys(doc)[0] == "linalg.A"


# ---------------------------------------------------------------- reductions

def test_sum_book_defaults():
    doc = prelim_json("linalg", "sum")
    x, x_sum = step(doc, "linalg.sum_vector")["value"]  # the book's x, x.sum() comes first
    assert (x["data"], x_sum["data"]) == ([0.0, 1.0, 2.0, 3.0], 6.0)
    assert keys(doc)[:2] == ["linalg.sum_vector", "linalg.A"]
    assert step(doc, "linalg.A")["code"] == (
        "A = torch.arange(20, dtype=torch.float32).reshape(5, 4)\nA")
    shape, total = step(doc, "linalg.sum_all")["value"]
    assert (shape, total["data"]) == ([5, 4], 190.0)
    axis0 = [s for s in doc["steps"] if s["key"] == "linalg.sum_axis"]
    assert axis0[0]["code"] == "A_sum_axis0 = A.sum(axis=0)\nA_sum_axis0, A_sum_axis0.shape"
    assert axis0[0]["value"][0]["data"] == [40.0, 45.0, 50.0, 55.0]
    assert axis0[0]["value"][1] == [4]
    assert axis0[1]["value"][0]["data"] == [6.0, 22.0, 38.0, 54.0, 70.0]
    assert axis0[1]["value"][1] == [5]
    both = step(doc, "linalg.sum_axes")
    assert both["code"] == "A.sum(axis=[0, 1])"
    assert both["value"]["data"] == 190.0 and both["value"]["shape"] == []


def test_sum_one_axis_with_keepdims():
    doc = prelim_json("linalg", "sum", "--axis", "0", "--keepdims")
    assert keys(doc) == ["linalg.A", "linalg.sum_axis_keep"]
    result, shape = step(doc, "linalg.sum_axis_keep")["value"]
    assert result["data"] == [[40.0, 45.0, 50.0, 55.0]] and shape == [1, 4]
    assert "keepdims=True" in step(doc, "linalg.sum_axis_keep")["code"]


def test_sum_negative_axis_names_the_variable_by_its_index():
    doc = prelim_json("linalg", "sum", "--axis", "-1")
    assert step(doc, "linalg.sum_axis")["code"].startswith("A_sum_axis1 = A.sum(axis=-1)")


def test_mean_book():
    doc = prelim_json("linalg", "mean")
    assert [v["data"] for v in step(doc, "linalg.mean_all")["value"]] == [9.5, 9.5]
    mean_axis = step(doc, "linalg.mean_axis")
    assert mean_axis["code"] == "A.mean(axis=0), A.sum(axis=0) / A.shape[0]"
    assert [v["data"] for v in mean_axis["value"]] == [[8.0, 9.0, 10.0, 11.0]] * 2


def test_mean_along_both_axes():
    doc = prelim_json("linalg", "mean", "--axis", "0,1")
    mean_axis = step(doc, "linalg.mean_axis")
    assert mean_axis["code"] == (
        "A.mean(axis=[0, 1]), A.sum(axis=[0, 1]) / (A.shape[0] * A.shape[1])")
    assert [v["data"] for v in mean_axis["value"]] == [9.5, 9.5]


def test_keepdims_book_then_the_exercise_fails_with_the_reason():
    result = prelim("linalg", "keepdims", "-f", "json")
    assert result.exit_code == 0  # the failure is the lesson, not the command's
    doc = json.loads(result.stdout)
    assert step(doc, "linalg.keepdims_sum")["value"]["shape"] == [5, 1]
    assert data(doc, "linalg.keepdims_sum") == [[6.0], [22.0], [38.0], [54.0], [70.0]]
    ratios = data(doc, "linalg.keepdims_divide")
    assert ratios[0] == pytest.approx([0.0, 1 / 6, 1 / 3, 0.5])
    assert all(sum(row) == pytest.approx(1.0) for row in ratios)
    failed = step(doc, "linalg.keepdims_fails")
    assert failed["code"] == "A / A.sum(axis=1)"
    assert failed["value"]["type"] == "error" and failed["value"]["error"] == "RuntimeError"
    assert "must match" in failed["value"]["message"]
    why = step(doc, "linalg.keepdims_why")
    # the table prelim broadcast draws: right-aligned, up to the axis that fails
    assert why["value"]["columns"] == ["axis", "-1 (1)"]
    assert why["value"]["rows"] == [["A (5, 4)", 4], ["A.sum(axis=1) (5,)", 5],
                                    ["A / A.sum(axis=1)", "✗"], ["rule", "✗ 4≠5"]]
    assert "4 meets 5" in why["explanation"] and "(5, 1)" in why["explanation"]
    assert doc["without_keepdims"] == "error"
    out = prelim("linalg", "keepdims", "-f", "repr").stdout
    assert "tensor([[0.0000, 0.1667, 0.3333, 0.5000],\n" in out
    assert "RuntimeError: The size of tensor a (4) must match" in out


def test_keepdims_square_matrix_divides_along_the_wrong_axis_silently():
    doc = prelim_json("linalg", "keepdims", "[[1.0, 2.0], [3.0, 4.0]]")
    # Row sums are 3 and 7: without keepdims, column j is divided by the sum of row j.
    assert np.allclose(data(doc, "linalg.keepdims_silent"), [[1 / 3, 2 / 7], [1.0, 4 / 7]])
    assert np.allclose(data(doc, "linalg.keepdims_divide"), [[1 / 3, 2 / 3], [3 / 7, 4 / 7]])
    assert doc["without_keepdims"] == "wrong axis"
    assert "column j is divided by the sum of row j" in step(doc, "linalg.keepdims_silent")[
        "explanation"]


@pytest.mark.parametrize("literal, outcome, key, expected", [
    # one row: its one sum stretches over the row, the same values as with keepdims
    ("[[1.0, 3.0]]", "same values", "linalg.keepdims_lucky", [[0.25, 0.75]]),
    # equal row sums (3 and 3): column j divided by the sum of row j is right by chance
    ("[[1.0, 2.0], [2.0, 1.0]]", "same values", "linalg.keepdims_lucky",
     [[1 / 3, 2 / 3], [2 / 3, 1 / 3]]),
    # (3, 1) / (3,) -> (3, 3): each element over every row sum (1, 2, 4)
    ("[[1.0], [2.0], [4.0]]", "wrong shape", "linalg.keepdims_outer",
     [[1.0, 0.5, 0.25], [2.0, 1.0, 0.5], [4.0, 2.0, 1.0]]),
])
def test_keepdims_when_the_exercise_runs_without_error(literal, outcome, key, expected):
    doc = prelim_json("linalg", "keepdims", literal)
    assert doc["without_keepdims"] == outcome
    assert np.allclose(data(doc, key), expected)
    assert step(doc, key)["code"] == "A / A.sum(axis=1)"


def test_keepdims_row_summing_to_zero_is_not_said_to_add_up_to_1():
    doc = prelim_json("linalg", "keepdims", "[[1.0, -1.0], [1.0, 3.0]]")
    ratios = data(doc, "linalg.keepdims_divide_zero")
    assert ratios == [["inf", "-inf"], [0.25, 0.75]]
    assert "sum is 0 gives inf or nan" in step(doc, "linalg.keepdims_divide_zero")["explanation"]


def test_cumsum_book():
    rows = data(prelim_json("linalg", "cumsum"), "linalg.cumsum")
    assert rows[0] == [0.0, 1.0, 2.0, 3.0]
    assert rows[1] == [4.0, 6.0, 8.0, 10.0]
    assert rows[-1] == [40.0, 45.0, 50.0, 55.0]
    assert data(prelim_json("linalg", "cumsum", "--axis", "1"), "linalg.cumsum")[0] == [
        0.0, 1.0, 3.0, 6.0]


# ---------------------------------------------------------------- products and norms

def test_dot_book():
    doc = prelim_json("linalg", "dot")
    xy = step(doc, "linalg.dot")  # one cell, as the book prints it
    assert xy["code"] == ("x = torch.arange(4, dtype=torch.float32)\n"
                          "y = torch.ones(4, dtype=torch.float32)\nx, y, torch.dot(x, y)")
    assert [v["data"] for v in xy["value"]] == [[0.0, 1.0, 2.0, 3.0], [1.0] * 4, 6.0]
    assert "linalg.xy" not in keys(doc)
    assert data(doc, "linalg.dot_sum") == 6.0


def test_dot_user_vectors():
    doc = prelim_json("linalg", "dot", "[1.0, 2, 3]", "[4.0, 5, 6]")
    assert step(doc, "linalg.dot")["value"][2]["data"] == 32.0 == data(doc, "linalg.dot_sum")


def test_mv_book():
    doc = prelim_json("linalg", "mv")
    a_shape, x_shape, result = step(doc, "linalg.mv")["value"]
    assert step(doc, "linalg.mv")["code"] == "A.shape, x.shape, torch.mv(A, x)"
    assert (a_shape, x_shape) == ([5, 4], [4])
    assert result["data"] == [14.0, 38.0, 62.0, 86.0, 110.0] and result["shape"] == [5]


def test_mv_default_x_fits_the_matrix():
    doc = prelim_json("linalg", "mv", "--shape", "2,3")
    assert step(doc, "linalg.x")["code"] == "x = torch.arange(3, dtype=torch.float32)\nx"
    assert step(doc, "linalg.mv")["value"][2]["data"] == [5.0, 14.0]  # 0+1+4, 0+4+10


def test_mm_book_and_matmul():
    doc = prelim_json("linalg", "mm")
    assert step(doc, "linalg.B_ones")["code"] == "B = torch.ones(4, 3)\nB"
    product = step(doc, "linalg.mm")["value"]
    assert product["shape"] == [5, 3]
    assert product["data"] == [[s] * 3 for s in (6.0, 22.0, 38.0, 54.0, 70.0)]
    assert step(doc, "linalg.matmul")["code"] == "A @ B"
    assert data(doc, "linalg.matmul") == product["data"]


def test_mm_with_shape_takes_the_literal_as_b():
    doc = prelim_json("linalg", "mm", "--shape", "2,3", "[[1.0], [1.0], [1.0]]")
    assert data(doc, "linalg.mm") == [[3.0], [12.0]]


def test_norm_book_beside_the_current_api():
    doc = prelim_json("linalg", "norm")
    codes = {s["code"]: s["value"]["data"] for s in doc["steps"][1:]}
    assert codes == {
        "torch.norm(u)": 5.0, "torch.linalg.vector_norm(u)": 5.0,
        "torch.abs(u).sum()": 7.0, "torch.linalg.vector_norm(u, ord=1)": 7.0,
        "torch.norm(torch.ones((4, 9)))": 6.0,
        "torch.linalg.matrix_norm(torch.ones((4, 9)))": 6.0,
    }
    assert step(doc, "linalg.u")["code"] == "u = torch.tensor([3.0, -4.0])\nu"
    assert "deprecated" in step(doc, "linalg.norm_2")["explanation"]


@pytest.mark.parametrize("args, code, expected", [
    (["--ord", "inf"], "torch.linalg.vector_norm(u, ord=float('inf'))", 4.0),
    (["--ord", "fro"], "torch.linalg.matrix_norm(torch.ones((4, 9)))", 6.0),
    (["[[1.0, -2.0], [3.0, 4.0]]", "--ord", "1"], "torch.linalg.matrix_norm(X, ord=1)", 6.0),
    (["[[1.0, -2.0], [3.0, 4.0]]", "--ord", "inf"],
     "torch.linalg.matrix_norm(X, ord=float('inf'))", 7.0),
    (["[[1.0, -2.0], [3.0, 4.0]]", "--ord", "2"], "torch.linalg.matrix_norm(X, ord=2)",
     float(np.linalg.norm([[1.0, -2.0], [3.0, 4.0]], 2))),
    (["--shape", "2,2,2"], "torch.linalg.vector_norm(X)", float(np.sqrt(sum(
        i * i for i in range(8))))),
])
def test_norm_orders(args, code, expected):
    doc = prelim_json("linalg", "norm", *args)
    codes = [s["code"] for s in doc["steps"]]
    now = doc["steps"][codes.index(code)]
    book = doc["steps"][codes.index(code) - 1]  # the book's way comes just before
    assert now["value"]["data"] == pytest.approx(expected, rel=1e-6)
    assert book["value"]["data"] == pytest.approx(expected, rel=1e-6)


def test_norm_spectral_warns_that_torch_norm_p2_flattens():
    doc = prelim_json("linalg", "norm", "[[1.0, -2.0], [3.0, 4.0]]", "--ord", "2")
    assert data(doc, "linalg.mnorm_2_trap") == pytest.approx(np.sqrt(30), rel=1e-6)


def test_cost_default_is_the_exercise():
    doc = prelim_json("linalg", "cost")
    m, n, p, q = 2**10, 2**16, 2**5, 2**14
    assert step(doc, "linalg.cost_flops")["value"] == [2 * m * n * p + 2 * m * p * q,
                                                       2 * n * p * q + 2 * m * n * q]
    assert step(doc, "linalg.cost_memory")["value"] == [m * p, n * q]
    assert "128 KiB" in step(doc, "linalg.cost_memory")["explanation"]
    assert "4 GiB" in step(doc, "linalg.cost_memory")["explanation"]
    assert doc["cheaper"] == "(AB)C"
    assert step(doc, "linalg.cost_verdict")["label"] == "(AB)C is cheaper"


def test_cost_small_prefers_a_bc():
    doc = prelim_json("linalg", "cost", "5,4", "4,3", "3,2")
    assert doc["flops"] == {"(AB)C": 180, "A(BC)": 128}  # 120 + 60 against 48 + 80
    assert doc["intermediate_elements"] == {"AB": 15, "BC": 8}
    assert doc["cheaper"] == "A(BC)"
    assert step(doc, "linalg.cost_verdict")["value"] == pytest.approx(128 / 180)


def test_cost_near_tie_keeps_the_digits_that_differ():
    doc = prelim_json("linalg", "cost", "1000,1001", "1001,1000", "1000,1000")
    assert doc["flops"] == {"(AB)C": 4_002_000_000, "A(BC)": 4_004_000_000}
    assert "A(BC) needs 1.0005 times as many flops" in step(doc, "linalg.cost_verdict")[
        "explanation"]


def test_cost_tie():
    doc = prelim_json("linalg", "cost", "3,3", "3,3", "3,3")
    assert doc["cheaper"] is None and keys(doc)[-1] == "linalg.cost_tie"


# ---------------------------------------------------------------- formats and languages

@pytest.mark.parametrize("command", ["scalar", "vector", "matrix", "symmetric", "tensor",
                                     "elementwise",
                                     "sum", "mean", "keepdims", "cumsum", "dot", "mv", "mm",
                                     "norm", "cost"])
def test_every_demo_in_every_format_and_language(command):
    table = prelim("linalg", command)
    assert table.exit_code == 0, table.stderr
    assert f"prelim linalg {command}" in table.stdout and "1. " in table.stdout
    session = prelim("linalg", command, "-f", "repr")
    assert session.exit_code == 0 and session.stdout.startswith(">>> ")
    doc = prelim_json("linalg", command, "--lang", "zh")
    assert doc["command"] == f"linalg {command}" and doc["lang"] == "zh"
    assert all(s["label"] and s["explanation"] for s in doc["steps"])
    english = prelim_json("linalg", command)["steps"][-1]["explanation"]
    assert doc["steps"][-1]["explanation"] != english


def test_chinese_table_text():
    out = prelim("linalg", "elementwise", "--lang", "zh").stdout
    assert "哈达玛积" in out
    out = prelim("linalg", "norm", "--lang", "zh").stdout
    assert "弗罗贝尼乌斯范数" in out


def test_no_code_hides_the_code():
    doc = prelim_json("linalg", "dot", "--no-code")
    assert all("code" not in s for s in doc["steps"])


# ---------------------------------------------------------------- mistakes caught

@pytest.mark.parametrize("args, fragments", [
    (["mm", "[[1.0, 2, 3, 4]] ", "[[1.0, 1, 1], [1, 1, 1], [1, 1, 1]]"],
     ["(1, 4) @ (3, 3): inner sizes 4 and 3 differ", "B needs 4 rows"]),
    (["mm", "--shape", "5,4", "[[1.0, 1, 1], [1, 1, 1], [1, 1, 1]]"],
     ["(5, 4) @ (3, 3): inner sizes 4 and 3 differ"]),
    (["mm", "[1.0, 2]"], ["torch.mm multiplies two matrices", "prelim linalg dot"]),
    (["mv", "--shape", "5,4", "[1.0, 2, 3]"],
     ["(5, 4) @ (3,): A has 4 columns but x has 3 elements", "give x 4 elements"]),
    (["mv", "[[1, 2], [3, 4]]", "[1.0, 2.0]"], ["A is int64 and x is float32", "floats"]),
    (["dot", "[1.0, 2]", "[1.0, 2, 3]"], ["x has 2 elements but y has 3", "same length"]),
    (["dot", "[[1.0, 2], [3, 4]]", "[[1.0, 2], [3, 4]]"],
     ["torch.dot multiplies two vectors", "prelim linalg mm"]),
    (["sum", "--axis", "2"], ["axis 2 is out of range for A of shape (5, 4)", "use 0 to 1"]),
    (["mean", "--axis", "-3"], ["axis -3 is out of range", "-2 to -1"]),
    (["cumsum", "--axis", "5"], ["axis 5 is out of range"]),
    (["sum", "--axis", "0,0"], ["names an axis twice"]),
    (["sum", "--axis", "1,-1"], ["names the same axis of A twice"]),
    (["sum", "--axis", "x"], ["malformed --axis 'x'"]),
    (["norm", "[3, -4]"], ["needs a floating-point tensor, but u is int64", "[3.0, -4.0]"]),
    (["mean", "[[1, 2], [3, 4]]"], ["needs a floating-point tensor, but A is int64"]),
    (["norm", "[3.0, -4.0]", "--ord", "fro"], ["--ord fro is the Frobenius norm of a matrix",
                                               "--ord 2"]),
    (["symmetric", "[[1, 2, 3], [4, 5, 6]]"], ["B has shape (2, 3), not square"]),
    (["vector", "3.0"], ["len(x) fails for a 0-d tensor", "[3.0, 4.0]"]),
    (["vector", "[]"], ["is empty"]),
    (["vector", "[[1, 2], [3, 4]]"], ["a vector has one axis; x has shape (2, 2) (2 axes)",
                                      "prelim linalg matrix"]),
    (["cumsum", "3.0"], ["A is a 0-d tensor (a scalar)", "give a vector or a matrix"]),
    (["matrix", "[1, 2, 3]"], ["a matrix has two axes", "(3,) (1 axis)"]),
    (["keepdims", "[1.0, 2.0]"], ["divides each row of a matrix", "(2,) (1 axis)"]),
    (["keepdims", "--shape", "2,3,4"], ["divides each row of a matrix", "(2, 3, 4) (3 axes)"]),
    (["matrix", "[[1, 2], [3]]"], ["ragged literal"]),
    (["sum", "[[1, 2], [3, 4]"], ["cannot read the literal"]),
    (["sum", "[[1, x], [3, 4]]"], ["'x'", "is not a number"]),
    (["scalar", "[1.0, 2.0]"], ["has shape (2,); a scalar is one plain number"]),
    (["mm", "--shape", "10000,10000"], ["100,000,000 elements, over the limit"]),
    (["sum", "--shape", "5,x"], ["malformed shape '5,x'"]),
    (["cost", "5,4", "3,2", "2,2"], ["A is (5, 4) and B is (3, 2): inner sizes 4 and 3 differ"]),
    (["cost", "5,4", "4,3", "2,2"], ["B is (4, 3) and C is (2, 2)", "C needs 3 rows"]),
    (["cost", "5", "5,4", "4,3"], ["A = '5' is not a matrix shape"]),
    (["mm", "[[True, False]]", "[[True], [False]]"], ["A is bool", "A.float()"]),
    (["mv", "[[True, False]]"], ["torch.mv(A, x) multiplies numbers, but A is bool"]),
    (["dot", "[True]", "[False]"], ["x is bool", "1.0 and 0.0"]),
    (["norm", "[]"], ["u = torch.tensor([]) has no elements", "at least one number"]),
    (["norm", "[[]]", "--ord", "2"], ["X = torch.tensor([[]]) has no elements (shape (1, 0))"]),
    (["norm", "[[]]", "--ord", "1"], ["has no elements"]),
])
def test_mistakes_exit_1_with_the_fix(args, fragments):
    result = prelim("linalg", *args)
    assert result.exit_code == 1, result.stdout
    assert result.stderr.startswith("Error: ")
    for fragment in fragments:
        assert fragment in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_operands_are_shown_before_the_mistake():
    result = prelim("linalg", "mm", "--shape", "5,4", "[[1.0, 1, 1], [1, 1, 1], [1, 1, 1]]",
                    "-f", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert keys(doc) == ["linalg.A", "linalg.B_ones"]
    assert doc["error"]["message"].startswith("(5, 4) @ (3, 3)")


def test_size_cap_from_the_environment():
    result = prelim("linalg", "sum", "--shape", "4,4", env={"PRELIM_MAX_ELEMENTS": "10"})
    assert result.exit_code == 1 and "over the limit of 10" in result.stderr


def test_scalar_mistyped_option_is_a_usage_error():
    result = prelim("linalg", "scalar", "--bogus")
    assert result.exit_code == 2 and "no such option '--bogus'" in result.stderr


@pytest.mark.parametrize("args", [["matrix", "[[1, 2]]", "--shape", "2,2"],
                                  ["mm", "[[1.0]]", "[[1.0]]", "--shape", "1,1"]])
def test_literal_and_shape_together_is_a_usage_error(args):
    result = prelim("linalg", *args)
    assert result.exit_code == 2 and "--shape" in result.stderr


# ---------------------------------------------------------------- property: sum/mean vs numpy

@st.composite
def tensors_and_axes(draw):
    shape = draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))
    count = int(np.prod(shape))
    flat = draw(st.lists(st.floats(-100, 100, width=32), min_size=count, max_size=count))
    axes = draw(st.lists(st.integers(-len(shape), len(shape) - 1), min_size=1,
                         max_size=len(shape), unique_by=lambda a: a % len(shape)))
    return np.array(flat, dtype=np.float32).reshape(shape), axes


@settings(max_examples=25, deadline=None)
@given(tensors_and_axes(), st.sampled_from(["sum", "mean"]))
@example((np.arange(24, dtype=np.float32).reshape(2, 3, 4), [0, -1]), "sum")
@example((np.arange(24, dtype=np.float32).reshape(2, 3, 4), [2, 0]), "mean")
def test_sum_and_mean_along_random_axes_match_numpy(case, op):
    array, axes = case
    literal = json.dumps(array.tolist())
    doc = prelim_json("linalg", op, literal, "--axis", ",".join(map(str, axes)))
    last = doc["steps"][-1]["value"]
    # sum: (result, shape) for one axis, the result for several; mean: (mean, sum / n)
    got = last["data"] if isinstance(last, dict) else last[0]["data"]
    expected = getattr(array.astype(np.float64), op)(axis=tuple(axes))
    assert np.allclose(got, expected, rtol=1e-4, atol=1e-3)
    if op == "mean":
        assert np.allclose(last[1]["data"], expected, rtol=1e-4, atol=1e-3)


SHAPED = ["vector", "matrix", "symmetric", "elementwise", "sum", "mean", "keepdims", "cumsum",
          "dot", "mv", "mm", "norm", "tensor"]


def test_shape_help_says_what_it_accepts():
    shown = " ".join(prelim("linalg", "sum", "--help").stdout.split())
    assert "4 (a vector), 5,4 (a matrix), 2,3,4 (more axes)" in shown


@pytest.mark.parametrize("command", SHAPED)
def test_every_shape_it_accepts_runs_or_is_refused_with_one_clear_error(command):
    for shape, dims in (("4", "(4,)"), ("5,4", "(5, 4)"), ("2,3,4", "(2, 3, 4)")):
        result = prelim("linalg", command, "--shape", shape)
        if result.exit_code:
            assert result.exit_code == 1, result.stderr
            errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
            assert len(errors) == 1 and ("shape " + dims) in errors[0], result.stderr
