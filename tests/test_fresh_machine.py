"""``make test`` on a fresh machine: the system packages the tests need are installed by
``scripts/test_system_deps.sh``, or it stops at once saying what to install; CI runs exactly
the README's command."""

from __future__ import annotations

import os
import subprocess

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "test_system_deps.sh"


def test_without_apt_get_it_stops_at_once_saying_what_to_install(tmp_path):
    # A PATH with nothing on it: no apt-get, no java, no soffice; no chromium at its path.
    env = {"PATH": str(tmp_path), "CHROMIUM_BINARY": str(tmp_path / "chromium")}
    run = subprocess.run(
        ["/bin/bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=30
    )
    assert run.returncode == 1
    assert "cannot install chromium default-jre-headless libreoffice-writer-nogui" in run.stderr
    assert "apt-get is not available on this machine" in run.stderr
    assert "sudo apt-get install -y chromium default-jre-headless" in run.stderr
    assert run.stdout == ""  # nothing else: no test ran


def test_with_everything_present_it_says_nothing(tmp_path):
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n", encoding="utf-8")
    chromium.chmod(0o755)
    for tool in ("java", "soffice"):
        (tmp_path / tool).write_text("#!/bin/sh\n", encoding="utf-8")
        (tmp_path / tool).chmod(0o755)
    env = {"PATH": str(tmp_path), "CHROMIUM_BINARY": str(chromium)}
    run = subprocess.run(["/bin/bash", str(SCRIPT)], env=env, capture_output=True, text=True)
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "")


def test_make_test_installs_first_and_ci_runs_only_the_readme_command():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    test_rule = next(line for line in makefile.splitlines() if line.startswith("test:"))
    assert test_rule.split(":")[1].split()[0] == "system-test-deps"  # before anything else
    ci = [
        line
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert ci[-1] == "make test" and not any("apt" in line for line in ci)
    assert "make test" in (ROOT / "README.md").read_text(encoding="utf-8").split("```")[1]
    assert os.access(SCRIPT, os.X_OK)
