"""prelim docs: §2.7 documentation -- what a module holds and how to call a function, read
with dir(), inspect and the docstring, as the book does with help()."""

from typing import Annotated

import typer

from prelim_cli.cli.app import app
from prelim_cli.cli.run import demo_command


@demo_command(app, "docs")
def docs(
    name: Annotated[str, typer.Argument(
        help="A dotted name from torch, numpy (np) or pandas (pd), such as "
             "torch.distributions or torch.ones.", show_default=False)],
):
    """§2.7 Documentation: a module's names, a function's signature and parameters.

    Example: prelim docs torch.ones
    """
    from prelim_cli.topics import docs as lookup

    return lookup.lookup(name)
