"""--export FILE.html in a real browser: headless Chromium (Debian's package; .ci/run installs
it) opens the page over the DevTools protocol, on a pipe, with no library in between. The
page loads without a console error or a request for anything outside the file, every
figure has a size, real text and pixels that are not all one colour, and the page shows
what the table format shows."""

import base64
import io
import json
import os
import shutil
import subprocess

import pytest

from conftest import prelim

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (apt-get install "
                                                          "chromium; .ci/run does)")

FIGURES = """JSON.stringify({
  title: document.title,
  steps: document.querySelectorAll("pre.step").length,
  text: document.body.innerText,
  figures: [...document.querySelectorAll("figure svg")].map(svg => {
    const box = svg.getBoundingClientRect();
    return {x: box.x + scrollX, y: box.y + scrollY, width: box.width, height: box.height,
            texts: svg.querySelectorAll("text").length};
  }),
})"""


def _onto(*fds: int) -> None:
    """In the child: ``fds`` become 3, 4, ... (by way of copies, so none overwrites another)."""
    for target, copy in enumerate([os.dup(fd) for fd in fds], 3):
        os.dup2(copy, target)


class Browser:
    """Chromium driven over --remote-debugging-pipe: commands go in on fd 3, answers and
    events come back on fd 4, each a JSON message ended by a NUL byte."""

    def __init__(self, profile) -> None:
        to_browser, self.commands = os.pipe()
        self.answers, from_browser = os.pipe()
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"],
            pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=lambda: _onto(to_browser, from_browser))
        os.close(to_browser), os.close(from_browser)
        self.pending, self.events, self.next_id, self.session = b"", [], 0, None
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target,
                                 flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")

    def send(self, method: str, **params) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self.receive()
            if answer.get("id") == self.next_id:
                assert "error" not in answer, answer
                return answer["result"]
            self.events.append(answer)

    def receive(self) -> dict:
        while b"\0" not in self.pending:
            chunk = os.read(self.answers, 1 << 20)
            assert chunk, "chromium closed the pipe"
            self.pending += chunk
        message, self.pending = self.pending.split(b"\0", 1)
        return json.loads(message)

    def open(self, path) -> None:
        self.events.clear()
        self.send("Page.navigate", url=path.as_uri())
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            self.events.append(self.receive())

    def problems(self) -> list:
        """Console errors, uncaught exceptions, error log entries, requests off the page."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning"):
                found.append(params)
            elif method == "Runtime.exceptionThrown":
                found.append(params)
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(params["entry"])
            elif method == "Network.requestWillBeSent" and not params["request"][
                    "url"].startswith(("file:", "data:", "about:")):
                found.append(params["request"]["url"])
        return found

    def evaluate(self, expression: str):
        return json.loads(self.send("Runtime.evaluate", expression=expression,
                                    returnByValue=True)["result"]["value"])

    def colours(self, box: dict) -> int:
        """How many colours the page shows inside ``box`` (a figure), from a screenshot."""
        from PIL import Image

        shot = self.send("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                         clip={**{k: box[k] for k in ("x", "y", "width", "height")},
                               "scale": 1})
        image = Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB")
        return len(image.getcolors(maxcolors=1 << 20) or [])

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (AssertionError, OSError):
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self.commands), os.close(self.answers)


def test_pages_load_clean_and_every_figure_renders(tmp_path):
    lesson, chapter = tmp_path / "broadcast.html", tmp_path / "probability.html"
    result = prelim("broadcast", "3,1", "1,2", "--svg", str(tmp_path / "b.svg"),
                    "--export", str(lesson))
    assert result.exit_code == 0, result.stderr
    assert f"wrote {lesson} (8 steps, 1 figure)" in result.stderr
    assert prelim("tour", "probability", "--export", str(chapter)).exit_code == 0
    shown = prelim("broadcast", "3,1", "1,2").stdout  # the table format, in a pipe
    browser = Browser(tmp_path / "profile")
    try:
        browser.open(lesson)
        page = browser.evaluate(FIGURES)
        assert browser.problems() == []
        assert page["title"] == "prelim broadcast" and page["steps"] == 8
        [figure] = page["figures"]
        assert figure["width"] > 200 and figure["height"] > 200 and figure["texts"] > 5
        assert browser.colours(figure) > 10  # drawn: blue, green, grey cells, black text
        # what the terminal shows, word for word (its lines wrap at 80 columns, the page's
        # at 100)
        assert " ".join(shown.split()) in " ".join(page["text"].split())
        browser.open(chapter)  # a tour section: a page with no figure, just as clean
        page = browser.evaluate(FIGURES)
        assert browser.problems() == []
        assert page["figures"] == [] and "§2.6 Probability" in page["text"]
        broken = tmp_path / "broken.html"  # the checks can fail: a page that breaks them
        broken.write_text('<img src="http://127.0.0.1:9/x.png"><script>console.error("no")'
                          "</script>")
        browser.open(broken)
        assert len(browser.problems()) >= 2
    finally:
        browser.close()
