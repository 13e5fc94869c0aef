"""`make bundle`: everything the app and its tests install, in one folder carried into the city's closed network.

Run on a machine that reaches the package registry and matches the city's server (the same Debian release, Python
minor version and architecture: the wheels are that platform's). Writes OUT/ and OUT.tar beside it:

    wheels/              every wheel of requirements-dev.txt (which includes requirements.txt) and of uv itself
    debian/packages.txt  the Debian packages `make run` and `make test` need; debian/fetch-debs.sh fetches them with
                         everything they depend on (`--debs` runs it into debian/debs/)
    bundle.json          target (Python, platform, glibc), the app's commit, each wheel's size and SHA-256, the
                         packages `make run` installs and those `make lint test` adds
    sbom.cdx.json        CycloneDX 1.6 SBOM of every installed package with version, licence and licence texts
    licenses/            each package's licence files as its wheel ships them; LICENSES.tsv lists every licence
    SHA256SUMS           `sha256sum --check` format, every file above (the Makefile checks it before installing)

Before writing out it installs the bundle with no index at all into a throwaway venv, through the Makefile's own
`OFFLINE=` install (run set, then the test set), with a cache and pip configuration of its own: a bundle that cannot
install, or a package without a licence, stops here. The SBOM is made from that venv (cyclonedx-py, offline).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Debian packages `make run` needs on a bare Debian server (python3-venv: `python3 -m venv` with its bundled pip);
# the test set is read from scripts/install_system_deps.sh, which installs it.
RUN_DEBIAN_PACKAGES = ("python3", "python3-venv", "make", "ca-certificates")

# Packages whose metadata names no licence: the licence their wheel's licence file holds, read by hand.
CONCLUDED_LICENCES = {"axe-playwright-python": "MIT"}  # its LICENSE file is the MIT text (Ruslan Iskov, Pamela Fox)

# Browsers and browser drivers on PyPI: none may be part of the production install.
BROWSER_PACKAGES = frozenset({"playwright", "axe-playwright-python", "pyppeteer", "selenium", "chromedriver-binary"})

LICENCE_FILE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|AUTHORS|COPYRIGHT)", re.IGNORECASE)

# Run inside the throwaway venv: each installed distribution with its version and the licence files its dist-info
# holds (PEP 639 licenses/ folder, License-File entries, or the usual names), as JSON.
LIST_LICENCE_FILES = """
import json, re, sys
from importlib import metadata
pattern = re.compile(sys.argv[1], re.IGNORECASE)
found = []
for dist in metadata.distributions():
    files = []
    for file in dist.files or ():
        parts = file.parts
        if len(parts) >= 2 and parts[0].endswith(".dist-info") and (parts[1] == "licenses" or pattern.match(parts[-1])):
            files.append(str(dist.locate_file(file)))
    found.append({"name": dist.metadata["Name"], "version": dist.version, "files": sorted(files)})
print(json.dumps(found))
"""


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def target() -> dict[str, str]:
    """The platform the wheels are for: this interpreter's."""
    libc, libc_version = platform.libc_ver()
    return {
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        "python_tag": f"cp{sys.version_info.major}{sys.version_info.minor}",
        "platform": sysconfig.get_platform(),
        "machine": platform.machine(),
        "libc": f"{libc} {libc_version}".strip(),
    }


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    print("+", " ".join(str(part) for part in cmd), flush=True)
    started = time.monotonic()
    result = subprocess.run(cmd, check=True, **kwargs)
    print(f"  ({time.monotonic() - started:.1f} s)", flush=True)
    return result


def download_wheels(wheels: Path, dev_requirements: Path, uv_version: str, project: Path) -> None:
    """Every wheel of the dev requirements (the run set is part of it) and of uv, for this interpreter's platform;
    binary only: nothing is built on the city's server."""
    wheels.mkdir(parents=True)
    run(
        [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--quiet", "--only-binary=:all:",
         "--dest", str(wheels), "-r", str(dev_requirements), f"uv=={uv_version}"],
        cwd=project,
    )  # fmt: skip


