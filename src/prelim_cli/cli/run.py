"""``demo_command``: the one place where a demo meets the user.

It registers a topic-calling function as a Typer command with the common options,
then, for every run: checks the files the user asked for before any work is done,
builds the demo, writes the files it produced (atomically), exports it, renders it,
and turns a ``PrelimError`` into ``Error: ...`` on stderr with its exit code. A
command module only parses its own arguments and calls one topic function.
"""

import functools
import inspect
from pathlib import Path
from typing import Callable, Optional, get_args

import typer
from typer._click.exceptions import ClickException  # typer's own click

from prelim_cli.cli.options import (
    DemoCommand,
    Edition,
    EditionOpt,
    ExportOpt,
    ForceOpt,
    Format,
    FormatOpt,
    FullOpt,
    Lang,
    LangOpt,
    NoCodeOpt,
    NoOutputsOpt,
    Target,
)
from prelim_cli.core.errors import PrelimError, UsageError

_KW = inspect.Parameter.KEYWORD_ONLY
_COMMON = [inspect.Parameter("fmt", _KW, default=Format.table, annotation=FormatOpt),
           inspect.Parameter("lang", _KW, default=None, annotation=LangOpt),
           inspect.Parameter("no_code", _KW, default=False, annotation=NoCodeOpt),
           inspect.Parameter("export", _KW, default=None, annotation=ExportOpt),
           inspect.Parameter("no_outputs", _KW, default=False, annotation=NoOutputsOpt),
           inspect.Parameter("force", _KW, default=False, annotation=ForceOpt),
           inspect.Parameter("full", _KW, default=False, annotation=FullOpt),
           inspect.Parameter("ctx", _KW, annotation=typer.Context)]  # typer fills it in
ENV = "env"  # a build that takes this parameter gets the Output environment
LANGUAGE = "language"  # and this one the reader's language (en or zh)
EDITION = "edition"  # and this one --edition: the book it follows (zh or en)
FORCE = "force"  # and this one --force (a file the build writes itself may be replaced)


def fail(message: str, code: int = 1) -> typer.Exit:
    """``message`` is already in the reader's language."""
    typer.echo(message, err=True)
    return typer.Exit(code)


def language(lang: Optional[Lang]) -> str:
    from prelim_cli.i18n import default_lang

    return lang.value if lang else default_lang()


def edition_of(edition: Optional[Edition], lang: str) -> str:
    """--edition (or PRELIM_EDITION); else the reader's language says: zh reads d2l-zh."""
    from prelim_cli.chapter import edition_for

    return edition.value if edition else edition_for(lang)


def _targets(parameters) -> dict[str, tuple[str, Target]]:
    """The build's file options: parameter name -> (the option as typed, its Target)."""
    found = {}
    for name, p in parameters.items():
        meta = get_args(p.annotation)[1:]
        target = next((m for m in meta if isinstance(m, Target)), None)
        if target:
            info = next(m for m in meta if hasattr(m, "param_decls"))
            # In Annotated[..., typer.Option("--svg")] typer keeps "--svg" as the default.
            decls = (info.default,) if isinstance(info.default, str) else info.param_decls
            option = decls[0] if decls else "--" + name.replace("_", "-")
            found[name] = (option, target)
    return found


def demo_command(group: typer.Typer, name: str, **settings) -> Callable:
    """Register ``build`` (which returns a Demo, or the tour) as a command with the common
    options."""

    def register(build: Callable) -> Callable:
        own = inspect.signature(build).parameters
        targets = _targets(own)

        @functools.wraps(build)
        def command(*args, fmt: Format, lang: Optional[Lang], no_code: bool,
                    export: Optional[str], no_outputs: bool, force: bool, full: bool,
                    ctx: typer.Context, **kwargs):
            from prelim_cli.core.env import Output
            from prelim_cli.render import render

            lang_name, out = language(lang), Output.from_env()
            if ENV in own:
                kwargs[ENV] = out
            if LANGUAGE in own:
                kwargs[LANGUAGE] = lang_name
            if FORCE in own:
                kwargs[FORCE] = force
            wanted: list = []
            if EDITION in own:
                kwargs[EDITION] = edition_of(kwargs[EDITION], lang_name)
            try:
                wanted = _check_targets(targets, kwargs, export, force)
                subject = build(*args, **kwargs)
                if getattr(subject, "present", False) and fmt is Format.json:
                    raise UsageError("run.present_json")
                written = _write(subject, wanted, lang_name, force, not no_outputs)
            except PrelimError as err:
                from prelim_cli.core.errors import Message

                said = Message("run.export_wrote_nothing", error=err.message) if export \
                    else err.message
                message = said.text(lang_name)
                failed = err.demo if err.demo is not None else _empty(fmt, ctx)
                # a lesson that fails on purpose may still draw what went wrong (the axis
                # that does not broadcast): the files it made are whole, so they are written
                drawn = _write(err.demo, [w for w in wanted if w[0] != "--export"], lang_name,
                               force) if err.demo is not None and err.demo.files else []
                if failed is not None:  # the lesson's steps so far, or JSON's error document
                    render(failed, fmt.value, lang_name, not no_code, out, full=full,
                           files=drawn, error={"message": message, "code": err.exit_code})
                raise fail(Message("error.line", message=said).text(lang_name),
                           err.exit_code) from None
            except (typer.Exit, typer.Abort, ClickException):  # typer's own: usage, exit
                raise
            except Exception as err:  # a bug in prelim: a script still gets its one document
                if fmt is Format.json:
                    from prelim_cli.cli.process import bug_message

                    render(_empty(fmt, ctx), fmt.value, lang_name, not no_code, out,
                           error={"message": bug_message(err).text(lang_name), "code": 1})
                raise
            if getattr(subject, "present", False):
                from prelim_cli.present import present

                present(subject, fmt.value, lang_name, not no_code, out)
                return
            render(subject, fmt.value, lang_name, not no_code, out, full=full, files=written,
                   pause=_pause(subject, fmt, lang_name, out, export))

        mine = [p.replace(default=None, annotation=EditionOpt) if n == EDITION else p
                for n, p in own.items() if n not in (ENV, LANGUAGE, FORCE)]
        command.__signature__ = inspect.signature(build).replace(parameters=[*mine, *_COMMON])
        group.command(name, cls=DemoCommand, **settings)(command)
        return build

    return register


