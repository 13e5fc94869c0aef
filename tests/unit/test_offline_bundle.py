"""`make bundle` and `make … OFFLINE=DIR` (issue #42), on a small project: this Makefile with two small pure-Python
requirements (olefile for `make run`, xlwt added for the tests). scripts/offline_bundle.py fetches their wheels and
uv's from the registry, then installs the bundle through the Makefile's OFFLINE install with no network at all (a
network namespace of its own where the machine allows it, as in CI; else every index disabled), and writes the
checksums, the manifest, the SBOM and the licences checked here. The real bundle is the same code over the real
requirement files (README; scripts/offline_check.sh tries it in a fresh clone)."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys

import pytest

from tests.support.paths import REPO_ROOT

pytestmark = pytest.mark.xdist_group("offline_bundle")  # one bundle for the module, on one worker

SCRIPT = REPO_ROOT / "scripts" / "offline_bundle.py"
UV_VERSION = re.search(r"^UV_VERSION := (\S+)$", (REPO_ROOT / "Makefile").read_text(), re.MULTILINE).group(1)


def _script_module():
    spec = importlib.util.spec_from_file_location("offline_bundle", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _network_off() -> bool:
    return subprocess.run(["unshare", "--net", "true"], capture_output=True).returncode == 0


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline-project")
    shutil.copyfile(REPO_ROOT / "Makefile", folder / "Makefile")
    (folder / "requirements.txt").write_text("olefile==0.47\n", encoding="utf-8")
    (folder / "requirements-dev.txt").write_text("-r requirements.txt\nxlwt==1.3.0\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def bundle(project, tmp_path_factory):
    out = tmp_path_factory.mktemp("offline-bundle") / "aicd-offline-test"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--project", str(project), "--out", str(out), "--uv-version", UV_VERSION],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, (
        f"make bundle failed (the registry must be reachable):\n{result.stdout[-4000:]}{result.stderr[-4000:]}"
    )
    return out


def test_the_bundle_installs_with_no_network_and_says_what_for(bundle):
    manifest = json.loads((bundle / "bundle.json").read_text(encoding="utf-8"))
    expected_trial = "no network (unshare -n)" if _network_off() else "every index disabled (--offline --no-index)"
    assert manifest["trial_install"] == expected_trial
    assert manifest["target"]["python"] == f"{sys.version_info.major}.{sys.version_info.minor}"
    assert manifest["target"]["python_tag"] == f"cp{sys.version_info.major}{sys.version_info.minor}"
    assert manifest["target"]["machine"] == "x86_64" or manifest["target"]["machine"]
    # what `make run` installs (the venv's own pip and setuptools, uv, the run requirement) and what the tests add
    run_set = {line.split("==")[0] for line in manifest["install"]["make run"]}
    assert run_set == {"olefile", "pip", "setuptools", "uv"}
    assert manifest["install"]["make lint test adds"] == ["xlwt==1.3.0"]
    assert f"uv=={UV_VERSION}" in manifest["install"]["make run"]
    wheels = sorted(p.name for p in (bundle / "wheels").iterdir())
    assert [w["file"] for w in manifest["wheels"]] == wheels
    assert [w.split("-")[0] for w in wheels] == ["olefile", "uv", "xlwt"]


def test_every_file_has_its_checksum_and_a_changed_wheel_is_refused(bundle, project, tmp_path):
    listed = sorted(line.split("  ", 1)[1] for line in (bundle / "SHA256SUMS").read_text().splitlines())
    files = sorted(
        p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file() and p.name != "SHA256SUMS"
    )
    assert listed == files
    assert subprocess.run(["sha256sum", "--quiet", "--strict", "--check", "SHA256SUMS"], cwd=bundle).returncode == 0
    # a wheel changed on the way in: the Makefile stops before it makes the venv
    changed = tmp_path / "changed"
    shutil.copytree(bundle, changed)
    wheel = next((changed / "wheels").glob("olefile-*.whl"))
    wheel.write_bytes(wheel.read_bytes() + b"\0")
    venv = tmp_path / "venv"
    result = subprocess.run(
        ["make", "-C", str(project), f"VENV={venv}", f"OFFLINE={changed}", f"{venv}/.installed-run"],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "olefile-0.47-py2.py3-none-any.whl: FAILED" in result.stdout + result.stderr
    assert not venv.exists()


def test_the_sbom_lists_every_installed_package_with_version_and_licence(bundle):
    bom = json.loads((bundle / "sbom.cdx.json").read_text(encoding="utf-8"))
    assert bom["bomFormat"] == "CycloneDX" and bom["specVersion"] == "1.6"
    assert bom["metadata"]["component"]["name"] == "ai-cluster-dashboard"
    manifest = json.loads((bundle / "bundle.json").read_text(encoding="utf-8"))
    installed = manifest["install"]["make run"] + manifest["install"]["make lint test adds"]
    assert sorted(f"{c['name'].lower()}=={c['version']}" for c in bom["components"]) == sorted(installed)
    by_name = {c["name"].lower(): c for c in bom["components"]}
    assert by_name["olefile"]["purl"] == "pkg:pypi/olefile@0.47"
    uv_licences = {entry["expression"] for entry in by_name["uv"]["licenses"] if "expression" in entry}
    assert uv_licences == {"MIT OR Apache-2.0"}
    installs = {
        c["name"].lower(): {p["name"]: p["value"] for p in c["properties"]}["aicd:installed-by"]
        for c in bom["components"]
    }
    assert installs == {"olefile": "make run", "pip": "make run", "setuptools": "make run", "uv": "make run",
                        "xlwt": "make lint test"}  # fmt: skip
    table = (bundle / "LICENSES.tsv").read_text(encoding="utf-8").splitlines()
    assert table[0] == "name\tversion\tlicence"
    rows = {row.split("\t")[0]: row.split("\t") for row in table[1:]}
    assert sorted(rows) == ["olefile", "pip", "setuptools", "uv", "xlwt"]
    assert all(row[2] for row in rows.values())  # every package has its licence named
    assert rows["uv"][2] == "MIT OR Apache-2.0"
    assert sorted(p.name for p in (bundle / "licenses" / "uv-0.13.9").iterdir()) == ["LICENSE-APACHE", "LICENSE-MIT"]
    assert (bundle / "licenses" / "olefile-0.47" / "LICENSE.txt").read_text().startswith("LICENSE for the olefile")
    # xlwt's wheel carries no licence file: what its metadata declares is written down instead
    note = (bundle / "licenses" / "xlwt-1.3.0" / "DECLARED-LICENCE.txt").read_text(encoding="utf-8")
    assert note == f"xlwt 1.3.0: its wheel ships no licence file; its metadata declares: {rows['xlwt'][2]}\n"


def test_the_debian_packages_are_listed_with_their_fetch_command(bundle):
    lines = (bundle / "debian" / "packages.txt").read_text(encoding="utf-8").splitlines()
    assert lines[1].split() == ["python3", "python3-venv", "make", "ca-certificates"]  # make run: no browser
    assert lines[3].split() == ["chromium-headless-shell", "fonts-noto-cjk", "postgresql", "poppler-utils"]
    fetch = (bundle / "debian" / "fetch-debs.sh").read_text(encoding="utf-8")
    assert "apt-get download $(apt-cache depends --recurse" in fetch
    assert "sudo apt-get install ./debs/*.deb" in fetch


def test_a_browser_in_the_production_install_stops_the_bundle():
    module = _script_module()
    module.check_run_set({"streamlit": "1.67.0", "olefile": "0.47"})  # the app's own packages pass
    with pytest.raises(SystemExit, match="playwright"):
        module.check_run_set({"streamlit": "1.67.0", "playwright": "1.65.2"})
