"""prelim tensor: every demo of §2.1 against the values the book prints."""

import json

import pytest

from conftest import prelim, prelim_json, values

BOOK_X = [[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0]]
BOOK_Y = [[2.0, 1.0, 4.0, 3.0], [1.0, 2.0, 3.0, 4.0], [4.0, 3.0, 2.0, 1.0]]


def tensor(data, dtype, shape=None):
    """The JSON form of a tensor value."""
    import numpy as np

    shape = list(np.array(data).shape) if shape is None else shape
    return {"type": "tensor", "shape": shape, "dtype": dtype, "data": data}


def test_arange_shape_numel():
    doc = prelim_json("tensor", "arange", "12")
    assert doc["command"] == "tensor arange"
    assert [s["code"] for s in doc["steps"]] == ["x = torch.arange(12)\nx", "x.shape", "x.numel()"]
    assert values(doc) == [tensor(list(range(12)), "int64"), [12], 12]


def test_reshape_book_repr_is_the_session():
    result = prelim("tensor", "reshape", "3", "4", "--format", "repr")
    assert result.exit_code == 0
    assert result.stdout == (
        ">>> x = torch.arange(12)\n>>> x\n"
        "tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11])\n\n"
        ">>> X = x.reshape(3, 4)\n>>> X\n"
        "tensor([[ 0,  1,  2,  3],\n"
        "        [ 4,  5,  6,  7],\n"
        "        [ 8,  9, 10, 11]])\n\n"
        ">>> X.shape\ntorch.Size([3, 4])\n"
    )


@pytest.mark.parametrize("sizes", [["3", "-1"], ["-1", "4"], ["3", "4"]])
def test_reshape_infers_minus_one(sizes):
    doc = prelim_json("tensor", "reshape", *sizes)
    assert doc["steps"][1]["value"] == tensor([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]], "int64")
    assert doc["steps"][1]["label"] == "Reshape to (3, 4)"


def test_reshape_from_literal():
    doc = prelim_json("tensor", "reshape", "3", "2", "--from", "[[1, 2, 3], [4, 5, 6]]")
    assert doc["steps"][0]["code"] == "x = torch.tensor([[1, 2, 3], [4, 5, 6]])\nx"
    assert doc["steps"][1]["value"]["data"] == [[1, 2], [3, 4], [5, 6]]


def test_zeros_ones():
    doc = prelim_json("tensor", "zeros", "2", "3", "4")
    assert doc["steps"][0]["code"] == "torch.zeros((2, 3, 4))"
    assert doc["steps"][0]["value"] == tensor([[[0.0] * 4] * 3] * 2, "float32")
    doc = prelim_json("tensor", "ones", "2", "3", "4", "--dtype", "int64")
    assert doc["steps"][0]["code"] == "torch.ones((2, 3, 4), dtype=torch.int64)"
    assert doc["steps"][0]["value"] == tensor([[[1] * 4] * 3] * 2, "int64")


def test_randn_same_seed_same_numbers_and_seed_is_shown():
    import torch

    first = prelim_json("tensor", "randn", "3", "4", "--seed", "7")
    second = prelim_json("tensor", "randn", "3", "4", "--seed", "7")
    assert first == second
    assert first["seed"] == 7
    assert first["steps"][0]["code"] == "torch.manual_seed(7);"
    torch.manual_seed(7)
    assert first["steps"][1]["value"]["data"] == torch.randn(3, 4).tolist()
    unseeded = prelim_json("tensor", "randn", "2")
    assert f"torch.manual_seed({unseeded['seed']});" == unseeded["steps"][0]["code"]


@pytest.mark.parametrize("seed", [-2**63, -5, 2**64 - 1])
def test_randn_takes_every_seed_torch_takes(seed):
    import torch

    doc = prelim_json("tensor", "randn", "2", "--seed", str(seed))
    assert doc["steps"][0]["code"] == f"torch.manual_seed({seed});"
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        assert doc["steps"][1]["value"]["data"] == torch.randn(2).tolist()


def test_new_infers_dtype_like_torch():
    assert prelim_json("tensor", "new", "[[2, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]]")[
        "steps"][0]["value"]["dtype"] == "int64"
    assert prelim_json("tensor", "new", "[1, 2.5]")["steps"][0]["value"]["dtype"] == "float32"
    assert prelim_json("tensor", "new", "[True, False]")["steps"][0]["value"]["dtype"] == "bool"
    doc = prelim_json("tensor", "new", "[1, 2]", "--dtype", "float64")
    assert doc["steps"][0]["code"] == "torch.tensor([1, 2], dtype=torch.float64)"


