"""Shared test helpers: run the real CLI in-process, or as a subprocess when the
process itself matters (start-up imports, TTY, exit codes of the entry point)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prelim_cli.cli import app

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    """Tests never depend on the developer's own settings."""
    for var in ("PRELIM_FORMAT", "PRELIM_LANG", "PRELIM_MAX_ELEMENTS", "PRELIM_DEBUG",
                "NO_COLOR", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def prelim(*args: str, input: str | None = None, env: dict | None = None):
    """Invoke the CLI in-process; the result has .exit_code, .stdout and .stderr."""
    return CliRunner().invoke(app, list(args), input=input, env=env)


def prelim_json(*args: str, **kwargs) -> dict:
    result = prelim(*args, "--format", "json", **kwargs)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def values(doc: dict) -> list:
    return [step["value"] for step in doc["steps"]]


def run_subprocess(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    """``python -m prelim_cli ARGS`` in a fresh interpreter, using this checkout's source."""
    full_env = {**os.environ, "PYTHONPATH": str(SRC), "LANG": "C.UTF-8", **(env or {})}
    return subprocess.run([sys.executable, "-m", "prelim_cli", *args], capture_output=True,
                          text=True, env=full_env, timeout=120, **kwargs)


def exported_and_shown(args: list[str], tmp_path) -> tuple[str, str]:
    """Run ``prelim ARGS --export lesson.py``, then the script (prelim's own generated code,
    never user input); return what it printed and what the session showed."""
    import contextlib
    import io
    import runpy

    script = tmp_path / "lesson.py"
    assert prelim(*args, "--export", str(script)).exit_code == 0
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        runpy.run_path(str(script), run_name="__main__")
    return printed.getvalue(), prelim(*args, "-f", "repr", "--no-code").stdout
