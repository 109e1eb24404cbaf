"""prelim why: a PyTorch or pandas error, explained by the lesson that teaches the fix."""

from typing import Annotated, Optional

import typer

from prelim_cli.cli.app import app
from prelim_cli.cli.run import demo_command
from prelim_cli.core.errors import UsageError


@demo_command(app, "why")
def why(
    text: Annotated[Optional[str], typer.Argument(
        metavar="[ERROR]", show_default=False,
        help="The error message or a whole traceback; - (or nothing, with a pipe) reads it "
             "from stdin. Only read, never run.")] = None,
    listing: Annotated[bool, typer.Option(
        "--list", help="List the errors prelim why knows, by section of the chapter.")] = False,
    language=None,  # the reader's language: demo_command fills it in
):
    """Paste a PyTorch or pandas error: what it means, the usual cause, the fix as code and
    the prelim command that shows it happening.

    Example: python train.py 2>&1 | prelim why   (or: prelim why "grad can be implicitly
    created only for scalar outputs")
    """
    import sys

    from prelim_cli.topics.why import lesson

    if listing:
        if text is not None:
            raise UsageError("cli.why.list_and_text")
        return lesson.listing(language)
    if text is None and (sys.stdin is None or sys.stdin.isatty()):
        raise UsageError("cli.why.no_text")
    return lesson.why(text, language)
