"""The root Typer app: name, help, --version. Commands register themselves on it."""

from typing import Annotated

import typer

from prelim_cli import __version__

app = typer.Typer(
    name="prelim",
    help="Run the demos of Dive into Deep Learning, chapter 2 (Preliminaries), step by step.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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


