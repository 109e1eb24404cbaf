"""Chinese line breaking (kinsoku): at every width from 40 to 200, no rendered line starts with
closing punctuation and none ends with opening punctuation, and wrapping loses no character.
The texts are the zh catalog's own (explanations, labels, section titles, error messages) and
the real table output of the zh tour (§2.3 on)."""

import io
import re
import string

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from conftest import built
from prelim_cli.core.env import Output
from prelim_cli.i18n import catalog, errors
from prelim_cli.render import render
from prelim_cli.render.console import make_console
from prelim_cli.render.prose import Prose, wrap

CLOSING = "。，、；：）」』》！？"
OPENING = "（「『《"
BORDERS = " │┃╭╮╰╯─"  # rich's frames around a cell, not part of the text


def _filled(text: str) -> str:
    """A catalog text with every placeholder filled, as a step or an error fills it."""
    return "".join(literal + ("12" if name is not None else "")
                   for literal, name, _, _ in string.Formatter().parse(text))


# Whole sentences: a part of one (an error's "，位于第 12 字节") starts where its sentence goes on.
TEXTS = sorted(t for t in {_filled(t) for pair in catalog("zh").values() for t in pair}
               | {_filled(t) for t in errors("zh").values()} if t and t[0] not in CLOSING)


def broken_rules(lines: list[str]) -> list[str]:
    """The lines that start after a break with closing punctuation, or end at a break with
    opening punctuation (the text's own first and last characters are no break)."""
    last = len(lines) - 1
    return [line for i, line in enumerate(lines)
            if (i > 0 and line.strip(BORDERS)[:1] and line.strip(BORDERS)[0] in CLOSING)
            or (i < last and line.rstrip(BORDERS)[-1:] and line.rstrip(BORDERS)[-1] in OPENING)]


def rendered(text: str, width: int) -> list[str]:
    buffer = io.StringIO()
    make_console(Output(buffer, width=width)).print(Prose(text))
    return buffer.getvalue().splitlines()


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(TEXTS), st.integers(40, 200))
def test_no_zh_line_starts_with_closing_or_ends_with_opening_punctuation(text, width):
    lines = rendered(text, width)
    assert broken_rules(lines) == []
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("中文字，。（）「」；：ab1 ")), max_size=120),
       st.integers(12, 40))
def test_wrap_keeps_the_rules_for_any_mix_of_punctuation_at_any_width(chars, width):
    text = "".join(chars).strip()
    # Two marks in a row at most, as in real text; a longer run could be wider than the line.
    assume(not re.search(f"[{CLOSING}{OPENING}]{{3}}", text))
    lines = wrap(text, width)
    assert broken_rules(lines) == []
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_english_still_breaks_at_spaces():
    assert wrap("The quick brown fox jumps over the lazy dog", 20) == [
        "The quick brown fox", "jumps over the lazy", "dog"]


def test_the_book_sentence_that_began_a_line_with_a_full_stop_no_longer_does():
    text = catalog("zh")["broadcast.align"][1]
    for width in range(40, 80):
        assert broken_rules(wrap(text, width)) == [], width


@pytest.fixture(scope="module")
def zh_tour():
    demos, result = built("tour", "--from", "linalg", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    return demos


@settings(max_examples=3, deadline=None)
@given(st.integers(40, 200))
def test_the_zh_tour_as_a_table_keeps_the_rules_at_any_width(zh_tour, width):
    buffer = io.StringIO()
    for demo in zh_tour:
        render(demo, "table", "zh", True, Output(buffer, width=width))
    lines = buffer.getvalue().splitlines()
    assert len(lines) > 500
    assert broken_rules(lines) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_long_step_label_wraps_right_of_its_number(lang):
    """A heading that takes two lines keeps its text right of "4. ", never at column 0."""
    from conftest import prelim

    message = ("RuntimeError: The size of tensor a (4) must match the size of tensor b (5) "
               "at non-singleton dimension 1")
    result = prelim("why", message, "--lang", lang, env={"COLUMNS": "48"})
    lines = result.stdout.splitlines()[1:]
    numbered = [i for i, line in enumerate(lines) if re.match(r"\d+\. ", line)]
    assert numbered and all(not line or line.startswith(" ") or i in numbered
                            for i, line in enumerate(lines))
    assert any(lines[i + 1].startswith("   ") and lines[i + 1].strip() for i in numbered)
