"""prelim learn's runner: a learner's file runs in a real child Python, and whatever it does
(loops, memory, print storms, exits, signals, input(), processes, odd files) ends as one
report with their line. Children that do not need torch start without it (~0.1 s each)."""

import os
import resource
import subprocess
import sys
import textwrap
import time

import pytest

from conftest import SRC
from prelim_cli.learn import harness, runner

ROW_SUMS = "linalg.row-sums"
SOLUTION = """\
import torch


def row_normalize(A):
    return A / A.sum(axis=1, keepdims=True)
"""


def write(tmp_path, source, name="ex_2_3_6.py"):
    path = tmp_path / name
    if isinstance(source, bytes):
        path.write_bytes(source)
    else:
        path.write_text(textwrap.dedent(source))
    return path


def check(tmp_path, source, **options):
    """The report of a child (without torch unless asked) checking ``source``."""
    return runner.run_check(ROW_SUMS, write(tmp_path, source), 0,
                            **{"preload": False, **options})


def line_of(source: str, text: str) -> int:
    return textwrap.dedent(source).splitlines().index(text) + 1


# ---------------------------------------------------------------- time

LOOP = """\
x = 0
while True:
    x += 1
"""
SWALLOWED = """\
while True:
    try:
        answer = int(input())
    except:
        pass
"""


@pytest.mark.parametrize("source", [LOOP, SWALLOWED], ids=["loop", "swallows-the-timeout"])
def test_an_endless_loop_ends_at_its_line(tmp_path, source):
    report = check(tmp_path, source, seconds=0.3)
    assert report["status"] == "timeout" and report["seconds"] == 0.3
    assert report["error"]["kind"] == "timeout" and report["error"]["seconds"] == 0.3
    body = textwrap.dedent(source).splitlines()
    assert report["error"]["code"] == body[report["error"]["line"] - 1].strip()


def test_the_wall_clock_kills_a_child_whose_alarm_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "GRACE", 0.3)
    report = check(tmp_path, """\
        import signal
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        while True:
            pass
        """, seconds=0.3)
    assert report["status"] == "timeout"
    assert report["error"] == {"kind": "timeout", "seconds": 0.3, "line": None, "code": ""}


# ---------------------------------------------------------------- memory, output

def test_a_list_of_a_billion_ints_meets_the_memory_limit(tmp_path):
    report = check(tmp_path, "print('start')\nxs = [0] * 10**9\n")
    assert report["status"] == "error"
    assert report["error"] == {"kind": "memory", "limit": 3 << 30, "gb": 3.0, "asked": None,
                               "type": "MemoryError", "message": "", "line": 2,
                               "code": "xs = [0] * 10**9"}
    assert report["output"] == "start\n"


STORMS = {
    "print": "while True:\n    print('spam')\n",
    "fd": "import os\nwhile True:\n    os.write(1, b'spam ' * 200)\n",
}


@pytest.mark.parametrize("where", STORMS)
def test_a_print_storm_ends_as_one_report_and_keeps_the_start(tmp_path, where):
    report = check(tmp_path, STORMS[where])
    assert report["status"] == "error"
    assert report["error"]["kind"] == "output"
    assert report["error"]["cap"] == harness.OUTPUT_CAP
    assert report["error"]["line"] == len(STORMS[where].splitlines())
    assert report["output"].startswith("spam") and len(report["output"]) <= 2000


def test_a_storm_that_swallows_the_stop_is_killed(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "GRACE", 0.3)
    report = check(tmp_path, """\
        import os
        while True:
            try:
                os.write(2, b"x" * 4096)
            except BaseException:
                pass
        """)
    assert report["status"] == "error"
    assert report["error"] == {"kind": "output", "cap": harness.OUTPUT_CAP, "line": None,
                               "code": ""}


# ---------------------------------------------------------------- ends

EXITS = {
    "sys.exit in a function": ("import sys\n\n\ndef bye():\n    sys.exit('bye')\n\n\nbye()\n",
                               "'bye'", 5),
    "exit()": ("x = 1\nexit()\n", "None", 2),
    "raise SystemExit": ("raise SystemExit(2)\n", "2", 1),
}


@pytest.mark.parametrize("name", EXITS)
def test_sys_exit_is_one_report_with_the_line(tmp_path, name):
    source, status, line = EXITS[name]
    report = check(tmp_path, source)
    assert report["status"] == "error"
    assert report["error"] == {"kind": "exit", "status": status, "line": line,
                               "code": source.splitlines()[line - 1].strip()}


