"""Start-up: --help, --version and completion never import torch, pandas or matplotlib."""

import os
import subprocess
import sys

import pytest

from conftest import SRC, run_subprocess

HEAVY = ("torch", "pandas", "matplotlib", "numpy")

PROBE = """
import runpy, sys
sys.argv = ["prelim", *{args!r}]
try:
    runpy.run_module("prelim_cli", run_name="__main__")
except SystemExit:
    pass
print("HEAVY:", sorted(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)
"""


def loaded_heavy_modules(*args: str, env: dict | None = None) -> tuple[str, str]:
    full_env = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
    result = subprocess.run([sys.executable, "-c", PROBE.format(args=list(args), heavy=HEAVY)],
                            capture_output=True, text=True, env=full_env, timeout=120)
    line = [ln for ln in result.stderr.splitlines() if ln.startswith("HEAVY:")][-1]
    return line, result.stdout


@pytest.mark.parametrize("args", [["--help"], ["tensor", "--help"], ["--version"],
                                  ["tensor", "reshape", "--help"], ["why", "--help"], [],
                                  ["why", "grad can be implicitly created only for scalar "
                                          "outputs"],  # why reads text: it needs no torch
                                  ["learn", "--help"], ["learn", "list"]])  # nor learn's list
def test_help_and_version_stay_light(args):
    line, _ = loaded_heavy_modules(*args)
    assert line == "HEAVY: []"


def test_completion_stays_light():
    line, out = loaded_heavy_modules(env={"_PRELIM_COMPLETE": "complete_bash",
                                          "COMP_WORDS": "prelim te", "COMP_CWORD": "1"})
    assert "tensor" in out
    assert line == "HEAVY: []"


def test_a_demo_does_import_torch():
    """The probe can see imports at all (so the tests above are not vacuous)."""
    line, _ = loaded_heavy_modules("tensor", "arange", "3", "-f", "json")
    assert "torch" in line


def test_entry_point_exit_codes():
    assert run_subprocess("tensor", "arange", "3").returncode == 0
    bad = run_subprocess("tensor", "reshape", "5", "3")
    assert bad.returncode == 1
    assert bad.stderr.startswith("Error: cannot reshape 12 elements into (5, 3)")
    assert "Traceback" not in bad.stderr
    assert run_subprocess("tensor", "reshape", "x").returncode == 2


def test_show_completion_prints_a_script():
    result = run_subprocess("--show-completion", "bash",
                            env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert result.returncode == 0
    assert "_prelim_completion" in result.stdout


@pytest.mark.parametrize("args", [["--help"], [], ["-h"]])
def test_the_root_help_is_the_full_apps_own(args):
    """`prelim --help` converts each group without its commands: it must print exactly what
    the whole command tree prints."""
    from typer.testing import CliRunner

    from prelim_cli.cli import load, overview

    app = load()
    full, shallow = CliRunner().invoke(app, args), CliRunner().invoke(overview(app), args)
    assert shallow.output == full.output and "tensor" in full.output
    assert shallow.exit_code == full.exit_code
