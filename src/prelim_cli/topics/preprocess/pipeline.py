"""The one preprocessing pipeline behind both drivers of ``prelim preprocess``.

column statistics  →  a Plan (fill values, category lists, output columns)  →  transform

Which column is which comes first (``layout``); ``stats.Stats.add`` takes one
frame, the whole file or one chunk of it, and the merged statistics of all chunks
are the statistics of the whole column. From them this module makes the plan,
and ``transform`` then turns any frame into X, y with it. The whole-file mode is
the one-chunk case of the streaming mode, so their results are equal by
construction.
"""

from __future__ import annotations

import shlex
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from prelim_cli.core.demo import Message, PrelimError
from prelim_cli.parse.size import max_data_elements
from prelim_cli.topics.preprocess.layout import Layout, complete_rows, split
from prelim_cli.topics.preprocess.request import Options
from prelim_cli.topics.preprocess.stats import CATEGORICAL, NUMERIC, Stats, text

MAX_COLUMNS = 10_000  # one-hot columns beyond this mean an identifier or free text, not categories
OTHER = "other"  # --max-categories: the category the less frequent values of a column become


@dataclass(frozen=True)
class Plan:
    layout: Layout
    numeric: tuple[str, ...]  # input columns kept as numbers, in file order
    categorical: tuple[str, ...]  # input columns one-hot encoded, in file order
    fill: dict[str, float]  # numeric column -> the value its NaN become
    categories: dict[str, tuple[str, ...]]  # sorted, as pd.get_dummies orders them
    dummy_na: bool
    rows: int  # rows of X
    distinct: dict[str, int]  # categorical column -> how many values it has in the file
    max_categories: int | None  # --max-categories N
    folded: dict[str, tuple[str, ...]]  # the columns with more: the N values kept

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
        raise PrelimError("preprocess.pipeline.make_plan", target=target,
                          get=stats.sample.get(target, ''))
    if lay.drop_rows and stats.kept == 0:
        raise PrelimError("preprocess.pipeline.make_plan_2", rows=stats.rows)
    numeric = tuple(c for c in lay.inputs if kinds[c] == NUMERIC)
    categorical = tuple(c for c in lay.inputs if kinds[c] == CATEGORICAL)
    counts = {c: stats.categories.get(c, Counter()) for c in categorical}
    folded = {c: most_frequent(counts[c], options.max_categories) for c in categorical
              if options.max_categories is not None and len(counts[c]) > options.max_categories}
    categories = {c: tuple(sorted({*folded[c], OTHER} if c in folded else counts[c]))
                  for c in categorical}
    plan = Plan(lay, numeric, categorical, _fill_values(stats, numeric, options), categories,
                options.dummy_na, stats.kept, {c: len(counts[c]) for c in categorical},
                options.max_categories, folded)
    if len(plan.columns) > MAX_COLUMNS:
        widest = _widest(plan)
        fewer = _max_categories_within(plan, MAX_COLUMNS)
        raise PrelimError("preprocess.pipeline.make_plan_3", widest=widest,
                          len_categories=plan.distinct[widest], len_columns=len(plan.columns),
                          MAX_COLUMNS=MAX_COLUMNS,
                          fix=Message("preprocess.fix_max_categories", n=fewer) if fewer else "")
    return plan


def most_frequent(counts: Counter[str], n: int) -> tuple[str, ...]:
    """The ``n`` most frequent values, the first in sorted order on ties: the code shows
    ``sorted(counts.index, key=lambda v: (-counts[v], v))[:n]``."""
    return tuple(sorted(counts, key=lambda v: (-counts[v], v))[:n])


def _widest(plan: Plan) -> str:
    return max(plan.categorical, key=lambda c: plan.distinct[c])


def _width(plan: Plan, n: int) -> int:
    """X's columns with --max-categories n: n kept and one 'other' per wider column."""
    return len(plan.numeric) + sum(min(k, n) + (k > n) + plan.dummy_na
                                   for k in plan.distinct.values())


def _max_categories_within(plan: Plan, width: int) -> int | None:
    """The largest --max-categories that keeps X within ``width`` columns (None: not even 1),
    below the widest column's count (a larger one would fold nothing)."""
    low, high = 0, max(plan.distinct.values(), default=0) - 1
    while low < high:  # the largest n in [0, high] with _width(n) <= width; 0 means none
        mid = (low + high + 1) // 2
        low, high = (mid, high) if _width(plan, mid) <= width else (low, mid - 1)
    return low or None


def check_x_size(plan: Plan, rows: int, name: str, sep: str, stream: bool = False,
                 chunk_rows: int = 0) -> None:
    """X is ``rows`` x one column per number and per category: refused above the element cap
    before it is made, naming the column that widens it most and how to narrow it."""
    width, cap = len(plan.columns), max_data_elements()
    if rows * width <= cap:
        return
    what = Message("preprocess.x_per_chunk" if stream else "preprocess.x_whole", rows=rows,
                   width=width)
    fits_in_chunks = not stream and min(rows, chunk_rows) * width <= cap
    cause = Message("preprocess.raise_cap_or_stream" if fits_in_chunks else
                    "preprocess.raise_cap")
    if plan.categorical:
        widest = _widest(plan)
        field = plan.layout.columns.index(widest) + 1
        fewer = _max_categories_within(plan, cap // rows)
        keep = Message("preprocess.keep_most_frequent", n=fewer,
                       column=widest + "_" + OTHER) if fewer else ""
        cause = Message("preprocess.leave_out_column", widest=widest,
                        count=plan.distinct[widest], keep=keep, cut=f"cut -d{shlex.quote(sep)} "
                        f"-f{field} --complement {name} > smaller.csv", cause=cause)
    raise PrelimError("preprocess.pipeline.check_x_size", what=what, value=rows * width,
                      cap=cap, cause=cause)


def _fill_values(stats: Stats, numeric: tuple[str, ...], options: Options) -> dict[str, float]:
    fill = options.fill
    if fill == "drop-rows":
        return {}
    if fill in ("zero", "constant"):
        value = 0.0 if fill == "zero" else float(options.fill_value)
        return dict.fromkeys(numeric, value)
    empty = [c for c in numeric if stats.count.get(c, 0) == 0]
    if empty:
        raise PrelimError("preprocess.pipeline.fill_values", empty=empty[0], rows=stats.rows,
                          fill=fill)
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


def fill(inputs: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    return inputs.fillna(plan.fill) if plan.fill else inputs


def fold(inputs: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    """--max-categories: each value a column does not keep becomes ``OTHER`` (NaN stays)."""
    if not plan.folded:
        return inputs
    return inputs.assign(**{c: inputs[c].where(text(inputs[c]).isin(keep) | inputs[c].isna(),
                                                OTHER) for c, keep in plan.folded.items()})


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
            raise PrelimError("preprocess.pipeline.encode", c=c, iloc=values[unseen].iloc[0])
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
    return encode(fold(fill(inputs, plan), plan), plan), target_values(outputs)
