"""The safe parsers: literals, shapes, sizes, index expressions, ranges and seeds, checked against
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
from prelim_cli.parse.range import parse_range
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
    with pytest.raises(PrelimError, match="sizes must be 1 or more"):
        parse_sizes([3, 0])
    with pytest.raises(PrelimError, match=r"size -1 in \(3, -1\) .* sizes must be 0 or more$"):
        parse_sizes([3, -1], allow_minus_one=False, allow_zero=True)


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


# --- ranges -----------------------------------------------------------------------------

PLOT = {"step": 0.1, "limit": 10_000}  # derivative's form: a default step, a limit
ENDS = {}  # autograd plot's: START:END, no step


@FUZZ
@given(st.floats(-1e3, 1e3), st.floats(1e-3, 1e3), st.floats(2e-4, 1.0))
def test_range_has_the_points_of_numpy_arange(start, width, fraction):
    import torch

    stop, step = start + width, width * fraction
    grid = parse_range(f"{start!r}:{stop!r}:{step!r}", **PLOT)
    expected = np.arange(start, stop, step)
    assert (grid.start, grid.stop, grid.step) == (start, stop, step)  # the floats typed
    assert grid.count == len(expected)
    # The plot's points, as many as numpy's. numpy steps by (start + step) - start, which
    # is step rounded to the spacing of floats near start + step; over the points that
    # rounding adds up, so the points agree to count times that spacing.
    xs = torch.arange(grid.start, grid.stop, grid.step, dtype=torch.float64).numpy()
    assert len(xs) == len(expected)
    drift = (len(expected) + 4) * np.spacing(abs(start) + width)
    np.testing.assert_allclose(xs, expected, rtol=0, atol=drift)


def test_range_default_step_and_constant_expressions():
    grid = parse_range("-pi:pi", **PLOT)
    assert (grid.start, grid.stop, grid.step) == (-np.pi, np.pi, 0.1)
    assert grid.count == len(np.arange(-np.pi, np.pi, 0.1)) == 63
    span = parse_range("-2*pi:pi")
    assert (span.start, span.stop, span.step, span.count) == (-2 * np.pi, np.pi, None, None)


@pytest.mark.parametrize("form, text, message", [
    (PLOT, "0:1:1e-320", "--range 0:1:1e-320 gives over 10**15 points (limit 10,000); use a "
                         "larger step"),
    (PLOT, "0:1:1e-12", "--range 0:1:1e-12 gives 1,000,000,000,000 points (limit 10,000)"),
    (PLOT, "-1e308:1e308", "--range -1e308:1e308: stop - start is past the largest float"),
    (PLOT, "-1e308:1e308:1e307", "--range -1e308:1e308:1e307: stop - start is past the"),
    (PLOT, "0:1:", "--range 0:1:: no number given"),
    (PLOT, "0:1:-1", "--range 0:1:-1: the step must be positive"),
    (PLOT, "pi:-pi", "--range pi:-pi is empty: start must be below stop"),
    (ENDS, "0:1:0.1", "--range 0:1:0.1: this --range takes no step, its points are spread "
                      "evenly from START to END; write it as START:END"),
    (ENDS, "0", "--range 0: write it as START:END, like -6.3:6.3 or -2*pi:2*pi"),
    (ENDS, "1:1", "--range 1:1: the start must be less than the end"),
])
def test_range_refusals(form, text, message):
    with pytest.raises(PrelimError) as refused:
        parse_range(text, **form)
    assert str(refused.value).startswith(message)


def test_range_counts_against_the_element_cap(monkeypatch):
    monkeypatch.setenv("PRELIM_MAX_ELEMENTS", "100")
    with pytest.raises(PrelimError, match=r"^--range 0:30 gives 300 points \(limit 100\); "
                                          r"use a larger step or raise PRELIM_MAX_ELEMENTS$"):
        parse_range("0:30", **PLOT)
    assert parse_range("0:10", step=0.1).count == 100  # no limit of its own: the cap


@FUZZ
@given(st.text(alphabet="0123456789.:-+e*/ pi", max_size=20))
def test_range_fuzz_only_prelim_errors(text):
    for form in (PLOT, ENDS):
        try:
            parse_range(text, **form)
        except PrelimError:
            pass


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
