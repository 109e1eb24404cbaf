"""prelim tour: every section in every format, the pause keys on a terminal, and the
exported chapter running on its own."""

import json
import os
import pty
import select
import subprocess
import sys
import time

import nbformat
import pytest

from conftest import SRC, prelim, prelim_json, python_prints, run_script
from prelim_cli.chapter import NAMES


def test_all_sections_in_book_order_as_one_json_document():
    doc = prelim_json("tour")
    assert doc["command"] == "tour"
    assert [s["name"] for s in doc["sections"]] == list(NAMES)
    assert [s["number"] for s in doc["sections"]] == sorted(s["number"] for s in doc["sections"])
    data = doc["sections"][0]
    assert data["title"] == "Data manipulation"
    assert data["steps"][0]["code"] == "x = torch.arange(12)\nx"
    assert [s["number"] for s in data["steps"]] == list(range(1, len(data["steps"]) + 1))


@pytest.mark.parametrize("section", NAMES)
@pytest.mark.parametrize("fmt", ["table", "repr"])
def test_each_section_runs_straight_through_when_not_a_terminal(section, fmt):
    result = prelim("tour", section, "-f", fmt, "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert "Enter" not in result.stdout and "回车" not in result.stdout
    assert result.stdout.strip()


def test_same_demos_as_the_commands():
    tour_steps = prelim_json("tour", "linalg")["sections"][0]["steps"]
    sum_steps = prelim_json("linalg", "sum")["steps"]
    in_tour = [s for s in tour_steps if s["demo"] == "linalg sum"]
    assert [(s["code"], s["value"]) for s in in_tour] == [(s["code"], s["value"])
                                                          for s in sum_steps]



def test_the_gradients_of_2_5_in_the_books_order():
    """2 * torch.dot(x, x), then x.sum() (x.grad all ones), then the non-scalar x * x."""
    steps = prelim_json("tour", "autograd")["sections"][0]["steps"]
    forward = [s["code"] for s in steps if s["key"] == "autograd.forward"]
    assert forward[:3] == ["y = 2 * torch.dot(x, x)\ny", "y = torch.sum(x)\ny", "y = x * x\ny"]
    grads = [s["value"]["data"] for s in steps if s["key"] == "autograd.backward"]
    assert grads[:2] == [[0.0, 4.0, 8.0, 12.0], [1.0, 1.0, 1.0, 1.0]]  # the book's x.grad


def test_broadcasting_plays_the_books_cell_first():
    """§2.1.3: the book's a (3, 1) and b (1, 2), then the three-axis pair."""
    steps = prelim_json("tour", "data")["sections"][0]["steps"]
    operands = [s for s in steps if s["key"] == "broadcast.operands"]
    assert [s["code"] for s in operands] == [
        "a = torch.arange(3).reshape((3, 1))\nb = torch.arange(2).reshape((1, 2))\na, b",
        "a = torch.arange(9).reshape((3, 1, 3))\nb = torch.arange(3).reshape((1, 3, 1))\na, b"]
    total = next(s for s in steps if s["key"] == "broadcast.op")
    assert (total["code"], total["value"]["data"]) == ("a + b", [[0, 1], [1, 2], [2, 3]])

def test_from_starts_mid_section():
    steps = prelim_json("tour", "--from", "linalg:7")["sections"]
    assert [s["name"] for s in steps] == ["linalg", "calculus", "autograd", "probability",
                                          "docs"]
    assert steps[0]["steps"][0]["number"] == 7


@pytest.mark.parametrize("start, message", [("nope:1", "unknown section 'nope'"),
                                            ("linalg:0", "the step must be a number"),
                                            ("linalg:9999", "steps")])
def test_bad_from(start, message):
    result = prelim("tour", "--from", start)
    assert result.exit_code == 1 and message in result.stderr


def _interactive(keys: list[bytes], *args: str) -> str:
    """Run the tour on a pseudo-terminal, pressing ``keys`` one per progress prompt."""
    primary, secondary = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(SRC), "TERM": "xterm", "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "prelim_cli", "tour", *args],
                            stdin=secondary, stdout=secondary, stderr=subprocess.PIPE, env=env)
    os.close(secondary)
    seen, pending, deadline = b"", list(keys), time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([primary], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
        prompts = seen.count("· step ".encode())
        if pending and prompts > len(keys) - len(pending):
            os.write(primary, pending.pop(0))
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError(f"tour did not finish; it showed: {seen[-600:]!r}") from None
    os.close(primary)
    assert proc.returncode == 0, proc.stderr.read().decode()
    return seen.decode()


def test_arrow_keys_count_once_and_escape_quits():
    out = _interactive([b"\x1b[B", b"\x1b[6~", b"\x1b"], "calculus")
    assert "§2.4 · step 3/" in out  # Down, then PageDown: one step each
    assert "§2.4 · step 4/" not in out  # Esc quit


def test_export_never_pauses_even_on_a_terminal(tmp_path):
    out = _interactive([], "calculus", "--export", str(tmp_path / "calculus.py"))
    assert "· step " not in out and "End of the tour" in out
    assert (tmp_path / "calculus.py").exists()


def test_terminal_pauses_enter_next_s_skip_q_quit():
    out = _interactive([b"\n", b"s", b"q"], "--lang", "en")
    assert "§2.1 · step 1/" in out and "§2.1 · step 2/" in out
    assert "§2.1 · step 3/" not in out  # s skipped the rest of §2.1
    assert "§2.2 · step 1/" in out
    assert "§2.2 · step 2/" not in out  # q quit


@pytest.mark.parametrize("section", NAMES)
def test_exported_section_script_prints_what_the_tour_shows(section, tmp_path):
    script = tmp_path / f"{section}.py"
    assert prelim("tour", section, "--export", str(script), "-f", "json").exit_code == 0
    expected = [ln for ln in session_output(section) if "id(Z)" not in ln]
    printed = [ln for ln in run_script(script, tmp_path).splitlines()
               if ln and "id(Z)" not in ln]
    assert printed == expected


def session_output(section: str) -> list[str]:
    """What the tour showed for each step, as ``print`` writes it (its frozen values, without
    prelim's own explanatory tables, which a script has no reason to print)."""
    from prelim_cli.chapter import sections

    [(_, demos)] = sections(section)
    return python_prints(demos)


def test_exported_notebook_is_valid_and_runs(tmp_path):
    path = tmp_path / "chapter.ipynb"
    assert prelim("tour", "--export", str(path), "-f", "json").exit_code == 0
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=300, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    headings = [c.source for c in notebook.cells if c.source.startswith("## ")]
    assert [h for h in headings if h.split()[1].count(".") == 1] == [f"## §{n} {t}" for n, t in (
        ("2.1", "Data manipulation"), ("2.2", "Data preprocessing"), ("2.3", "Linear algebra"),
        ("2.4", "Calculus"), ("2.5", "Automatic differentiation"),
        ("2.6", "Probability and statistics"), ("2.7", "Documentation"))]  # d2l-en's titles
    assert "## §2.1.4 Broadcasting" in headings and "## §2.6.5 An example" in headings
    assert json.loads(path.read_text())["nbformat"] == 4


@pytest.mark.parametrize("named", ["linalg", "2.3", "§2.3", "Linear algebra", "线性代数"])
def test_a_section_by_name_number_or_title_in_either_language(named):
    doc = prelim_json("tour", named)
    assert [s["name"] for s in doc["sections"]] == ["linalg"]


@pytest.mark.parametrize("named", ["Probability", "概率", "Probability and statistics",
                                   "概率与统计"])
def test_a_section_by_its_title_in_either_edition(named):
    from prelim_cli.chapter import find

    assert find(named).name == "probability"


def test_an_unknown_section_is_a_usage_error_listing_them_all():
    result = prelim("tour", "nope")
    assert result.exit_code == 2 and "2.3 linalg" in result.stderr
    assert result.stderr.count("Error:") == 1


def test_list_numbers_every_step_as_from_takes_it():
    listing = prelim_json("tour", "--list")
    tour = prelim_json("tour")
    assert [s["key"] for s in listing["steps"]] == ["tour.list"] * len(tour["sections"])
    for row, section in zip(listing["steps"], tour["sections"]):
        table = row["value"]
        assert [r[0] for r in table["rows"]] == [s["number"] for s in section["steps"]]
        assert [r[1] for r in table["rows"]] == [s["label"] for s in section["steps"]]
        assert [r[2] for r in table["rows"]] == [f"prelim {s['demo']}" for s in section["steps"]]
    zh = prelim_json("tour", "2.3", "--list", "--lang", "zh")
    assert zh["steps"][0]["label"].startswith("§2.3 线性代数")


# d2l-zh e6b18cc and d2l-en 23d7a5a number chapter_preliminaries' subsections differently
EDITION_PARTS = {
    "zh": {"data": [("2.1.1", "入门"), ("2.1.2", "运算符"), ("2.1.3", "广播机制"),
                    ("2.1.4", "索引和切片"), ("2.1.5", "节省内存"),
                    ("2.1.6", "转换为其他Python对象")],
           "probability": [("2.6.1", "基本概率论"), ("2.6.2", "处理多个随机变量")]},
    "en": {"data": [("2.1.1", "Getting started"), ("2.1.2", "Indexing and slicing"),
                    ("2.1.3", "Operations"), ("2.1.4", "Broadcasting"),
                    ("2.1.5", "Saving memory"), ("2.1.6", "Conversion to other Python objects")],
           "probability": [("2.6.1", "A simple example: tossing coins"),
                           ("2.6.5", "An example")]},
}


@pytest.mark.parametrize("edition", ["zh", "en"])
def test_each_edition_numbers_its_subsections_and_plays_its_demos(edition):
    lang = edition  # the default edition is the reader's language's
    doc = prelim_json("tour", "data", "--lang", lang)
    chosen = prelim_json("tour", "data", "--lang", lang, "--edition", edition)["sections"][0]
    assert chosen["parts"] == doc["sections"][0]["parts"]
    assert [s["code"] for s in chosen["steps"]] == [s["code"] for s in doc["sections"][0]["steps"]]
    assert [(p["number"], p["title"]) for p in doc["sections"][0]["parts"]] == \
        EDITION_PARTS[edition]["data"]
    steps = doc["sections"][0]["steps"]
    broadcast = next(p["step"] for p in doc["sections"][0]["parts"]
                     if p["title"] in ("Broadcasting", "广播机制"))
    assert steps[broadcast - 1]["demo"] == "broadcast"  # the part opens on its first step
    listing = prelim_json("tour", "data", "--list", "--lang", lang, "--edition", edition)
    opened = [row[3] for row in listing["steps"][0]["value"]["rows"] if row[3]]
    assert opened == [f"§{n} {t}" for n, t in EDITION_PARTS[edition]["data"]]
    prob = prelim_json("tour", "probability", "--edition", edition, "--lang", lang)
    section = prob["sections"][0]
    assert [(p["number"], p["title"]) for p in section["parts"]] == \
        EDITION_PARTS[edition]["probability"]
    demos = {s["demo"] for s in section["steps"]}
    coin = edition == "en"
    assert ("probability sample --coin" in demos) == coin
    assert ("probability sample" in demos) == (not coin)
    pre = prelim_json("tour", "preprocess", "--edition", edition)["sections"][0]["steps"]
    assert any("RoofType" in s["code"] for s in pre) == coin
    assert section["title"] == ("Probability and statistics" if coin else "概率")


def test_the_english_tour_in_the_terminal_and_exported_per_edition(tmp_path):
    shown = prelim("tour", "data", "--edition", "en", "--no-code").stdout
    assert shown.index("§2.1.2 Indexing and slicing") < shown.index("§2.1.4 Broadcasting")
    zh = prelim("tour", "data", "--edition", "zh", "--no-code", "-f", "repr").stdout
    assert "# §2.1.3 Broadcasting" in zh
    path = tmp_path / "zh.md"
    assert prelim("tour", "probability", "--edition", "zh", "--lang", "zh",
                  "--export", str(path)).exit_code == 0
    headings = [line for line in path.read_text().splitlines() if line.startswith("## ")]
    assert headings == ["## §2.6 概率", "## §2.6.1 基本概率论", "## §2.6.2 处理多个随机变量"]


def test_the_chinese_editions_probability_exports_what_the_tour_shows(tmp_path):
    """The default edition is d2l-en's here (LANG=C.UTF-8): d2l-zh's die, exported and run."""
    import contextlib
    import io
    import runpy

    from conftest import built

    script = tmp_path / "zh.py"
    demos, result = built("tour", "probability", "--edition", "zh", "--export", str(script))
    assert result.exit_code == 0 and demos[0].command == "probability sample"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        runpy.run_path(str(script), run_name="__main__")
    assert [ln for ln in printed.getvalue().splitlines() if ln] == python_prints(demos)
