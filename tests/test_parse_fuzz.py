"""Every parser of user input, fed text a hostile user (or a cat on the keyboard) could type:
only prelim's own PrelimError ever escapes - never a RecursionError, ValueError,
OverflowError or anything else a user would read as a crash."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prelim_cli.core.errors import PrelimError
from prelim_cli.expr import compile_expr, parse_number
from prelim_cli.parse.index import parse_assignment, parse_index
from prelim_cli.parse.literal import parse_literal
from prelim_cli.parse.range import parse_range
from prelim_cli.parse.shape import parse_shape

# The pieces these languages are made of, so most examples get past the first character.
TOKENS = ["[", "]", "(", ")", ",", ":", "-", "+", "*", "**", "/", ".", "...", "=", "0", "1",
          "9" * 30, "1e308", "1e-320", "inf", "nan", "True", "None", "x", "X", "pi", "sin",
          "dot", "__import__", "'a'", "j", " ", "\\", "\x00", "é", "中", "x" * 3]
NEAR_MISS = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)
DEEP = st.builds(lambda head, opener, n, body: head + opener * n + body,
                 st.sampled_from(["", "X[", "X[0] = ", "0:", "sin("]),
                 st.sampled_from(["[", "(", "-", "+", "X[", "- ", "1+", "[0]"]),
                 st.integers(0, 3000), st.sampled_from(["1", "x", "]", ")", "1]", ""]))
HOSTILE = st.one_of(st.text(max_size=60), NEAR_MISS, DEEP)
FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def only_prelim_errors(parse, text, *args):
    try:
        parse(text, *args)
    except PrelimError:
        pass


@pytest.mark.parametrize("parse", [
    parse_literal, parse_shape, parse_index, parse_assignment, compile_expr,
    lambda text: parse_number(text, "--at"),
    lambda text: parse_range(text, step=0.1, limit=10_000),
    lambda text: parse_range(text),
], ids=["literal", "shape", "index", "assignment", "expression", "number", "range-step",
        "range-ends"])
@FUZZ
@given(text=HOSTILE)
def test_only_prelim_errors_escape_a_parser(parse, text):
    only_prelim_errors(parse, text)


@FUZZ
@given(text=HOSTILE)
def test_a_compiled_expression_evaluates_or_refuses(text):
    """What compiles also runs at a point without an error of another kind."""
    import torch

    try:
        f = compile_expr(text, allowed=("x",))
    except PrelimError:
        return
    try:
        f(x=torch.tensor(0.5, dtype=torch.float64))
    except PrelimError:
        pass