def _check_targets(targets: dict, kwargs: dict, export: Optional[str],
                   force: bool) -> list[tuple[str, Path, list]]:
    """Refuse every bad target before any work is done; the (option, path, files it must
    not overwrite) asked for."""
    from prelim_cli.core.files import check_folder, check_target
    from prelim_cli.export import SUFFIXES

    wanted = []
    for name, (option, target) in targets.items():
        if kwargs.get(name) is not None and target.folder:
            wanted.append((option, check_folder(kwargs[name], option), FOLDER))
        elif kwargs.get(name) is not None:
            protect = [kwargs[p] for p in target.protect if kwargs.get(p)]
            wanted.append((option, check_target(kwargs[name], force, protect,
                                                target.allowed(), option), protect))
    if export is not None:
        wanted.append(("--export", check_target(export, force, suffixes=SUFFIXES,
                                                option="--export"), []))
    return wanted


def _write(subject, wanted: list[tuple[str, Path, list]], lang: str, force: bool,
           outputs: bool = True) -> list[dict]:
    """Write what the demo produced, then the export; say on stderr what was written (in the
    reader's language); report each file, a companion under the option that implied it."""
    from prelim_cli.core.files import write_atomic
    from prelim_cli.export import write_export
    from prelim_cli.i18n import Texts

    produced = {file.path: file for file in getattr(subject, "files", [])}
    wanted = _in_folders(produced, wanted, force)
    _check_companions(produced, wanted, force)
    written = []
    for option, path, _ in wanted:
        if option == "--export":
            said = [write_export(path, _export_sections(subject, lang), lang, outputs)]
            paths, kind = [path], "lesson"
        elif path in produced:
            file = produced[path]
            write_atomic(path, file.write, file.companions)
            if file.read_back:
                file.read_back(path)
            paths, kind = [path, *file.companions], file.kind
            said = [Texts(lang).step("files.wrote_bytes", {
                "path": p, "bytes": f"{p.stat().st_size:,}"})[0] for p in paths]
        else:
            continue
        for line in said:
            typer.echo(line, err=True)
        written += [{"option": option, "path": str(p), "kind": kind, "bytes": p.stat().st_size}
                    for p in paths]
    return written


FOLDER = ["folder"]  # in place of the files to protect: the option names a folder


def _in_folders(produced: dict, wanted: list[tuple[str, Path, list]],
                force: bool) -> list[tuple[str, Path, list]]:
    """A folder option asks for every file the demo made in it: each is checked now, as a
    file option's is, before anything is written."""
    from prelim_cli.core.files import check_target

    files = []
    for option, path, protect in wanted:
        if protect is not FOLDER:
            files.append((option, path, protect))
            continue
        for inside in (p for p in produced if p.parent == path):
            files.append((option, check_target(inside, force, option=option), []))
    return files


def _check_companions(produced: dict, wanted: list[tuple[str, Path, list]],
                      force: bool) -> None:
    """A companion is known only once the demo is built: check it as its option's own file
    was checked, before anything is written, so a run writes all its files or none."""
    from prelim_cli.core.files import check_target

    for option, path, protect in wanted:
        for companion in produced[path].companions if path in produced else ():
            check_target(companion, force, protect, option=f"{option} {path} also writes")


def _empty(fmt: Format, ctx: typer.Context):
    """For JSON, a request that failed before any step still prints one document, named
    by the command as typed after the program's name (tensor reshape)."""
    from prelim_cli.core.demo import Demo

    return Demo(ctx.command_path.partition(" ")[2]) if fmt is Format.json else None


def _is_demo(subject) -> bool:
    from prelim_cli.core.demo import Demo

    return isinstance(subject, Demo)


def _export_sections(subject, lang: str) -> list[tuple[str, list]]:
    if _is_demo(subject):
        return [(f"prelim {subject.command}", [subject])]
    from prelim_cli.i18n import Texts
    from prelim_cli.tour import part_title, parts_of

    texts, headed = Texts(lang), []
    for page, demos in subject.demos():  # the section, then each subsection the edition numbers
        headed.append((f"§{page.number} {texts.step(page.key, {})[0]}", []))
        for part, shown in parts_of(page, demos):
            if part.number:
                headed.append((part_title(part, texts), shown))
            else:
                headed[-1][1].extend(shown)
    return headed


def _pause(subject, fmt: Format, lang: str, out, export: Optional[str]):
    """A tour waits for a key after each step when a person is at a terminal (and did not
    ask for a file: ``tour --export`` runs straight through)."""
    if _is_demo(subject) or not subject.interactive or fmt is Format.json or export \
            or not (out.is_tty and out.stdin_tty):
        return None
    from prelim_cli.i18n import Texts
    from prelim_cli.tour import pauser

    return pauser(Texts(lang), out)

