"""core.numbers: a tensor's elements as PyTorch prints them, checked against PyTorch itself.

The oracle is ``repr(tensor)``: the element strings are read out of torch's own printout
(with its default print options, on tensors small enough to be printed whole) and compared
with ``format_numbers`` on the same elements as ``tolist()`` gives them.
"""

import math
import re

import pytest
import torch
from hypothesis import example, given, settings
from hypothesis import strategies as st

from prelim_cli.core.numbers import format_numbers

DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64,
          "bool": torch.bool}
ELEMENT = re.compile(r"[^\s,\[\]]+")  # what is left between brackets, commas and padding


def printed_elements(tensor: torch.Tensor) -> list[str]:
    """The element strings of ``repr(tensor)``, in order, without padding."""
    text = repr(tensor)
    body = re.sub(r",\s*dtype=torch\.\w+\)$", ")", text).removeprefix("tensor(").removesuffix(")")
    return ELEMENT.findall(body)


def float_values(largest: float) -> st.SearchStrategy[float]:
    """Every kind of magnitude torch's printer tells apart (a float32 tensor rounds them)."""
    return st.one_of(
        st.floats(-1e3, 1e3),  # ordinary: 1.5000
        st.floats(-1e-4, 1e-4),  # tiny, down to the subnormals
        st.floats(1e7, largest),  # huge
        st.floats(-largest, -1e7),
        st.integers(-10**9, 10**9).map(float),  # integer-valued: 3.
        st.integers(-10**20, 10**20).map(float),  # integer-valued above 1e8: 1.0000e+20
        st.sampled_from([0.0, -0.0, math.nan, math.inf, -math.inf, 1e8, -1e8, 0.5, 1e-4]),
    )


VALUES = {
    "float32": float_values(3.0e38),
    "float64": float_values(1.0e300),
    "int64": st.one_of(st.integers(-2**63, 2**63 - 1), st.integers(-1000, 1000)),
    "bool": st.booleans(),
}


@st.composite
def tensors(draw) -> torch.Tensor:
    name = draw(st.sampled_from(sorted(DTYPES)))
    shape = draw(st.lists(st.integers(1, 4), max_size=3))  # 0-d to 3-d, at most 64 elements
    values = draw(st.lists(VALUES[name], min_size=math.prod(shape),
                           max_size=math.prod(shape)))
    return torch.tensor(values, dtype=DTYPES[name]).reshape(shape)


@pytest.fixture(autouse=True)
def default_print_options():
    torch.set_printoptions(profile="default")
    yield
    torch.set_printoptions(profile="default")


@settings(max_examples=400, deadline=None)
@given(tensors())
@example(torch.tensor([1.0, 1e4]))  # integer-valued, yet 1e4 / 1 > 1000: scientific
@example(torch.tensor([1e8, 3.0]))  # 1e8 itself is not "above 1e8"
@example(torch.tensor([-0.0, 2.5]))
@example(torch.tensor([math.nan, -math.inf, 0.0]))
@example(torch.tensor([1e-5, 0.5], dtype=torch.float64))
@example(torch.tensor(0.1))  # float32 rounding: 0.1 is stored as 0.100000001...
def test_elements_read_as_torch_prints_them(tensor):
    assert format_numbers(tensor.flatten().tolist()) == printed_elements(tensor)


@pytest.mark.parametrize("tensor, shown", [
    (torch.tensor([3.0, 1.5]), ["3.0000", "1.5000"]),
    (torch.tensor([1.0, 2.0]), ["1.", "2."]),
    (torch.tensor([1.0, 1e5]), ["1.0000e+00", "1.0000e+05"]),
    (torch.tensor([-0.0, 1.0]), ["-0.", "1."]),
    (torch.tensor([math.nan, math.inf, -math.inf]), ["nan", "inf", "-inf"]),
    (torch.tensor([1, -20]), ["1", "-20"]),
    (torch.tensor([True, False]), ["True", "False"]),
])
def test_the_styles_of_the_book(tensor, shown):
    assert printed_elements(tensor) == shown
    assert format_numbers(tensor.tolist()) == shown
