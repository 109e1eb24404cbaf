"""``prelim why``'s demo: the error read, what it means and why, the learner's shapes
aligned as ``prelim broadcast`` aligns them, the fix, and the command that shows it;
and ``--list``, the catalogue by section. No torch: the rule of broadcasting is plain
Python, and the text is only read."""

from __future__ import annotations

from prelim_cli import chapter
from prelim_cli.core.demo import Demo, Message
from prelim_cli.core.values import Printed, Raised, TableValue
from prelim_cli.i18n import Texts
from prelim_cli.topics.broadcast.rules import align, alignment_table
from prelim_cli.topics.why import ENTRIES, Match, explain, key_words
from prelim_cli.topics.why.read import Found, exceptions, read_input

SHOWN_MESSAGE = 160  # characters of an unrecognised message the Error line repeats


def why(text: str | None, language: str) -> Demo:
    """Explain the error in ``text`` (None or "-": read it from stdin)."""
    raw = read_input(text)
    match = explain(raw)
    demo = Demo("why")
    if match is None:
        last = exceptions(raw)[-1]
        demo.add("why.unknown", _line(last), _error(last), count=len(ENTRIES))
        raise demo.fail(_unknown(last))
    entry, texts = match.entry, Texts(language)
    key = "why.read_chained" if match.later else "why.read"
    demo.add(key, _line(match.found), _error(match.found), id=entry.id, later=match.later)
    section = explained(demo, match, language)
    meaning, cause = texts.step(entry.key, match.params)
    demo.extra["match"] = {"id": entry.id, "section": section.number,
                           "section_name": section.name, "type": match.found.type or None,
                           "message": match.found.message, "numbers": match.numbers,
                           "meaning": meaning, "cause": cause, "fix": match.fix,
                           "command": match.command}
    return demo


def explained(demo: Demo, match: Match, language: str) -> chapter.Section:
    """The steps after the error itself: what it means and why, the shapes aligned (when
    they are the problem), the fix, and the lesson that shows it (``prelim learn check``
    adds them under a learner's own error too). The section that teaches it."""
    section = chapter.section(match.entry.section)
    title = Texts(language).step(section.page(chapter.edition_for(language)).key, {})[0]
    demo.add(match.entry.key, "", **match.params)
    shapes = match.operands
    if shapes:
        aligned = align(shapes)
        table = alignment_table(aligned, "ab", "a + b")
        code = "# shapes aligned on the right, one column per axis"
        if aligned.result is None:
            demo.add("why.align", code, table, first=str(shapes[0]), second=str(shapes[1]))
        else:  # they broadcast; the result is not the shape of the tensor written into
            demo.add("why.align_in_place", code, table, first=str(shapes[0]),
                     second=str(aligned.result))
    demo.add("why.fix", match.fix)
    demo.add("why.command", f"# {match.command}", number=section.number, title=title)
    return section


def _line(found: Found) -> str:
    """The line that failed, as a comment: it is the learner's, shown and never run (an
    export keeps it inert too)."""
    return f"# {found.code}" if found.code else ""


def _error(found: Found):
    return Raised(found.type, found.message) if found.type else Printed(found.message)


def _unknown(found: Found) -> Message:
    message = found.message
    if len(message) > SHOWN_MESSAGE:
        message = message[:SHOWN_MESSAGE - 1] + "…"
    what = f"{found.type}: {message}" if found.type else message
    words = ", ".join(key_words(found.message)) or Message("why.no_key_words")
    return Message("why.unknown", what=what, words=words, n=len(ENTRIES))


def listing(language: str) -> Demo:
    """The catalogue, one table per section of the chapter, in book order."""
    texts = Texts(language)
    demo = Demo("why --list")
    for section in chapter.SECTIONS:
        rows = [[e.id, texts.messages[e.key][0]] for e in ENTRIES if e.section == section.name]
        if rows:
            demo.add("why.list", f"# prelim tour {section.name}",
                     TableValue(["id", "what it means"], rows), number=section.number,
                     title=texts.step(section.page(chapter.edition_for(language)).key, {})[0],
                     count=len(rows))
    return demo

