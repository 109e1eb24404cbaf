"""The whole-file driver of ``prelim preprocess``: the book's page, step by step.

The file is read at once, and every step of §2.2 is shown with its value: what is
missing, inputs and target, the fill, the one-hot encoding, the tensors, and the
save. Where the book's own line fails on this pandas, the step runs it, shows the
error, and then the line that replaced it (``_book_line``).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from prelim_cli.core.attempt import attempt
from prelim_cli.core.demo import Demo
from prelim_cli.core.values import Raised
from prelim_cli.topics.preprocess import pipeline as pipe
from prelim_cli.topics.preprocess.formats import format_of
from prelim_cli.topics.preprocess.layout import Layout, complete_rows, layout, split, with_drop
from prelim_cli.topics.preprocess.read import header, read_frame
from prelim_cli.topics.preprocess.report import (
    FULL_ROWS,
    PREVIEW_ROWS,
    head,
    preview,
    result_fields,
)
from prelim_cli.topics.preprocess.request import Options
from prelim_cli.topics.preprocess.source import Source
from prelim_cli.topics.preprocess.stats import Stats
from prelim_cli.topics.preprocess.stream import CHUNK_ROWS


def whole_file(demo: Demo, source: Source, options: Options, out: Path | None) -> Demo:
    """Read the whole file, then the book's steps one by one, each with its value."""
    import torch  # here, not at the top: --stream never needs it (220 MB less memory)

    names = header(source)
    data = read_frame(source)
    lay = layout(names, options)
    if options.drop_most_missing:
        lay = with_drop(lay, data.isna().sum().to_dict())
    stats = Stats().add(data, lay, options.fill, whole=True)
    plan = pipe.make_plan(stats, lay, options)
    pipe.check_x_size(plan, plan.rows, source.name, source.sep, chunk_rows=CHUNK_ROWS)
    rows = len(data)

    demo.add("preprocess.read_example" if source.book and not source.path else
             "preprocess.read",
             f"data = {source.code()}\n{head('data', rows)}", preview(data),
             rows=rows, cols=len(names), name=source.name)
    _missing(demo, data)
    inputs, outputs = _split(demo, data, lay, source.book)
    if lay.dropped is not None:
        inputs = inputs.drop(columns=lay.dropped)
        demo.add("preprocess.drop_column", "inputs = inputs.drop(columns=inputs.isna().sum()"
                 f".idxmax())\n{head('inputs', rows)}", preview(inputs), column=lay.dropped,
                 nan=stats.nan[lay.dropped], share=f"{stats.nan[lay.dropped] / rows:.0%}")
    elif options.drop_most_missing:  # idxmax would drop the first column: nothing to drop
        demo.add("preprocess.drop_column_none", "inputs.isna().sum().max()",
                 int(inputs.isna().sum().max()))
    if options.fill == "mean":
        _book_line(demo, "preprocess.book_mean", "inputs.fillna(inputs.mean())",
                   lambda part: part.fillna(part.mean()), inputs)
    if lay.drop_rows:
        inputs, outputs = complete_rows(inputs, outputs)
    filled = _fold(demo, plan, _fill(demo, options, plan, stats, inputs))
    X = _dummies(demo, plan, filled)
    book_x = _book_line(demo, "preprocess.book_values", BOOK_VALUES[outputs is not None],
                        lambda part: torch.tensor(_encoded(part, plan).values), filled)
    X, y = _tensors(demo, plan, X, outputs, options.dtype, book_x)
    if y is not None:
        _target_nan(demo, data, lay, y)
    if out is not None:
        file_format = format_of(out)
        demo.produce(out, "tensors", lambda *tmps: file_format.save(list(tmps), X, y, plan),
                     companions=file_format.companions(out, lay.target))
        # the files hold y as float64 (as --stream writes it), whatever its dtype on screen
        cast = "y = y.double()\n" if y is not None and outputs.dtype != np.float64 else ""
        demo.add(file_format.key, cast + file_format.save_code(out, lay.target), path=str(out),
                 rows=len(X))
    demo.extra.update(result_fields(plan, tuple(X.shape), str(X.dtype).removeprefix("torch."),
                                    stats, truncated=rows > FULL_ROWS))
    return demo


