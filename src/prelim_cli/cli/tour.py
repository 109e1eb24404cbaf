"""prelim tour: the whole chapter in book order."""

import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from prelim_cli import chapter
from prelim_cli.cli.app import app
from prelim_cli.cli.options import (
    ExportOpt,
    ForceOpt,
    Format,
    FormatOpt,
    LangOpt,
    NoCodeOpt,
    check_export,
    fail,
    language,
)
from prelim_cli.core.demo import PrelimError

SectionName = Enum("SectionName", {n: n for n in chapter.NAMES}, type=str)


@app.command("tour")
def tour(
    section: Annotated[Optional[SectionName], typer.Argument(
        help="Only this section (default: all, in book order).", show_default=False)] = None,
    start: Annotated[Optional[str], typer.Option(
        "--from", metavar="SECTION:STEP", help="Start at this step, e.g. linalg:7.",
        show_default=False)] = None,
    no_pause: Annotated[bool, typer.Option(
        "--no-pause", help="Run straight through (automatic when not on a terminal).")] = False,
    fmt: FormatOpt = Format.table, lang: LangOpt = None, no_code: NoCodeOpt = False,
    export: ExportOpt = None, force: ForceOpt = False,
) -> None:
    """Walk chapter 2 section by section; on a terminal it waits after each step.

    Keys: Enter next step, s next section, q quit.  Example: prelim tour linalg --from linalg:7
    """
    from prelim_cli.i18n import Texts
    from prelim_cli.render import Output
    from prelim_cli.tour import parse_start, play

    lang_name = language(lang)
    out = Output.from_env()
    try:
        begin = parse_start(start, chapter.NAMES)
        if begin and section and begin[0] != section.value:
            raise PrelimError(f"--from {start} is not in section {section.value}")
        if export:
            check_export(export, force)
        played = chapter.sections(section.value if section else None)
        texts = Texts(lang_name)
        if export:
            from prelim_cli.export import write_export

            write_export(export, [(f"§{s.number} {texts.step(s.key, {})[0]}", demos)
                                  for s, demos in played], lang_name)
        pause = (not no_pause and fmt is not Format.json and out.is_tty and sys.stdin.isatty())
        play(played, fmt.value, texts, not no_code, out, begin, pause)
    except PrelimError as err:
        raise fail(str(err), err.exit_code) from None
