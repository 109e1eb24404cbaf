"""Where the server listens and how the two sides talk. Standard library only: the client
imports this and nothing heavier.

A message is one line of JSON (UTF-8, ``\\n``-terminated). The client sends a request
with its three standard descriptors attached; the server's child answers
``{"pid": N}`` when it starts and ``{"exit": CODE}`` when it ends. ``{"refused": why}``
means "run it yourself" (the server was upgraded, or it runs another copy of prelim).
"""

from __future__ import annotations

import json
import os
import socket
import stat
import tempfile
from pathlib import Path

SOCKET_NAME = "server.sock"
PID_NAME = "server.pid"
IDLE_SECONDS = 15 * 60
LIMIT = 1 << 20  # a request larger than this is not prelim's


def folder() -> Path:
    """``$XDG_RUNTIME_DIR/prelim``, else a folder of the user's own in the temp folder;
    either way mode 0700 and owned by the user, or no server is used."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    base = Path(runtime) if runtime else Path(tempfile.gettempdir())
    return base / ("prelim" if runtime else f"prelim-{os.getuid()}")


def private(path: Path) -> bool:
    """The folder exists, is a real folder of this user's, and nobody else may enter it."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return (stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
            and stat.S_IMODE(info.st_mode) & 0o077 == 0)


def make_folder() -> Path:
    path = folder()
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not private(path):
        raise OSError(f"{path} is not a private folder of this user's (mode 0700)")
    return path


def send(sock: socket.socket, message: dict, fds: list[int] | None = None) -> None:
    data = (json.dumps(message) + "\n").encode()
    if fds:
        socket.send_fds(sock, [data], fds)
    else:
        sock.sendall(data)


class Reader:
    """Messages from a socket, one line each; None when the other side has gone."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock, self.buffer = sock, b""

    def next(self, with_fds: bool = False) -> tuple[dict | None, list[int]]:
        fds: list[int] = []
        while b"\n" not in self.buffer:
            if with_fds and not fds:
                data, fds, _, _ = socket.recv_fds(self.sock, 65536, 3)
            else:
                data = self.sock.recv(65536)
            if not data:
                return None, fds
            self.buffer += data
            if len(self.buffer) > LIMIT:
                return None, fds
        line, _, self.buffer = self.buffer.partition(b"\n")
        try:
            message = json.loads(line)
        except ValueError:
            return None, fds
        return (message if isinstance(message, dict) else None), fds
