"""The console entry point: ``prelim …`` as a thin client when a warm server answers.

It imports the standard library and protocol.py only — neither typer's command tree nor
torch — so handing a command over costs a fraction of importing torch. When no server
runs (or ``PRELIM_SERVER=off``), or the server cannot take the command, the command runs
here, exactly as it always did. ``PRELIM_SERVER=auto`` also starts a server for the next
command when none runs.
"""

from __future__ import annotations

import os
import sys

from prelim_cli.server import protocol

SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")  # forwarded to the command; signal loads on use

LOCAL = ("server", "shell")  # commands that always run in this process


def main() -> None:
    mode = os.environ.get("PRELIM_SERVER", "").strip().lower()
    argv = sys.argv[1:]
    if mode != "off" and argv[:1] and argv[0] not in LOCAL:
        code = through_server(argv, start=mode == "auto")
        if code is not None:
            sys.exit(code)
    from prelim_cli.cli import main as run_here

    run_here(prog_name="prelim")


def package() -> str:
    import prelim_cli

    return os.path.dirname(os.path.abspath(prelim_cli.__file__))


def _say(key: str, **params) -> None:
    """One line on stderr, in the reader's language (the catalogs load only for it)."""
    from prelim_cli.i18n import Texts, default_lang

    message = Texts(default_lang()).step(key, params)[0]
    try:
        sys.stderr.write(f"prelim: {message}\n")
        sys.stderr.flush()
    except (OSError, AttributeError, ValueError):
        pass


def through_server(argv: list[str], start: bool = False) -> int | None:
    """Run ``argv`` in the warm server: its exit status, or None to run it here."""
    place = protocol.folder()
    path = place / protocol.SOCKET_NAME
    if not protocol.private(place) or not path.exists():
        if start:
            start_server()
        return None
    try:
        os.fstat(0), os.fstat(1), os.fstat(2)
        cwd = os.getcwd()
    except OSError:  # a closed stream or a vanished folder: the plain run explains it
        return None
    import socket

    signals = Forwarder()  # a Ctrl-C from now on belongs to the command, wherever it runs
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(5)
    try:
        sock.connect(str(path))
        protocol.send(sock, request(argv, cwd), fds=[0, 1, 2])
        reader = protocol.Reader(sock)
        started, _ = reader.next()
    except OSError as err:
        _say("warm.no_answer", path=path, reason=err.strerror or err)
        sock.close()
        return signals.give_back()
    if not started or not isinstance(started.get("pid"), int):
        sock.close()
        return signals.give_back()  # refused (another copy of prelim, an upgrade): run here
    signals.to(started["pid"])
    return _wait(sock, reader)


class Forwarder:
    """Ctrl-C and the stop signals, passed on to the child that runs the command; those
    that arrive before its pid is known are passed on as soon as it is."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.pending: list[int] = []
        import signal

        self.before = {number: signal.signal(number, self._forward)
                       for number in (getattr(signal, name) for name in SIGNALS)}

    def _forward(self, signum, frame) -> None:
        if self.pid is None:
            self.pending.append(signum)
            return
        try:
            os.kill(self.pid, signum)
        except OSError:
            pass

    def to(self, pid: int) -> None:
        self.pid = pid
        for signum in self.pending:
            self._forward(signum, None)

    def give_back(self) -> int | None:
        """No server took the command: the handlers as they were; a signal that came
        meanwhile ends the run as it would have (130 for Ctrl-C), else None: run it here."""
        import signal

        for signum, handler in self.before.items():
            signal.signal(signum, handler)
        return 128 + self.pending[0] if self.pending else None


def _wait(sock, reader: protocol.Reader) -> int:
    """The child's exit status, once it reports it."""
    sock.settimeout(None)
    while True:
        try:
            finished, _ = reader.next()
            break
        except InterruptedError:
            continue
        except OSError:
            finished = None
            break
    sock.close()
    if not finished or not isinstance(finished.get("exit"), int):
        _say("warm.no_status")
        return 1
    return finished["exit"]


def request(argv: list[str], cwd: str) -> dict:
    umask = os.umask(0)
    os.umask(umask)
    streams = [[getattr(s, "encoding", None) or "utf-8", getattr(s, "errors", None) or "strict"]
               for s in (sys.stdin, sys.stdout, sys.stderr)]
    return {"argv": argv, "cwd": cwd, "env": dict(os.environ), "umask": umask,
            "package": package(), "streams": streams}


def control(command: str) -> dict | None:
    """Ask the running server something (status, stop); None when none answers."""
    path = protocol.folder() / protocol.SOCKET_NAME
    if not protocol.private(protocol.folder()) or not path.exists():
        return None
    import socket

    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(5)
    try:
        sock.connect(str(path))
        protocol.send(sock, {"control": command})
        answer, _ = protocol.Reader(sock).next()
        return answer
    except OSError:
        return None
    finally:
        sock.close()


def start_server():
    """The server, in a session of its own, detached from this terminal."""
    import subprocess

    place = protocol.make_folder()
    log = open(place / "server.log", "ab")
    try:
        return subprocess.Popen([sys.executable, "-m", "prelim_cli.server.daemon"],
                                stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                start_new_session=True, close_fds=True)
    finally:
        log.close()
