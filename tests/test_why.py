"""prelim why: every catalogued error is raised for real on the installed torch and pandas,
its traceback fed to the explainer, and the entry and the numbers it reads checked against
the literals below; tracebacks as Python, IPython (in colour) and Windows print them."""

import json
import shlex
import traceback
import warnings

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import prelim, prelim_json
from prelim_cli import chapter
from prelim_cli.topics.why import ENTRIES, explain, live
from prelim_cli.topics.why.read import MAX_BYTES

# What each message says, read by hand from the snippet that raises it (tests/ only).
NUMBERS = {
    "broadcast_sizes": {"a": 4, "b": 5, "dim": 1},
    "in_place_broadcast": {"own": [5], "result": [5, 5]},
    "reshape_size": {"shape": [5, 3], "size": 12},
    "view_stride": {},
    "ragged_list": {"expected": 3, "dim": 1, "got": 2},
    "cat_sizes": {"dim": 0, "expected": 3, "got": 4, "number": 1},
    "cat_ndim": {"first": 1, "second": 2},
    "index_bounds": {"index": 3, "dim": 0, "size": 3},
    "too_many_indices": {"ndim": 1},
    "negative_step": {},
    "one_element": {"n": 2},
    "ambiguous_bool": {},
    "cast_in_place": {"computed": "Float", "output": "Long"},
    "mixed_dtypes": {"first": "float", "second": "long int"},
    "no_cuda": {},
    "object_array": {},
    "mean_of_text": {"reduction": "mean"},
    "missing_column": {"name": "Price"},
    "no_such_file": {"path": "no-such-folder/house_tiny.csv"},
    "matmul_shapes": {"m": 5, "n": 4, "p": 3, "q": 3},
    "mv_sizes": {"input": 2, "rows": 2, "cols": 3, "vec": 2},
    "dot_sizes": {"first": 2, "second": 3},
    "axis_range": {"low": -2, "high": 1, "got": 2},
    "mean_of_integers": {"dtype": "Long"},
    "norm_of_integers": {"function": "vector_norm", "dtype": "Long"},
    "numpy_of_grad": {},
    "backward_of_vector": {},
    "backward_twice": {},
    "no_grad_fn": {"element": 0},
    "leaf_in_place": {},
    "grad_of_non_leaf": {},
    "grad_of_integers": {},
    "grad_is_none": {},
    "modified_in_place": {"version": 1, "expected": 0},
    "not_a_distribution": {"parameter": "probs", "shape": [2], "distribution": "Categorical",
                           "constraint": "Simplex"},
    "bad_probabilities": {},
    "too_many_draws": {},
    "no_such_name": {"module": "torch", "name": "onse"},
    "no_such_method": {"name": "lenght"},
    "argument_type": {"function": "exp", "argument": "input", "position": 1,
                      "expected": "Tensor", "got": "int"},
}
BY_ID = {entry.id: entry for entry in ENTRIES}
# The commands that end in an error on purpose: the lesson shows the failure, or the lookup
# names the closest name; every other suggested command exits 0.
COMMANDS_THAT_FAIL = {"prelim broadcast 5,4 5", "prelim docs torch.onse"}


def raised(entry_id: str) -> BaseException:
    if entry_id == "no_cuda" and torch.cuda.is_available():
        pytest.skip("this machine has CUDA, so torch.ones(2).cuda() works")
    error = live.raise_error(BY_ID[entry_id])
    assert error is not None, f"{entry_id}: its lines no longer fail on torch {torch.__version__}"
    return error


def test_the_catalogue_covers_every_section_with_at_least_30_errors():
    assert len(ENTRIES) >= 30 and set(NUMBERS) == set(BY_ID) == set(live.SNIPPETS)
    assert {e.section for e in ENTRIES} == set(chapter.NAMES)
    assert len({e.key for e in ENTRIES}) == len(ENTRIES)


@pytest.mark.parametrize("entry_id", list(NUMBERS))
def test_each_error_raised_here_is_recognised_with_its_numbers(entry_id):
    error = raised(entry_id)
    whole = "".join(traceback.format_exception(error))
    last_line = f"{type(error).__name__}: {error}"
    for text in (whole, last_line, str(error)):  # a traceback, its last line, the message
        match = explain(text)
        assert match is not None and match.entry.id == entry_id, text
        assert match.numbers == NUMBERS[entry_id]


