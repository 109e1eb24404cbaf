"""The Typer app. Commands parse their arguments, call one topic function, render.

Heavy libraries are imported inside command bodies (via the topic modules), so
``--help``, ``--version`` and completion stay fast.
"""


import functools
import inspect
import os
import sys
from enum import Enum
from typing import Annotated, Callable, Optional

import typer

from prelim_cli import __version__
from prelim_cli.demo import Demo, PrelimError


class Format(str, Enum):
    table = "table"
    repr = "repr"
    json = "json"


class Lang(str, Enum):
    en = "en"
    zh = "zh"


class Dtype(str, Enum):
    float32 = "float32"
    float64 = "float64"
    int64 = "int64"
    int32 = "int32"
    bool = "bool"


app = typer.Typer(
    name="prelim",
    help="Run the demos of Dive into Deep Learning, chapter 2 (Preliminaries), step by step.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
tensor_app = typer.Typer(help="§2.1 Data manipulation: create, reshape, combine and index "
                         "tensors.", no_args_is_help=True)
app.add_typer(tensor_app, name="tensor")


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


# Options every demo command takes, after the command as users type them.
_COMMON = [
    inspect.Parameter("fmt", inspect.Parameter.KEYWORD_ONLY, default=Format.table, annotation=
                      Annotated[Format, typer.Option("--format", "-f", envvar="PRELIM_FORMAT",
                                                     help="table (for people), repr (the "
                                                     "Python session), json (for scripts).")]),
    inspect.Parameter("lang", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=
                      Annotated[Optional[Lang], typer.Option(
                          "--lang", envvar="PRELIM_LANG", show_default=False,
                          help="Language of the explanations: en or zh (default: from the "
                          "locale).")]),
    inspect.Parameter("no_code", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=
                      Annotated[bool, typer.Option("--no-code", help="Hide the code.")]),
]


def demo_command(group: typer.Typer, name: str, **settings) -> Callable:
    """Register ``build`` (which returns a Demo) as a command with the common options.

    The one place where a demo meets the renderer and where user mistakes
    (PrelimError) become ``Error: ...`` on stderr and exit 1.
    """

    def register(build: Callable[..., Demo]) -> Callable:
        @functools.wraps(build)
        def command(*args, fmt: Format, lang: Optional[Lang], no_code: bool, **kwargs):
            from prelim_cli.i18n import default_lang
            from prelim_cli.render import render

            try:
                demo = build(*args, **kwargs)
            except PrelimError as err:
                raise fail(str(err), err.exit_code) from None
            render(demo, fmt.value, lang.value if lang else default_lang(), not no_code)
            if demo.error:
                raise fail(demo.error)

        signature = inspect.signature(build)
        command.__signature__ = signature.replace(
            parameters=[*signature.parameters.values(), *_COMMON])
        group.command(name, **settings)(command)
        return build

    return register


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"prelim {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=version_callback,
                                          is_eager=True, help="Show the version and exit.")]
    = False,
) -> None:
    """Run the demos of Dive into Deep Learning, chapter 2 (Preliminaries), step by step.

    Example: prelim tensor reshape 3 4
    """


# ---------------------------------------------------------------- tensor (§2.1)

Sizes = Annotated[list[int], typer.Argument(help="Sizes of the axes, e.g. 2 3 4.",
                                            show_default=False)]
DtypeOpt = Annotated[Optional[Dtype], typer.Option("--dtype", help="Element type.",
                                                   show_default=False)]
Literal = Annotated[Optional[str], typer.Argument(
    help='A tensor literal such as "[[1, 2], [3, 4]]" (default: the book\'s).',
    show_default=False)]
FromOpt = Annotated[Optional[str], typer.Option(
    "--from", help='Work on this tensor literal instead of the book\'s, e.g. "[[1, 2], [3, 4]]".',
    show_default=False)]
_NEGATIVE_ARGS = {"context_settings": {"ignore_unknown_options": True}}


def _dtype(dtype: Optional[Dtype]) -> Optional[str]:
    return dtype.value if dtype else None


@demo_command(tensor_app, "arange")
def tensor_arange(n: Annotated[int, typer.Argument(help="Length.")] = 12,
                  dtype: DtypeOpt = None) -> Demo:
    """A row vector 0, 1, ..., n-1, its shape and size.  Example: prelim tensor arange 12"""
    from prelim_cli.topics import tensor

    return tensor.arange(n, _dtype(dtype))


@demo_command(tensor_app, "reshape", **_NEGATIVE_ARGS)
def tensor_reshape(sizes: Sizes, source: FromOpt = None) -> Demo:
    """Change the shape, keep the elements; one size may be -1.

    Example: prelim tensor reshape 3 4   (or: reshape 3 -1, reshape -1 4)
    """
    from prelim_cli.topics import tensor

    return tensor.reshape(sizes, source)


