"""prelim tour --figures DIR: each section that draws a figure in the book writes its SVG
into DIR, through the same checked, atomic writes as --plot and --svg."""

import json
import xml.etree.ElementTree as ET

import pytest

from conftest import prelim
from prelim_cli import chapter

SVG = "{http://www.w3.org/2000/svg}svg"


def figures_of(section: str) -> set[str]:
    """The SVG names the registry gives a section's demos."""
    return {p.figure[1] for p in chapter.section(section).page("zh").tour if p.figure}


def tour_json(*args):
    result = prelim("tour", *args, "--no-pause", "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_every_section_that_draws_in_the_book_has_a_figure():
    assert figures_of("data") == {"2.1-broadcast.svg", "2.1-broadcast-3d.svg"}
    assert figures_of("calculus") == {"2.4-tangent.svg"}
    assert figures_of("autograd") == {"2.5-sin.svg"}
    assert figures_of("probability") == {"2.6-convergence.svg"}


@pytest.mark.parametrize("section", ["calculus", "probability"])
def test_figures_are_written_valid_and_the_steps_say_where(tmp_path, section):
    doc = tour_json(section, "--figures", str(tmp_path))
    names = figures_of(section)
    assert {p.name for p in tmp_path.iterdir()} == names
    for name in names:
        root = ET.parse(tmp_path / name).getroot()  # well-formed XML
        assert root.tag == SVG and root.find(f".//{SVG[:-3]}path") is not None
    written = {f["path"]: f for f in doc["files"]}
    assert set(written) == {str(tmp_path / n) for n in names}
    assert all(f["option"] == "--figures" and f["kind"] == "figure" and
               f["bytes"] == (tmp_path / n).stat().st_size
               for n in names for f in [written[str(tmp_path / n)]])
    steps = [s for section in doc["sections"] for s in section["steps"]] \
        if "sections" in doc else doc["steps"]
    said = " ".join(s["label"] + s.get("code", "") for s in steps)
    assert all(str(tmp_path / n) in said for n in names)


def test_figures_are_the_same_bytes_every_time(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    tour_json("calculus", "--figures", str(first))
    tour_json("calculus", "--figures", str(second))
    again = (first / "2.4-tangent.svg").read_bytes()
    assert (second / "2.4-tangent.svg").read_bytes() == again
    tour_json("calculus", "--figures", str(first), "--force")  # over the old file: same bytes
    assert (first / "2.4-tangent.svg").read_bytes() == again


def test_an_existing_figure_needs_force_and_nothing_is_written(tmp_path):
    (tmp_path / "2.4-tangent.svg").write_text("mine")
    result = prelim("tour", "calculus", "--figures", str(tmp_path), "--no-pause")
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: --figures {tmp_path / '2.4-tangent.svg'}: file "
                                     "exists; add --force to overwrite it")
    assert (tmp_path / "2.4-tangent.svg").read_text() == "mine"


@pytest.mark.parametrize("where, says", [
    ("missing", "does not exist; create it first"),
    ("file.txt", "is a file, not a folder"),
])
def test_a_bad_folder_is_refused_before_the_tour_runs(tmp_path, where, says):
    (tmp_path / "file.txt").write_text("x")
    result = prelim("tour", "calculus", "--figures", str(tmp_path / where), "--no-pause")
    assert result.exit_code == 1 and says in result.stderr
    assert result.stdout == ""  # nothing played
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_without_figures_the_tour_draws_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = tour_json("calculus")
    assert doc["files"] == [] and list(tmp_path.iterdir()) == []