def _split(demo: Demo, data: pd.DataFrame, lay: Layout, book: bool):
    rows, n = len(data), len(lay.columns)
    if lay.target is None:
        code, key = "inputs, outputs = data, None", "preprocess.split_none"
    elif lay.target == lay.columns[-1]:
        where = f"0:{n - 1}], data.iloc[:, {n - 1}]" if book else ":-1], data.iloc[:, -1]"
        code, key = f"inputs, outputs = data.iloc[:, {where}", "preprocess.split"
    else:
        code = f"inputs, outputs = data.drop(columns={lay.target!r}), data[{lay.target!r}]"
        key = "preprocess.split"
    inputs, outputs = split(data, Layout(lay.columns, lay.target))
    demo.add(key, f"{code}\n{head('inputs', rows)}", preview(inputs), target=lay.target,
             cols=len(inputs.columns))
    return inputs, outputs


def _book_line(demo: Demo, key: str, code: str, run_line, inputs: pd.DataFrame):
    """Run the book's line for real on this pandas; show it only if it fails. Returns what
    it gave on the first rows, or the error.

    The error depends on the dtypes, not the number of rows, so the first rows do.
    """
    ran = attempt(run_line, inputs.head(PREVIEW_ROWS))
    if isinstance(ran, Raised):
        demo.add(key, code, ran, version=pd.__version__)
    return ran


# The book's tensor line (d2l-zh v2.0.0, with a target and without one)
BOOK_VALUES = {True: "X, y = torch.tensor(inputs.values), torch.tensor(outputs.values)",
               False: "X = torch.tensor(inputs.values)"}


def _encoded(inputs: pd.DataFrame, plan: pipe.Plan) -> pd.DataFrame:
    """The book's one-hot line as it runs on this pandas: bool columns since pandas 2.0."""
    return pd.get_dummies(inputs, dummy_na=plan.dummy_na) if plan.categorical else inputs


MISSING_CODE = """\
numeric = data.dtypes.map(pd.api.types.is_numeric_dtype)
summary = pd.DataFrame({'dtype': data.dtypes.astype(str)})
summary['kind'] = numeric.map({True: 'numeric', False: 'categorical'})
summary['NaN'] = data.isna().sum()
summary['share'] = data.isna().mean()
summary"""


def _missing(demo: Demo, data: pd.DataFrame) -> None:
    """The summary, computed by the code shown. Its kinds are the pipeline's: numbers and
    booleans stay numbers; text, and booleans with NaN (objects), are one-hot encoded."""
    numeric = data.dtypes.map(pd.api.types.is_numeric_dtype)
    summary = pd.DataFrame({"dtype": data.dtypes.astype(str)})
    summary["kind"] = numeric.map({True: "numeric", False: "categorical"})
    summary["NaN"] = data.isna().sum()
    summary["share"] = data.isna().mean()
    demo.add("preprocess.missing", MISSING_CODE, summary, cells=int(summary["NaN"].sum()))


# The fill step's catalog entry for each --fill (when there is something to fill).
FILL_KEYS = {"mean": "preprocess.fill_mean", "median": "preprocess.fill_median",
             "mode": "preprocess.fill_mode", "zero": "preprocess.fill_zero",
             "constant": "preprocess.fill_constant", "drop-rows": "preprocess.fill_drop_rows"}


