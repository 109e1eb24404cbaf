"""``prelim preprocess --stream``: the same pipeline, two passes over the file in chunks.

Pass 1 adds up the statistics of every chunk (NaN counts, exact sums and counts,
category sets); the plan made from them is the plan of the whole file. Pass 2
transforms chunk by chunk with that plan and writes each chunk's rows to disk,
so memory holds one chunk whatever the file size. torch is not needed (nor
imported): the result is on disk, as .npy, .npz or .csv.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from prelim_cli import files
from prelim_cli.demo import Demo, PrelimError
from prelim_cli.topics import preprocess_pipeline as pipe
from prelim_cli.topics.preprocess import PREVIEW_ROWS, missing_table, result_fields
from prelim_cli.topics.preprocess_read import Source, header, read_chunks
from prelim_cli.topics.preprocess_save import table_dtype, writer
from prelim_cli.values import TableValue

CHUNK_ROWS = 200_000  # ~50-100 MB of pandas objects per chunk for a dozen columns


def stream_file(demo: Demo, source: Source, options: pipe.Options, out: Path | None) -> Demo:
    if source.name == "sys.stdin":
        raise PrelimError("--stream reads the file twice, and stdin can be read only once; "
                          "save it to a file first, or leave out --stream")
    if out is None:
        raise PrelimError("--stream writes X to a file chunk by chunk: add --out X.npy "
                          "(or .npz, .csv)")
    if options.fill == "median":
        raise PrelimError("--fill median needs each whole column in memory at once; with "
                          "--stream use --fill mean (or mode, zero, constant, drop-rows), or "
                          "leave out --stream")
    lay = pipe.layout(header(source), options)
    stats, source = column_stats(source, lay, options.fill)
    passes = 2 + (len(source.forced_text) > 0)
    if stats.rows == 0:
        raise PrelimError(f"{source.name}: has a header but no data rows")
    if options.drop_most_missing:
        lay = pipe.with_drop(lay, stats.nan)
        if lay.drop_rows and lay.dropped:  # the rows kept depend on the column dropped
            stats, source = column_stats(source, lay, options.fill)
            passes += 1
    plan = pipe.make_plan(stats, lay, options)

    demo.add("preprocess.stream_pass1", _pass1_code(source, plan),
             missing_table(stats, stats.dtype), rows=stats.rows, chunk=CHUNK_ROWS,
             passes=passes - 1)
    demo.add("preprocess.stream_plan", _plan_code(options, plan), _plan_table(plan),
             width=len(plan.columns))
    X, y = write_stream(source, plan, options.dtype, out)
    shape = (plan.rows, len(plan.columns))
    demo.add("preprocess.stream_pass2", _pass2_code(source, plan, out, options.dtype),
             (X, y) if y is not None else X, path=str(out), x_shape=str(shape),
             x_dtype=options.dtype)
    demo.extra.update(result_fields(plan, shape, options.dtype, stats, truncated=True),
                      stream=True, passes=passes)
    return demo


def column_stats(source: Source, lay: pipe.Layout, fill: str) -> tuple[pipe.Stats, Source]:
    """Pass 1. A column that reads as numbers in early chunks and as text later is text
    for the whole file (as pandas reads it whole): read it again as text."""
    stats = pipe.Stats()
    for chunk in read_chunks(source, CHUNK_ROWS, "Pass 1:"):
        stats.add(chunk, lay, fill)
    mixed = stats.mixed() - source.forced_text
    if mixed:
        return column_stats(replace(source, forced_text=source.forced_text | mixed), lay, fill)
    return stats, source


def write_stream(source: Source, plan: pipe.Plan, dtype: str, out: Path):
    """Pass 2: transform each chunk with the plan and append it to the output file.
    Returns the first rows of X and y, for the demo to show."""
    shown: list = []

    def write(tmp: Path) -> None:
        target = plan.layout.target
        sink = writer(tmp, out.suffix.lower(), plan.rows, plan.columns, target, dtype)
        written = 0
        try:
            for chunk in read_chunks(source, CHUNK_ROWS, "Pass 2:"):
                X, y = pipe.transform(chunk, plan)
                written += len(X)
                if written > plan.rows:
                    raise PrelimError(f"{source.name}: has more rows than in the first pass; "
                                      "did the file change while prelim read it?")
                X = X.astype(dtype, copy=False)
                sink.write(X, y)
                if not shown:
                    shown.extend([X[:PREVIEW_ROWS].copy(),
                                  y[:PREVIEW_ROWS].copy() if y is not None else None])
        finally:
            sink.close()
        if written != plan.rows:
            raise PrelimError(f"{source.name}: has fewer rows than in the first pass; did the "
                              "file change while prelim read it?")

    files.write_atomic(out, write)
    return shown[0], shown[1]


def _pass1_code(source: Source, plan: pipe.Plan) -> str:
    reader = source.code(chunksize=CHUNK_ROWS)
    lines = [f"for chunk in {reader}:  # pass 1: statistics",
             "    nan += chunk.isna().sum()"]
    if plan.fill and plan.numeric:
        lines += ["    total += chunk.sum(numeric_only=True)  # prelim adds exactly",
                  "    count += chunk.count()"]
    lines += [f"    seen[{c!r}] |= set(chunk[{c!r}].dropna())" for c in plan.categorical[:3]]
    return "\n".join(lines)


def _plan_code(options: pipe.Options, plan: pipe.Plan) -> str:
    fill = {"mean": "fill = total / count  # the whole column's mean, not a chunk's",
            "mode": "fill = counts.idxmax()  # the most frequent value of the whole column",
            "zero": "fill = 0.0", "constant": f"fill = {options.fill_value!r}",
            "drop-rows": "fill = None  # rows with NaN are dropped"}[options.fill]
    return f"{fill}\ncategories = {{c: sorted(s) for c, s in seen.items()}}"


def _plan_table(plan: pipe.Plan) -> TableValue:
    rows = [[c, pipe.NUMERIC, plan.fill.get(c, "-"), "-"] for c in plan.numeric]
    for c in plan.categorical:
        cats = list(plan.categories[c][:8]) + (["…"] if len(plan.categories[c]) > 8 else [])
        rows.append([c, pipe.CATEGORICAL, "-", ", ".join(cats + ["NaN"] * plan.dummy_na)])
    return TableValue(["column", "kind", "fill", "categories"], rows)


def _pass2_code(source: Source, plan: pipe.Plan, out: Path, dtype: str) -> str:
    reader = source.code(chunksize=CHUNK_ROWS)
    target = plan.layout.target
    lines = []
    suffix = out.suffix.lower()
    width = len(plan.columns) + (target is not None)
    if suffix == ".npy":
        table = np.dtype(table_dtype(dtype, target is not None)).name
        lines.append(f"table = np.lib.format.open_memmap({str(out)!r}, mode='w+', "
                     f"dtype={table!r}, shape=({plan.rows}, {width}))")
    lines.append(f"for chunk in {reader}:  # pass 2")
    if target is not None:
        lines.append(f"    y = chunk.pop({target!r})")
    if plan.layout.dropped:
        lines.append(f"    chunk = chunk.drop(columns={plan.layout.dropped!r})")
    lines += [f"    part = pd.get_dummies(chunk.fillna(fill), dummy_na={plan.dummy_na}, "
              "dtype=float)",
              "    part = part.reindex(columns=columns, fill_value=0.0)  # every category"]
    if suffix == ".npy":
        stacked = "np.column_stack([part, y])" if target is not None else "part"
        lines += [f"    table[start:start + len(part)] = {stacked}", "    start += len(part)"]
    elif suffix == ".csv":
        lines.append("    part.assign(y=y).to_csv(f, header=start == 0, index=False)")
    else:
        lines.append(f"    x_member.write(part.to_numpy({dtype!r}).tobytes())  # X.npy in the zip")
    lines.append(f"X[:{PREVIEW_ROWS}]" + (f", y[:{PREVIEW_ROWS}]" if target is not None else ""))
    return "\n".join(lines)
