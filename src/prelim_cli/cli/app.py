"""The root Typer app: name, help, --version. Commands register themselves on it."""

from typing import Annotated

import typer
from typer._click.exceptions import UsageError  # typer's own click
from typer.core import TyperGroup

from prelim_cli import __version__, chapter

# Plain (click) help instead of rich's: rich's help renderer alone doubles start-up time,
# and `prelim --help` should cost little more than importing typer.
SETTINGS = {"rich_markup_mode": None, "pretty_exceptions_enable": False, "no_args_is_help": True,
            "context_settings": {"help_option_names": ["-h", "--help"]}}

class BookOrder(TyperGroup):
    """`prelim --help` lists the commands in the chapter's order (typer puts groups last)."""

    def make_context(self, info_name, args, parent=None, **extra):
        """A usage mistake before the command (``prelim -f json tensor``), with JSON asked
        for, still prints the one document a script expects (see ``invoke``)."""
        words = list(args)
        try:
            return super().make_context(info_name, args, parent, **extra)
        except UsageError as err:
            _usage_document(err, words)
            raise

    def invoke(self, ctx):
        """A usage mistake in a command's arguments, with --format json, still prints the
        one JSON document a script expects (then the usual message on stderr, exit 2)."""
        words = [*getattr(ctx, "_protected_args", []), *ctx.args]  # invoke empties them
        try:
            return super().invoke(ctx)
        except UsageError as err:
            _usage_document(err, words)
            raise

    def list_commands(self, ctx) -> list[str]:
        order = chapter.COMMANDS
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: order.index(n) if n in order else len(order))


app = typer.Typer(
    name="prelim",
    cls=BookOrder,
    help="Run the demos of Dive into Deep Learning, chapter 2 (Preliminaries), step by step.",
    **SETTINGS,
)


def new_group(help: str) -> typer.Typer:
    """A command group (``prelim tensor ...``) with the same settings as the root."""
    return typer.Typer(help=help, **SETTINGS)


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




def _usage_document(err: UsageError, words: list[str]) -> None:
    if _wants_json(words):
        from prelim_cli.render.json import usage_document

        command = err.ctx.command_path.partition(" ")[2] if err.ctx else ""
        typer.echo(usage_document(command, err.format_message()))


def _wants_json(words: list[str]) -> bool:
    """--format json, --format=json, -f json or PRELIM_FORMAT=json among the words typed."""
    import os

    pairs = zip(words, words[1:])
    typed = [w for w in words if w in ("--format", "-f") or w.startswith(("--format=", "-f"))]
    return (any(a in ("--format", "-f") and b == "json" for a, b in pairs)
            or any(w in ("--format=json", "-fjson") for w in words)
            or os.environ.get("PRELIM_FORMAT") == "json" and not typed)
