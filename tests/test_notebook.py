"""The example notebook runs top to bottom (slow: starts a kernel)."""

from __future__ import annotations

import pytest

from .conftest import ROOT

NOTEBOOK = ROOT / "examples" / "using_the_output.ipynb"


@pytest.mark.slow
def test_example_notebook_runs() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    # The first cell displays a record: its HTML view, highlighted.
    first = nb.cells[1].outputs[0]["data"]["text/html"]
    assert 'class="xt-ent xt-k-person"' in first