def test_ops_book_values():
    result = prelim("tensor", "ops", "-f", "repr")
    assert ("(tensor([ 3.,  4.,  6., 10.]),\n tensor([-1.,  0.,  2.,  6.]),\n"
            " tensor([ 2.,  4.,  8., 16.]),\n tensor([0.5000, 1.0000, 2.0000, 4.0000]),\n"
            " tensor([ 1.,  4., 16., 64.]))") in result.stdout  # the book's cell, as printed
    doc = prelim_json("tensor", "ops")
    assert [v["data"] for v in doc["steps"][1]["value"]] == [
        [3.0, 4.0, 6.0, 10.0], [-1.0, 0.0, 2.0, 6.0], [2.0, 4.0, 8.0, 16.0],
        [0.5, 1.0, 2.0, 4.0], [1.0, 4.0, 16.0, 64.0]]


def test_exp_book_values():
    import math

    doc = prelim_json("tensor", "exp")
    got = doc["steps"][1]["value"]["data"]
    assert got == pytest.approx([math.e, math.e**2, math.e**4, math.e**8], rel=1e-6)
    assert "tensor([2.7183e+00, 7.3891e+00, 5.4598e+01, 2.9810e+03])" in prelim(
        "tensor", "exp", "-f", "repr").stdout


def test_cat_both_dims():
    doc = prelim_json("tensor", "cat")
    rows, cols = doc["steps"][1]["value"]
    assert rows == tensor(BOOK_X + BOOK_Y, "float32")
    assert cols == tensor([x + y for x, y in zip(BOOK_X, BOOK_Y)], "float32")
    one = prelim_json("tensor", "cat", "--dim", "1")
    assert one["steps"][1]["value"]["shape"] == [3, 8]


def test_compare_and_sum():
    doc = prelim_json("tensor", "compare")
    eq, lt, gt = values(doc)[1:]
    assert eq["data"] == [[False, True, False, True], [False] * 4, [False] * 4]
    assert lt["data"] == [[True, False, True, False], [False] * 4, [False] * 4]
    assert gt["data"] == [[False, False, False, False], [True] * 4, [True] * 4]
    assert eq["dtype"] == "bool"
    assert prelim_json("tensor", "sum")["steps"][1]["value"] == tensor(66.0, "float32", [])


def test_index_default_and_custom():
    doc = prelim_json("tensor", "index")
    assert doc["steps"][1]["code"] == "X[-1], X[1:3]"
    last, middle = doc["steps"][1]["value"]
    assert last["data"] == [8.0, 9.0, 10.0, 11.0]
    assert middle["data"] == BOOK_X[1:3]
    doc = prelim_json("tensor", "index", "X[1:3, ::2]")
    assert doc["steps"][1]["value"]["data"] == [[4.0, 6.0], [8.0, 10.0]]
    doc = prelim_json("tensor", "index", "X[..., -1]", "X[0, None]")
    assert [v["shape"] for v in doc["steps"][1]["value"]] == [[3], [1, 4]]


def test_assign_marks_changed_cells():
    doc = prelim_json("tensor", "assign")
    first, second = values(doc)[1:]
    assert first["data"] == [[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 9.0, 7.0], [8.0, 9.0, 10.0, 11.0]]
    assert second["data"] == [[12.0] * 4, [12.0] * 4, [8.0, 9.0, 10.0, 11.0]]
    assert [s["code"] for s in doc["steps"][1:]] == ["X[1, 2] = 9\nX", "X[0:2, :] = 12\nX"]


def test_memory_ids():
    doc = prelim_json("tensor", "memory")
    by_key = {s["key"]: s["value"] for s in doc["steps"]}
    assert by_key["memory.rebind"] is False
    assert by_key["memory.inplace"] is True  # the book's cell prints one True
    assert by_key["memory.data_ptr"] is True
    first, second = by_key["memory.zeros_like"], by_key["memory.slice"]
    assert first.startswith("id(Z): ") and first == second


def test_convert_shares_and_copies():
    doc = prelim_json("tensor", "convert")
    by_key = {s["key"]: s["value"] for s in doc["steps"]}
    assert by_key["convert.types"] == ["numpy.ndarray", "torch.Tensor"]
    x, b, c = by_key["convert.share"]
    assert (x["data"], b["data"], c["data"]) == (100.0, 0.0, 100.0)
    assert by_key["convert.scalar"][1:] == [3.5, 3.5, 3]
    assert "(tensor([3.5000]), 3.5, 3.5, 3)" in prelim("tensor", "convert", "-f", "repr").stdout


