"""Security headers on every HTTP response the app server sends: the pages, Streamlit's static files, its /_stcore
routes and the sign-in endpoints. An ASGI middleware given to `st.App(middleware=…)` in server.py, which puts it
outside Streamlit's own, so nothing Streamlit serves escapes it. No Streamlit in here.

    X-Content-Type-Options: nosniff
    X-Frame-Options: DENY                       and CSP frame-ancestors 'none': no other site may frame the app
    Referrer-Policy: same-origin
    Content-Security-Policy: CONTENT_SECURITY_POLICY (+ the hashes of Streamlit's own inline script)
    Strict-Transport-Security: max-age=…        only when the request came over HTTPS

The policy is what the pages need and no more, found by opening every page in Chromium and reading its console
(tests/browser/test_security_headers_browser.py): Streamlit styles elements inline (emotion), shows images from data:
and blob: URLs, talks to its own origin over a websocket, and Vega and deck.gl run from its own scripts. Scripts
come only from the app's origin: the one inline script of Streamlit's index.html is allowed by its SHA-256, and the
sign-in cookie's script is a file (auth/web.py), not inline code.

HTTPS is the request's scheme: TLS on Streamlit's own server, or X-Forwarded-Proto from a proxy Streamlit's server
(uvicorn) trusts, i.e. one listed in FORWARDED_ALLOW_IPS (by default 127.0.0.1 and ::1, a proxy on the same machine).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HSTS_SECONDS = 365 * 24 * 3600
# Directive by directive; `script-src` gets the inline scripts' hashes added (see `policy`).
CONTENT_SECURITY_POLICY: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self' 'wasm-unsafe-eval'",  # WebAssembly (Streamlit's protobuf decoder), not JavaScript eval
    "style-src": "'self' 'unsafe-inline'",  # Streamlit (emotion) and Vega set style attributes and <style> elements
    "img-src": "'self' data: blob:",
    "font-src": "'self' data:",
    "connect-src": "'self'",  # the websocket to the same origin included
    "worker-src": "'self' blob:",
    "frame-src": "'self'",
    "media-src": "'self' data: blob:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def script_hash(body: str) -> str:
    """The CSP source ('sha256-…') allowing an inline script whose text is exactly `body`."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_script_hashes(html: str) -> list[str]:
    """CSP sources allowing exactly the inline <script> elements of `html` (e.g. Streamlit's index.html:
    `window.prerenderReady = false`)."""
    return [script_hash(body) for body in _INLINE_SCRIPT.findall(html)]


def origin(url: str) -> str:
    """The scheme and host (and port) of `url`, as a CSP source: "https://gis.example.go.kr"."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def policy(script_hashes: Iterable[str] = (), map_sources: Iterable[str] = ()) -> str:
    """The Content-Security-Policy header value: `script_hashes` (from `script_hash`) added to script-src, and
    `map_sources` (the base maps' hosts) to img-src and connect-src."""
    directives = dict(CONTENT_SECURITY_POLICY)
    hashes = " ".join(dict.fromkeys(script_hashes))
    if hashes:
        directives["script-src"] = f"{directives['script-src']} {hashes}"
    hosts = list(map_sources)
    for name in ("img-src", "connect-src"):
        directives[name] = " ".join(dict.fromkeys([*directives[name].split(), *hosts]))
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class SecurityHeaders:
    """ASGI middleware: adds the headers to every HTTP response (`Middleware(SecurityHeaders, csp=…)`)."""

    def __init__(self, app: ASGIApp, csp: str | None = None) -> None:
        self.app = app
        self.headers = {
            "X-Content-Type-Options": "nosniff",
            "X-Frame-Options": "DENY",
            "Referrer-Policy": "same-origin",
            "Content-Security-Policy": csp or policy(),
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # the websocket and lifespan: no HTTP response headers to add
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers[name] = value
                if https:
                    headers["Strict-Transport-Security"] = f"max-age={HSTS_SECONDS}"
            await send(message)

        await self.app(scope, receive, send_with_headers)
