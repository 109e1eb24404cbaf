"""prelim server: a plain ``prelim …`` handed to a warm server prints, byte for byte, what
the command prints on its own (the independent answer is the cold run), and a dead or
stale server never costs the user their command."""

import os
import shlex
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SRC, prelim
from prelim_cli.server import daemon, protocol
from test_shell import REPLAYABLE


def run(args, env, cwd=None, **kwargs):
    return subprocess.run([sys.executable, "-m", "prelim_cli", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=300, **kwargs)


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A running server in a runtime folder of the test's own; its environment."""
    runtime = tmp_path_factory.mktemp("runtime")
    os.chmod(runtime, 0o700)
    env = {**os.environ, "PYTHONPATH": str(SRC), "XDG_RUNTIME_DIR": str(runtime),
           "LANG": "C.UTF-8"}
    for var in ("PRELIM_SERVER", "PRELIM_LANG", "PRELIM_FORMAT", "COLUMNS"):
        env.pop(var, None)
    started = run(["server", "start"], env)
    assert started.returncode == 0, started.stderr
    yield env
    run(["server", "stop"], env)


def served(env) -> int:
    status = run(["server", "status"], env)
    assert status.returncode == 0, status.stdout
    return int(status.stdout.split(", ")[-2].split()[0])


def test_readme_examples_through_the_server_print_what_they_print_alone(warm, tmp_path):
    before = served(warm)
    for command in REPLAYABLE:
        words = shlex.split(command)[1:]
        alone = prelim(*words)
        through = run(words, warm, cwd=tmp_path)
        assert (through.returncode, through.stdout, through.stderr) == \
            (alone.exit_code, alone.stdout, alone.stderr), command
    assert served(warm) == before + len(REPLAYABLE)  # they really went through the server


def test_a_cold_process_and_the_server_agree_on_files_and_errors(warm, tmp_path):
    cold_dir, warm_dir = tmp_path / "cold", tmp_path / "warm"
    for folder in (cold_dir, warm_dir):
        folder.mkdir()
        (folder / "house.csv").write_text("NumRooms,Alley,Price\nNA,Pave,127500\n2,NA,106000\n")
    commands = [["preprocess", "house.csv", "--fill", "mean", "--out", "X.npy"],
                ["tensor", "reshape", "5", "3", "-f", "json"],
                ["broadcast", "3,1", "1,2", "--svg", "b.svg"]]
    for words in commands:
        cold = run(words, {**warm, "PRELIM_SERVER": "off"}, cwd=cold_dir)
        hot = run(words, warm, cwd=warm_dir)
        assert (hot.returncode, hot.stdout, hot.stderr) == \
            (cold.returncode, cold.stdout, cold.stderr)
    for name in ("X.npy", "X.y.npy", "b.svg"):
        assert (warm_dir / name).read_bytes() == (cold_dir / name).read_bytes(), name
        assert stat.S_IMODE((warm_dir / name).stat().st_mode) == \
            stat.S_IMODE((cold_dir / name).stat().st_mode)


def test_eight_clients_at_once_get_eight_separate_answers(warm, tmp_path):
    lines = ["tensor arange 3", "tensor reshape 2 6", "broadcast 3,1 1,2", "linalg dot",
             "tensor zeros 2 3", "linalg sum --axis 0", "tensor ones 4", "linalg mv"]
    clients = [subprocess.Popen([sys.executable, "-m", "prelim_cli", *line.split()],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=warm, cwd=tmp_path) for line in lines]
    outputs = [client.communicate(timeout=300) for client in clients]
    for line, client, (out, err) in zip(lines, clients, outputs):
        alone = prelim(*line.split())
        assert (client.returncode, out, err) == (0, alone.stdout, alone.stderr), line


def test_the_socket_is_private(warm):
    place = Path(warm["XDG_RUNTIME_DIR"]) / "prelim"
    assert stat.S_IMODE(place.stat().st_mode) == 0o700
    sock = place / protocol.SOCKET_NAME
    assert stat.S_ISSOCK(sock.stat().st_mode) and stat.S_IMODE(sock.stat().st_mode) == 0o600


def test_the_thin_client_imports_neither_typer_nor_torch(warm, tmp_path):
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "prelim_cli", "tensor",
                             "arange", "2"], capture_output=True, text=True, env=warm,
                            cwd=tmp_path, timeout=300)
    assert result.returncode == 0 and "│ 0 │ 1 │" in result.stdout
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")}
    assert {"typer", "torch", "prelim_cli.cli"} & imported == set()


