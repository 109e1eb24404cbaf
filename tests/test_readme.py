"""The README shows real output: every `$ prelim ...` example in it is run, and each line
it shows (excerpts are marked …) must appear in what the command prints, in order."""

import re
import shlex
from pathlib import Path

import pytest

from conftest import prelim

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()

# The files the README's examples read, in the folder they run in.
FILES = {
    "cities.csv": "city,size,price\nParis,1,10\nLyon,2,20\nParis,,30\nNice,4,40\n,5,50\n"
                  "Lyon,6,60\nBrest,7,70\n",
    "wide.csv": "n,city,shop,price\n" + "".join(f"{i},c{i % 900},s{i % 50},{2 * i}\n"
                                                for i in range(3000)),
}


SESSION = "<!-- one session -->"  # before a console block: its commands run in one folder


def blocks(session: bool):
    """The console blocks: each alone (its commands in a folder of their own), or those
    marked as one session (a learner's commands, in order, in one folder)."""
    for before, block in re.findall(r"([^\n]*)\n```console\n(.*?)```", README, flags=re.S):
        if (before.strip() == SESSION) == session:
            yield block


def commands(block: str):
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


def examples():
    for block in blocks(session=False):
        yield from commands(block)


@pytest.mark.parametrize("command, shown", list(examples()), ids=lambda v: v if isinstance(
    v, str) else "")
def test_readme_example_is_real(command, shown, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, text in FILES.items():
        (tmp_path / name).write_text(text)
    shows(command, shown)


@pytest.mark.parametrize("block", list(blocks(session=True)),
                         ids=lambda block: block.splitlines()[0][2:])
def test_readme_session_is_real(block, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for command, shown in commands(block):
        shows(command, shown)


def shows(command: str, shown: list[str]) -> None:
    """Run ``command`` here: each line the README shows must be printed, in order."""
    words = shlex.split(command.split(" | ")[0].split(" > ")[0])
    env = {}
    while "=" in words[0]:  # NAME=value prelim ...
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    assert words[0] == "prelim"
    result = prelim(*words[1:], env=env)
    printed = [line.rstrip() for line in (result.stdout + result.stderr).splitlines()]
    position = 0
    for line in (ln.rstrip() for ln in shown):
        if not line or line == "…":
            continue
        assert line in printed[position:], f"README line not printed by `{command}`: {line!r}"
        position = printed.index(line, position) + 1
