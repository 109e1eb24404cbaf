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

from prelim_cli.core.demo import Demo, PrelimError
from prelim_cli.core.values import TableValue
from prelim_cli.topics.preprocess import pipeline as pipe
from prelim_cli.topics.preprocess.formats import Format, format_of
from prelim_cli.topics.preprocess.layout import Layout, layout, with_drop
from prelim_cli.topics.preprocess.read import header, read_chunks
from prelim_cli.topics.preprocess.report import PREVIEW_ROWS, result_fields
from prelim_cli.topics.preprocess.request import Options
from prelim_cli.topics.preprocess.source import Source
from prelim_cli.topics.preprocess.stats import CATEGORICAL, NUMERIC, Stats

CHUNK_ROWS = 200_000  # ~50-100 MB of pandas objects per chunk for a dozen columns


def stream_file(demo: Demo, source: Source, options: Options, out: Path | None) -> Demo:
    if out is None:
        raise PrelimError("preprocess.stream.stream_file")
    if options.fill == "median":
        raise PrelimError("preprocess.stream.stream_file_2")
    lay = layout(header(source), options)
    stats, source = column_stats(source, lay, options.fill)
    passes = 2 + (len(source.forced_text) > 0)
    if stats.rows == 0:
        raise PrelimError("preprocess.stream.stream_file_3", name=source.name)
    if options.drop_most_missing:
        lay = with_drop(lay, stats.nan)
        if lay.drop_rows and lay.dropped:  # the rows kept depend on the column dropped
            stats, source = column_stats(source, lay, options.fill)
            passes += 1
    plan = pipe.make_plan(stats, lay, options)
    pipe.check_x_size(plan, min(plan.rows, CHUNK_ROWS), source.name, source.sep, stream=True)

    demo.add("preprocess.stream_pass1", _pass1_code(source, plan, options.fill),
             _missing(stats), rows=stats.rows, chunk=CHUNK_ROWS, passes=passes - 1)
    demo.add("preprocess.stream_plan", _plan_code(options, plan), _plan_table(plan),
             width=len(plan.columns))
    shape = (plan.rows, len(plan.columns))
    file_format = format_of(out)
    write, shown = write_stream(source, plan, options.dtype, file_format)

    def pass2(path: Path) -> None:
        demo.add("preprocess.stream_pass2", _pass2_code(source, plan, out, file_format,
                                                        options.dtype),
                 file_format.first_rows(path, *shown), path=str(out), x_shape=str(shape),
                 x_dtype=options.dtype)

    demo.produce(out, "tensors", write, read_back=pass2,
                 companions=file_format.companions(out, plan.layout.target))
    demo.extra.update(result_fields(plan, shape, options.dtype, stats, truncated=True),
                      stream=True, passes=passes)
    return demo


def _missing(stats: Stats):
    """The last line of pass 1's code, run on the counts of every chunk."""
    import pandas as pd

    nan = pd.Series(stats.nan)
    return pd.DataFrame({"NaN": nan, "share": nan / stats.rows})


def column_stats(source: Source, lay: Layout, fill: str) -> tuple[Stats, Source]:
    """Pass 1. A column that reads as numbers in early chunks and as text later is text
    for the whole file (as pandas reads it whole): read it again as text."""
    stats = Stats()
    for chunk in read_chunks(source, CHUNK_ROWS, "Pass 1:"):
        stats.add(chunk, lay, fill)
    mixed = stats.mixed() - source.forced_text
    if mixed:
        return column_stats(replace(source, forced_text=source.forced_text | mixed), lay, fill)
    return stats, source


def write_stream(source: Source, plan: pipe.Plan, dtype: str, file_format: Format):
    """Pass 2, as the writer of the output file: transform each chunk with the plan and
    append it. Also returns a list that then holds the first rows of X and y."""
    shown: list = []

    def write(*tmps: Path) -> None:  # X's file, then its companions
        sink = file_format.writer(list(tmps), plan, dtype)
        written = 0
        try:
            for chunk in read_chunks(source, CHUNK_ROWS, "Pass 2:"):
                X, y = pipe.transform(chunk, plan)
                written += len(X)
                if written > plan.rows:
                    raise PrelimError("preprocess.stream.write_2", name=source.name)
                X = X.astype(dtype, copy=False)
                sink.write(X, y)
                if not shown:
                    shown.extend([X[:PREVIEW_ROWS].copy(),
                                  y[:PREVIEW_ROWS].copy() if y is not None else None])
        finally:
            sink.close()
        if written != plan.rows:
            raise PrelimError("preprocess.stream.write", name=source.name)

    return write, shown


def _reader(source: Source) -> str:
    forced = {"dtype": dict.fromkeys(sorted(source.forced_text), "str")} \
        if source.forced_text else {}
    return source.code(chunksize=CHUNK_ROWS, **forced)


