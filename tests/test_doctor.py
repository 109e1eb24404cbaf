"""prelim doctor: real versions, and checks that really run (a broken one is reported)."""

import dataclasses
import json
import platform

import pandas as pd
import pytest
import torch

from conftest import prelim, prelim_json
from prelim_cli.topics import doctor


def test_versions_and_device():
    doc = prelim_json("doctor")
    assert doc["versions"]["python"] == platform.python_version()
    assert doc["versions"]["torch"] == torch.__version__
    assert doc["versions"]["pandas"] == pd.__version__
    assert doc["device"]["type"] == ("cuda" if torch.cuda.is_available() else "cpu")
    assert doc["ok"] is True


def test_checks_agree_with_running_the_book_lines_here():
    inputs = pd.DataFrame({"NumRooms": [float("nan"), 2.0, 4.0, float("nan")],
                           "Alley": ["Pave", None, None, None]})
    try:
        inputs.fillna(inputs.mean())
        fillna_fails = False
    except TypeError:
        fillna_fails = True
    checks = {c["name"]: c for c in prelim_json("doctor")["checks"]}
    assert checks["fillna"]["book_fails"] is fillna_fails
    assert all(c["fixed_works"] for c in checks.values())
    steps = {s["key"]: s["value"] for s in prelim_json("doctor")["steps"]}
    assert steps["doctor.dummies.fixed"]["data"] == [[3.0, 1.0, 0.0], [2.0, 0.0, 1.0],
                                                      [4.0, 0.0, 1.0], [3.0, 0.0, 1.0]]
    assert steps["doctor.norm.fixed"]["data"] == 5.0
    assert steps["doctor.plot"]["type"] == "error"
    assert "detach" in steps["doctor.plot"]["message"]
    x = torch.arange(0.0, 3.0, 0.5)  # the line drawn holds the book's x ** 2, no address
    assert steps["doctor.plot.fixed"]["data"] == (x ** 2).tolist()


def test_a_broken_replacement_is_reported_and_exits_1(monkeypatch):
    def broken(variables):
        raise ValueError("simulated breakage")

    checks = tuple(dataclasses.replace(c, run_fixed=broken) if c.name == "fillna" else c
                   for c in doctor.CHECKS)
    monkeypatch.setattr(doctor, "CHECKS", checks)
    result = prelim("doctor", "-f", "json")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: a line prelim relies on fails on these versions: "
                                    "inputs.fillna(inputs.mean(numeric_only=True)) "
                                    "(ValueError: simulated breakage)")
    doc = json.loads(result.stdout)
    assert doc["ok"] is False
    [failed] = [s for s in doc["steps"] if s["value"] == {
        "type": "error", "error": "ValueError", "message": "simulated breakage"}]
    assert "expected_error" not in failed  # the run failed here; it is no lesson


@pytest.mark.parametrize("lang, text", [("en", "The device torch sees"),
                                        ("zh", "torch 看到的设备")])
def test_table_in_both_languages(lang, text):
    result = prelim("doctor", "--lang", lang)
    assert result.exit_code == 0 and text in result.stdout


def test_each_check_names_the_section_of_the_book_that_has_the_line():
    doc = prelim_json("doctor")
    assert {c["name"]: c["section"] for c in doc["checks"]} == {
        "fillna": "2.2", "dummies": "2.2", "plot": "2.4", "norm": "2.3"}


def test_doctor_counts_the_why_errors_these_versions_still_raise_as_catalogued(monkeypatch):
    """A library that rewords a message shows up here (the snippet is swapped for one that
    raises the same error in other words), and prelim why's other entries still count."""
    from prelim_cli.topics.why import ENTRIES, live

    def reworded():
        raise RuntimeError("tensors a and b disagree on their last axis")

    monkeypatch.setitem(live.SNIPPETS, "broadcast_sizes", reworded)
    why = prelim_json("doctor")["why"]
    not_raised = ["no_cuda"] if torch.cuda.is_available() else []
    assert why == {"errors": len(ENTRIES), "recognised": len(ENTRIES) - 1 - len(not_raised),
                   "not_raised": not_raised, "not_recognised": ["broadcast_sizes"]}