def _fill(demo: Demo, options: Options, plan: pipe.Plan, stats: Stats,
          inputs: pd.DataFrame) -> pd.DataFrame:
    """The fill step; its values are the plan's, which --stream computes the same way."""
    filled = pipe.fill(inputs, plan)
    key = FILL_KEYS[options.fill]
    params = {"values": _fill_text(plan), "dropped": stats.rows - plan.rows, "kept": plan.rows}
    if options.fill != "drop-rows" and not any(stats.nan[c] for c in plan.numeric):
        key = "preprocess.fill_none"
    elif options.fill == "mean":
        # The plan's means are exact sums rounded once (so --stream, adding chunk by chunk,
        # gets the same bits); pandas' mean() rounds as it adds: say so where they differ.
        theirs = inputs.mean(numeric_only=True)
        differ = [f"{c} = {plan.fill[c]!r}, pandas {float(theirs[c])!r}" for c in plan.numeric
                  if theirs[c] != plan.fill[c] and not math.isnan(plan.fill[c])]
        if differ:
            key = "preprocess.fill_mean_exact"
            params["differ"] = "; ".join(differ[:3] + (["…"] if len(differ) > 3 else []))
    code = EXACT_MEAN if key == "preprocess.fill_mean_exact" else \
        _fill_code(options, plan.layout.target is not None)
    code = f"{code}\n{head('inputs', len(filled))}"
    if key == "preprocess.fill_none" and not plan.numeric:
        # nothing to fill, and inputs.mode(numeric_only=True).iloc[0] would raise IndexError
        demo.add(key, "inputs.select_dtypes('number').columns",
                 inputs.select_dtypes("number").columns, **params)
    else:
        demo.add(key, code, preview(filled), **params)
    return filled


# The line that computes the exact means the step shows, where pandas' mean() differs.
EXACT_MEAN = """\
from fractions import Fraction
numbers = inputs.select_dtypes('number')
exact = {c: float(sum(map(Fraction, numbers[c].dropna().tolist())) / numbers[c].count())
         for c in numbers}
inputs = inputs.fillna(exact)"""


def _fill_code(options: Options, has_target: bool) -> str:
    fill = options.fill
    if fill in ("mean", "median"):
        return f"inputs = inputs.fillna(inputs.{fill}(numeric_only=True))"
    if fill == "mode":
        return "inputs = inputs.fillna(inputs.mode(numeric_only=True).iloc[0])"
    if fill == "drop-rows":
        keep = "keep = inputs.notna().all(axis=1)" + (" & outputs.notna()" if has_target else "")
        return f"{keep}\ninputs, outputs = inputs[keep], " + ("outputs[keep]" if has_target
                                                              else "None")
    value = 0 if fill == "zero" else options.fill_value
    return ("numeric = inputs.select_dtypes('number').columns\n"
            f"inputs[numeric] = inputs[numeric].fillna({value!r})")


def _fill_text(plan: pipe.Plan) -> str:
    shown = [f"{c} = {v:g}" for c, v in list(plan.fill.items())[:6]]
    return ", ".join(shown + (["…"] if len(plan.fill) > 6 else [])) or "-"


def _fold(demo: Demo, plan: pipe.Plan, filled: pd.DataFrame) -> pd.DataFrame:
    """--max-categories N: the values of a column beyond its N most frequent become one
    category, 'other' (when the column has more than N)."""
    if not plan.folded:
        if plan.max_categories and plan.categorical:
            code = f"inputs[{list(plan.categorical)!r}].nunique()"
            demo.add("preprocess.fold_none", code, filled[list(plan.categorical)].nunique(),
                     n=plan.max_categories)
        return filled
    n, folded = plan.max_categories, pipe.fold(filled, plan)
    code = (f"# --max-categories {n}\nfor c in {list(plan.folded)!r}:\n"
            "    counts = inputs[c].value_counts()\n"
            f"    keep = sorted(counts.index, key=lambda v: (-counts[v], v))[:{n}]\n"
            "    inputs[c] = inputs[c].where(inputs[c].isin(keep) | inputs[c].isna(), "
            f"{pipe.OTHER!r})\n{head('inputs', len(folded))}")
    widest = max(plan.folded, key=lambda c: plan.distinct[c])
    demo.add("preprocess.fold", code, preview(folded), n=n, other=pipe.OTHER,
             columns=", ".join(plan.folded), column=widest, found=plan.distinct[widest])
    return folded


