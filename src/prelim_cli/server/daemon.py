"""The warm server: torch, pandas, matplotlib and every command imported once; one child
forked per request, so no request sees another's state and a crash or a Ctrl-C ends only
its own request.

The loop is single-threaded on purpose: forking a process that runs threads can copy a
lock some other thread holds. Only the user who runs the server may use it: its folder is
0700, its socket 0600, and each connection's peer uid is checked (SO_PEERCRED). It exits
after 15 idle minutes, on ``prelim server stop``, on SIGTERM, and when prelim's own files
change (an upgrade: the client then runs the command itself).

    python -m prelim_cli.server.daemon      (what ``prelim server start`` runs)
"""

from __future__ import annotations

import importlib
import io
import os
import pkgutil
import random
import select
import signal
import socket
import struct
import sys
import time
from pathlib import Path

from prelim_cli.server import protocol
from prelim_cli.server.client import package

HEAVY = ("torch", "pandas", "matplotlib", "numpy", "prelim_cli.render.svg", "prelim_cli.cli")


def warm() -> None:
    """Import what every command needs, so a forked child starts with it loaded."""
    import prelim_cli.topics

    for name in HEAVY:
        importlib.import_module(name)
    for module in pkgutil.walk_packages(prelim_cli.topics.__path__, "prelim_cli.topics."):
        importlib.import_module(module.name)


def stamp() -> float:
    """The newest modification time of prelim's own files (an upgrade changes it)."""
    return max((p.stat().st_mtime for p in Path(package()).rglob("*.py")), default=0.0)


class Server:
    def __init__(self, listener: socket.socket, path: Path) -> None:
        self.listener, self.path = listener, path
        self.started, self.served, self.children = time.time(), 0, set()
        self.stamp, self.stopping = stamp(), False

    def loop(self) -> None:
        idle_since = time.monotonic()
        while not self.stopping:
            ready, _, _ = select.select([self.listener], [], [], 1.0)
            self._reap()
            if ready:
                conn, _ = self.listener.accept()
                with conn:
                    self._handle(conn)
                idle_since = time.monotonic()
            elif self.children:
                idle_since = time.monotonic()
            elif time.monotonic() - idle_since > protocol.IDLE_SECONDS:
                break

    def _reap(self) -> None:
        for pid in list(self.children):
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done = pid
            if done:
                self.children.discard(pid)

    def _handle(self, conn: socket.socket) -> None:
        creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
        if struct.unpack("3i", creds)[1] != os.getuid():
            return  # another user: not a word
        conn.settimeout(5)
        try:
            message, fds = protocol.Reader(conn).next(with_fds=True)
        except OSError:
            return
        try:
            self._answer(conn, message or {}, fds)
        finally:
            for fd in fds:
                os.close(fd)

    def _answer(self, conn: socket.socket, message: dict, fds: list[int]) -> None:
        control = message.get("control")
        if control == "status":
            protocol.send(conn, {"pid": os.getpid(), "socket": str(self.path),
                                 "started": self.started, "served": self.served,
                                 "running": len(self.children), "package": package()})
            return
        if control == "stop":
            self.stopping = True
            protocol.send(conn, {"stopping": os.getpid()})
            return
        if len(fds) != 3 or not isinstance(message.get("argv"), list):
            return
        if message.get("package") != package():
            protocol.send(conn, {"refused": "the server runs another copy of prelim"})
            return
        if stamp() != self.stamp:
            self.stopping = True
            protocol.send(conn, {"refused": "prelim was upgraded; the server stops"})
            return
        pid = os.fork()
        if pid == 0:
            self._child(conn, message, fds)  # never returns
        self.children.add(pid)
        self.served += 1

    def _child(self, conn: socket.socket, message: dict, fds: list[int]) -> None:
        code = 1
        try:
            self.listener.close()
            for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGCHLD):
                signal.signal(signum, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            become_client(message, fds)
            protocol.send(conn, {"pid": os.getpid()})
            code = run(message["argv"])
        except KeyboardInterrupt:  # Ctrl-C before the command itself began
            code = 130
        finally:
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except Exception:
                    pass
            try:
                protocol.send(conn, {"exit": code})
            except OSError:
                pass
            os._exit(code)


def become_client(message: dict, fds: list[int]) -> None:
    """Take on the client's streams, folder, environment and umask, as if it were it."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    os.chdir(message["cwd"])
    os.environ.clear()
    os.environ.update({str(k): str(v) for k, v in message["env"].items()})
    os.umask(int(message["umask"]))
    (enc_in, err_in), (enc_out, err_out), (enc_err, err_err) = message["streams"]
    sys.stdin = io.TextIOWrapper(io.open(0, "rb", closefd=False), enc_in, err_in)
    sys.stdout = io.TextIOWrapper(io.open(1, "wb", closefd=False), enc_out, err_out,
                                  line_buffering=os.isatty(1))
    sys.stderr = io.TextIOWrapper(io.open(2, "wb", closefd=False), enc_err, err_err,
                                  line_buffering=True)
    random.seed()  # a forked child must not repeat its siblings' "random" choices
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()


def run(argv: list[str]) -> int:
    from prelim_cli.cli import main

    sys.argv = ["prelim", *argv]
    try:
        main(prog_name="prelim")
    except SystemExit as exit:
        if exit.code is None or isinstance(exit.code, int):
            return exit.code or 0
        print(exit.code, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


def listen() -> tuple[socket.socket, Path]:
    """The socket, created under a temporary name with mode 0600, then moved into place
    (a client never meets a half-made one)."""
    place = protocol.make_folder()
    path = place / protocol.SOCKET_NAME
    temporary = place / f".{protocol.SOCKET_NAME}.{os.getpid()}"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)
    try:
        listener.bind(str(temporary))
    finally:
        os.umask(old)
    os.chmod(temporary, 0o600)
    listener.listen(64)
    os.replace(temporary, path)
    return listener, path


def main() -> int:
    if protocol_busy():
        print("prelim server: already running", file=sys.stderr)
        return 1
    warm()
    listener, path = listen()
    (path.parent / protocol.PID_NAME).write_text(f"{os.getpid()}\n")
    server = Server(listener, path)
    signal.signal(signal.SIGTERM, lambda *_: setattr(server, "stopping", True))
    signal.signal(signal.SIGHUP, lambda *_: setattr(server, "stopping", True))
    inode = os.stat(path).st_ino
    try:
        server.loop()
    finally:
        listener.close()
        try:
            if os.stat(path).st_ino == inode:  # still ours, not a newer server's
                path.unlink()
                (path.parent / protocol.PID_NAME).unlink(missing_ok=True)
        except OSError:
            pass
    return 0


def protocol_busy() -> bool:
    from prelim_cli.server.client import control

    return control("status") is not None


if __name__ == "__main__":
    sys.exit(main())
