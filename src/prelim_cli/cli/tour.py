"""prelim tour: the whole chapter in book order."""

from typing import Annotated, Optional

import typer

from prelim_cli import chapter
from prelim_cli.cli.app import app
from prelim_cli.cli.options import Target
from prelim_cli.cli.run import demo_command
from prelim_cli.core.errors import PrelimError, UsageError


def section_of(text: Optional[str]) -> Optional[str]:
    """The registry name of the section the user named, by name, number or title."""
    if text is None:
        return None
    found = chapter.find(text)
    if found is None:
        choices = ", ".join(f"{s.number} {s.name}" for s in chapter.SECTIONS)
        raise UsageError("cli.tour.section_of", text=text, choices=choices)
    return found.name


@demo_command(app, "tour")
def tour(
    section: Annotated[Optional[str], typer.Argument(
        metavar="[SECTION]", show_default=False,
        help="Only this section, by name, number or title: linalg, 2.3, 线性代数 (default: "
             "all, in book order).")] = None,
    start: Annotated[Optional[str], typer.Option(
        "--from", metavar="SECTION:STEP", help="Start at this step, e.g. linalg:7.",
        show_default=False)] = None,
    no_pause: Annotated[bool, typer.Option(
        "--no-pause", help="Run straight through (automatic when not on a terminal).")] = False,
    listing: Annotated[bool, typer.Option(
        "--list", help="List every section and step with its number and title, to plan a "
                       "class and pick a --from.")] = False,
    figures: Annotated[Optional[str], typer.Option(
        "--figures", metavar="DIR", show_default=False,
        help="Also write each section's figures into this folder as SVG: §2.1 broadcasting, "
             "§2.4 the tangent line, §2.5 sin and its derivative, §2.6 the convergence."),
        Target((".svg",), folder=True)] = None,
    edition=None,  # --edition: the book whose demos, numbers and titles it follows
    present: Annotated[bool, typer.Option(
        "--present", help="One step per screen, for a class: → Enter Space next, ← Backspace "
                          "back, n/p section, g go to a step, ? keys, q quit (it prints the "
                          "command that resumes there).")] = False,
    language=None,  # the reader's language, for --list's titles: demo_command fills it in
    env=None,  # the terminal, which --present needs: demo_command fills it in
):
    """Walk chapter 2 section by section; on a terminal it waits after each step.

    Keys: Enter next step, s next section, q quit.  Example: prelim tour linalg --from linalg:7
    --edition en plays d2l-en's demos (the coin, RoofType) with its numbering.
    """
    from prelim_cli.tour import listed, parse_start, plan

    name = section_of(section)
    begin = parse_start(start, chapter.NAMES)
    if begin and name and begin[0] != name:
        raise PrelimError("cli.tour.tour", start=start, name=name)
    if present and listing:
        raise UsageError("cli.tour.present_list")
    if present and not (env.is_tty and env.stdin_tty):
        raise PrelimError("cli.tour.present_tty")
    played = plan(chapter.sections(name, edition, figures), begin, keep=present)
    if listing:
        return listed(played, language)
    played.interactive, played.present, played.only = not no_pause, present, name
    return played
