"""Shared test helpers: run the real CLI in-process, or as a subprocess when the
process itself matters (start-up imports, TTY, exit codes of the entry point)."""

import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from typer.testing import CliRunner

import prelim_cli.render
from prelim_cli.cli import app

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    """Tests never depend on the developer's own settings."""
    for var in ("PRELIM_FORMAT", "PRELIM_LANG", "PRELIM_MAX_ELEMENTS", "PRELIM_DEBUG",
                "NO_COLOR", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "PRELIM_EXERCISES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("PRELIM_SERVER", "off")  # a developer's warm server never answers tests


def prelim(*args: str, input: str | None = None, env: dict | None = None):
    """Invoke the CLI in-process; the result has .exit_code, .stdout and .stderr."""
    return CliRunner().invoke(app, list(args), input=input, env=env)


def built(*args: str, **kwargs):
    """Run ``prelim ARGS`` in-process; the demos it rendered (a tour's: every demo it played)
    and the result. A lesson that fails on purpose renders its demo too."""
    seen, render = [], prelim_cli.render.render

    def spy(subject, *rest, **options):
        seen.append(subject)
        render(subject, *rest, **options)

    with mock.patch.object(prelim_cli.render, "render", spy):
        result = prelim(*args, **kwargs)
    assert len(seen) == 1, result.stderr
    demos = [d for _, ds in seen[0].played for d in ds] if hasattr(seen[0], "played") \
        else seen
    return demos, result


def python_prints(demos) -> list[str]:
    """What ``print`` writes for each step's value, line by line: Python's own repr, as an
    exported script prints it (prelim's explanatory tables are not printed)."""
    from prelim_cli.core.values import NO_VALUE, TableValue

    shown = [v.repr if hasattr(v, "repr") else repr(v) for demo in demos for v in
             (step.value for step in demo.steps)
             if v is not NO_VALUE and v is not None and not isinstance(v, TableValue)]
    return [line for text in shown for line in text.splitlines() if line]


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


def run_script(path, cwd=None) -> str:
    """Run an exported script (prelim's own generated code, never user input) as
    ``python path`` would, in a fresh namespace but in this interpreter (torch is loaded
    already: a process per script cost most of the suite's time), in ``cwd`` (default: its
    folder); what it printed. The global random generators are put back afterwards."""
    import contextlib
    import io
    import runpy

    import torch

    printed, rng, here = io.StringIO(), torch.get_rng_state(), os.getcwd()
    try:
        os.chdir(cwd or Path(path).parent)
        with contextlib.redirect_stdout(printed):
            runpy.run_path(str(path), run_name="__main__")
    finally:
        os.chdir(here)
        torch.set_rng_state(rng)
    return printed.getvalue()


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
