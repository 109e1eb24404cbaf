"""prelim tour: the whole chapter in book order."""

from enum import Enum
from typing import Annotated, Optional

import typer

from prelim_cli import chapter
from prelim_cli.cli.app import app
from prelim_cli.cli.run import demo_command
from prelim_cli.core.errors import PrelimError

SectionName = Enum("SectionName", {n: n for n in chapter.NAMES}, type=str)


@demo_command(app, "tour")
def tour(
    section: Annotated[Optional[SectionName], typer.Argument(
        help="Only this section (default: all, in book order).", show_default=False)] = None,
    start: Annotated[Optional[str], typer.Option(
        "--from", metavar="SECTION:STEP", help="Start at this step, e.g. linalg:7.",
        show_default=False)] = None,
    no_pause: Annotated[bool, typer.Option(
        "--no-pause", help="Run straight through (automatic when not on a terminal).")] = False,
):
    """Walk chapter 2 section by section; on a terminal it waits after each step.

    Keys: Enter next step, s next section, q quit.  Example: prelim tour linalg --from linalg:7
    """
    from prelim_cli.tour import parse_start, plan

    begin = parse_start(start, chapter.NAMES)
    if begin and section and begin[0] != section.value:
        raise PrelimError(f"--from {start} is not in section {section.value}")
    played = plan(chapter.sections(section.value if section else None), begin)
    played.interactive = not no_pause
    return played
