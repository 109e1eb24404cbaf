"""The console entry point: the root app with every command registered, and ``main``.

Command modules import only typer and prelim's light modules; torch, pandas and
matplotlib load inside command bodies, so ``--help`` and completion stay fast.
"""

import importlib
import os
import sys

import typer

from prelim_cli import chapter
from prelim_cli.cli.app import app

# Importing a command module registers its commands on `app`, in the chapter's order.
for command in chapter.COMMANDS:
    importlib.import_module(f"prelim_cli.cli.{command}")

__all__ = ["app", "main"]


def main(prog_name: str | None = None) -> None:
    """Console entry point: no traceback for the user unless PRELIM_DEBUG=1."""
    try:
        app(prog_name=prog_name or "prelim")  # typer maps Ctrl-C to 130, a closed pipe to 1
    except Exception as err:  # a bug in prelim, not a user mistake
        if os.environ.get("PRELIM_DEBUG"):
            raise
        typer.echo(f"Error: internal error ({type(err).__name__}: {err}); this is a bug in "
                   "prelim: rerun with PRELIM_DEBUG=1 to see the traceback, and report it",
                   err=True)
        sys.exit(1)