def clean_environment(cache: Path) -> dict[str, str]:
    """This process's environment without any pip or uv setting (this machine's find-links, extra indexes or
    constraints must not stand in for a wheel missing from the bundle), with a uv cache of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "UV_", "VIRTUAL_ENV"))}
    env.update({"PIP_CONFIG_FILE": os.devnull, "UV_NO_CONFIG": "1", "UV_CACHE_DIR": str(cache)})
    return env


def installed(venv: Path, env: dict[str, str]) -> dict[str, str]:
    """{canonical name: version} of every distribution in the venv."""
    listing = run(
        [str(venv / "bin" / "uv"), "pip", "list", "--python", str(venv / "bin" / "python"), "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    return {canonical(p["name"]): p["version"] for p in json.loads(listing)}


def network_off() -> list[str]:
    """A command prefix that runs its command with no network at all (a network namespace of its own, `unshare -n`:
    root, or a kernel that lets users make namespaces), or [] where that is not allowed."""
    try:
        subprocess.run(["unshare", "--net", "true"], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return []
    return ["unshare", "--net"]


def install_offline(args: argparse.Namespace, out: Path, venv: Path, env: dict[str, str], stamp: str) -> None:
    """The Makefile's own offline install (`make OFFLINE=out`) into `venv`, up to `stamp` (.installed-run/-dev),
    without network where the machine allows it (`unshare -n`), else with every index disabled."""
    run(
        [*network_off(), "make", "--no-print-directory", "-C", str(Path(args.project).resolve()), f"VENV={venv}", f"OFFLINE={out}",
         f"PYTHON={args.python}", f"REQUIREMENTS={args.requirements}", f"DEV_REQUIREMENTS={args.dev_requirements}",
         str(venv / stamp)],
        env=env,
    )  # fmt: skip


def licence_files(venv: Path, env: dict[str, str]) -> list[dict]:
    listing = run(
        [str(venv / "bin" / "python"), "-c", LIST_LICENCE_FILES, LICENCE_FILE.pattern],
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(listing)


def licence_names(component: dict) -> list[str]:
    """The licences an SBOM component names: SPDX ids and expressions, classifier names, the first line of a declared
    licence text; not the attached licence files (cyclonedx-py lists those as "declared license file: …")."""
    names = []
    for entry in component.get("licenses", []):
        if "expression" in entry:
            names.append(entry["expression"])
            continue
        licence = entry.get("license", {})
        name = licence.get("id") or licence.get("name") or ""
        if name.startswith("declared license of"):
            text = licence.get("text", {})
            if text.get("encoding") == "base64" or not text.get("content", "").strip():
                continue
            name = text["content"].strip().splitlines()[0][:80]
        elif name.startswith("declared license file:"):
            continue
        names.append(name.removeprefix("License :: OSI Approved :: ").removeprefix("License :: "))
    return list(dict.fromkeys(name for name in names if name))


def check_run_set(run_set: dict[str, str]) -> None:
    """The production install (`make run`) brings no browser: Chromium and its drivers are for the tests only."""
    browsers = sorted(BROWSER_PACKAGES & set(run_set))
    if browsers:
        raise SystemExit(
            f"`make run` would install a browser or its driver: {browsers} (move it to requirements-dev.txt)"
        )


def make_sbom(venv: Path, sbom: Path, env: dict[str, str], run_set: dict[str, str], commit: str) -> list[dict]:
    """cyclonedx-py over the venv (offline: it reads the installed metadata), then: the app as the SBOM's subject,
    each component marked with the install that brings it, concluded licences where metadata names none. Fails if a
    package is missing or has no licence. Returns the components."""
    run(
        [sys.executable, "-m", "cyclonedx_py", "environment", str(venv / "bin" / "python"), "--gather-license-texts",
         "--output-reproducible", "--output-format", "JSON", "--output-file", str(sbom)],
        env={**env, "SOURCE_DATE_EPOCH": str(int(dt.datetime.now(dt.UTC).timestamp()))},
    )  # fmt: skip
    bom = json.loads(sbom.read_text(encoding="utf-8"))
    bom["metadata"]["component"] = {
        "type": "application",
        "bom-ref": "ai-cluster-dashboard",
        "name": "ai-cluster-dashboard",
        "version": commit,
        "description": "AI Cluster Dashboard (Gwangju): offline bundle",
    }
    for component in bom["components"]:
        name = canonical(component["name"])
        if not licence_names(component) and name in CONCLUDED_LICENCES:
            component.setdefault("licenses", []).append(
                {"license": {"id": CONCLUDED_LICENCES[name], "acknowledgement": "concluded"}}
            )
        install = "make run" if name in run_set else "make lint test"
        component.setdefault("properties", []).append({"name": "aicd:installed-by", "value": install})
    sbom.write_text(json.dumps(bom, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return bom["components"]


def check_sbom(components: list[dict], everything: dict[str, str]) -> None:
    listed = {canonical(c["name"]): c["version"] for c in components}
    if listed != everything:
        raise SystemExit(
            f"the SBOM does not list what is installed: {sorted(set(listed.items()) ^ set(everything.items()))}"
        )
    unlicensed = sorted(c["name"] for c in components if not licence_names(c))
    if unlicensed:
        raise SystemExit(
            f"no licence known for {unlicensed}: add each to CONCLUDED_LICENCES after reading its licence file"
        )


def copy_licences(venv: Path, env: dict[str, str], out: Path, components: list[dict]) -> None:
    """licenses/NAME-VERSION/ holds each package's licence files; LICENSES.tsv lists name, version, licence."""
    folder = out / "licenses"
    folder.mkdir()
    declared = {canonical(c["name"]): " | ".join(licence_names(c)) for c in components}
    for dist in licence_files(venv, env):
        target_dir = folder / f"{canonical(dist['name'])}-{dist['version']}"
        target_dir.mkdir()
        for file in map(Path, dist["files"]):
            shutil.copyfile(file, target_dir / file.name)
        if not dist["files"]:  # e.g. streamlit, xlwt: the wheel carries no licence file, only its metadata's word
            (target_dir / "DECLARED-LICENCE.txt").write_text(
                f"{dist['name']} {dist['version']}: its wheel ships no licence file; its metadata declares: "
                f"{declared.get(canonical(dist['name']), '')}\n",
                encoding="utf-8",
            )
    rows = sorted((canonical(c["name"]), c["version"], " | ".join(licence_names(c))) for c in components)
    table = "name\tversion\tlicence\n" + "".join(f"{n}\t{v}\t{lic}\n" for n, v, lic in rows)
    (out / "LICENSES.tsv").write_text(table, encoding="utf-8")


