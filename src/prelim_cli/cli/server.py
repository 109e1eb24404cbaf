"""prelim server start|stop|status: the warm server that makes ``prelim …`` a thin client."""

import time

import typer

from prelim_cli.cli.app import app, new_group

server_app = new_group("A resident prelim with torch loaded: while it runs, every `prelim "
                       "...` command answers in milliseconds (PRELIM_SERVER=off bypasses it).")
app.add_typer(server_app, name="server")


def _say(key: str, **params) -> None:
    """One line for the user, in the reader's language (PRELIM_LANG or the locale)."""
    from prelim_cli.i18n import Texts, default_lang

    typer.echo(Texts(default_lang()).step(key, params)[0])


@server_app.command("start")
def start() -> None:
    """Start the server for this user (a Unix socket only this user can use); it stops after
    15 idle minutes.  Example: prelim server start"""
    from prelim_cli.server import client

    status = client.control("status")
    if status is None:
        process = client.start_server()
        deadline = time.monotonic() + 120
        while status is None and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
            status = client.control("status")
        if status is None:
            from prelim_cli.core.errors import PrelimError

            raise PrelimError("server.did_not_start",
                              log=str(client.protocol.folder() / "server.log"))
    _say("warm.running", pid=status["pid"], socket=status["socket"])


@server_app.command("stop")
def stop() -> None:
    """Stop the server; commands then run on their own again.  Example: prelim server stop"""
    from prelim_cli.server import client

    answer = client.control("stop")
    if answer is None:
        _say("warm.not_running")
        return
    deadline = time.monotonic() + 30
    while client.control("status") is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    _say("warm.stopped", pid=answer["stopping"])


@server_app.command("status")
def status() -> None:
    """Whether the server runs, since when, and how many commands it served; exit 1 when it
    does not run.  Example: prelim server status"""
    from prelim_cli.server import client

    answer = client.control("status")
    if answer is None:
        _say("warm.not_running")
        raise typer.Exit(1)
    minutes = (time.time() - answer["started"]) / 60
    _say("warm.status", pid=answer["pid"], socket=answer["socket"], minutes=round(minutes),
         served=answer["served"], running=answer["running"])
