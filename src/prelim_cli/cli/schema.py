"""prelim schema: the JSON Schema of what --format json prints."""

from typing import Annotated, Optional

import typer

from prelim_cli.cli.app import app


@app.command("schema")
def schema(command: Annotated[Optional[list[str]], typer.Argument(
        help="Only this command's document, e.g. autograd grad (default: every document).",
        show_default=False)] = None) -> None:
    """The JSON Schema (draft 2020-12) of the document every command prints with --format json.

    Example: prelim schema broadcast > broadcast.schema.json
    """
    from prelim_cli import contract

    name = " ".join(command) if command else None
    if name is not None and not _is_command(name):
        from prelim_cli.core.errors import Message
        from prelim_cli.i18n import default_lang

        said = Message("error.line", message=Message("schema.no_command", name=name))
        typer.echo(said.text(default_lang()), err=True)  # schema has no --lang: the environment's
        raise typer.Exit(1)
    typer.echo(contract.dumps(name), nl=False)


def _is_command(name: str) -> bool:
    """A command of prelim's tree (tensor reshape, linalg dot, ...)."""
    from typer.main import get_command

    from prelim_cli.cli import load

    group, *rest = name.split()
    root = get_command(load())  # every command: a run of schema registered schema alone
    found = root.commands.get(group) if hasattr(root, "commands") else None
    if found is None:
        return False
    return not rest or (hasattr(found, "commands") and " ".join(rest) in found.commands)
