"""prelim learn: the chapter's exercises, started, checked, hinted and watched."""

from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from prelim_cli.cli.app import SETTINGS, app
from prelim_cli.cli.options import Edition, LangOpt, NoCodeOpt
from prelim_cli.cli.run import demo_command


class ListByDefault(TyperGroup):
    """``prelim learn`` alone, or followed by an option (``prelim learn --lang zh``), is
    ``prelim learn list``."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        if not args or args[0].startswith("-") and args[0] not in ctx.help_option_names:
            args = ["list", *args]
        return super().parse_args(ctx, args)


learn_app = typer.Typer(cls=ListByDefault, help=(
    "The chapter's exercises (both editions), checked as you work: prelim learn start 2.3.6, "
    "then prelim learn check 2.3.6. Alone, prelim learn lists them."), **SETTINGS)
app.add_typer(learn_app, name="learn")

DirOpt = Annotated[Optional[str], typer.Option(
    "--dir", metavar="DIR", show_default=False,
    help="The workspace: your exercise files and their progress (default: $PRELIM_EXERCISES, "
         "else ./prelim-exercises).")]
BookOpt = Annotated[Optional[Edition], typer.Option(
    "--edition", envvar="PRELIM_EDITION", show_default=False,
    help="Which edition's numbers the IDs are: zh (d2l-zh) or en (d2l-en) (default: the one "
         "the workspace was started with, else zh with --lang zh, else en).")]
Ident = Annotated[str, typer.Argument(metavar="ID", show_default=False,
                                      help="The exercise as the book numbers it, e.g. 2.3.6.")]


def _place(folder: Optional[str], book: Optional[Edition], language: str,
           writing: bool = False):
    from prelim_cli.learn.place import open_place

    return open_place(folder, book.value if book else None, language, writing)


@demo_command(learn_app, "list")
def learn_list(folder: DirOpt = None, book: BookOpt = None, language=None):
    """The exercises of the edition by section: id, kind, status, title, and how many are done.

    Example: prelim learn list --edition zh
    """
    from prelim_cli.learn import lesson

    return lesson.listing(_place(folder, book, language))


@demo_command(learn_app, "start")
def learn_start(ident: Ident, folder: DirOpt = None, book: BookOpt = None, language=None,
                force=False):
    """Write the exercise's file (its statement, then the code to fill in) and make it the
    current one; an existing file is kept (--force starts afresh, keeping yours as .bak).

    Example: prelim learn start 2.3.6
    """
    from prelim_cli.learn import lesson

    place = _place(folder, book, language, writing=True)
    return lesson.start(place, place.find(ident), force)


@demo_command(learn_app, "hint")
def learn_hint(ident: Ident, folder: DirOpt = None, book: BookOpt = None, language=None):
    """Reveal the next hint of an exercise (each call one more; all revealed so far are shown).

    Example: prelim learn hint 2.3.6
    """
    from prelim_cli.learn import lesson

    place = _place(folder, book, language, writing=True)
    return lesson.hint(place, place.find(ident))


@demo_command(learn_app, "solution")
def learn_solution(
    ident: Ident, folder: DirOpt = None, book: BookOpt = None,
    give_up: Annotated[bool, typer.Option(
        "--give-up", help="Show it before a pass (your progress records it).")] = False,
    write: Annotated[bool, typer.Option(
        "--write", help="Put it in the exercise's file (--force replaces your own).")] = False,
    language=None, force=False,
):
    """The reference solution as a whole exercise file that passes the check, alone on
    stdout: after a pass, or with --give-up.

    Example: prelim learn solution 2.3.6 --give-up > ex_2_3_6.py
    """
    from prelim_cli.learn import lesson

    place = _place(folder, book, language, writing=give_up or write)
    return lesson.solution(place, place.find(ident), give_up, write, force)


@demo_command(learn_app, "progress")
def learn_progress(folder: DirOpt = None, book: BookOpt = None, language=None):
    """For a teacher: each exercise's status, attempts, hints used and time from start to pass.

    Example: prelim learn progress --format json
    """
    from prelim_cli.learn import lesson

    return lesson.progress(_place(folder, book, language))


@demo_command(learn_app, "reset")
def learn_reset(
    ident: Annotated[Optional[str], typer.Argument(
        metavar="[ID]", show_default=False, help="The exercise to reset, e.g. 2.3.6.")] = None,
    every: Annotated[bool, typer.Option("--all", help="Reset every exercise.")] = False,
    folder: DirOpt = None, book: BookOpt = None, language=None,
):
    """Forget an exercise's progress; its file is kept as a backup (ex_2_3_6.py.bak).

    Example: prelim learn reset 2.3.6
    """
    from prelim_cli.learn import lesson

    lesson.refuse_both(ident, every)
    place = _place(folder, book, language, writing=True)
    return lesson.reset(place, lesson.touched(place) if every else [place.find(ident)])



ExerciseArg = Annotated[Optional[str], typer.Argument(
    metavar="[ID]", show_default=False,
    help="The exercise: its number in your edition (2.3.6) or its slug (default: the current "
         "one, the last started or checked).")]
CheckSeedOpt = Annotated[int, typer.Option(
    "--seed", min=0, max=2**31 - 1,
    help="Seed of the generated inputs: the same seed repeats the same inputs.")]


@demo_command(learn_app, "check")
def learn_check(exercise: ExerciseArg = None, seed: CheckSeedOpt = 0,
                folder: DirOpt = None, book: BookOpt = None, language=None):
    """Check your file of an exercise: exit 0 and "passed", or exit 1 and what differs.

    Example: prelim learn check 2.3.6
    """
    from prelim_cli.learn import checking, report

    place = _place(folder, book, language, writing=True)
    chosen = checking.chosen(place, exercise)
    path = checking.file_of(place, chosen)
    result = checking.check(place, chosen, path, seed)
    return report.checked(chosen, result, place.ident(chosen), path, language)


@learn_app.command("watch")
def learn_watch(exercise: ExerciseArg = None, seed: CheckSeedOpt = 0,
                folder: DirOpt = None, book: BookOpt = None, lang: LangOpt = None,
                no_code: NoCodeOpt = False):
    """Check the exercise again each time its file is saved; on a pass, n starts the next.

    q (or Ctrl-C) quits. Example: prelim learn watch 2.3.6
    """
    from prelim_cli.cli.run import fail
    from prelim_cli.cli.run import language as reader
    from prelim_cli.core.env import Output
    from prelim_cli.core.errors import Message, PrelimError
    from prelim_cli.learn import checking
    from prelim_cli.learn.watch import Watch

    lang_name = reader(lang)
    try:
        place = _place(folder, book, lang_name, writing=True)
        chosen = checking.chosen(place, exercise)
        Watch(place, chosen, seed, not no_code, Output.from_env()).run()
    except PrelimError as err:
        raise fail(Message("error.line", message=err.message).text(lang_name),
                   err.exit_code) from None
