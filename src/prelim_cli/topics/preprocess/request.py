"""What ``prelim preprocess`` is asked to do, as plain data (no pandas, no torch).

A ``Request`` is one run: where the CSV comes from and how to read it, where X
goes, which driver runs; its ``Options`` say what the pipeline does with the
table (how NaN are filled, which column is the target, the dtype of X), the only
part the pipeline itself sees. The command builds one and checks it for usage
errors; the tour asks for the book's.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Options:
    fill: str = "mean"
    fill_value: float | None = None
    drop_most_missing: bool = False
    dummy_na: bool = True
    target: str | None = None  # a name or an index; None: the last column
    no_target: bool = False
    dtype: str = "float64"  # of X; y is always float64, as the book prints it
    max_categories: int | None = None  # keep each column's N most frequent, fold the rest


@dataclass(frozen=True)
class Request:
    csv: str | None = None  # a path, or - for stdin
    example: str | None = None  # the book's data instead of a file: house_tiny
    write_example: str | None = None  # write the book's data to this path, then read it
    sep: str = ","
    encoding: str = "utf-8"
    na_values: tuple[str, ...] = ()  # more strings that mean missing ("a,b" is two)
    options: Options = field(default_factory=Options)
    out: str | None = None  # also save X and y, to this file
    stream: bool = False  # two passes over the file in chunks, straight to ``out``
    progress: str | None = None  # a progress bar on stderr for a large file, in this language


BOOK = Request(example="house_tiny")  # the book's page, as the tour plays it
