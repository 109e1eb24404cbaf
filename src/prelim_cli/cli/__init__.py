"""The console entry point, ``main``, and the root ``app`` with every command registered.

The console script imports only this module: the app and its command modules load inside
``main``'s ``cli.process.run``, so a Ctrl-C in the first tenth of a second (while typer
loads) exits 130 like any other, not with a traceback from the import system. ``app`` is
built on first use. Command modules import only typer and prelim's light modules; torch,
pandas and matplotlib load inside command bodies, so ``--help`` and completion stay fast.
"""

import importlib

__all__ = ["app", "main"]


def load():
    """The root Typer app, every command registered on it (importing a command module
    registers its commands, in the chapter's order)."""
    from prelim_cli import chapter
    from prelim_cli.cli.app import app

    for command in chapter.COMMANDS:
        importlib.import_module(f"prelim_cli.cli.{command}")
    globals()["app"] = app  # the package's ``app`` is the Typer app, not the module app.py
    return app


def __getattr__(name: str):
    if name == "app":
        return load()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(prog_name: str | None = None) -> None:
    """Console entry point: no traceback for the user unless PRELIM_DEBUG=1; what the
    process meets (signals, broken streams, warnings) is handled in cli.process."""
    from prelim_cli.cli.process import run

    run(lambda: load()(prog_name=prog_name or "prelim"))
