"""Column statistics, frame by frame: what the plan needs to know about the data.

``Stats.add`` takes one frame, the whole file or one chunk of it; the statistics
merged over every chunk are those of the whole column: exact sums (a mean made
chunk by chunk is the whole column's mean bit for bit), NaN counts, category counts
added over every chunk, and the evidence of each column's kind.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from prelim_cli.topics.preprocess.layout import Layout, complete_rows, split

NUMERIC, CATEGORICAL = "numeric", "categorical"


def exact_sum(values: np.ndarray) -> Fraction:
    """The exact sum of finite float64 values, whatever their order or chunking.

    Each value is m * 2**(e - 53) with a 53-bit integer m (np.frexp). Splitting m
    into 27-bit halves keeps every per-exponent float64 sum below 2**53, so
    np.bincount adds them without rounding; Python integers do the rest.
    """
    total, scale = 0, 0
    if values.size:
        mantissa, exponent = np.frexp(values)
        m = (mantissa * 2.0**53).astype(np.int64)
        hi, lo = m >> 26, m & (2**26 - 1)  # m == hi * 2**26 + lo
        scale = int(exponent.min())
        shift = exponent - scale
        for start in range(0, values.size, 2**24):  # 2**24 terms of < 2**27 stay < 2**51
            part = slice(start, start + 2**24)
            his = np.bincount(shift[part], weights=hi[part])
            los = np.bincount(shift[part], weights=lo[part])
            for k in np.flatnonzero((his != 0) | (los != 0)):
                total += ((int(his[k]) << 26) + int(los[k])) << int(k)
    return Fraction(total) * Fraction(2) ** (scale - 53)


def _evidence(col: pd.Series) -> str:
    if is_bool_dtype(col.dtype):
        return "bool"
    return "number" if is_numeric_dtype(col.dtype) else "text"


def _not_a_number(col: pd.Series) -> str:
    """The first value of a text column that is not a number (for the error message)."""
    values = col.dropna()
    bad = values[pd.to_numeric(values, errors="coerce").isna()]
    return str((bad if len(bad) else values).iloc[0])


def text(col: pd.Series) -> pd.Series:
    """A categorical column as strings (a column of True/False/NaN reads as objects)."""
    return col if col.dtype == "str" else col.astype("str")


@dataclass
class Stats:
    """What the plan needs from the data, summed over every frame given to ``add``."""

    rows: int = 0  # rows read
    kept: int = 0  # rows left after --fill drop-rows
    nan: dict[str, int] = field(default_factory=dict)  # over every row read
    evidence: dict[str, set[str]] = field(default_factory=dict)  # bool / number / text
    sample: dict[str, str] = field(default_factory=dict)  # a text target's value (messages)
    count: dict[str, int] = field(default_factory=dict)  # non-NaN values of kept rows
    total: dict[str, Fraction | float] = field(default_factory=dict)  # their exact sum
    counts: dict[str, pd.Series] = field(default_factory=dict)  # value counts (mode)
    median: dict[str, float] = field(default_factory=dict)  # needs the whole column at once
    categories: dict[str, Counter[str]] = field(default_factory=dict)  # value -> rows

    def add(self, frame: pd.DataFrame, lay: Layout, fill: str, whole: bool = False) -> Stats:
        nan = frame.isna().sum()
        self.rows += len(frame)
        for c in frame.columns:
            self.nan[c] = self.nan.get(c, 0) + int(nan[c])
            if nan[c] < len(frame):  # an all-NaN chunk says nothing about the column's kind
                kind = _evidence(frame[c])
                self.evidence.setdefault(c, set()).add(kind)
                if kind == "text" and c == lay.target and c not in self.sample:
                    self.sample[c] = _not_a_number(frame[c])
        inputs, _ = complete_rows(*split(frame, lay)) if lay.drop_rows else split(frame, lay)
        self.kept += len(inputs)
        for c in inputs.columns:
            if _evidence(inputs[c]) == "text":
                found = text(inputs[c]).value_counts()  # NaN is not a category
                self.categories.setdefault(c, Counter()).update(
                    dict(zip(found.index, found.to_numpy().tolist(), strict=True)))
            else:
                self._numbers(c, inputs[c], fill, whole)
        return self

    def _numbers(self, c: str, col: pd.Series, fill: str, whole: bool) -> None:
        values = col.to_numpy(dtype=np.float64, na_value=np.nan)
        values = values[~np.isnan(values)]
        self.count[c] = self.count.get(c, 0) + values.size
        if fill == "mean":
            finite = np.isfinite(values)
            part: Fraction | float = exact_sum(values[finite])
            if not finite.all():  # inf - inf is nan, as in pandas
                part = float(values[~finite].sum())
            self.total[c] = self.total.get(c, Fraction(0)) + part
        elif fill == "mode":
            found = pd.Series(values).value_counts()
            self.counts[c] = self.counts[c].add(found, fill_value=0) if c in self.counts \
                else found
        elif fill == "median":
            if not whole:
                raise ValueError("a median needs the whole column")
            self.median[c] = float(pd.Series(values).median())

    def kinds(self) -> dict[str, str]:
        """numeric: numbers only (all NaN counts as numeric, as pandas reads it as float64),
        or booleans without NaN; anything else is categorical."""
        return {c: NUMERIC if self.evidence.get(c, set()) <= {"number"}
                or (self.evidence[c] == {"bool"} and not self.nan[c]) else CATEGORICAL
                for c in self.nan}

    def mixed(self) -> set[str]:
        """Columns whose chunks disagree, to read again as text (as pandas reads them whole):
        numbers early and text late, or booleans and a chunk of only NaN (pandas reads
        booleans with NaN among them as objects, so their values are categories)."""
        return {c for c, kinds in self.evidence.items()
                if len(kinds) > 1 or (kinds == {"bool"} and self.nan[c])}