def test_table_shows_code_values_and_explanations():
    out = prelim("tensor", "reshape", "3", "4").stdout
    assert "X = x.reshape(3, 4)" in out
    assert "tensor · shape (3, 4) · int64" in out
    assert "│ 8 │ 9 │ 10 │ 11 │" in out
    assert "keeps the elements" in out
    assert "X = x.reshape" not in prelim("tensor", "reshape", "3", "4", "--no-code").stdout


def test_chinese_explanations():
    out = prelim("tensor", "reshape", "3", "4", "--lang", "zh").stdout
    assert "改变形状为 (3, 4)" in out
    assert "X = x.reshape(3, 4)" in out  # code is never translated
    doc = prelim_json("tensor", "arange", "--lang", "zh")
    assert doc["lang"] == "zh" and "整数" in doc["steps"][0]["explanation"]


@pytest.mark.parametrize("args, message", [
    (["new", "[[1,2],[3]]"], "ragged literal"),
    (["new", "[1, 'a']"], "is not a number"),
    (["new", "[1, 2"], "cannot read the literal"),
    (["new", "__import__('os')"], "is not a number"),
    (["reshape", "-1", "-1"], "only one size can be -1"),
    (["reshape", "0", "12"], "size 0"),
    (["reshape", "3", "-2"], "size -2"),
    (["reshape", "5", "3"], "cannot reshape 12 elements into (5, 3)"),
    (["reshape", "5", "-1"], "cannot reshape 12 elements into (5, -1)"),
    (["index", "X[3]"], "out of range"),
    (["index", "X[0, 9]"], "out of range"),
    (["index", "X.__class__"], "is not an index expression"),
    (["index", "__import__('os')"], "is not an index expression"),
    (["index", "X[1.5]"], "not a whole number"),
    (["assign", "X[5, 0] = 1"], "out of range"),
    (["assign", "X[0] = 'a'"], "is not a number"),
    (["zeros", "100000", "100000", "100000"], "over the limit of 10,000,000"),
    (["ops", "[1, 2, 3]", "[1, 2]"], "do not broadcast"),
    (["cat", "[[1, 2]]", "[[1, 2, 3]]", "--dim", "0"], "all other sizes must match"),
])
def test_bad_input_teaches(args, message):
    result = prelim("tensor", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""


def test_size_cap_can_be_raised(monkeypatch):
    monkeypatch.setenv("PRELIM_MAX_ELEMENTS", "10")
    result = prelim("tensor", "zeros", "3", "4")
    assert result.exit_code == 1 and "over the limit of 10" in result.stderr
    monkeypatch.setenv("PRELIM_MAX_ELEMENTS", "100")
    assert prelim("tensor", "zeros", "3", "4").exit_code == 0


@pytest.mark.parametrize("args", [["reshape", "3", "4", "--format", "yaml"],
                                  ["reshape", "3", "4", "--lang", "fr"],
                                  ["reshape", "three"]])
def test_usage_mistakes_exit_2(args):
    result = prelim("tensor", *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr


def test_json_is_one_strict_document():
    result = prelim("tensor", "new", "[1.0, nan, inf, -inf]", "-f", "json")
    doc = json.loads(result.stdout, parse_constant=lambda c: pytest.fail(f"bare {c}"))
    assert doc["steps"][0]["value"]["data"] == [1.0, "nan", "inf", "-inf"]


def test_zero_sizes_make_empty_tensors():
    doc = prelim_json("tensor", "zeros", "0", "3")
    assert doc["steps"][0]["value"] == tensor([], "float32", [0, 3])
    assert prelim("tensor", "reshape", "0", "3").exit_code == 1  # reshape needs 12 elements


@pytest.mark.parametrize("args, message", [
    (["new", "[99999999999999999999]"], "cannot make a tensor"),
    (["randn", "2", "--seed", "99999999999999999999"], "--seed 99999999999999999999 is out of"),
    (["assign", "X[0] = 1e40"], "cannot store 1e+40 in X"),
])
def test_numbers_too_big_are_user_errors(args, message):
    result = prelim("tensor", *args)
    assert result.exit_code == 1 and message in result.stderr


@pytest.mark.parametrize("args, message", [
    (["index", "X[99999999999999999999]"], "out of range"),
    (["ops", "[True]", "[False]"], "give numbers instead"),
    (["new", "--", "-" * 3000 + "1"], "nests 3000 levels deep"),
])
def test_more_odd_input_is_a_user_error(args, message):
    result = prelim("tensor", *args)
    assert result.exit_code == 1 and message in result.stderr, result.stderr
