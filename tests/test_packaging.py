"""The wheel carries the rule packs: a plain install, run elsewhere, finds them."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Offline: hatchling comes from the test extras, so no build isolation is needed.
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-q", "-w", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    [built] = out.glob("snslint-*.whl")
    return built


def test_wheel_contains_rule_packs_and_guideline(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {Path(p).name for p in (ROOT / "rules").glob("*.yaml")}
    packed = {Path(n).name for n in names if n.startswith("snslint/rules/")}
    assert shipped and shipped <= packed
    assert "snslint/guideline.yaml" in names


def test_installed_wheel_loads_rules_from_another_directory(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    # Dependencies come from the test environment (no network); snslint itself from the wheel.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "test-deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    # --ignore-installed: the test environment (on the .pth path) may hold snslint itself.
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed", "-q", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run(
        [str(python), "-c", "import snslint.rules as r; print(r.builtin_rules_dir())"],
        cwd=elsewhere, check=True, capture_output=True, text=True,
    ).stdout.strip()
    assert where.startswith(str(venv)), where
    listing = subprocess.run([str(venv / "bin" / "snslint"), "rules"], cwd=elsewhere,
                             capture_output=True, text=True, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    assert listing.returncode == 0, listing.stderr
    assert "links.shortener" in listing.stdout
