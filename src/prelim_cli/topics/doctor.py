"""prelim doctor: what is installed, which device torch sees, and — checked live, on
these versions — which of the book's snippets fail, next to the line that works."""

from __future__ import annotations

import platform
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

import pandas as pd
import torch

from prelim_cli import chapter
from prelim_cli.core.attempt import attempt
from prelim_cli.core.demo import Demo
from prelim_cli.core.values import Raised

PACKAGES = ("torch", "pandas", "numpy", "matplotlib", "typer", "rich")


@dataclass(frozen=True)
class Check:
    """One of the book's lines and the line that works today, each as code and as a call
    doing exactly that code (so the check runs live, and nothing is eval'ed)."""

    section: str  # where the book has the line: a section's name in the chapter registry
    key: str  # the catalog entry of the book's line: doctor.<name>
    fixed_key: str  # and of the line that works
    setup: str
    book: str
    fixed: str
    make: Callable[[], dict]  # runs `setup`, returns its variables
    run_book: Callable[[dict], object]
    run_fixed: Callable[[dict], object]

    @property
    def name(self) -> str:
        """What the JSON report calls the check: ``fillna`` for doctor.fillna."""
        return self.key.removeprefix("doctor.")


def _house(rooms: list[float]) -> dict:
    return {"inputs": pd.DataFrame({"NumRooms": rooms, "Alley": ["Pave", None, None, None]})}


def _curve() -> dict:
    from prelim_cli.render.svg import new_figure

    x = torch.arange(0.0, 3.0, 0.5, requires_grad=True)
    return {"x": x, "y": x**2, "axes": new_figure(3.5, 2.5).add_subplot()}


NAN = float("nan")
CHECKS = (
    Check("preprocess", "doctor.fillna", "doctor.fillna.fixed",
          "inputs = pd.DataFrame({'NumRooms': [float('nan'), 2.0, 4.0, float('nan')],\n"
          "                       'Alley': ['Pave', None, None, None]})",
          "inputs.fillna(inputs.mean())",
          "inputs.fillna(inputs.mean(numeric_only=True))",
          lambda: _house([NAN, 2.0, 4.0, NAN]),
          lambda v: v["inputs"].fillna(v["inputs"].mean()),
          lambda v: v["inputs"].fillna(v["inputs"].mean(numeric_only=True))),
    Check("preprocess", "doctor.dummies", "doctor.dummies.fixed",
          "inputs = pd.DataFrame({'NumRooms': [3.0, 2.0, 4.0, 3.0],\n"
          "                       'Alley': ['Pave', None, None, None]})",
          "torch.tensor(pd.get_dummies(inputs, dummy_na=True).values)",
          "torch.tensor(pd.get_dummies(inputs, dummy_na=True, dtype=float).to_numpy(dtype=float))",
          lambda: _house([3.0, 2.0, 4.0, 3.0]),
          lambda v: torch.tensor(pd.get_dummies(v["inputs"], dummy_na=True).values),
          lambda v: torch.tensor(pd.get_dummies(v["inputs"], dummy_na=True, dtype=float)
                                 .to_numpy(dtype=float))),
    Check("calculus", "doctor.plot", "doctor.plot.fixed",
          "from matplotlib.figure import Figure\n"
          "x = torch.arange(0.0, 3.0, 0.5, requires_grad=True)\n"
          "y = x ** 2\n"
          "axes = Figure(figsize=(3.5, 2.5)).add_subplot()",
          "axes.plot(x, y)  # what d2l.plot does with its arguments",
          "axes.plot(x.detach(), y.detach())[0].get_ydata()",
          _curve,
          lambda v: v["axes"].plot(v["x"], v["y"]),
          lambda v: v["axes"].plot(v["x"].detach(), v["y"].detach())[0].get_ydata()),
    Check("linalg", "doctor.norm", "doctor.norm.fixed",
          "u = torch.tensor([3.0, -4.0])",
          "torch.norm(u), 'deprecated' in torch.norm.__doc__",
          "torch.linalg.vector_norm(u)",
          lambda: {"u": torch.tensor([3.0, -4.0])},
          lambda v: (torch.norm(v["u"]), "deprecated" in (torch.norm.__doc__ or "")),
          lambda v: torch.linalg.vector_norm(v["u"])),
)


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def device() -> tuple[str, str]:
    if torch.cuda.is_available():
        return "cuda", torch.cuda.get_device_name(0)
    if torch.backends.mps.is_available():
        return "mps", "Apple Metal"
    return "cpu", platform.processor() or platform.machine()


def doctor() -> Demo:
    demo = Demo("doctor")
    found = versions()
    demo.add("doctor.versions", "from importlib.metadata import version\n"
             f"pd.Series({{name: version(name) for name in {list(PACKAGES)!r}}}, name='version')",
             pd.Series({k: v for k, v in found.items() if k != "python"}, name="version"),
             python=found["python"])
    kind, name = device()
    demo.add("doctor.device", "'cuda' if torch.cuda.is_available() else "
             "'mps' if torch.backends.mps.is_available() else 'cpu'", kind, name=name)
    results, broken = [], []
    for check in CHECKS:
        variables = check.make()
        book = demo.add(check.key, f"{check.setup}\n{check.book}",
                        attempt(check.run_book, variables))
        fixed = attempt(check.run_fixed, variables)
        if isinstance(fixed, Raised):  # a line prelim relies on: the run fails, no lesson
            fixed = fixed.as_failure()
            broken.append(f"{check.fixed} ({fixed.type}: {fixed.message})")
        demo.add(check.fixed_key, check.fixed, fixed)
        results.append({"name": check.name, "section": chapter.section(check.section).number,
                        "book": check.book,
                        "book_fails": isinstance(book, Raised), "fixed": check.fixed,
                        "fixed_works": not isinstance(fixed, Raised)})
    why = _why_catalogue(demo)
    demo.extra.update(versions=found, device={"type": kind, "name": name},
                      checks=results, why=why)
    if broken:
        raise demo.fail("doctor.broken", broken="; ".join(broken))
    return demo


def _why_catalogue(demo: Demo) -> dict:
    """How many of prelim why's errors still read right on these versions: each one raised
    here, its traceback fed back to the explainer. A miss degrades ``prelim why`` (a
    library reworded a message) but breaks nothing else, so it is reported, not failed."""
    from prelim_cli.core.values import TableValue
    from prelim_cli.topics.why import live

    outcomes = live.check()
    rows = []
    for section in chapter.SECTIONS:
        mine = [o for o in outcomes if o.entry.section == section.name]
        if mine:
            rows.append([f"{section.number} {section.name}", len(mine),
                         sum(o.recognised for o in mine)])
    recognised = sum(o.recognised for o in outcomes)
    demo.add("doctor.why", "# prelim why --list: each error raised here, its traceback read "
             "back", TableValue(["section", "errors", "recognised"], rows),
             recognised=recognised, total=len(outcomes))
    return {"errors": len(outcomes), "recognised": recognised,
            "not_raised": [o.entry.id for o in outcomes if o.error is None],
            "not_recognised": [o.entry.id for o in outcomes
                               if o.error is not None and not o.recognised]}