HOUSES = "NumRooms,Alley,Price\nNA,Pave,127500\n2,NA,106000\n4,NA,178100\nNA,NA,140000\n"
WAITING = [sys.executable, "-m", "prelim_cli", "preprocess", "-", "--out", "X.npy"]


def _waiting_client(env, cwd) -> subprocess.Popen:
    """A client whose command waits for its stdin (held open), once the server runs it."""
    client = subprocess.Popen(WAITING, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env, cwd=cwd)
    deadline = time.monotonic() + 120
    while "1 running" not in run(["server", "status"], env).stdout:
        assert time.monotonic() < deadline and client.poll() is None, client.communicate()
        time.sleep(0.2)
    return client


def test_ctrl_c_reaches_the_command_and_leaves_nothing_behind(warm, tmp_path):
    client = _waiting_client(warm, tmp_path)
    client.send_signal(signal.SIGINT)
    client.wait(timeout=120)  # stdin stays open, as a terminal's does: the command is waiting
    out, err = client.communicate(timeout=120)
    assert client.returncode == 130, err
    assert list(tmp_path.iterdir()) == []  # no X, no temporary file


def test_a_server_killed_mid_request_costs_nothing(tmp_path):
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "PYTHONPATH": str(SRC), "XDG_RUNTIME_DIR": str(runtime)}
    env.pop("PRELIM_SERVER", None)
    assert run(["server", "start"], env).returncode == 0
    pid = int((runtime / "prelim" / protocol.PID_NAME).read_text())
    client = _waiting_client(env, tmp_path)
    os.kill(pid, signal.SIGKILL)  # the request's own child goes on and reports to the client
    out, err = client.communicate(HOUSES, timeout=300)
    assert client.returncode == 0, err
    alone = prelim("preprocess", "-", "--out", str(tmp_path / "alone.npy"), input=HOUSES)
    assert (tmp_path / "X.npy").read_bytes() == (tmp_path / "alone.npy").read_bytes()
    assert "X" in out
    after = run(["tensor", "arange", "2"], env, cwd=tmp_path)  # a stale socket now
    assert after.returncode == 0 and after.stdout == prelim("tensor", "arange", "2").stdout
    assert after.stderr.count("\n") == 1 and "does not answer" in after.stderr
    assert "running without it" in after.stderr
    assert alone.exit_code == 0


def _ask_status(server) -> bytes:
    ours, theirs = socket.socketpair()
    protocol.send(theirs, {"control": "status"})
    server._handle(ours)
    ours.close()
    try:
        return theirs.recv(1000)
    except ConnectionResetError:  # closed with the question unread: no answer either
        return b""


def test_another_user_gets_no_answer(monkeypatch):
    server = daemon.Server(None, Path("server.sock"))
    assert b'"pid"' in _ask_status(server)  # the same question from this user is answered
    monkeypatch.setattr(daemon.os, "getuid", lambda: os.geteuid() + 1)
    assert _ask_status(server) == b""


def test_an_upgraded_server_refuses_and_stops():
    ours, theirs = socket.socketpair()
    server = daemon.Server.__new__(daemon.Server)
    server.stamp, server.stopping, server.children, server.served = -1.0, False, set(), 0
    request = {"argv": ["tensor", "arange", "2"], "package": daemon.package()}
    server._answer(ours, request, [0, 1, 2])
    answer, _ = protocol.Reader(theirs).next()
    assert "refused" in answer and server.stopping


def test_auto_starts_a_server_for_the_next_command(tmp_path):
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "PYTHONPATH": str(SRC), "XDG_RUNTIME_DIR": str(runtime),
           "PRELIM_SERVER": "auto"}
    try:
        first = run(["tensor", "arange", "2"], env, cwd=tmp_path)
        assert first.returncode == 0 and first.stdout == prelim("tensor", "arange", "2").stdout
        deadline = time.monotonic() + 120
        while run(["server", "status"], env).returncode and time.monotonic() < deadline:
            time.sleep(0.5)
        assert served(env) == 0
        assert run(["tensor", "arange", "2"], env, cwd=tmp_path).returncode == 0
        assert served(env) == 1
    finally:
        run(["server", "stop"], env)
