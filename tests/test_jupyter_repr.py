"""`--format repr` is what a Jupyter cell shows, and the independent answer is IPython itself:
``core.pretty`` against ``IPython.lib.pretty`` on generated values.
"""

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from prelim_cli.core.pretty import pretty
from prelim_cli.core.values import TableValue

# core.pretty against IPython.lib.pretty, on values of the shapes steps hold.

class Shown:
    """An object whose repr is given (a tensor's or a frame's, several lines)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


lines = st.lists(st.text(alphabet="ab1.,[] ", min_size=0, max_size=30), min_size=1, max_size=4)
leaves = st.one_of(
    st.integers(-10**6, 10**6), st.floats(allow_nan=False), st.text(max_size=12), st.none(),
    st.booleans(), lines.map(lambda ls: Shown("\n".join(ls))),
    st.sampled_from([int, float, type(None), Shown, TableValue, io.StringIO, len, pretty]),
)
values = st.recursive(leaves, lambda inner: st.one_of(
    st.tuples(inner), st.lists(inner, max_size=6).map(tuple), st.lists(inner, max_size=6),
    st.dictionaries(st.one_of(st.integers(0, 99), st.text(max_size=6)), inner, max_size=4),
    st.sets(st.integers(0, 20), max_size=5), st.frozensets(st.integers(0, 20), max_size=3),
), max_leaves=12)


@settings(max_examples=400, deadline=None)
@given(values, st.integers(20, 120))
def test_pretty_lays_out_as_ipython_does(value, width):
    from IPython.lib.pretty import pretty as ipython_pretty

    assert pretty(value, width) == ipython_pretty(value, max_width=width)


def test_pretty_is_ipythons_default_width():
    from IPython.core.formatters import PlainTextFormatter

    value = tuple(Shown(f"tensor([{i}.,\n        {i}.])") for i in range(3))
    assert pretty(value) == PlainTextFormatter()(value)