def _dummies(demo: Demo, plan: pipe.Plan, filled: pd.DataFrame) -> np.ndarray:
    """The book's one-hot step (bool columns, as pandas makes them now); returns X as
    float64 numbers.

    A frame small enough to be shown whole goes through the pandas line itself. A
    larger one is written straight into X, one column at a time (``pipe.encode``,
    as --stream does): the numbers pd.get_dummies gives (the tests compare them),
    in less time and memory, and the step says so.
    """
    rows = len(filled)
    code = f"inputs = pd.get_dummies(inputs, dummy_na={plan.dummy_na})\n{head('inputs', rows)}"
    key = "preprocess.dummies" if plan.categorical else "preprocess.dummies_none"
    if plan.categorical and not plan.dummy_na:
        key = "preprocess.dummies_no_na"
    if rows <= FULL_ROWS:
        shown = _encoded(filled, plan)
        X = shown.to_numpy(dtype=float)
    else:
        X = pipe.encode(filled, plan)
        head_rows = preview(filled)
        shown = pd.DataFrame(X[:len(head_rows)], columns=plan.columns, index=head_rows.index)
        # get_dummies leaves number columns as they are and makes bool ones; X holds floats
        kept = {c: filled[c].dtype for c in plan.numeric if filled[c].dtype.kind in "iub"}
        shown = shown.astype(kept | dict.fromkeys(plan.columns[len(plan.numeric):], bool))
        key = "preprocess.dummies_fast" if plan.categorical else key
    demo.add(key, code, shown, columns=", ".join(plan.categorical) or "-",
             added=len(plan.columns) - len(plan.numeric), width=len(plan.columns), rows=rows)
    return X


def _tensors(demo: Demo, plan: pipe.Plan, X: np.ndarray, outputs: pd.Series | None,
             dtype: str, book_x):
    """X through to_numpy(dtype=float), y through the book's own outputs.values where that
    works. Returns X and y as the files hold them (y float64, as --stream writes it)."""
    import torch

    from prelim_cli.parse.shape import shape_text

    cast = "" if dtype == "float64" else f", dtype=torch.{dtype}"
    X = torch.tensor(X, dtype=getattr(torch, dtype))
    code = f"X = torch.tensor(inputs.to_numpy(dtype=float){cast})"
    rows, failed = len(X), isinstance(book_x, Raised)
    if outputs is None:
        demo.add("preprocess.tensors_no_target" if failed else "preprocess.tensors_no_target_cast",
                 f"{code}\n{head('X', rows, True)}",
                 X if rows <= FULL_ROWS else X[:PREVIEW_ROWS], x_shape=shape_text(X.shape),
                 x_dtype=dtype, book_dtype=_dtype_of(book_x))
        return X, None
    y_code = "torch.tensor(outputs.values)"
    y = attempt(lambda: torch.tensor(outputs.values))
    if isinstance(y, Raised):  # the book's y line fails too: then y is made float as well
        y_code, y = "torch.tensor(outputs.to_numpy(dtype=float))", torch.tensor(
            pipe.target_values(outputs))
    shown = (X, y) if rows <= FULL_ROWS else (X[:PREVIEW_ROWS], y[:PREVIEW_ROWS])
    demo.add("preprocess.tensors" if failed else "preprocess.tensors_cast",
             f"{code}\ny = {y_code}\n{head('X', rows, True)}, {head('y', rows, True)}", shown,
             x_shape=shape_text(X.shape), x_dtype=dtype, y_shape=shape_text(y.shape),
             y_dtype=str(y.dtype).removeprefix("torch."), book_dtype=_dtype_of(book_x))
    return X, torch.tensor(pipe.target_values(outputs))


def _target_nan(demo: Demo, data: pd.DataFrame, lay: Layout, y) -> None:
    """The target is never filled: say so rather than hand on NaN quietly, and name the
    fix that keeps the most rows (--fill drop-rows also drops rows for an input's NaN)."""
    missing = int(y.isnan().sum())
    if not missing:
        return
    kept = int((data[lay.inputs].notna().all(axis=1) & data[lay.target].notna()).sum())
    rows = len(data)
    key = "preprocess.target_nan" if kept == rows - missing else "preprocess.target_nan_rows"
    demo.add(key, "y.isnan().sum()", y.isnan().sum(), count=missing, kept=kept, rows=rows,
             with_target=rows - missing, target=lay.target)


def _dtype_of(book_x) -> str:
    """The dtype the book's torch.tensor(inputs.values) gave, or '-' when it failed."""
    return "-" if isinstance(book_x, Raised) else str(book_x.dtype).removeprefix("torch.")