@pytest.mark.parametrize("source, status, name", [
    ("import os\nprint('bye', flush=True)\nos._exit(3)\n", 3, None),
    ("import os\nos.kill(os.getpid(), 9)\n", None, "SIGKILL"),
])
def test_ending_the_python_process_is_reported_as_such(tmp_path, source, status, name):
    report = check(tmp_path, source)
    assert report["status"] == "crashed"
    assert report["error"] == {"kind": "ended", "status": status, "signal": name}
    assert report["returncode"] == (3 if status else -9)


def test_input_has_nobody_to_answer(tmp_path):
    report = check(tmp_path, "name = input('your name? ')\n")
    assert report["status"] == "error"
    assert report["error"] == {"kind": "input", "type": "EOFError",
                               "message": "EOF when reading a line", "line": 1,
                               "code": "name = input('your name? ')"}


def test_the_child_is_contained_folder_processes_threads_and_limits(tmp_path):
    started = time.monotonic()
    source = """\
        import os, resource, subprocess, threading, time
        threading.Thread(target=time.sleep, args=(60,)).start()
        sleeper = subprocess.Popen(["sleep", "60"])
        with open("relative.txt", "w") as file:
            file.write("where?")
        print(sleeper.pid, os.getcwd(), os.environ["TMPDIR"],
              *resource.getrlimit(resource.RLIMIT_NPROC),
              resource.getrlimit(resource.RLIMIT_AS)[0], resource.getrlimit(resource.RLIMIT_CPU)[0])
        breakpoint()  # nobody is there to debug: it does not stop
        raise ValueError("the end")
        """
    report = check(tmp_path, source)
    assert time.monotonic() - started < 30  # neither the thread nor the sleep kept it
    assert report["error"]["type"] == "ValueError"
    assert report["error"]["line"] == line_of(source, 'raise ValueError("the end")')
    pid, folder, tmpdir, soft, hard, memory, cpu = report["output"].split()
    assert folder == tmpdir and folder != os.getcwd()
    assert not os.path.exists(folder)  # their folder went with the check
    assert not (tmp_path / "relative.txt").exists()
    assert soft == hard and resource.RLIM_INFINITY != int(soft) > harness.PROCESSES
    assert int(memory) == 3 << 30 and int(cpu) > runner.SECONDS  # CPU time: a backstop only
    assert _gone(int(pid))


def test_processes_are_limited_even_for_root(tmp_path):
    """Forks past the limit fail at the learner's line, as RLIMIT_NPROC makes them fail for
    an ordinary user (Linux exempts root: os.fork counts them too). Bounded on purpose: a
    hundred forks at most, never a real fork bomb."""
    source = """\
        import os, time
        try:
            for made in range(100):
                if os.fork() == 0:
                    time.sleep(30)
                    os._exit(0)
        except BlockingIOError:
            print(made)
            raise
        """
    report = check(tmp_path, source)
    assert 0 < int(report["output"]) <= harness.PROCESSES  # the copies made before it failed
    assert report["status"] == "error"
    assert report["error"]["type"] == "BlockingIOError"
    assert report["error"]["line"] == line_of(source, "        if os.fork() == 0:")


def _gone(pid: int) -> bool:
    """The process ended (SIGKILL takes a moment to land; a zombie has ended)."""
    for _ in range(100):
        try:
            with open(f"/proc/{pid}/status") as status:
                if "zombie" in status.read():
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.02)
    return False


# ---------------------------------------------------------------- files

@pytest.mark.parametrize("content, error", [
    ("import nosuchmodule\n", {"kind": "raised", "type": "ModuleNotFoundError",
                               "message": "No module named 'nosuchmodule'", "line": 1,
                               "code": "import nosuchmodule"}),
    (b"x = 1\ny = \0\n", {"kind": "syntax", "line": 2, "code": "",
                          "message": "source code string cannot contain null bytes"}),
    (b"x = 1\ny = '\xff'\n", {"kind": "encoding", "line": 2}),
    (b"#" * (harness.SOURCE_CAP + 1), {"kind": "file", "reason": "size",
                                        "limit": harness.SOURCE_CAP}),
    ("def f(:\n    pass\n", {"kind": "syntax", "line": 1, "code": "def f(:",
                             "message": "invalid syntax"}),
], ids=["import", "nul", "latin-1", "huge", "syntax"])
def test_a_file_python_cannot_run_is_one_report(tmp_path, content, error):
    report = harness.check_file(ROW_SUMS, str(write(tmp_path, content)))
    assert report["status"] == "error"
    assert {k: report["error"][k] for k in error} == error


