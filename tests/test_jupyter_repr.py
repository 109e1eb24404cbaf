"""`--format repr` is what a Jupyter cell shows, and the independent answer is IPython itself.

Each step's code runs in IPython's own shell (one shell per demo, steps in order), and what
the cell displays - its Out text/plain, formatted as a notebook receives it, or the text it
printed, or the type and message of the error it raised - must be prelim's repr output for
that step, character for character. A step is skipped only for a reason it names: prelim's
own explanatory table, a comment, a printed id() or a memory address (different in every
process). Then ``core.pretty`` against ``IPython.lib.pretty`` on generated values.
"""

import ast
import builtins
import contextlib
import io
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import built
from prelim_cli.chapter import NAMES
from prelim_cli.core.pretty import pretty
from prelim_cli.core.values import TableValue
from prelim_cli.render.repr import value_text

# What a notebook of the book imports first.
IMPORTS = "import math\nimport numpy as np\nimport pandas as pd\nimport torch"

# A sample of user inputs per command (the tour plays the book's own).
COMMANDS = [
    ("tensor", "arange", "5"),
    ("tensor", "reshape", "2", "-1", "--from", "[[1, 2, 3], [4, 5, 6]]"),
    ("tensor", "zeros", "2", "3"), ("tensor", "randn", "2", "3", "--seed", "7"),
    ("tensor", "new", "[[2, 1, 4, 3], [1, 2, 3, 4]]", "--dtype", "float64"),
    ("tensor", "ops", "[1.0, 2]", "[3, 4]"), ("tensor", "exp", "[0.0, 1, 2]"),
    ("tensor", "cat"), ("tensor", "cat", "[[1, 2]]", "[[3, 4]]", "--dim", "1"),
    ("tensor", "compare", "[1, 2, 3]", "[3, 2, 1]"), ("tensor", "sum", "[[1, 2], [3, 4]]"),
    ("tensor", "index", "X[1:3, ::2]", "X[..., -1]"), ("tensor", "assign", "X[1, 2] = 9"),
    ("tensor", "memory"), ("tensor", "convert"),
    ("broadcast", "5,4", "5"), ("broadcast", "3,1", "1,2", "--op", "*"),
    ("broadcast", "2,1,3", "4,1", "3"),
    ("preprocess", "--example", "house_tiny"),
    ("preprocess", "--example", "house_tiny", "--fill", "median", "--no-dummy-na"),
    ("linalg", "scalar"), ("linalg", "vector", "[1.0, 2, 3]"),
    ("linalg", "matrix", "--shape", "2,3"),
    ("linalg", "symmetric", "[[1, 2], [3, 4]]"), ("linalg", "elementwise", "--shape", "2,3"),
    ("linalg", "sum", "--axis", "0"), ("linalg", "sum", "--shape", "2,3", "--keepdims"),
    ("linalg", "mean", "--shape", "2,5"), ("linalg", "keepdims", "--shape", "3,4"),
    ("linalg", "cumsum", "--shape", "3,2"), ("linalg", "dot", "[1.0, 2, 3]", "[4.0, 5, 6]"),
    ("linalg", "mv", "--shape", "3,4"), ("linalg", "mm", "--shape", "2,3"),
    ("linalg", "norm", "[1.0, 2, 2]"),
    ("derivative", "3*x**2 - 4*x", "--at", "1"),
    ("derivative", "sin(x)", "--at", "0.5", "--method", "both"),
    ("derivative", "x1**2 + x1*x2", "--at", "x1=1,x2=2"),
    ("autograd", "grad", "x*x"), ("autograd", "grad", "2*dot(x, x)", "--x", "0,1,2,3"),
    ("autograd", "grad", "sum(sin(x))", "--x", "0.5,1"),
    ("autograd", "accumulate"), ("autograd", "detach"),
    ("autograd", "control-flow", "--seed", "3"), ("autograd", "control-flow", "--a", "-0.5"),
]