def _pass1_code(source: Source, plan: pipe.Plan, fill: str) -> str:
    """Runnable pandas for pass 1 (prelim sums exactly; ``chunk.sum`` rounds as it goes)."""
    lay = plan.layout
    lines = ["rows, nan, total, count = 0, 0, 0, 0" if fill == "mean" else "rows, nan = 0, 0"]
    if fill == "mode":
        lines.append(f"counts = dict.fromkeys({list(plan.numeric)!r}, 0)")
    seen = (f"dict.fromkeys({list(plan.categorical)!r}, 0)" if plan.max_categories else
            f"{{{', '.join(f'{c!r}: set()' for c in plan.categorical)}}}")
    lines += [f"seen = {seen}",
              "# pass 1: statistics of every chunk",
              f"for chunk in {_reader(source)}:",
              "    rows = rows + len(chunk)",
              "    nan = nan + chunk.isna().sum()"]
    lines += _keep_lines(lay)
    if fill == "mean":
        lines += ["    total = total + chunk.sum(numeric_only=True)  # prelim adds exactly",
                  "    count = count + chunk.count()"]
    if fill == "mode":
        lines += ["    for c in counts:",
                  "        counts[c] = chunk[c].value_counts().add(counts[c], fill_value=0)"]
    if plan.max_categories:  # how often each value occurs, not only which values occur
        lines += ["    for c in seen:",
                  "        seen[c] = chunk[c].value_counts().add(seen[c], fill_value=0)"]
    else:
        lines += ["    for c in seen:", "        seen[c] |= set(chunk[c].dropna())"]
    lines.append("pd.DataFrame({'NaN': nan, 'share': nan / rows})")
    return "\n".join(lines)


def _keep_lines(lay: Layout) -> list[str]:
    lines = [f"    chunk = chunk.drop(columns={lay.dropped!r})"] if lay.dropped else []
    return lines + (["    chunk = chunk.dropna()  # --fill drop-rows"] if lay.drop_rows else [])


def _plan_code(options: Options, plan: pipe.Plan) -> str:
    fill = {"mean": "fill = (total / count)[numeric]  # the whole column's mean",
            "mode": "fill = pd.Series({c: counts[c].idxmax() for c in numeric}, dtype=float)",
            "zero": "fill = pd.Series(0.0, index=numeric)",
            "constant": f"fill = pd.Series({options.fill_value!r}, index=numeric)",
            "drop-rows": "fill = {}  # no NaN left to fill"}[options.fill]
    nan = " + ['nan']" if plan.dummy_na else ""
    lines = [f"numeric = {list(plan.numeric)!r}", fill]
    n = plan.max_categories
    if n:
        lines += [f"keep = {{c: sorted(seen[c].index, key=lambda v: (-seen[c][v], v))[:{n}] "
                  f"for c in seen}}  # --max-categories {n}",
                  f"categories = {{c: sorted(set(keep[c]) | ({{{pipe.OTHER!r}}} if "
                  f"len(seen[c]) > {n} else set())) for c in seen}}",
                  f"columns = numeric + [f'{{c}}_{{v}}' for c in seen for v in categories[c]{nan}]"]
    else:
        lines.append(f"columns = numeric + [f'{{c}}_{{v}}' for c in seen for v in "
                     f"sorted(seen[c]){nan}]")
    return "\n".join(lines)


def _plan_table(plan: pipe.Plan) -> TableValue:
    rows = [[c, NUMERIC, plan.fill.get(c, "-"), "-"] for c in plan.numeric]
    for c in plan.categorical:
        cats = list(plan.categories[c][:8]) + (["…"] if len(plan.categories[c]) > 8 else [])
        rows.append([c, CATEGORICAL, "-", ", ".join(cats + ["NaN"] * plan.dummy_na)])
    return TableValue(["column", "kind", "fill", "categories"], rows)


def _pass2_code(source: Source, plan: pipe.Plan, out: Path, file_format: Format,
                dtype: str) -> str:
    """Runnable pandas for pass 2, writing what prelim writes: the loop over the chunks,
    inside the code of the file's format."""
    loop = [f"for chunk in {_reader(source)}:", *_keep_lines(plan.layout)]
    if plan.layout.target is not None:
        loop.append(f"    y = chunk.pop({plan.layout.target!r})")
    if plan.max_categories:
        loop += ["    for c in seen:",
                 "        chunk[c] = chunk[c].where(chunk[c].isin(keep[c]) | chunk[c].isna(), "
                 f"{pipe.OTHER!r})"]
    loop += [f"    part = pd.get_dummies(chunk.fillna(fill), columns=list(seen), "
             f"dummy_na={plan.dummy_na}, dtype=float)",
             "    part = part.reindex(columns=columns, fill_value=0.0)  # every category"]
    return file_format.pass2_code(out, plan, dtype, loop)
