"""--export FILE.ipynb keeps what each step showed: Jupyter itself (nbclient and ipykernel)
runs the notebook and must print the same outputs; the table a step shows is also HTML, the
figure is the SVG file itself; --no-outputs leaves the cells empty; every write is said on
stderr, in the reader's language."""

from html.parser import HTMLParser

import nbformat
import pytest

from conftest import prelim

BOOK_PAIR = ["broadcast", "3,1", "1,2"]


def texts(cell) -> list[tuple[str, str]]:
    """(kind, text) of the outputs Jupyter shows as text: echoed values, printed lines."""
    return [(o.output_type, o.text if o.output_type == "stream" else o.data["text/plain"])
            for o in cell.outputs if o.output_type in ("stream", "execute_result")]


def test_outputs_are_what_jupyter_shows_when_it_runs_the_notebook(tmp_path):
    from nbclient import NotebookClient

    path, svg = tmp_path / "lesson.ipynb", tmp_path / "b.svg"
    result = prelim(*BOOK_PAIR, "--svg", str(svg), "--export", str(path))
    assert result.exit_code == 0, result.stderr
    stored = nbformat.read(path, as_version=4)
    nbformat.validate(stored)
    code = [c for c in stored.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    # The table the step explains with, and the figure, are outputs of their own cells.
    [table] = [o for c in code for o in c.outputs if "text/html" in o.get("data", {})]
    assert table.data["text/html"].startswith('<table class="dataframe">')
    assert "<th>-2 (0)</th>" in table.data["text/html"] and "<td>b: 1→3</td>" in \
        table.data["text/html"]
    [figure] = [o for c in code for o in c.outputs if "image/svg+xml" in o.get("data", {})]
    written = svg.read_text()
    assert figure.data["image/svg+xml"] == written[written.index("<svg"):]
    # text/plain exactly as the repr format shows the session's values
    session = prelim(*BOOK_PAIR, "-f", "repr", "--no-code").stdout
    shown = [o.text.rstrip("\n") if o.output_type == "stream" else o.data["text/plain"]
             for c in code for o in c.outputs if "image/svg+xml" not in o.get("data", {})]
    assert "\n\n".join(shown) + "\n" == session
    # Jupyter, running the notebook in a kernel, shows the same
    ran = nbformat.read(path, as_version=4)
    NotebookClient(ran, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert [texts(c) for c in ran.cells if c.cell_type == "code"] == [texts(c) for c in code]


def test_no_outputs_is_a_notebook_to_run(tmp_path):
    path = tmp_path / "lesson.ipynb"
    assert prelim("tensor", "ops", "--export", str(path), "--no-outputs").exit_code == 0
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)


class Cells(HTMLParser):
    """The rows of an HTML table, each a list of its cells' text."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.rows[-1].append("")

    def handle_data(self, data):
        if self.rows and self.rows[-1] and data.strip():
            self.rows[-1][-1] += data


def test_a_data_frame_is_html_too(tmp_path):
    import pandas as pd

    path = tmp_path / "pre.ipynb"
    assert prelim("preprocess", "--example", "house_tiny", "--export", str(path)).exit_code == 0
    [read] = [c for c in nbformat.read(path, as_version=4).cells
              if c.cell_type == "code" and "pd.read_csv" in c.source]
    [shown] = read.outputs
    (tmp_path / "house_tiny.csv").write_text(HOUSE_TINY)
    frame = pd.read_csv(tmp_path / "house_tiny.csv")  # pandas itself, run here
    assert shown.data["text/plain"] == repr(frame)
    assert Cells(shown.data["text/html"]).rows == [
        ["", *frame.columns], *([str(i), *("NaN" if pd.isna(v) else str(v) for v in row)]
                                for i, row in zip(frame.index, frame.values.tolist()))]


HOUSE_TINY = "NumRooms,Alley,Price\nNA,Pave,127500\n2,NA,106000\n4,NA,178100\nNA,NA,140000\n"


@pytest.mark.parametrize("lang, said", [
    ("en", "wrote {path} ({cells} cells)"), ("zh", "已写入 {path}（{cells} 个单元格）")])
def test_every_write_says_what_it_wrote(tmp_path, lang, said):
    path, svg = tmp_path / "b.ipynb", tmp_path / "b.svg"
    result = prelim(*BOOK_PAIR, "--svg", str(svg), "--export", str(path), "--lang", lang)
    cells = len(nbformat.read(path, as_version=4).cells)
    figure = f"{svg.stat().st_size:,}"
    assert result.stderr.splitlines() == [
        ("wrote {path} ({bytes} bytes)" if lang == "en" else "已写入 {path}（{bytes} 字节）")
        .format(path=svg, bytes=figure), said.format(path=path, cells=cells)]
    script = tmp_path / "b.py"
    result = prelim(*BOOK_PAIR, "--export", str(script), "--lang", lang)
    lines = script.read_text().count("\n")
    assert result.stderr.strip() == ("wrote {} ({} lines)" if lang == "en" else
                                     "已写入 {}（{} 行）").format(script, lines)
