"""The one preprocessing pipeline behind both drivers of ``prelim preprocess``.

column statistics  →  a Plan (fill values, category lists, output columns)  →  transform

``Stats.add`` takes one frame: the whole file, or one chunk of it; the merged
statistics of all chunks are the statistics of the whole column (exact sums, so
a mean computed chunk by chunk is the whole column's mean bit for bit; category
sets united over every chunk). ``transform`` then turns any frame into X, y with
the plan. The whole-file mode is the one-chunk case of the streaming mode, so
their results are equal by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from prelim_cli.core.demo import PrelimError
from prelim_cli.i18n import plural

NUMERIC, CATEGORICAL = "numeric", "categorical"
MAX_COLUMNS = 10_000  # one-hot columns beyond this mean an identifier or free text, not categories


@dataclass(frozen=True)
class Options:
    fill: str = "mean"
    fill_value: float | None = None
    drop_most_missing: bool = False
    dummy_na: bool = True
    target: str | None = None  # a name or an index; None: the last column
    no_target: bool = False
    dtype: str = "float64"  # of X; y is always float64, as the book prints it


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
        raise PrelimError(f"the only column is the target {target!r}, so there are no inputs; "
                          "add --no-target to use every column as an input")
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
    raise PrelimError(f"--target {chosen}: no such column; the columns are "
                      f"{', '.join(columns)} (or give an index from 0 to {len(columns) - 1})")


def with_drop(lay: Layout, nan: dict[str, int]) -> Layout:
    """The chapter's exercise: drop the input column with the most NaN (the first on ties,
    as ``inputs.isna().sum().idxmax()``); nothing when no value is missing."""
    counts = [nan[c] for c in lay.inputs]
    if max(counts) == 0:
        return lay
    dropped = lay.inputs[counts.index(max(counts))]
    if len(lay.inputs) == 1:
        raise PrelimError(f"--drop-most-missing would drop {dropped!r}, the only input column; "
                          "leave the option out")
    return replace(lay, dropped=dropped)


# ----------------------------------------------------------------- statistics

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
    categories: dict[str, set[str]] = field(default_factory=dict)

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
                found = pd.unique(text(inputs[c]).to_numpy(dtype=object))
                self.categories.setdefault(c, set()).update(v for v in found if isinstance(v, str))
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


# ----------------------------------------------------------------- the plan

@dataclass(frozen=True)
class Plan:
    layout: Layout
    numeric: tuple[str, ...]  # input columns kept as numbers, in file order
    categorical: tuple[str, ...]  # input columns one-hot encoded, in file order
    fill: dict[str, float]  # numeric column -> the value its NaN become
    categories: dict[str, tuple[str, ...]]  # sorted, as pd.get_dummies orders them
    dummy_na: bool
    rows: int  # rows of X

    @property
    def columns(self) -> list[str]:
        """X's columns, in pd.get_dummies' order: numeric first, then each column's
        categories (sorted) and its NaN column last."""
        names = list(self.numeric)
        for c in self.categorical:
            names += [f"{c}_{v}" for v in self.categories[c]] + ([f"{c}_nan"] * self.dummy_na)
        return names


def make_plan(stats: Stats, lay: Layout, options: Options) -> Plan:
    kinds = stats.kinds()
    target = lay.target
    if target is not None and kinds[target] == CATEGORICAL:
        raise PrelimError(f"target column {target!r} holds text (e.g. "
                          f"{stats.sample.get(target, '')!r}), not numbers; encode it as numbers "
                          "first, or pick another column with --target (or --no-target)")
    if lay.drop_rows and stats.kept == 0:
        every = plural(stats.rows, "the one row has|every one of the # rows has")
        raise PrelimError(f"--fill drop-rows: {every} a missing value, so no row is left; use "
                          "another --fill, or --drop-most-missing first")
    numeric = tuple(c for c in lay.inputs if kinds[c] == NUMERIC)
    categorical = tuple(c for c in lay.inputs if kinds[c] == CATEGORICAL)
    plan = Plan(lay, numeric, categorical, _fill_values(stats, numeric, options),
                {c: tuple(sorted(stats.categories.get(c, ()))) for c in categorical},
                options.dummy_na, stats.kept)
    if len(plan.columns) > MAX_COLUMNS:
        widest = max(categorical, key=lambda c: len(plan.categories[c]))
        raise PrelimError(f"column {widest!r} has {len(plan.categories[widest]):,} different "
                          f"values: one-hot encoding would make {len(plan.columns):,} columns "
                          f"(at most {MAX_COLUMNS:,}); it looks like an identifier or free text, "
                          "leave it out of the CSV")
    return plan


def _fill_values(stats: Stats, numeric: tuple[str, ...], options: Options) -> dict[str, float]:
    fill = options.fill
    if fill == "drop-rows":
        return {}
    if fill in ("zero", "constant"):
        value = 0.0 if fill == "zero" else float(options.fill_value)
        return dict.fromkeys(numeric, value)
    empty = [c for c in numeric if stats.count.get(c, 0) == 0]
    if empty:
        raise PrelimError(f"column {empty[0]!r} is entirely empty (NaN in "
                          f"{plural(stats.rows, 'its one row|all # rows')}), so it has no {fill} "
                          "to fill with and would stay NaN; drop it with --drop-most-missing, or "
                          "use --fill zero")
    if fill == "mean":
        return {c: _mean(stats.total[c], stats.count[c]) for c in numeric}
    if fill == "median":
        return {c: stats.median[c] for c in numeric}
    return {c: _mode(stats.counts[c]) for c in numeric}


def _mean(total: Fraction | float, count: int) -> float:
    return float(total / count) if isinstance(total, Fraction) else total


def _mode(counts: pd.Series) -> float:
    """The most frequent value; the smallest on ties (``df.mode().iloc[0]``)."""
    top = counts[counts == counts.max()]
    return float(top.index.min())


# ----------------------------------------------------------------- transform

def split(frame: pd.DataFrame, lay: Layout) -> tuple[pd.DataFrame, pd.Series | None]:
    inputs = frame[lay.inputs]
    return inputs, (frame[lay.target] if lay.target is not None else None)


def complete_rows(inputs: pd.DataFrame, outputs: pd.Series | None):
    """--fill drop-rows: keep the rows with no NaN among the inputs and the target."""
    keep = inputs.notna().all(axis=1)
    if outputs is not None:
        keep &= outputs.notna()
    return inputs[keep], (outputs[keep] if outputs is not None else None)


def fill(inputs: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    return inputs.fillna(plan.fill) if plan.fill else inputs


def encode(inputs: pd.DataFrame, plan: Plan) -> np.ndarray:
    """The float64 matrix ``pd.get_dummies(inputs, dummy_na=..., dtype=float)
    .to_numpy(dtype=float)`` gives, with the plan's categories (which may include
    categories this chunk does not hold), written straight into one array."""
    n = len(inputs)
    X = np.zeros((n, len(plan.columns)))
    for j, c in enumerate(plan.numeric):
        X[:, j] = inputs[c].to_numpy(dtype=np.float64, na_value=np.nan)
    start, rows = len(plan.numeric), np.arange(n)
    for c in plan.categorical:
        values, categories = text(inputs[c]), plan.categories[c]
        codes = pd.Index(categories, dtype=object).get_indexer(values.to_numpy(dtype=object))
        unseen = (codes < 0) & values.notna().to_numpy()
        if unseen.any():  # only if the file changed between the two passes
            raise PrelimError(f"column {c!r}: value {values[unseen].iloc[0]!r} was not there in "
                              "the first pass; did the file change while prelim read it?")
        if plan.dummy_na:
            codes[codes < 0] = len(categories)  # NaN is its own category, the last column
        hit = codes >= 0
        X[rows[hit], start + codes[hit]] = 1.0
        start += len(categories) + plan.dummy_na
    return X


def target_values(outputs: pd.Series | None) -> np.ndarray | None:
    return None if outputs is None else outputs.to_numpy(dtype=np.float64, na_value=np.nan)


def transform(frame: pd.DataFrame, plan: Plan) -> tuple[np.ndarray, np.ndarray | None]:
    """Any frame (the whole file or one chunk) to X (float64) and y with the plan."""
    inputs, outputs = split(frame, plan.layout)
    if plan.layout.drop_rows:
        inputs, outputs = complete_rows(inputs, outputs)
    return encode(fill(inputs, plan), plan), target_values(outputs)
