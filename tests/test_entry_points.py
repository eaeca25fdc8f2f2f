"""The ways in: ``make html`` (the driver) builds; a plain ``pelican`` run stops at once with
a French message naming ``make html``; the README shows the driver's pipeline as it is."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import textwrap

from conftest import ROOT
from label_build import driver


def test_plain_pelican_stops_and_names_make_html(tmp_path):
    output = tmp_path / "sortie"
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    assert "«\u00a0make html\u00a0»" in result.stderr  # French spacing, as every message
    assert "«\u00a0pelican\u00a0» seul" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not output.exists()  # nothing written


def _readme_pipeline() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    found = [b for b in blocks if "def _build(" in b]
    assert len(found) == 1, "the README shows the driver's pipeline in one python block"
    return found[0]


def test_the_readme_shows_the_driver_as_it_is():
    """The README's copy of the pipeline is the driver's code, word for word: change one,
    change the other."""
    source = "".join(
        textwrap.dedent(inspect.getsource(function)) + "\n\n"
        for function in (driver.build, driver._build)
    )
    assert _readme_pipeline().strip() == source.strip()
