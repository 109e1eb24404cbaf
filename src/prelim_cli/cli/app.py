"""The root Typer app: name, help, --version. Commands register themselves on it."""

from typing import Annotated

import typer
from typer.core import TyperGroup

from prelim_cli import __version__, chapter

# Plain (click) help instead of rich's: rich's help renderer alone doubles start-up time,
# and `prelim --help` should cost little more than importing typer.
SETTINGS = {"rich_markup_mode": None, "pretty_exceptions_enable": False, "no_args_is_help": True,
            "context_settings": {"help_option_names": ["-h", "--help"]}}

class BookOrder(TyperGroup):
    """`prelim --help` lists the commands in the chapter's order (typer puts groups last)."""

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


