"""What ``prelim preprocess`` is asked to do, as plain data (no pandas, no torch).

``Options`` say what the pipeline does with the table: how NaN are filled, which
column is the target, the dtype of X.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    fill: str = "mean"
    fill_value: float | None = None
    drop_most_missing: bool = False
    dummy_na: bool = True
    target: str | None = None  # a name or an index; None: the last column
    no_target: bool = False
    dtype: str = "float64"  # of X; y is always float64, as the book prints it
