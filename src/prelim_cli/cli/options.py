"""The options and argument types the commands share.

Typer reads real annotation objects from the signature, so this module (and
every command module) must not use ``from __future__ import annotations``.
"""

import importlib
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Optional

import typer
from typer.core import TyperCommand, TyperOption

from prelim_cli.render import FORMATS

Format = Enum("Format", {name: name for name in FORMATS}, type=str)


class Lang(str, Enum):
    en = "en"
    zh = "zh"


class Edition(str, Enum):
    zh = "zh"
    en = "en"


def dtype_choice(name: str, *dtypes: str) -> type[Enum]:
    """The --dtype choices of a command: the torch dtypes it can teach with, in the order
    its help lists them. One type for all, so ``dtype.value`` is always torch's name."""
    return Enum(name, {dtype: dtype for dtype in dtypes}, type=str)


Dtype = dtype_choice("Dtype", "float32", "float64", "int64", "int32", "bool")


@dataclass(frozen=True)
class Target:
    """Marks an option whose value is a file the demo writes (``Annotated`` metadata, which
    typer ignores): the command layer checks it before the demo runs and writes it after.
    ``protect`` names parameters holding input files it must never overwrite."""

    suffixes: tuple[str, ...] | str  # or "module:NAME", a topic's table, read at run time
    protect: tuple[str, ...] = ()
    folder: bool = False  # the value is a folder: the files the demo makes in it are checked

    def allowed(self) -> tuple[str, ...]:
        if isinstance(self.suffixes, str):
            module, _, name = self.suffixes.partition(":")
            return tuple(getattr(importlib.import_module(module), name))
        return self.suffixes


# Options every demo command takes, after the command as users type them.
FormatOpt = Annotated[Format, typer.Option(
    "--format", "-f", envvar="PRELIM_FORMAT",
    help=", ".join(f"{name} ({use})" for name, (_, use) in FORMATS.items()) + ".")]
LangOpt = Annotated[Optional[Lang], typer.Option(
    "--lang", envvar="PRELIM_LANG", show_default=False,
    help="Language of the explanations: en or zh (default: from the locale).")]
# Only for commands whose build takes ``edition`` (demo_command adds it and resolves it).
EditionOpt = Annotated[Optional[Edition], typer.Option(
    "--edition", envvar="PRELIM_EDITION", show_default=False,
    help="Which edition of the book to follow: zh (d2l-zh) or en (d2l-en); their demos and "
         "numbering differ (default: zh with --lang zh, else en).")]
NoCodeOpt = Annotated[bool, typer.Option("--no-code", envvar="PRELIM_NO_CODE",
                                         help="Hide the code.")]
ExportOpt = Annotated[Optional[str], typer.Option(
    "--export", metavar="FILE", show_default=False,
    help="Also write the demo as a runnable .py script, a Jupyter .ipynb notebook (with each "
         "step's output), a .md page or a self-contained .html page.")]
NoOutputsOpt = Annotated[bool, typer.Option(
    "--no-outputs", help="--export FILE.ipynb: code cells without outputs, to run and see.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite existing output files.")]
FullOpt = Annotated[bool, typer.Option(
    "--full", help="JSON: every element of large tensors (default: a summary above 10,000).")]

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


class DemoCommand(TyperCommand):
    """Every demo command: a word such as ``-1``, ``-2,3`` or ``-pi:pi`` is an argument
    (click would take it for an unknown option), a mistyped ``--lnag`` is still the usage
    error it always was, and after ``--`` every word is an argument."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["context_settings"] = {**(kwargs.get("context_settings") or {}),
                                      "ignore_unknown_options": True}
        super().__init__(*args, **kwargs)

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        options = {name: not (param.is_flag or param.count)
                   for param in self.get_params(ctx) if isinstance(param, TyperOption)
                   for name in (*param.opts, *param.secondary_opts)}  # name -> takes a value
        words = iter(args)
        for word in words:
            if word == "--":
                break
            name = word.split("=", 1)[0]
            if name in options:
                if options[name] and "=" not in word:
                    next(words, None)  # its value, whatever it looks like
            elif word.startswith("--") and word[2:3].isalpha():
                raise typer.BadParameter(f"no such option {name!r}; see --help", ctx=ctx)
        return super().parse_args(ctx, args)


def svg_option(help: str) -> object:
    """An --svg FILE option with the command's own help."""
    return Annotated[Optional[str], typer.Option("--svg", metavar="FILE", show_default=False,
                                                 help=help), Target((".svg",))]


def dtype_name(dtype: Optional[Enum]) -> Optional[str]:
    return dtype.value if dtype else None
