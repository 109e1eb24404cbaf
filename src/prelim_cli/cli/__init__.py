"""The console entry point, ``main``, and the root ``app`` with every command registered.

The console script imports only this module: the app and its command modules load inside
``main``'s ``cli.process.run``, so a Ctrl-C in the first tenth of a second (while typer
loads) exits 130 like any other, not with a traceback from the import system. ``app`` is
built on first use. Command modules import only typer and prelim's light modules; torch,
pandas and matplotlib load inside command bodies, so ``--help`` and completion stay fast.
"""

import importlib

__all__ = ["app", "main"]


def load(only: str | None = None):
    """The root Typer app, every command registered on it (importing a command module
    registers its commands, in the chapter's order); with ``only``, just that command's:
    typer turns every registered command into click's at each run, which a run of one
    command need not pay for."""
    from prelim_cli import chapter
    from prelim_cli.cli.app import app

    for command in chapter.COMMANDS:
        if only in (None, command):
            importlib.import_module(f"prelim_cli.cli.{command}")
    if only is None:
        globals()["app"] = app  # the package's ``app`` is the Typer app, not app.py
    return app


def overview(app):
    """The root app as ``prelim --help`` needs it: each group with its help and none of its
    commands. typer turns every command of every group into click's before it prints a
    word, and the root help names only the groups (half of its start-up time)."""
    import copy

    shallow = copy.copy(app)
    shallow.registered_groups = [copy.copy(info) for info in app.registered_groups]
    for info in shallow.registered_groups:
        group = info.typer_instance = copy.copy(info.typer_instance)
        group.registered_commands, group.registered_groups = [], []
    return shallow


def _only_the_root(argv: list[str]) -> bool:
    """``prelim``, ``prelim --help``, ``prelim --version``: no command word, no completion."""
    import os

    return all(w.startswith("-") for w in argv) \
        and not any(name.endswith("_COMPLETE") for name in os.environ)


def _command_typed(argv: list[str]) -> str | None:
    """The command a run asks for (``prelim -f json tensor …`` -> tensor), when it is one
    and the run is not shell completion, which needs them all."""
    import os

    from prelim_cli import chapter

    if any(name.endswith("_COMPLETE") for name in os.environ):
        return None
    word = next((w for w in argv if not w.startswith("-")), None)
    return word if word in chapter.COMMANDS else None


def __getattr__(name: str):
    if name == "app":
        return load()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(prog_name: str | None = None) -> None:
    """Console entry point: no traceback for the user unless PRELIM_DEBUG=1; what the
    process meets (signals, broken streams, warnings) is handled in cli.process."""
    import sys

    from prelim_cli.cli.process import run

    argv = sys.argv[1:]

    def start():
        app = load(_command_typed(argv))
        (overview(app) if _only_the_root(argv) else app)(prog_name=prog_name or "prelim")

    run(start)
