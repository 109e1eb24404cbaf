"""prelim preprocess: §2.2 Data preprocessing, a CSV with missing values to tensors."""

import math
import sys
from dataclasses import replace
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from prelim_cli.cli.app import app
from prelim_cli.cli.options import Target
from prelim_cli.cli.run import demo_command
from prelim_cli.core.errors import Message, PrelimError, UsageError

if TYPE_CHECKING:
    from prelim_cli.topics.preprocess.request import Request


class Fill(str, Enum):
    mean = "mean"
    median = "median"
    mode = "mode"
    zero = "zero"
    constant = "constant"
    drop_rows = "drop-rows"


class Example(str, Enum):
    house_tiny = "house_tiny"


class XDtype(str, Enum):
    float32 = "float32"
    float64 = "float64"


@demo_command(app, "preprocess")
def preprocess(
    csv: Annotated[Optional[str], typer.Argument(
        help="The CSV file, or - to read it from stdin.", show_default=False)] = None,
    fill: Annotated[Fill, typer.Option(help="How numeric NaN are filled.")] = Fill.mean,
    fill_value: Annotated[Optional[float], typer.Option(
        help="The value for --fill constant.", show_default=False)] = None,
    drop_most_missing: Annotated[bool, typer.Option(
        "--drop-most-missing", help="First drop the input column with the most NaN.")] = False,
    no_dummy_na: Annotated[bool, typer.Option(
        "--no-dummy-na", help="A NaN category is all zeros instead of its own column.")] = False,
    target: Annotated[Optional[str], typer.Option(
        help="The target column, by name or index (default: the last column).",
        show_default=False)] = None,
    no_target: Annotated[bool, typer.Option(
        "--no-target", help="Every column is an input; no y.")] = False,
    example: Annotated[Optional[Example], typer.Option(
        help="Use the book's data instead of a file.", show_default=False)] = None,
    write_example: Annotated[Optional[str], typer.Option(
        help="Write the book's house_tiny.csv to this path, then preprocess it.",
        show_default=False), Target((".csv",))] = None,
    sep: Annotated[str, typer.Option(help="The field separator (one character; \\t for tab).")]
    = ",",
    encoding: Annotated[str, typer.Option(help="The file's text encoding.")] = "utf-8",
    na_values: Annotated[Optional[list[str]], typer.Option(
        help="More strings that mean missing, besides pandas' defaults (NA, empty, ...); "
        "repeat it or separate with commas.", show_default=False)] = None,
    max_categories: Annotated[Optional[int], typer.Option(
        help="Keep the N most frequent categories of each text column; the rest become one "
        "category, 'other' (for columns with too many to one-hot encode).", metavar="N",
        show_default=False)] = None,
    dtype: Annotated[XDtype, typer.Option(help="The dtype of X (y is float64).")]
    = XDtype.float64,
    out: Annotated[Optional[str], typer.Option(
        "--out", "-o", help="Save the result: .pt (X, y, columns), .npz, .csv (the processed "
        "table) or .npy (X alone; y beside it in X.y.npy).", show_default=False),
        Target("prelim_cli.topics.preprocess.formats:SUFFIXES", protect=("csv",))] = None,
    stream: Annotated[bool, typer.Option(
        "--stream", help="Two passes over the file in chunks, straight to --out (.npy, .npz "
        "or .csv): memory stays bounded for files of any size.")] = False,
    env=None,  # the Output environment: demo_command fills it in
    edition=None,  # which book's page plays when no CSV is given: demo_command fills it in
    language=None,  # the reader's language, for the progress bar: demo_command fills it in
):
    """§2.2 Data preprocessing: a CSV with missing values to tensors X and y, step by step.

    With no CSV it plays the book's page: d2l-en's RoofType houses (get_dummies, then the
    mean fill) or, with --edition zh, d2l-zh's (the same as --example house_tiny).

    Example: prelim preprocess --example house_tiny
    """
    from prelim_cli.topics.preprocess import run
    from prelim_cli.topics.preprocess.request import Options, Request

    options = Options(fill=fill.value, fill_value=fill_value,
                      drop_most_missing=drop_most_missing, dummy_na=not no_dummy_na,
                      target=target, no_target=no_target, dtype=dtype.value,
                      max_categories=max_categories)
    request = Request(csv=csv, example=example.value if example else None,
                      write_example=write_example, sep="\t" if sep == "\\t" else sep,
                      encoding=encoding, na_values=tuple(na_values or ()), options=options,
                      out=out, stream=stream,
                      progress=language if env.stderr_tty else None)
    if replace(request, progress=None) == Request():  # nothing asked: the book's page
        if edition == "en":
            from prelim_cli.topics.preprocess import roof

            return roof.page()
        request = replace(request, example="house_tiny")
    refuse_bad_usage(request)
    return run(request)


def refuse_bad_usage(request: "Request") -> None:
    """Options that do not go together, as the user typed them (exit 2)."""
    given = [name for name, value in ((Message("cli.preprocess.a_csv"), request.csv),
                                      ("--example", request.example),
                                      ("--write-example", request.write_example)) if value]
    if len(given) != 1:
        raise UsageError("cli.preprocess.one_source_not", given=given[0], given2=given[-1]) \
            if given else UsageError("cli.preprocess.one_source")
    fill, fill_value = request.options.fill, request.options.fill_value
    if (fill == Fill.constant.value) != (fill_value is not None):
        raise UsageError("cli.preprocess.fill_value_needed" if fill == Fill.constant.value
                         else "cli.preprocess.fill_value_alone")
    if fill_value is not None and not math.isfinite(fill_value):
        raise UsageError("cli.preprocess.fill_value_finite", fill_value=fill_value)
    if request.options.max_categories is not None and request.options.max_categories < 1:
        raise UsageError("cli.preprocess.max_categories", n=request.options.max_categories)
    if request.options.target is not None and request.options.no_target:
        raise UsageError("cli.preprocess.target_and_no_target")
    if len(request.sep) != 1:
        raise UsageError("cli.preprocess.sep_one", sep=request.sep)
    if request.sep in "\r\n":  # pandas: "a line terminator cannot be used as a separator"
        raise UsageError("cli.preprocess.sep_line_break", sep=request.sep)
    if request.csv == "-" and sys.stdin is None:
        raise PrelimError("cli.preprocess.refuse_bad_usage")