def debian_packages(out: Path, fetch: bool) -> dict[str, list[str]]:
    """debian/packages.txt and debian/fetch-debs.sh (run on a connected machine of the same Debian release:
    `apt-get download` of the packages and everything they depend on into debian/debs/)."""
    script = (ROOT / "scripts" / "install_system_deps.sh").read_text(encoding="utf-8")
    found = re.search(r"^PACKAGES=\(([^)]*)\)", script, re.MULTILINE)
    if found is None:
        raise SystemExit("scripts/install_system_deps.sh has no PACKAGES=(...) line")
    packages = {"run": list(RUN_DEBIAN_PACKAGES), "test": found.group(1).split()}
    folder = out / "debian"
    folder.mkdir()
    (folder / "packages.txt").write_text(
        "# make run (the app)\n" + " ".join(packages["run"]) + "\n"
        "# make test (browser tests, Korean fonts, PostgreSQL tests, PDF checks)\n" + " ".join(packages["test"]) + "\n",
        encoding="utf-8",
    )
    fetch_script = folder / "fetch-debs.sh"
    fetch_script.write_text(
        "#!/usr/bin/env bash\n"
        "# On a connected machine of the city server's Debian release and architecture: download the packages of\n"
        "# packages.txt and everything they depend on into ./debs. On the server: sudo apt-get install ./debs/*.deb\n"
        "set -euo pipefail\n"
        'cd "$(dirname "$0")"\n'
        "mkdir -p debs && cd debs\n"
        "packages=$(grep -v '^#' ../packages.txt)\n"
        "# shellcheck disable=SC2086\n"
        "apt-get download $(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \\\n"
        "    --no-replaces --no-enhances $packages | grep '^[a-z0-9]' | sort -u)\n",
        encoding="utf-8",
    )
    fetch_script.chmod(0o755)
    if fetch:
        run(["bash", str(fetch_script)])
    return packages


