#!/usr/bin/env bash
# Installs the Debian packages the test suite needs:
#   chromium-headless-shell  real-browser tests (Playwright drives /usr/bin/chromium-headless-shell; no
#                   `playwright install`): Chromium's headless build, about a fifth less CPU per page than the
#                   full browser in headless mode (issue #23)
#   fonts-noto-cjk  Korean glyphs in the browser and in screenshots
#   postgresql      throwaway PostgreSQL cluster for the `postgres` tests
#   poppler-utils   pdftotext/pdffonts: the export tests open the briefing-pack PDF
# Fast no-op when everything is present. Needs root (or sudo run by hand) to install.
# AICD_DEBS=DIR (`make test OFFLINE=BUNDLE` sets it to BUNDLE/debian/debs) installs from the .deb files an offline
# bundle carries (`make bundle BUNDLE_DEBS=1`: the packages and everything they depend on) instead of a repository.
set -euo pipefail

PACKAGES=(chromium-headless-shell fonts-noto-cjk postgresql poppler-utils)

missing=()
for pkg in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "system packages present: ${PACKAGES[*]}"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "Missing system packages: ${missing[*]}" >&2
    echo "The tests need them. Install them once with:" >&2
    echo "    sudo apt-get install ${missing[*]}" >&2
    exit 1
fi

echo "installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if [ -n "${AICD_DEBS:-}" ]; then
    shopt -s nullglob
    debs=("$AICD_DEBS"/*.deb)
    if [ ${#debs[@]} -eq 0 ]; then
        echo "No .deb files in $AICD_DEBS: make the bundle with BUNDLE_DEBS=1, or run its debian/fetch-debs.sh" >&2
        exit 1
    fi
    apt-get install -y -q --no-install-recommends "${debs[@]}"
    exit 0
fi
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
