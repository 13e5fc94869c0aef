#!/usr/bin/env bash
# Tries an offline bundle as the city's server would use it: a fresh clone of this repository's HEAD, run with no
# network at all (a network namespace of its own holding only loopback: `unshare --net`, as root), the bundle the
# only source of packages. Usage (root):
#
#     scripts/offline_check.sh dist/aicd-offline-cp311-linux_x86_64 [--lint]
#
# 1. `make .venv/.installed-run OFFLINE=DIR`, timed: what `make run OFFLINE=DIR` installs; then no browser (playwright)
#    is installed, and no package index was reachable.
# 2. `make run OFFLINE=DIR` serves the sample: /_stcore/health answers "ok" and the page itself loads; the server
#    looked up no outside address (no "External URL").
# 3. `make .venv/.installed-dev OFFLINE=DIR`, timed: what `make lint test OFFLINE=DIR` installs; with --lint, `make lint`.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 BUNDLE_DIR [--lint]" >&2; exit 2; }
bundle=$(realpath "$1")
lint=${2:-}
[ -f "$bundle/SHA256SUMS" ] || { echo "$bundle holds no SHA256SUMS: not a bundle of make bundle" >&2; exit 2; }
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
work=$(mktemp -d /tmp/aicd-offline-check.XXXXXX)
git clone --quiet "$repo" "$work/aicd"
echo "fresh clone of $(git -C "$work/aicd" rev-parse --short HEAD) in $work/aicd; bundle $bundle"

# Everything below runs in a network namespace of its own: no interface but loopback, no route anywhere.
exec unshare --net env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 bash -s "$bundle" "$work/aicd" "$lint" <<'INSIDE'
set -euo pipefail
bundle=$1; clone=$2; lint=$3
ip link set lo up
cd "$clone"
if python3 -c "import urllib.request; urllib.request.urlopen('https://pypi.org/simple/', timeout=5)" 2>/dev/null; then
    echo "FAIL: pypi.org is reachable: this is no offline check" >&2; exit 1
fi
echo "network: none (pypi.org unreachable)"

start=$SECONDS
make --no-print-directory .venv/.installed-run OFFLINE="$bundle"
echo "make run's install from the bundle: $((SECONDS - start)) s"
if .venv/bin/python -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('playwright') is None)"; then
    echo "FAIL: the production install holds playwright" >&2; exit 1
fi
echo "no browser: playwright is not installed, and make run installs no Debian package"

setsid make --no-print-directory run OFFLINE="$bundle" > "$clone/run.log" 2>&1 &
server=$!  # make and the streamlit it starts: one process group, stopped together
trap 'kill -- -$server 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
    [ "$(curl -s --max-time 2 http://127.0.0.1:8501/_stcore/health || true)" = ok ] && break
    kill -0 $server 2>/dev/null || { cat "$clone/run.log"; echo "FAIL: make run stopped" >&2; exit 1; }
    sleep 0.5  # polling a server that is starting: there is no event to wait on from a shell
done
[ "$(curl -s --max-time 5 http://127.0.0.1:8501/_stcore/health)" = ok ] || { cat "$clone/run.log"; exit 1; }
echo "make run serves: /_stcore/health = ok, / = HTTP $(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8501/)"
if grep -qE "External URL|auto detect external IP" "$clone/run.log"; then
    echo "FAIL: the server looked up its external address (checkip.amazonaws.com)" >&2; exit 1
fi
kill -- -$server; wait $server 2>/dev/null || true

start=$SECONDS
make --no-print-directory .venv/.installed-dev OFFLINE="$bundle"
echo "make lint test's install from the bundle: $((SECONDS - start)) s"
.venv/bin/python -c "import playwright, pytest, mypy, ruff; print('test tools installed: playwright, pytest, mypy, ruff')"
if [ "$lint" = --lint ]; then
    make --no-print-directory lint OFFLINE="$bundle"
    echo "make lint OFFLINE: passed"
fi
echo "offline check passed"
INSIDE
