"""prelim broadcast: §2.1.4 broadcasting, made visible."""

from enum import Enum
from typing import Annotated

import typer

from prelim_cli.cli.app import app
from prelim_cli.cli.options import svg_option
from prelim_cli.cli.run import demo_command
from prelim_cli.core.errors import UsageError


class Op(str, Enum):
    add = "+"
    sub = "-"
    mul = "*"
    div = "/"


@demo_command(app, "broadcast")
def broadcast(
    shapes: Annotated[list[str], typer.Argument(
        help="Two to eight shapes, written 3,1,3 or (3,1,3) or 3x1x3.", show_default=False)],
    op: Annotated[Op, typer.Option("--op", help="The elementwise operation.")] = Op.add,
    svg: svg_option("Also draw the operands, stretched, and the result into this SVG file.")
    = None,
    check: Annotated[bool, typer.Option(
        "--check", help="Print only the verdict (the result shape, or why not); exit 0 when "
        "the shapes broadcast, 1 when they do not. Builds no tensor.")] = False,
    language=None,
):
    """§2.1.4 Broadcasting: why shapes do (or do not) broadcast, with the values.

    Example: prelim broadcast 3,1,3 1,3,1   (or: prelim broadcast 5,4 5 --op /)
    """
    if check:
        if svg:
            raise UsageError("cli.broadcast.broadcast")
        from prelim_cli.topics.broadcast.check import check as verdict

        return verdict(shapes)
    from prelim_cli.topics.broadcast import demo as topic

    return topic.broadcast(shapes, op.value, svg, language)
