"""Every catalogued error, produced for real on the installed torch and pandas.

One small function per entry (named by its id) runs the few lines that raise it, with tiny
tensors; ``check`` runs them all, formats each error as Python prints its traceback, and
asks ``explain`` which entry it is. When a library rewords a message the entry stops
matching, and the tests and ``prelim doctor`` say so instead of ``prelim why`` going
silently blind. These lines are prelim's own; nothing a user typed runs here.
"""

from __future__ import annotations

import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import torch
from torch.distributions import multinomial

from prelim_cli.topics.why import ENTRIES, Entry, explain

SNIPPETS: dict[str, Callable[[], object]] = {}  # entry id -> the lines that raise it
VARIANTS: dict[str, list[Callable[[], object]]] = {}  # the entry's other wordings


def snippet(function: Callable[[], object]) -> Callable[[], object]:
    SNIPPETS[function.__name__] = function
    return function


def variant(entry_id: str) -> Callable:
    """Lines raising the same error in the words of another of the entry's patterns."""
    def register(function: Callable[[], object]) -> Callable[[], object]:
        VARIANTS.setdefault(entry_id, []).append(function)
        return function
    return register


@dataclass(frozen=True)
class Outcome:
    entry: Entry
    error: BaseException | None  # None: the lines did not fail here
    recognised: bool

    @property
    def text(self) -> str:
        """The error as Python prints it: the whole traceback."""
        return "".join(traceback.format_exception(self.error)) if self.error else ""


def raise_error(entry: Entry) -> BaseException | None:
    """Run the entry's lines; the error they raised (a warning counts), or None."""
    return run(SNIPPETS[entry.id])


def run(lines: Callable[[], object]) -> BaseException | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            lines()
    except Exception as error:
        return error
    return None


def check(entries: tuple[Entry, ...] = ENTRIES) -> list[Outcome]:
    outcomes = []
    for entry in entries:
        error = raise_error(entry)
        outcome = Outcome(entry, error, False)
        match = explain(outcome.text) if error else None
        outcomes.append(Outcome(entry, error, match is not None and match.entry == entry))
    return outcomes


# ---------------------------------------------------------------- §2.1

@snippet
def broadcast_sizes():
    a = torch.arange(20).reshape(5, 4)
    a + a.sum(axis=1)


@snippet
def in_place_broadcast():
    a = torch.ones(5)
    a += torch.ones(5, 5)


@snippet
def reshape_size():
    torch.arange(12).reshape(5, 3)


@snippet
def view_stride():
    torch.arange(6).reshape(2, 3).T.view(6)


@snippet
def ragged_list():
    torch.tensor([[1, 2, 3], [4, 5]])


@snippet
def cat_sizes():
    torch.cat((torch.ones(2, 3), torch.ones(2, 4)), dim=0)


@snippet
def cat_ndim():
    torch.cat((torch.ones(3), torch.ones(2, 3)))


@snippet
def index_bounds():
    torch.arange(12).reshape(3, 4)[3]


@snippet
def too_many_indices():
    torch.arange(4)[0, 1]


@snippet
def negative_step():
    torch.arange(5)[::-1]


@snippet
def one_element():
    torch.ones(2).item()


@variant("one_element")
def one_element_float():
    float(torch.ones(2))


@snippet
def ambiguous_bool():
    bool(torch.ones(2) > 0)


@snippet
def cast_in_place():
    a = torch.arange(2)
    a += 0.5


@snippet
def mixed_dtypes():
    torch.ones(2, 2) @ torch.arange(4).reshape(2, 2)


@variant("mixed_dtypes")
def mixed_dtypes_dot():
    torch.dot(torch.ones(2), torch.arange(2))


@variant("mixed_dtypes")
def mixed_dtypes_bmm():
    torch.bmm(torch.ones(1, 2, 2), torch.ones(1, 2, 2, dtype=torch.long))


@variant("mixed_dtypes")
def mixed_dtypes_linear():
    torch.nn.Linear(2, 2)(torch.arange(4).reshape(2, 2))


@snippet
def no_cuda():
    torch.ones(2).cuda()


# ---------------------------------------------------------------- §2.2

def _house() -> pd.DataFrame:
    return pd.DataFrame({"NumRooms": [float("nan"), 2.0], "RoofType": [None, "Slate"]})


@snippet
def object_array():
    torch.tensor(pd.get_dummies(_house(), dummy_na=True).values)


@snippet
def mean_of_text():
    inputs = _house()
    inputs.fillna(inputs.mean())


@variant("mean_of_text")
def mean_of_objects():
    inputs = _house().astype({"RoofType": object})
    inputs.fillna(inputs.mean())


@snippet
def missing_column():
    _house()["Price"]


@snippet
def no_such_file():
    pd.read_csv("no-such-folder/house_tiny.csv")


# ---------------------------------------------------------------- §2.3

@snippet
def matmul_shapes():
    torch.ones(5, 4) @ torch.ones(3, 3)


@snippet
def mv_sizes():
    torch.mv(torch.ones(2, 3), torch.ones(2))


@snippet
def dot_sizes():
    torch.dot(torch.ones(2), torch.ones(3))


@snippet
def axis_range():
    torch.ones(2, 3).sum(axis=2)


@snippet
def mean_of_integers():
    torch.arange(4).mean()


@snippet
def norm_of_integers():
    torch.linalg.vector_norm(torch.arange(3))


# ---------------------------------------------------------------- §2.4

@snippet
def numpy_of_grad():
    torch.arange(3.0, requires_grad=True).numpy()


# ---------------------------------------------------------------- §2.5

@snippet
def backward_of_vector():
    x = torch.arange(4.0, requires_grad=True)
    (x * x).backward()


@snippet
def backward_twice():
    x = torch.arange(4.0, requires_grad=True)
    y = 2 * torch.dot(x, x)
    y.backward()
    y.backward()


@snippet
def no_grad_fn():
    torch.arange(4.0).sum().backward()


@snippet
def leaf_in_place():
    x = torch.arange(4.0, requires_grad=True)
    x += 1


@snippet
def grad_of_non_leaf():
    x = torch.arange(4.0, requires_grad=True)
    y = 2 * x
    y.grad


@snippet
def grad_of_integers():
    torch.arange(4, requires_grad=True)


@variant("grad_of_integers")
def grad_of_integers_later():
    torch.arange(4).requires_grad_()


@snippet
def grad_is_none():
    x = torch.arange(4.0, requires_grad=True)
    x.grad.zero_()


@snippet
def modified_in_place():
    x = torch.arange(3.0, requires_grad=True)
    y = x.exp()
    y += 1
    y.sum().backward()


# ---------------------------------------------------------------- §2.6

@snippet
def not_a_distribution():
    multinomial.Multinomial(1, torch.tensor([-0.2, 1.2]))


@snippet
def bad_probabilities():
    torch.multinomial(torch.tensor([0.5, -0.1]), 1)


@snippet
def too_many_draws():
    torch.multinomial(torch.ones(6) / 6, 10)


# ---------------------------------------------------------------- §2.7

@snippet
def no_such_name():
    torch.onse


@snippet
def no_such_method():
    torch.ones(2).lenght


@snippet
def argument_type():
    torch.exp(2)


@variant("argument_type")
def argument_type_keyword():
    torch.ones(2, dtype="float")
