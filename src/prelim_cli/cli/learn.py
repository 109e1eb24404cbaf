"""prelim learn: the chapter's exercises, started, checked, hinted and watched."""

from prelim_cli.cli.app import app, new_group

learn_app = new_group("The chapter's exercises (both editions), checked as you work: "
                      "prelim learn start 2.3.6, then prelim learn check 2.3.6.")
app.add_typer(learn_app, name="learn")


# ---------------------------------------------------------------- check and watch

from typing import Annotated, Optional  # noqa: E402 - this part of the module begins here

import typer  # noqa: E402

from prelim_cli.cli.options import Edition, LangOpt, NoCodeOpt  # noqa: E402
from prelim_cli.cli.run import demo_command  # noqa: E402

ExerciseArg = Annotated[Optional[str], typer.Argument(
    metavar="[ID]", show_default=False,
    help="The exercise: its number in your edition (2.3.6) or its slug (default: the current "
         "one, the last started or checked).")]
CheckSeedOpt = Annotated[int, typer.Option(
    "--seed", min=0, max=2**31 - 1,
    help="Seed of the generated inputs: the same seed repeats the same inputs.")]
BookOpt = Annotated[Optional[Edition], typer.Option(
    "--edition", envvar="PRELIM_EDITION", show_default=False,
    help="Which edition's numbers the ID uses: zh (d2l-zh) or en (d2l-en) (default: the "
         "edition the workspace was started with, else zh with --lang zh, else en).")]
WorkspaceOpt = Annotated[Optional[str], typer.Option(
    "--dir", metavar="DIR", show_default=False,
    help="The workspace folder (default: $PRELIM_EXERCISES, else ./prelim-exercises).")]


def _checked_file(exercise: Optional[str], folder: Optional[str], book, language: str):
    """The workspace, the exercise, its number, its file and the edition, for check and
    watch (an error before any work when the exercise is unknown or not started)."""
    from prelim_cli.learn import checking

    ws = checking.workspace(folder)
    state = ws.read()
    edition = checking.edition_of(state, book.value if book else None, language)
    chosen = checking.chosen(exercise, state, edition, ws)
    return ws, chosen, checking.file_of(ws, state, chosen, edition), edition


@demo_command(learn_app, "check")
def learn_check(exercise: ExerciseArg = None, seed: CheckSeedOpt = 0,
                folder: WorkspaceOpt = None, book: BookOpt = None, language=None):
    """Check your file of an exercise: exit 0 and "passed", or exit 1 and what differs.

    Example: prelim learn check 2.3.6
    """
    from prelim_cli.learn import checking, report

    ws, chosen, path, edition = _checked_file(exercise, folder, book, language)
    result = checking.check(ws, chosen, path, seed)
    return report.checked(chosen, result, checking.ident(chosen, edition), path, language)


@learn_app.command("watch")
def learn_watch(exercise: ExerciseArg = None, seed: CheckSeedOpt = 0,
                folder: WorkspaceOpt = None, book: BookOpt = None, lang: LangOpt = None,
                no_code: NoCodeOpt = False):
    """Check the exercise again each time its file is saved; on a pass, n starts the next.

    q (or Ctrl-C) quits. Example: prelim learn watch 2.3.6
    """
    from prelim_cli.cli.run import fail
    from prelim_cli.cli.run import language as reader
    from prelim_cli.core.env import Output
    from prelim_cli.core.errors import Message, PrelimError
    from prelim_cli.learn.watch import Watch

    lang_name = reader(lang)
    try:
        ws, chosen, path, edition = _checked_file(exercise, folder, book, lang_name)
        Watch(ws, chosen, edition, seed, lang_name, not no_code, Output.from_env()).run()
    except PrelimError as err:
        raise fail(Message("error.line", message=err.message).text(lang_name),
                   err.exit_code) from None
