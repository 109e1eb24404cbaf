"""§2.2 Data preprocessing (数据预处理): a CSV with missing values to tensors X and y.

The steps of the book's page, run on the installed pandas: read the CSV, see
what is missing, split inputs and target, fill the numeric gaps, one-hot encode
the categories, convert to tensors. Where the book's own line fails on this
pandas, the demo runs it, shows the error, and then the line that replaced it,
changed only where it fails: of ``X, y = torch.tensor(inputs.values),
torch.tensor(outputs.values)`` (d2l-zh v2.0.0, as printed) only X gets
``to_numpy(dtype=float)``; y stays the book's int64. Walked cell by cell against
d2l-zh chapter_preliminaries/pandas.md at commit e6b18cce (whose last cell already
converts both with to_numpy(dtype=float), making y float64) and at v2.0.0 (3edee269).

Every value shown comes from the code shown. The fill values are the shared
pipeline's (``preprocess.pipeline``, which ``--stream`` runs chunk by chunk), so a
mean is exact; where pandas' own mean() rounds to another value, the step shows the
exact-mean code instead of the book's. One exception, which the step states: a file
too long to be shown whole is one-hot encoded column by column straight into X
rather than through pd.get_dummies (tests compare both with pandas).

``run`` chooses the source and the driver; the modules hold one idea each:
``request`` (what the command asks, as data), ``source`` (where the CSV comes from,
as data), ``opening`` (its bytes, and how they can be bad), ``read`` (parsing them
into a DataFrame, and how a CSV can be bad), ``layout``, ``stats`` and ``pipeline``
(the one pipeline both drivers run: which column is which, the statistics, the plan
and the transform), ``whole`` (the page, step by step), ``stream`` (two passes in chunks),
``formats`` (the table of --out files, one entry per suffix), ``writers`` (which
fill them chunk by chunk), ``report`` (what both drivers show).
"""

from __future__ import annotations

from pathlib import Path

from prelim_cli.core import files
from prelim_cli.core.demo import Demo, PrelimError
from prelim_cli.topics.preprocess.formats import check_stream_suffix
from prelim_cli.topics.preprocess.opening import example_source, file_source
from prelim_cli.topics.preprocess.request import BOOK, Request
from prelim_cli.topics.preprocess.source import EXAMPLES, Source
from prelim_cli.topics.preprocess.stream import stream_file
from prelim_cli.topics.preprocess.whole import whole_file


def run(request: Request = BOOK) -> Demo:
    """``prelim preprocess``: the steps of one request, by default the book's page."""
    out = Path(request.out) if request.out else None
    if out:
        if request.write_example and \
                Path(request.write_example).resolve() == out.resolve():
            raise PrelimError("preprocess.run_3", out=request.out)
        if request.stream:
            check_stream_suffix(out)
    if request.stream and request.csv == "-":  # before reading stdin, not after
        raise PrelimError("preprocess.run")
    if request.stream and request.csv and Path(request.csv).is_fifo():
        raise PrelimError("preprocess.run_2", csv=request.csv)
    demo = Demo("preprocess")
    source = _source(demo, request)
    driver = stream_file if request.stream else whole_file
    return driver(demo, source, request.options, out)


def _source(demo: Demo, request: Request) -> Source:
    """The CSV to read: the example written to a file, the example in memory, or the
    user's file (or stdin)."""
    if request.write_example:
        return _write_example(demo, request.write_example)
    if request.example:
        source = example_source(request.example)
        demo.add("preprocess.example", _example_code(source.name), name=source.name)
        return source
    return file_source(request.csv, request.sep, request.encoding, list(request.na_values),
                       request.progress)


def _write_example(demo: Demo, path: str) -> Source:
    demo.produce(path, "data", files.text_writer(EXAMPLES["house_tiny"]))
    demo.add("preprocess.write_example", _example_code(path), path=path)
    return example_source("house_tiny", path)


def _example_code(path: str) -> str:
    """How the book makes its data file, line by line (an exported script runs on its own)."""
    writes = [f"    f.write({line + chr(10)!r})" for line in EXAMPLES["house_tiny"].splitlines()]
    return "\n".join([f"with open({path!r}, 'w') as f:", *writes])
