"""The README shows real output: every `$ prelim ...` example in it is run, and each line
it shows (excerpts are marked …) must appear in what the command prints, in order."""

import re
import shlex
from pathlib import Path

import pytest

from conftest import prelim

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def examples():
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.S):
        command, shown = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command:
                    yield command, shown
                command, shown = line[2:], []
            elif command:
                shown.append(line)
        if command:
            yield command, shown


@pytest.mark.parametrize("command, shown", list(examples()), ids=lambda v: v if isinstance(
    v, str) else "")
def test_readme_example_is_real(command, shown):
    words = shlex.split(command.split(" | ")[0].split(" > ")[0])
    assert words[0] == "prelim"
    result = prelim(*words[1:])
    printed = [line.rstrip() for line in (result.stdout + result.stderr).splitlines()]
    position = 0
    for line in (ln.rstrip() for ln in shown):
        if not line or line == "…":
            continue
        assert line in printed[position:], f"README line not printed by `{command}`: {line!r}"
        position = printed.index(line, position) + 1
