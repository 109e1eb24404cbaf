"""The console entry point: the root app with every command registered, and ``main``.

Command modules import only typer and prelim's light modules; torch, pandas and
matplotlib load inside command bodies, so ``--help`` and completion stay fast.
"""

import importlib

from prelim_cli import chapter
from prelim_cli.cli.app import app

# Importing a command module registers its commands on `app`, in the chapter's order.
for command in chapter.COMMANDS:
    importlib.import_module(f"prelim_cli.cli.{command}")

__all__ = ["app", "main"]


def main(prog_name: str | None = None) -> None:
    """Console entry point: no traceback for the user unless PRELIM_DEBUG=1; what the
    process meets (signals, broken streams, warnings) is handled in cli.process."""
    from prelim_cli.cli.process import run

    run(lambda: app(prog_name=prog_name or "prelim"))  # typer: Ctrl-C is 130
