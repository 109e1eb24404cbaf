"""The output contract every command shares: formats, languages, terminals, errors."""

import json
import os
import pty
import re
import subprocess
import sys

import pytest

from conftest import SRC, prelim, prelim_json, run_subprocess

ANSI = re.compile(r"\x1b\[")


def test_locale_and_env_choose_language_and_format(monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert prelim_json("tensor", "arange")["lang"] == "zh"
    monkeypatch.setenv("PRELIM_FORMAT", "json")
    monkeypatch.setenv("PRELIM_LANG", "en")
    doc = json.loads(prelim("tensor", "arange").stdout)
    assert doc["lang"] == "en"
    assert json.loads(prelim("tensor", "arange", "-f", "json").stdout)["lang"] == "en"


def test_bad_prelim_format_env_is_a_usage_error(monkeypatch):
    monkeypatch.setenv("PRELIM_FORMAT", "xml")
    result = prelim("tensor", "arange")
    assert result.exit_code == 2 and "xml" in result.stderr


def test_json_document_shape():
    doc = prelim_json("tensor", "reshape", "3", "4")
    assert set(doc) == {"schema_version", "command", "lang", "ok", "steps", "files",
                        "result_shape", "dtype"}
    for step in doc["steps"]:
        assert set(step) == {"id", "key", "label", "code", "explanation", "value"}
    assert set(prelim_json("tensor", "arange", "--no-code")["steps"][0]) == {
        "id", "key", "label", "explanation", "value"}


def test_repr_no_code_prints_only_values():
    out = prelim("tensor", "arange", "3", "-f", "repr", "--no-code").stdout
    assert out == "tensor([0, 1, 2])\n\ntorch.Size([3])\n\n3\n"


def test_piped_output_has_no_ansi_and_machine_formats_are_not_wrapped():
    out = {}
    for fmt in ("table", "repr", "json"):
        # a narrow terminal width changes nothing in repr: a Jupyter cell lays out at 79
        result = run_subprocess("tensor", "ops", "-f", fmt,
                                env={"COLUMNS": "40"} if fmt == "repr" else None)
        assert result.returncode == 0, result.stderr
        assert not ANSI.search(result.stdout)
        out[fmt] = result.stdout
    assert not [line for line in out["table"].splitlines() if line.endswith(" ")]
    assert " tensor([0.5000, 1.0000, 2.0000, 4.0000]),\n" in out["repr"]  # 43 > 40 columns
    assert len(out["json"].splitlines()) == 1


def _run_in_terminal(*args: str, env: dict) -> str:
    """Run prelim with stdout on a pseudo-terminal; return what it wrote."""
    primary, secondary = pty.openpty()
    full_env = {**os.environ, "PYTHONPATH": str(SRC), "TERM": "xterm-256color", **env}
    proc = subprocess.Popen([sys.executable, "-m", "prelim_cli", *args], stdout=secondary,
                            stderr=subprocess.PIPE, env=full_env)
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(primary, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(primary)
    return b"".join(chunks).decode()


def test_terminal_gets_colour_unless_no_color():
    coloured = _run_in_terminal("tensor", "compare", env={})  # clean_env removed NO_COLOR
    assert ANSI.search(coloured)
    plain = _run_in_terminal("tensor", "compare", env={"NO_COLOR": "1"})
    assert not ANSI.search(plain)
    assert "True" in plain


def test_internal_errors_hide_the_traceback_unless_debugging(monkeypatch, capsys):
    from prelim_cli import cli
    from prelim_cli.topics import tensor

    def broken(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(tensor, "arange", broken)
    monkeypatch.setattr(sys, "argv", ["prelim", "tensor", "arange"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: internal error (RuntimeError: boom)")
    assert "PRELIM_DEBUG=1" in err and "Traceback" not in err
    monkeypatch.setenv("PRELIM_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli.main()


def test_version():
    result = prelim("--version")
    from prelim_cli import __version__

    assert result.exit_code == 0 and result.stdout == f"prelim {__version__}\n"


def test_wide_tensors_show_their_first_and_last_columns():
    out = run_subprocess("tensor", "arange", "20", env={"COLUMNS": "60"}).stdout
    assert "│ 0 │ 1 │ 2 │ 3 │ … │ 16 │ 17 │ 18 │ 19 │" in out
    assert max(len(line) for line in out.splitlines()) <= 60


def test_user_text_is_never_rich_markup(tmp_path):
    csv = tmp_path / "m.csv"
    csv.write_text("a[/x],[bold]b\n1,2\n")
    result = prelim("preprocess", str(csv), "--no-target")
    assert result.exit_code == 0, result.stderr
    assert "a[/x]" in result.stdout and "[bold]b" in result.stdout


def test_chinese_explanations_fill_their_lines():
    """A Chinese sentence has no spaces: it must still wrap line by line, not jump whole."""
    from rich.cells import cell_len

    out = run_subprocess("linalg", "norm", "--lang", "zh", "--no-code",
                         env={"COLUMNS": "60"}).stdout
    lines = [ln.rstrip() for ln in out.splitlines()]
    start = next(i for i, ln in enumerate(lines) if "向量元素平方和的平方根" in ln)
    assert cell_len(lines[start]) >= 55  # filled to the width, not broken early
    assert all(cell_len(ln) <= 60 for ln in lines)
