"""Every command documents itself, and the code obeys its own lint rules."""

import subprocess
import sys
from pathlib import Path

import pytest
import typer

from conftest import prelim
from prelim_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]


def all_commands():
    root = typer.main.get_command(app)
    stack = [((), root)]
    while stack:
        path, cmd = stack.pop()
        yield path, cmd
        if hasattr(cmd, "commands"):  # a group
            stack.extend(((*path, name), sub) for name, sub in cmd.commands.items())


@pytest.mark.parametrize("path, command", list(all_commands()),
                         ids=lambda p: " ".join(p) if isinstance(p, tuple) else "")
def test_every_command_has_help(path, command):
    assert (command.help or "").strip(), f"prelim {' '.join(path)} has no help text"
    result = prelim(*path, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.stdout


def test_ruff_is_clean():
    """Includes TID253: torch/pandas/matplotlib may not be imported at module level
    outside the modules that compute."""
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
