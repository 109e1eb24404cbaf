"""What every demo command shares: the common options, the option types, and
``demo_command``, the one place where a Demo meets the renderer.

Typer reads real annotation objects from the signature, so this module (and
every command module) must not use ``from __future__ import annotations``.
"""

import functools
import inspect
from enum import Enum
from typing import Annotated, Callable, Optional

import typer

from prelim_cli.core.demo import Demo, PrelimError


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


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


# Options every demo command takes, after the command as users type them.
FormatOpt = Annotated[Format, typer.Option(
    "--format", "-f", envvar="PRELIM_FORMAT",
    help="table (for people), repr (the Python session), json (for scripts).")]
LangOpt = Annotated[Optional[Lang], typer.Option(
    "--lang", envvar="PRELIM_LANG", show_default=False,
    help="Language of the explanations: en or zh (default: from the locale).")]
NoCodeOpt = Annotated[bool, typer.Option("--no-code", help="Hide the code.")]
ExportOpt = Annotated[Optional[str], typer.Option(
    "--export", metavar="FILE", show_default=False,
    help="Also write the demo as a runnable .py script, a Jupyter .ipynb notebook or a .md page.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite existing output files.")]

_KW = inspect.Parameter.KEYWORD_ONLY
_COMMON = [inspect.Parameter("fmt", _KW, default=Format.table, annotation=FormatOpt),
           inspect.Parameter("lang", _KW, default=None, annotation=LangOpt),
           inspect.Parameter("no_code", _KW, default=False, annotation=NoCodeOpt),
           inspect.Parameter("export", _KW, default=None, annotation=ExportOpt),
           inspect.Parameter("force", _KW, default=False, annotation=ForceOpt)]


def check_export(path: str, force: bool) -> None:
    """Refuse a bad --export target before any work is done."""
    from prelim_cli.core.files import check_target
    from prelim_cli.export import SUFFIXES

    check_target(path, force, suffixes=SUFFIXES, option="--export")


def language(lang: Optional[Lang]) -> str:
    from prelim_cli.i18n import default_lang

    return lang.value if lang else default_lang()


def demo_command(group: typer.Typer, name: str, **settings) -> Callable:
    """Register ``build`` (which returns a Demo) as a command with the common options.

    The one place where a demo meets the renderer and where user mistakes
    (PrelimError) become ``Error: ...`` on stderr and exit 1.
    """

    def register(build: Callable[..., Demo]) -> Callable:
        own = inspect.signature(build).parameters
        # A command that writes files declares ``force: ForceOpt = False``; it gets the
        # shared --force (which --export uses too), so there is one --force.
        takes_force = "force" in own
        lets_negatives = settings.get("context_settings", {}).get("ignore_unknown_options")

        @functools.wraps(build)
        def command(*args, fmt: Format, lang: Optional[Lang], no_code: bool,
                    export: Optional[str], force: bool, **kwargs):
            from prelim_cli.render import render

            if lets_negatives:
                refuse_unknown_options(args, kwargs)
            lang_name = language(lang)
            try:
                if export:
                    check_export(export, force)
                if takes_force:
                    kwargs["force"] = force
                demo = build(*args, **kwargs)
                if export and not demo.error:  # a lesson that failed is not worth keeping
                    from prelim_cli.export import write_export

                    write_export(export, [(f"prelim {demo.command}", [demo])], lang_name)
            except PrelimError as err:
                raise fail(str(err), err.exit_code) from None
            render(demo, fmt.value, lang_name, not no_code)
            if demo.error:
                raise fail(demo.error + ("; --export wrote nothing" if export else ""))

        mine = [p for name, p in own.items() if name != "force"]
        command.__signature__ = inspect.signature(build).replace(parameters=[*mine, *_COMMON])
        group.command(name, **settings)(command)
        return build

    return register


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
# For arguments such as `-1` or `-2,3`, which click would take for options.
NEGATIVE_ARGS = {"context_settings": {"ignore_unknown_options": True}}


def refuse_unknown_options(args: tuple, kwargs: dict) -> None:
    """With NEGATIVE_ARGS a mistyped option (`--lnag`) would arrive as an argument: make it
    the usage error (exit 2) it would have been."""
    for value in (*args, *kwargs.values()):
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and text.startswith("--") and len(text) > 2:
                raise typer.BadParameter(f"no such option {text.split('=')[0]!r}; see --help")


def dtype_name(dtype: Optional[Dtype]) -> Optional[str]:
    return dtype.value if dtype else None


