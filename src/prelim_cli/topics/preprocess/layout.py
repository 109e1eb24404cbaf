"""Which column is which: the target, the inputs, the column dropped, the rows kept.

Known from the header (and the NaN counts, for ``--drop-most-missing``) before any
statistic is taken; ``split`` and ``complete_rows`` apply a layout to a frame, the
whole file or one chunk alike.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from prelim_cli.core.demo import PrelimError
from prelim_cli.topics.preprocess.request import Options

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Layout:
    """Which column is which: known from the header (and the NaN counts, for the drop)."""

    columns: tuple[str, ...]
    target: str | None
    dropped: str | None = None
    drop_rows: bool = False

    @property
    def inputs(self) -> list[str]:
        return [c for c in self.columns if c not in (self.target, self.dropped)]


def layout(columns: list[str], options: Options) -> Layout:
    target = None if options.no_target else _target(columns, options.target)
    lay = Layout(tuple(columns), target, drop_rows=options.fill == "drop-rows")
    if not lay.inputs:
        raise PrelimError("preprocess.layout.layout", target=target)
    return lay


def _target(columns: list[str], chosen: str | None) -> str:
    if chosen is None:
        return columns[-1]
    if chosen in columns:
        return chosen
    try:
        index = int(chosen)
    except ValueError:
        index = None
    if index is not None and -len(columns) <= index < len(columns):
        return columns[index]
    raise PrelimError("preprocess.layout.target", chosen=chosen, columns=', '.join(columns),
                      value=len(columns) - 1)


def with_drop(lay: Layout, nan: dict[str, int]) -> Layout:
    """The chapter's exercise: drop the input column with the most NaN (the first on ties,
    as ``inputs.isna().sum().idxmax()``); nothing when no value is missing."""
    counts = [nan[c] for c in lay.inputs]
    if max(counts) == 0:
        return lay
    dropped = lay.inputs[counts.index(max(counts))]
    if len(lay.inputs) == 1:
        raise PrelimError("preprocess.layout.with_drop", dropped=dropped)
    return replace(lay, dropped=dropped)


def split(frame: pd.DataFrame, lay: Layout) -> tuple[pd.DataFrame, pd.Series | None]:
    inputs = frame[lay.inputs]
    return inputs, (frame[lay.target] if lay.target is not None else None)


def complete_rows(inputs: pd.DataFrame, outputs: pd.Series | None):
    """--fill drop-rows: keep the rows with no NaN among the inputs and the target."""
    keep = inputs.notna().all(axis=1)
    if outputs is not None:
        keep &= outputs.notna()
    return inputs[keep], (outputs[keep] if outputs is not None else None)
