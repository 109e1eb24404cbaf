"""Freeze live objects (tensors, arrays, frames, shapes) into plain data.

Everything a renderer needs is captured here, once, while the object is alive:
``shown``, what a Jupyter cell displays for it (``core.pretty``: a long tuple one item per
line, a class as ``numpy.ndarray``); ``repr``, Python's own repr (what ``print`` writes, and
the table's text for a single value); and a JSON-ready form. Nothing heavy is imported unless
the object handed in already comes from that library.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from prelim_cli.core.pretty import pretty


class _NoValue:
    """A statement: the session prints nothing after it."""

    def __repr__(self) -> str:
        return "NO_VALUE"


NO_VALUE = _NoValue()


class _ShownAsRepr:
    """A value a Jupyter cell shows as its repr, line for line."""

    @property
    def shown(self) -> str:
        return self.repr


@dataclass(frozen=True)
class TensorValue(_ShownAsRepr):
    kind: str  # "tensor" or "ndarray"
    repr: str
    shape: tuple[int, ...]
    dtype: str
    data: Any  # nested lists, as tolist() gives
    requires_grad: bool = False
    grad_fn: str | None = None
    grad: Any = None  # nested lists, or None
    mark: Any = None  # nested lists of bools: changed cells


@dataclass(frozen=True)
class FrameValue(_ShownAsRepr):
    """A pandas DataFrame or Series."""

    repr: str
    columns: list[str]
    dtypes: list[str]
    index: list[Any]
    rows: list[list[Any]]


@dataclass(frozen=True)
class TableValue(_ShownAsRepr):
    """A small table a demo builds to explain something (alignment, summaries)."""

    columns: list[str]
    rows: list[list[Any]]

    @property
    def repr(self) -> str:
        cells = [self.columns] + [[_cell(v) for v in row] for row in self.rows]
        widths = [max(len(r[i]) for r in cells) for i in range(len(self.columns))]
        return "\n".join(
            "  ".join(c.rjust(w) for c, w in zip(r, widths)).rstrip() for r in cells
        )


@dataclass(frozen=True)
class Printed(_ShownAsRepr):
    """Text that ``print(...)`` wrote, shown as it is."""

    text: str

    @property
    def repr(self) -> str:
        return self.text


@dataclass(frozen=True)
class Raised(_ShownAsRepr):
    """An exception the lesson shows on purpose (the library's own words)."""

    type: str
    message: str
    expected: bool = True  # the lesson shows it on purpose; False: the user's request failed

    @classmethod
    def of(cls, error: BaseException) -> Raised:
        """The error's class name and the first line of its message: PyTorch and pandas say
        what went wrong on that line, and what may follow (notes, C++ frames) is detail
        that would push the lesson off the screen."""
        return cls(type(error).__name__, (str(error).strip().splitlines() or [""])[0])

    def as_failure(self) -> Raised:
        """The same error, as the reason the user's request failed (not the lesson's point)."""
        return replace(self, expected=False)

    @property
    def repr(self) -> str:
        return f"{self.type}: {self.message}"


@dataclass(frozen=True)
class TupleValue:
    """``x + y, x - y`` in a session: a tuple (or a list), each item frozen."""

    repr: str  # Python's, what print writes
    items: list[Any]
    shown: str  # as a Jupyter cell lays it out


class DictValue(dict):
    """A dict of frozen values (JSON's object), with what a cell and ``print`` show for it."""

    def __init__(self, items: dict[str, Any], repr: str, shown: str) -> None:
        super().__init__(items)
        self.repr, self.shown = repr, shown


@dataclass(frozen=True)
class ReprValue:
    """Any other object: its repr, what JSON should hold for it, and what a cell shows."""

    repr: str
    json: Any
    shown: str


def _cell(v: Any) -> str:
    return v if isinstance(v, str) else repr(v)


def _module(obj: Any) -> str:
    return type(obj).__module__.split(".")[0]


@dataclass(frozen=True)
class Charted:
    """A frozen value with a compact chart of how it came about: the table format draws each
    series as a sparkline under the value, scaled with the line it should settle on; every
    other format (and an export) shows the value alone."""

    value: Any
    series: list[tuple[str, list[float]]]  # (label, points from the first to the last)
    target: float
    span: tuple[int, int]  # what the first and the last point are after: (1, 500) groups

    @property
    def shown(self) -> str:
        return self.value.shown

    @property
    def repr(self) -> str:
        return self.value.repr


def freeze(value: Any, mark: Any = None) -> Any:
    if isinstance(value, (_NoValue, TensorValue, FrameValue, TableValue, Printed, Raised,
                          TupleValue, DictValue, ReprValue, Charted)):
        return value
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, BaseException):
        return Raised.of(value)
    if isinstance(value, type):
        return _repr_value(value, f"{value.__module__}.{value.__qualname__}")
    module = _module(value)
    if module == "torch":
        return _freeze_torch(value, mark)
    if module == "numpy":
        return _freeze_numpy(value)
    if module == "pandas":
        return _freeze_pandas(value)
    if isinstance(value, (tuple, list)):
        return TupleValue(repr(value), [freeze(v) for v in value], pretty(value))
    if isinstance(value, dict):
        return DictValue({str(k): freeze(v) for k, v in value.items()}, repr(value),
                         pretty(value))
    return _repr_value(value, repr(value))


def _repr_value(value: Any, json: Any) -> ReprValue:
    """A value shown by its repr (a torch.Size, a dtype, a class), and its JSON form."""
    return ReprValue(repr(value), json, pretty(value))


def _freeze_torch(value: Any, mark: Any) -> Any:
    import torch

    if isinstance(value, torch.Size):
        return _repr_value(value, list(value))
    if isinstance(value, torch.dtype):
        return _repr_value(value, str(value).removeprefix("torch."))
    if isinstance(value, torch.Tensor):
        grad = value.grad if value.is_leaf and value.requires_grad else None
        return TensorValue(
            kind="tensor",
            repr=repr(value),
            shape=tuple(value.shape),
            dtype=str(value.dtype).removeprefix("torch."),
            data=value.detach().tolist(),
            requires_grad=value.requires_grad,
            grad_fn=type(value.grad_fn).__name__ if value.grad_fn is not None else None,
            grad=grad.tolist() if grad is not None else None,
            mark=mark.tolist() if mark is not None else None,
        )
    return _repr_value(value, repr(value))


def _freeze_numpy(value: Any) -> Any:
    import numpy as np

    if isinstance(value, np.ndarray):
        return TensorValue("ndarray", repr(value), tuple(value.shape), str(value.dtype),
                           value.tolist())
    if isinstance(value, np.generic):
        return _repr_value(value, value.item())
    return _repr_value(value, repr(value))


def _freeze_pandas(value: Any) -> Any:
    import pandas as pd

    if isinstance(value, pd.Series):
        text = repr(value)  # before to_frame, which would name an unnamed series 0
        value = value.to_frame()
    elif isinstance(value, pd.DataFrame):
        text = repr(value)
    else:
        return _repr_value(value, repr(value))
    rows = [[None if pd.isna(v) else _plain(v) for v in row]
            for row in value.itertuples(index=False, name=None)]
    return FrameValue(text, [str(c) for c in value.columns],
                      [str(t) for t in value.dtypes], [_plain(i) for i in value.index], rows)


def _plain(v: Any) -> Any:
    """numpy scalars to Python scalars."""
    return v.item() if hasattr(v, "item") and not isinstance(v, (str, bytes)) else v