@demo_command(tensor_app, "zeros")
def tensor_zeros(sizes: Sizes, dtype: DtypeOpt = None) -> Demo:
    """A tensor of zeros.  Example: prelim tensor zeros 2 3 4"""
    from prelim_cli.topics import tensor

    return tensor.filled("zeros", sizes, _dtype(dtype))


@demo_command(tensor_app, "ones")
def tensor_ones(sizes: Sizes, dtype: DtypeOpt = None) -> Demo:
    """A tensor of ones.  Example: prelim tensor ones 2 3 4"""
    from prelim_cli.topics import tensor

    return tensor.filled("ones", sizes, _dtype(dtype))


@demo_command(tensor_app, "randn")
def tensor_randn(sizes: Sizes, seed: Annotated[Optional[int], typer.Option(
        help="Random seed (default: a fresh one, shown in the output).",
        show_default=False)] = None) -> Demo:
    """Standard normal random numbers.  Example: prelim tensor randn 3 4 --seed 0"""
    from prelim_cli.topics import tensor

    return tensor.randn(sizes, seed)


@demo_command(tensor_app, "new")
def tensor_new(literal: Annotated[str, typer.Argument(help='e.g. "[[2, 1, 4, 3], [1, 2, 3, 4]]"')],
               dtype: DtypeOpt = None) -> Demo:
    """A tensor from nested lists.  Example: prelim tensor new "[[2, 1, 4, 3], [1, 2, 3, 4]]" """
    from prelim_cli.topics import tensor

    return tensor.new(literal, _dtype(dtype))


@demo_command(tensor_app, "ops")
def tensor_ops(x: Literal = None, y: Literal = None) -> Demo:
    """x + y, x - y, x * y, x / y, x ** y elementwise.  Example: prelim tensor ops"""
    from prelim_cli.topics import tensor

    return tensor.ops(x, y)


@demo_command(tensor_app, "exp")
def tensor_exp(x: Literal = None) -> Demo:
    """torch.exp elementwise.  Example: prelim tensor exp "[1.0, 2, 4, 8]" """
    from prelim_cli.topics import tensor

    return tensor.exp(x)


@demo_command(tensor_app, "cat")
def tensor_cat(x: Literal = None, y: Literal = None, dim: Annotated[Optional[int], typer.Option(
        help="Only this dimension (default: 0 and 1).", show_default=False)] = None) -> Demo:
    """Concatenate X and Y along rows (dim 0) and columns (dim 1).  Example: prelim tensor cat"""
    from prelim_cli.topics import tensor

    return tensor.cat(x, y, dim)


@demo_command(tensor_app, "compare")
def tensor_compare(x: Literal = None, y: Literal = None) -> Demo:
    """X == Y, X < Y, X > Y elementwise.  Example: prelim tensor compare"""
    from prelim_cli.topics import tensor

    return tensor.compare(x, y)


@demo_command(tensor_app, "sum")
def tensor_sum(x: Literal = None) -> Demo:
    """Sum of all elements.  Example: prelim tensor sum"""
    from prelim_cli.topics import tensor

    return tensor.total(x)


@demo_command(tensor_app, "index")
def tensor_index(exprs: Annotated[Optional[list[str]], typer.Argument(
        help='Index expressions such as "X[1:3, ::2]" (default: X[-1] and X[1:3]).',
        show_default=False)] = None, source: FromOpt = None) -> Demo:
    """Indexing and slicing.  Example: prelim tensor index "X[1:3, ::2]" """
    from prelim_cli.topics import tensor

    return tensor.index(exprs or [], source)


@demo_command(tensor_app, "assign")
def tensor_assign(statements: Annotated[Optional[list[str]], typer.Argument(
        help='Assignments such as "X[1, 2] = 9" (default: X[1, 2] = 9 and X[0:2, :] = 12).',
        show_default=False)] = None, source: FromOpt = None) -> Demo:
    """Write into a tensor by index or slice.  Example: prelim tensor assign "X[0, :] = -1" """
    from prelim_cli.topics import tensor

    return tensor.assign(statements or [], source)


@demo_command(tensor_app, "memory")
def tensor_memory() -> Demo:
    """Which operations allocate new memory, and which work in place."""
    from prelim_cli.topics import tensor

    return tensor.memory()


@demo_command(tensor_app, "convert")
def tensor_convert() -> Demo:
    """Tensors to NumPy and Python numbers, and who shares memory."""
    from prelim_cli.topics import tensor

    return tensor.convert()


def main(prog_name: str | None = None) -> None:
    """Console entry point: no traceback for the user unless PRELIM_DEBUG=1."""
    try:
        app(prog_name=prog_name or "prelim")
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except Exception as err:  # a bug in prelim, not a user mistake
        if os.environ.get("PRELIM_DEBUG"):
            raise
        typer.echo(f"Error: internal error ({type(err).__name__}: {err}); this is a bug in "
                   "prelim: rerun with PRELIM_DEBUG=1 to see the traceback, and report it",
                   err=True)
        sys.exit(1)