@pytest.fixture
def jupyter(tmp_path, monkeypatch):
    """Make a fresh IPython shell (in a scratch directory, with its history in memory) that
    has run the notebook's imports."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.chdir(tmp_path)
    config = Config()
    config.HistoryManager.hist_file = ":memory:"

    def shell():
        shell = InteractiveShell(config=config)
        assert displayed(shell, IMPORTS) is None
        return shell

    yield shell
    InteractiveShell.clear_instance()
    if hasattr(builtins, "__IPYTHON__"):  # pandas would print frames as in a session after it
        del builtins.__IPYTHON__


def displayed(shell, code: str) -> str | None:
    """What the cell shows: Out's text/plain, else what it printed, else None; an error as
    ``Type: message``."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        result = shell.run_cell(code, store_history=True)  # as a notebook runs its cells
    assert result.error_before_exec is None, (code, result.error_before_exec)
    if result.error_in_exec is not None:
        return f"{type(result.error_in_exec).__name__}: {str(result.error_in_exec).strip()}"
    if result.result is not None:
        return shell.display_formatter.format(result.result)[0]["text/plain"]
    return printed.getvalue().removesuffix("\n") or None


def skip_reason(step, shown: str | None) -> str | None:
    if isinstance(step.value, TableValue):
        return "prelim's own explanatory table"
    if not ast.parse(step.code).body:
        return "a comment"
    if re.search(r"print\(.*\bid\(", step.code):
        return "prints an id(), different in every process"
    if shown and re.search(r"\bat 0x[0-9a-f]+", shown):
        return "displays a memory address"
    return None


def played(*args: str) -> tuple[list, str]:
    """The demos ``prelim ARGS -f repr`` rendered, and what it printed."""
    demos, result = built(*args, "--format", "repr")
    assert result.exit_code in (0, 1), result.stderr  # 1: a lesson that fails on purpose
    return demos, result.stdout


def check_against_ipython(demos: list, stdout: str, jupyter) -> list[str]:
    """Compare every step with IPython; the skips, with their reasons."""
    differences, skipped, position = [], [], 0
    for demo in demos:
        shell = jupyter()
        for number, step in enumerate(demo.steps, 1):
            shown = displayed(shell, step.code)
            reason = skip_reason(step, shown)
            where = f"prelim {demo.command}, step {number}: {step.code!r}"
            if reason:
                skipped.append(f"{where}: {reason}")
                continue
            ours = value_text(step.value)
            if ours != shown:
                differences.append(f"{where}\n--- IPython shows:\n{shown}\n--- prelim:\n{ours}")
            elif ours is not None:
                assert ours in stdout[position:], f"{where}: not in the repr output as it is"
                position = stdout.index(ours, position) + len(ours)
    assert not differences, "\n\n".join(differences)
    return skipped


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("section", NAMES)
def test_every_tour_step_is_what_jupyter_shows(section, lang, jupyter):
    demos, stdout = played("tour", section, "--no-pause", "--lang", lang)
    skipped = check_against_ipython(demos, stdout, jupyter)
    steps = sum(len(d.steps) for d in demos)
    assert len(skipped) < steps / 4, skipped  # skips are the exception, each with its reason


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_user_inputs_are_what_jupyter_shows(args, jupyter):
    demos, stdout = played(*args, "--lang", "en")
    check_against_ipython(demos, stdout, jupyter)


def test_the_skips_are_the_named_ones(jupyter):
    """The tour skips just these steps (and each one says why)."""
    skipped = []
    for section in NAMES:
        demos, stdout = played("tour", section, "--no-pause")
        skipped += check_against_ipython(demos, stdout, jupyter)
    reasons = Counter(line.rsplit(": ", 1)[1] for line in skipped)
    assert reasons == {"prelim's own explanatory table": 4,  # 2 broadcast, keepdims alignments;
                       # the parameters of torch.ones, read from its docstring
                       "prints an id(), different in every process": 2}, skipped  # memory


def test_the_books_tuples_as_the_book_prints_them():
    """Written out once, from the book's §2.1: one element per line when the tuple is too long,
    continuation lines under their element; classes by their dotted name."""
    demos, _ = played("tensor", "ops")
    assert value_text(demos[0].steps[1].value) == (
        "(tensor([ 3.,  4.,  6., 10.]),\n"
        " tensor([-1.,  0.,  2.,  6.]),\n"
        " tensor([ 2.,  4.,  8., 16.]),\n"
        " tensor([0.5000, 1.0000, 2.0000, 4.0000]),\n"
        " tensor([ 1.,  4., 16., 64.]))")
    demos, _ = played("tensor", "convert")
    assert value_text(demos[0].steps[1].value) == "(numpy.ndarray, torch.Tensor)"
    demos, _ = played("tensor", "index")
    assert value_text(demos[0].steps[1].value) == (
        "(tensor([ 8.,  9., 10., 11.]),\n"
        " tensor([[ 4.,  5.,  6.,  7.],\n"
        "         [ 8.,  9., 10., 11.]]))")


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
