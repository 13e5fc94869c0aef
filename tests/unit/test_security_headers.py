"""security_headers: the policy's parts (inline-script hashes, the base maps' hosts) and the middleware on a bare
Starlette app (the running server: tests/browser/test_security_headers_browser.py)."""

from __future__ import annotations

import asyncio
import base64
import hashlib

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from charts.map import tile_settings
from security_headers import SecurityHeaders, inline_script_hashes, origin, policy, script_hash


def test_inline_scripts_are_allowed_by_their_exact_hash():
    html = '<script>\n  window.prerenderReady = false\n</script><script type="module" src="./x.js"></script>'
    digest = base64.b64encode(hashlib.sha256(b"\n  window.prerenderReady = false\n").digest()).decode()
    assert inline_script_hashes(html) == [f"'sha256-{digest}'"]
    assert script_hash("a") != script_hash("a ")


def test_the_policy_adds_hashes_to_scripts_and_map_hosts_to_images_and_fetches():
    tiles = tile_settings({"tile_url": "https://gis.gwangju.go.kr:8443/tiles/{z}/{x}/{y}.png"})
    text = policy(["'sha256-abc'"], [origin(tiles.url), "data:"])
    directives = dict(part.split(" ", 1) for part in text.split("; "))
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval' 'sha256-abc'"
    assert directives["img-src"] == "'self' data: blob: https://gis.gwangju.go.kr:8443"  # data: once
    assert directives["connect-src"] == "'self' https://gis.gwangju.go.kr:8443 data:"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"


def _response_headers(scheme: str) -> dict[str, str]:
    """The headers SecurityHeaders sends for one request to an app answering with its own X-Frame-Options."""

    async def hello(request):
        return PlainTextResponse("hi", headers={"X-Frame-Options": "SAMEORIGIN"})

    app = Starlette(routes=[Route("/", hello)], middleware=[Middleware(SecurityHeaders, csp="default-src 'self'")])
    scope = {
        "type": "http", "method": "GET", "path": "/", "raw_path": b"/", "root_path": "", "scheme": scheme,
        "query_string": b"", "headers": [(b"host", b"testserver")], "server": ("testserver", 80),
        "client": ("10.0.0.1", 1234), "http_version": "1.1",
    }  # fmt: skip
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    return {k.decode(): v.decode() for k, v in start["headers"]}


def test_every_response_gets_the_headers_and_https_gets_hsts():
    plain = _response_headers("http")
    assert plain["x-content-type-options"] == "nosniff"
    assert plain["x-frame-options"] == "DENY"  # ours wins over a route's own
    assert plain["referrer-policy"] == "same-origin"
    assert plain["content-security-policy"] == "default-src 'self'"
    assert "strict-transport-security" not in plain
    assert _response_headers("https")["strict-transport-security"] == "max-age=31536000"