VARIANTS = [(entry_id, lines) for entry_id, all_lines in live.VARIANTS.items()
            for lines in all_lines]


@pytest.mark.parametrize("entry_id, lines", VARIANTS, ids=[f.__name__ for _, f in VARIANTS])
def test_each_other_wording_raised_here_is_recognised(entry_id, lines):
    error = live.run(lines)
    assert error is not None, lines.__name__
    assert explain("".join(traceback.format_exception(error))).entry.id == entry_id


def test_every_pattern_is_produced_live():
    """No pattern is written from memory: each matches a message raised on these versions."""
    for entry in ENTRIES:
        if entry.id == "no_cuda" and torch.cuda.is_available():
            continue
        errors = [live.run(f) for f in [live.SNIPPETS[entry.id], *live.VARIANTS.get(entry.id,
                                                                                     [])]]
        messages = [" ".join(str(error).split()) for error in errors]
        assert [p.pattern for p in entry.compiled
                if not any(p.search(m) for m in messages)] == [], entry.id


def reproduce(shapes, in_place=False) -> str:
    a, b = (torch.zeros(s) for s in shapes)
    with pytest.raises(RuntimeError) as error:
        if in_place:
            a += b
        else:
            a + b
    return str(error.value)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(1, 4), min_size=1, max_size=3),
       st.lists(st.integers(1, 4), min_size=1, max_size=3))
def test_the_shapes_drawn_give_exactly_the_learners_message(left, right):
    """Whatever shapes failed, the shapes prelim why draws raise the very same message."""
    try:
        torch.broadcast_shapes(tuple(left), tuple(right))
        return
    except RuntimeError:
        pass
    message = reproduce([tuple(left), tuple(right)])
    match = explain(message)
    assert match.entry.id == "broadcast_sizes"
    assert reproduce(match.operands) == message


@pytest.mark.parametrize("own, other", [((5,), (5, 5)), ((), (2,)), ((3, 1), (2, 3, 4))])
def test_the_in_place_shapes_give_the_same_message_and_the_command_runs(own, other):
    message = reproduce([own, other], in_place=True)
    match = explain(message)
    assert reproduce(match.operands, in_place=True) == message
    assert prelim(*shlex.split(match.command)[1:]).exit_code == 0


def test_every_suggested_command_runs():
    commands = {explain(str(raised(e.id))).command for e in ENTRIES if e.id != "no_cuda"}
    commands.add(BY_ID["no_cuda"].command)
    for command in sorted(commands):
        words = shlex.split(command)
        result = prelim(*words[1:])
        assert result.exit_code == (1 if command in COMMANDS_THAT_FAIL else 0), (command,
                                                                                 result.stderr)
        assert "Traceback" not in result.stderr


# --- reading tracebacks ------------------------------------------------------------------

def chained() -> str:
    """A real chained traceback: the error in the catalogue raised first."""
    try:
        try:
            torch.ones(5, 4) + torch.ones(5)
        except RuntimeError as err:
            raise ValueError("could not normalise the rows") from err
    except ValueError as err:
        return "".join(traceback.format_exception(err))


def test_a_chained_traceback_is_explained_by_the_error_behind_it():
    text = chained()
    assert "The above exception was the direct cause" in text
    doc = prelim_json("why", text)
    assert doc["match"]["id"] == "broadcast_sizes"
    assert doc["steps"][0]["key"] == "why.read_chained"
    assert doc["steps"][0]["code"] == "# torch.ones(5, 4) + torch.ones(5)"


def test_during_handling_the_last_error_wins_when_it_is_known():
    try:
        try:
            {}["x"]
        except KeyError:
            torch.arange(12).reshape(5, 3)
    except RuntimeError as err:
        text = "".join(traceback.format_exception(err))
    assert "During handling of the above exception" in text
    match = explain(text)
    assert match.entry.id == "reshape_size" and match.later == 0


def test_ipython_colour_tracebacks_are_read():
    from IPython.core.ultratb import AutoFormattedTB

    try:
        (torch.arange(4.0, requires_grad=True) * 2).backward()
    except RuntimeError as err:
        try:  # IPython 9 names its colour themes; 8 called them schemes
            formatter = AutoFormattedTB(mode="Context", theme_name="linux")
        except TypeError:
            formatter = AutoFormattedTB(mode="Context", color_scheme="Linux")
        coloured = formatter.text(type(err), err, err.__traceback__)
    assert "\x1b[" in coloured
    doc = prelim_json("why", "-", input=coloured)
    assert doc["match"]["id"] == "backward_of_vector"
    assert doc["steps"][0]["code"] == "# (torch.arange(4.0, requires_grad=True) * 2).backward()"


