"""The safe parsers: literals, shapes, sizes, index expressions and seeds, checked against
independent answers (json, numpy) and fuzzed for stray exceptions."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from prelim_cli.core.demo import PrelimError
from prelim_cli.parse.index import parse_assignment, parse_index
from prelim_cli.parse.literal import parse_literal
from prelim_cli.parse.seed import check_seed
from prelim_cli.parse.shape import parse_shape, parse_sizes

FUZZ = settings(max_examples=200, deadline=None)

numbers = st.one_of(st.integers(-10**6, 10**6),
                    st.floats(allow_nan=False, allow_infinity=False, width=32))


@FUZZ
@given(hnp.arrays(dtype=st.sampled_from([np.int64, np.float64]),
                  shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4),
                  elements={"allow_nan": False}))
def test_literal_round_trips_like_json(array):
    text = json.dumps(array.tolist())
    lit = parse_literal(text)
    assert lit.data == json.loads(text)
    assert lit.shape == np.array(json.loads(text)).shape  # [[]] has lost its inner 0


@FUZZ
@given(st.lists(st.lists(numbers, min_size=1, max_size=4), min_size=2, max_size=4))
def test_ragged_rows_are_refused(rows):
    text = json.dumps(rows)
    if len({len(r) for r in rows}) > 1:
        with pytest.raises(PrelimError, match="ragged literal"):
            parse_literal(text)
    else:
        assert parse_literal(text).shape == (len(rows), len(rows[0]))


@FUZZ
@given(st.text(alphabet="[](),.-+0123456789 eEnaifxXTrueFls_'\"", max_size=40) | st.text())
def test_any_text_gives_a_literal_or_a_prelim_error(text):
    try:
        parse_literal(text)
    except PrelimError:
        pass


@pytest.mark.parametrize("text", ["__import__('os').system('touch PWNED')", "[1, x]",
                                  "[1, 2][0]", "[1, 2] + [3]", "{'a': 1}", "[1, 'a']",
                                  "lambda: 0", "[1, 1j]", "[None]"])
def test_literals_are_never_evaluated(text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PrelimError):
        parse_literal(text)
    assert list(tmp_path.iterdir()) == []


def test_literal_numbers():
    assert parse_literal("[1, -2.5, nan, inf, True]").data[:3] == [1, -2.5, pytest.approx(
        float("nan"), nan_ok=True)]
    assert parse_literal("3.0").shape == ()
    with pytest.raises(PrelimError, match="limit"):
        parse_literal("[" + "1," * 60_000 + "]")


@pytest.mark.parametrize("text, shape", [("3,1,3", (3, 1, 3)), ("(3,1,3)", (3, 1, 3)),
                                         ("3x1x3", (3, 1, 3)), ("(5,)", (5,)),
                                         (" 2 , 0 ", (2, 0)), ("[4, 5]", (4, 5))])
def test_shapes(text, shape):
    assert parse_shape(text) == shape


@pytest.mark.parametrize("text", ["3,,1", "a,b", "-2,3", "", "()", "3.5", "3;4"])
def test_malformed_shapes(text):
    with pytest.raises(PrelimError, match="shape"):
        parse_shape(text)


def test_sizes():
    assert parse_sizes([3, -1]) == (3, -1)
    with pytest.raises(PrelimError, match="only one size can be -1"):
        parse_sizes([-1, -1])
    with pytest.raises(PrelimError, match="positive"):
        parse_sizes([3, 0])
    with pytest.raises(PrelimError):
        parse_sizes([3, -1], allow_minus_one=False)


bounds = st.one_of(st.none(), st.integers(-5, 5))


@FUZZ
@given(bounds, bounds, st.one_of(st.none(), st.integers(1, 3)), st.integers(-4, 3))
def test_index_agrees_with_numpy(start, stop, step, column):
    import torch

    text_slice = f"{'' if start is None else start}:{'' if stop is None else stop}"
    if step is not None:
        text_slice += f":{step}"
    ix = parse_index(f"X[{text_slice}, {column}]")
    X = np.arange(12).reshape(3, 4)
    expected = X[slice(start, stop, step), column]
    assert torch.arange(12).reshape(3, 4)[ix.key].tolist() == expected.tolist()
    assert ix.code == f"X[{text_slice}, {column}]"


@pytest.mark.parametrize("text", ["X.__class__", "__import__('os')", "X[::-1]", "X[1.5]",
                                  "Y[0]", "X[0](1)", "X[f(0)]", "X[", "X"])
def test_bad_indices(text):
    with pytest.raises(PrelimError):
        parse_index(text)


def test_assignment():
    ix, value = parse_assignment("X[0:2, :] = 12")
    assert (ix.code, value) == ("X[0:2, :]", 12)
    for bad in ["X[0] == 1", "X[0] = ", "X[0] = y", "X = 1"]:
        with pytest.raises(PrelimError):
            parse_assignment(bad)


# --- seeds ------------------------------------------------------------------------------

def torch_takes(seed: int) -> bool:
    """Whether torch.manual_seed itself accepts the seed (the global generator is left
    as it was)."""
    import torch

    with torch.random.fork_rng(devices=[]):
        try:
            torch.manual_seed(seed)
        except (ValueError, RuntimeError, OverflowError):
            return False
    return True


def check_takes(seed: int) -> bool:
    try:
        check_seed(seed)
    except PrelimError:
        return False
    return True


@pytest.mark.parametrize("seed", [-2**63 - 1, -2**63, -2**63 + 1, -1, 0, 2**63 - 1, 2**63,
                                  2**64 - 1, 2**64, 10**30, -10**30])
def test_seed_check_takes_exactly_what_torch_takes(seed):
    assert check_takes(seed) == torch_takes(seed)


def test_seed_refusal_names_the_seed_and_the_range():
    with pytest.raises(PrelimError, match=r"^--seed 18446744073709551616 is out of range: "
                                          r"torch.manual_seed takes a whole number from "
                                          r"-2\*\*63 to 2\*\*64 - 1; choose one such as 0$"):
        check_seed(2**64)
    check_seed(None)  # a fresh seed is chosen later