def test_a_folder_in_place_of_the_file_is_one_report_from_the_child(tmp_path):
    (tmp_path / "ex_2_3_6.py").mkdir()
    report = runner.run_check(ROW_SUMS, tmp_path / "ex_2_3_6.py", preload=False)
    assert report["status"] == "error" and report["error"] == {"kind": "file",
                                                              "reason": "directory"}


# ---------------------------------------------------------------- inside the checked function

@pytest.mark.parametrize("body, kind", [
    ("sys.exit(1)", "exit"), ("print('x' * 1000)", "output"), ("input()", "input"),
    ("A = A + 1", "timeout"),
])
def test_what_ends_the_check_inside_a_checked_function_ends_it_once(tmp_path, body, kind):
    """In this process (torch is here; the alarm as the child sets it): the checker calls
    their function, and the end passes through its cases instead of failing each one."""
    import torch  # noqa: F401 - loaded before the clock starts, as in a warm child

    source = f"import sys\n\n\ndef row_normalize(A):\n    while True:\n        {body}\n"
    report = harness.check_file(ROW_SUMS, str(write(tmp_path, source)),
                                seconds=0.3 if kind == "timeout" else None)
    assert report["status"] == ("timeout" if kind == "timeout" else "error")
    assert report["cases"] == [] and report["error"]["kind"] == kind
    assert report["error"]["line"] in (5, 6) if kind == "timeout" else 6


def test_warm_children_with_torch_a_billion_elements_then_the_right_answer(tmp_path):
    """A Warm runner (torch loaded before the request): 4 GB asked of torch meets the memory
    limit; then the next child, started in the background, passes the book's answer."""
    with runner.Warm() as warm:
        waiting = warm._next.process
        report = warm.run_check(ROW_SUMS, write(tmp_path, "import torch\n\n"
                                                "big = torch.zeros(10**9)\n"))
        assert waiting.stdin.closed  # the request went to the child started beforehand
        passed = warm.run_check(ROW_SUMS, write(tmp_path, SOLUTION))
    assert passed["status"] == "passed" and len(passed["cases"]) == 13
    assert all(case["passed"] and case["difference"] is None for case in passed["cases"])
    error = report["error"]
    assert "can't allocate memory" in error.pop("message")  # torch's own words
    assert error == {"kind": "memory", "limit": 3 << 30, "gb": 3.0, "asked": 4 * 10**9,
                     "type": "RuntimeError", "line": 3, "code": "big = torch.zeros(10**9)"}




def test_a_warm_child_dead_or_stale_is_replaced_and_close_ends_the_next(tmp_path,
                                                                       monkeypatch):
    warm = runner.Warm(preload=False)
    os.kill(warm._next.process.pid, 9)
    warm._next.process.wait()
    report = warm.run_check(ROW_SUMS, write(tmp_path, "raise KeyError('k')\n"))
    assert report["error"]["type"] == "KeyError" and report["error"]["line"] == 1
    stale = warm._next
    monkeypatch.setattr(runner, "_stamp", lambda: 0.0)  # prelim's learn code changed since
    report = warm.run_check(ROW_SUMS, write(tmp_path, "import os\nprint(os.getcwd())\n"
                                            "raise KeyError('k')\n"))
    folder = report["output"].strip()
    assert "prelim-learn-" in folder and folder != stale.folder  # a fresh child checked it
    assert not os.path.exists(stale.folder)
    waiting = warm._next
    warm.close()
    assert waiting.process.returncode is not None and not os.path.exists(waiting.folder)


def test_the_parent_never_imports_torch(tmp_path):
    path = write(tmp_path, "raise KeyError('k')\n")
    probe = (f"import sys; from prelim_cli.learn import runner; "
             f"r = runner.run_check({ROW_SUMS!r}, {str(path)!r}, preload=False); "
             f"print(r['error']['type'], 'torch' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(SRC)}, timeout=60)
    assert result.stdout.split() == ["KeyError", "False"], result.stderr