def test_windows_line_endings_and_wrapped_lines_are_read():
    message = str(raised("backward_twice"))
    wrapped = "\r\n".join(message[i:i + 40] for i in range(0, len(message), 40))  # mid-word
    text = "Traceback (most recent call last):\r\n  File \"t.py\", line 9, in <module>\r\n" \
           "    y.backward()\r\nRuntimeError: " + wrapped + "\r\n"
    match = explain(text)
    assert match.entry.id == "backward_twice" and match.found.code == "y.backward()"
    simplex = explain("ValueError: " + str(raised("not_a_distribution")).replace("\n", "\r\n"))
    assert simplex.found.lines[-1] == "tensor([-0.2000,  1.2000])"  # the message's own 2nd line


def test_a_warning_line_is_read():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        x = torch.arange(4.0, requires_grad=True)
        (2 * x).grad
    line = warnings.formatwarning(caught[0].message, caught[0].category, "t.py", 3)
    assert explain(line).entry.id == "grad_of_non_leaf"


# --- the command ---------------------------------------------------------------------------

def test_the_learners_numbers_and_the_alignment_in_both_languages():
    text = "RuntimeError: The size of tensor a (3) must match the size of tensor b (7) at " \
           "non-singleton dimension 1"
    en = prelim("why", text)
    assert en.exit_code == 0
    assert "On dimension 1 of the result, a has 3 and b has 7" in " ".join(en.stdout.split())
    assert "a (7, 3)" in en.stdout and "✗ 3≠7" in en.stdout
    assert "prelim broadcast 7,3 7" in en.stdout
    zh = " ".join(prelim("why", text, "--lang", "zh").stdout.split())
    assert "在结果的第 1 维上，a 的大小是 3，b 的是 7" in zh


def test_json_gives_id_section_cause_fix_and_command():
    doc = prelim_json("why", "RuntimeError: mat1 and mat2 shapes cannot be multiplied "
                             "(5x4 and 3x3)")
    match = doc["match"]
    assert (match["id"], match["section"], match["numbers"]) == ("matmul_shapes", "2.3",
                                                                 {"m": 5, "n": 4, "p": 3, "q": 3})
    assert match["command"] == "prelim linalg mm --shape 5,4"
    assert "A is 5 × 4 and B is 3 × 3" in match["cause"] and "4 rows" in match["fix"]


def test_stdin_with_no_argument():
    text = "".join(traceback.format_exception(raised("grad_is_none")))
    doc = json.loads(prelim("why", "-f", "json", input=text).stdout)
    assert doc["match"]["id"] == "grad_is_none"


def test_an_unknown_error_names_its_type_and_key_words_and_exits_1():
    result = prelim("why", "Traceback (most recent call last):\n  File \"x.py\", line 1\n"
                           "ZeroDivisionError: division by zero\n")
    assert result.exit_code == 1
    assert result.stderr == ("Error: 'ZeroDivisionError: division by zero' is not an error "
                             "prelim knows (key words: division, zero); prelim why --list shows "
                             f"the {len(ENTRIES)} it explains, by section\n")
    assert explain("ZeroDivisionError: division by zero") is None


def test_the_list_is_the_catalogue_by_section_in_book_order():
    doc = prelim_json("why", "--list")
    numbers = [step["label"].split()[0] for step in doc["steps"]]
    assert numbers == [f"§{s.number}" for s in chapter.SECTIONS]
    ids = [row[0] for step in doc["steps"] for row in step["value"]["rows"]]
    assert sorted(ids) == sorted(BY_ID)


def test_the_text_is_only_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "__import__('os').system('touch pwned')\nRuntimeError: grad can be implicitly " \
           "created only for scalar outputs"
    assert prelim_json("why", text)["match"]["id"] == "backward_of_vector"
    assert list(tmp_path.iterdir()) == []


def test_input_is_capped():
    result = prelim("why", input="x" * (MAX_BYTES + 1))
    assert result.exit_code == 1 and "more than 1,000,000 bytes" in result.stderr
