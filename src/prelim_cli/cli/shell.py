"""prelim shell: every command of the CLI at one prompt, with torch imported once."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from prelim_cli.cli.app import app


@app.command("shell")
def shell(
    script: Annotated[Optional[Path], typer.Argument(
        metavar="[FILE]", show_default=False,
        help="Run the commands in FILE, one per line, instead of reading them from stdin.")]
    = None,
    keep_going: Annotated[bool, typer.Option(
        "--keep-going", help="Read from a file or pipe: run every line even after one fails "
                             "(the exit status is still the first failure's).")] = False,
) -> None:
    """The commands of prelim without the leading `prelim`, at a prompt (history, Tab
    completion; `set lang zh`, `set format repr`, `set code off`; `exit` or Ctrl-D to
    leave). From a file or a pipe it runs one command per line, a fast batch mode:
    prelim shell lesson.txt, or prelim shell < lesson.txt   (# starts a comment).

    Example: prelim shell
    """
    import sys

    from prelim_cli.cli import session
    from prelim_cli.i18n import Texts, default_lang

    tree = typer.main.get_command(app)
    talk = session.Session(tree)
    if script is not None:
        raise typer.Exit(session.run_file(talk, script, keep_going))
    if sys.stdin is None or not sys.stdin.isatty():
        raise typer.Exit(session.batch(talk, sys.stdin or (), keep_going))
    title, banner = Texts(default_lang()).step("shell.banner", {})
    raise typer.Exit(session.interactive(talk, f"{title}: {banner}"))
