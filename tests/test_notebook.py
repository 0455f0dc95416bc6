"""notebooks/explore.ipynb runs top to bottom against the sample corpus (data/raw)."""

from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .conftest import run_assets

ROOT = Path(__file__).resolve().parents[1]


def test_the_notebook_runs_top_to_bottom_on_the_sample(tmp_path, monkeypatch):
    marts = tmp_path / "marts"
    run_assets(ROOT / "data" / "raw", marts)
    nb = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    monkeypatch.setenv("HUIYI_MARTS_DIR", str(marts))
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(str(o.get("data", {}).get("text/plain", o.get("text", ""))) for o in outputs)
    assert "中共中央政治局会议" in text  # the largest series of the sample
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the chart was drawn