def write_checksums(out: Path) -> None:
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.name != "SHA256SUMS")
    lines = "".join(f"{sha256(p)}  {p.relative_to(out).as_posix()}\n" for p in files)
    (out / "SHA256SUMS").write_text(lines, encoding="utf-8")


def git_commit(project: Path) -> str:
    result = subprocess.run(["git", "-C", str(project), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return result.stdout.strip() or "unknown"


def build(args: argparse.Namespace) -> None:
    project = Path(args.project).resolve()
    out = Path(args.out).resolve()
    if out.exists():
        raise SystemExit(f"{out} exists: remove it or name another --out")
    started = dt.datetime.now(dt.UTC)
    staging = out.with_name(out.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        download_wheels(staging / "wheels", project / args.dev_requirements, args.uv_version, project)
        write_checksums(staging)  # the wheels' checksums: the Makefile checks them before the trial install
        with tempfile.TemporaryDirectory(prefix="aicd-bundle-check-") as tmp:
            venv, env = Path(tmp) / "venv", clean_environment(Path(tmp) / "uv-cache")
            install_offline(args, staging, venv, env, ".installed-run")
            run_set = installed(venv, env)
            check_run_set(run_set)
            install_offline(args, staging, venv, env, ".installed-dev")
            everything = installed(venv, env)
            components = make_sbom(venv, staging / "sbom.cdx.json", env, run_set, git_commit(project))
            check_sbom(components, everything)
            copy_licences(venv, env, staging, components)
        packages = debian_packages(staging, args.debs)
        wheels = sorted((staging / "wheels").iterdir())
        manifest = {
            "app": "ai-cluster-dashboard",
            "commit": git_commit(project),
            "made": started.isoformat(timespec="seconds"),
            "target": target(),
            "uv": args.uv_version,
            "trial_install": "no network (unshare -n)" if network_off() else "every index disabled (--offline --no-index)",
            "install": {"make run": sorted(f"{n}=={v}" for n, v in run_set.items()),
                        "make lint test adds": sorted(f"{n}=={v}" for n, v in everything.items() if n not in run_set)},
            "debian": packages,
            "wheels": [{"file": w.name, "bytes": w.stat().st_size, "sha256": sha256(w)} for w in wheels],
        }  # fmt: skip
        (staging / "bundle.json").write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        write_checksums(staging)
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if args.tar:
        archive = out.with_name(out.name + ".tar")
        with tarfile.open(archive, "w") as tar:  # wheels are zip files already: no compression
            tar.add(out, arcname=out.name)
        archive.with_name(archive.name + ".sha256").write_text(f"{sha256(archive)}  {archive.name}\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    seconds = (dt.datetime.now(dt.UTC) - started).total_seconds()
    print(
        f"bundle {out}: {len(wheels)} wheels, {size / 1e6:.0f} MB, {len(everything)} packages, made in {seconds:.0f} s"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="the bundle's folder (must not exist)")
    parser.add_argument("--uv-version", required=True, help="the uv the Makefile installs (UV_VERSION)")
    parser.add_argument("--requirements", default="requirements.txt")
    parser.add_argument("--dev-requirements", default="requirements-dev.txt")
    parser.add_argument("--project", default=str(ROOT), help="the folder with the Makefile and requirement files")
    parser.add_argument("--python", default="python3", help="the interpreter the check venv is made with")
    parser.add_argument("--debs", action="store_true", help="also fetch the Debian packages into debian/debs/")
    parser.add_argument("--no-tar", dest="tar", action="store_false", help="write no OUT.tar")
    build(parser.parse_args(argv))


if __name__ == "__main__":
    main()
