"""Two small HTTP endpoints that give a sign-in an HttpOnly cookie, mounted through Streamlit's own `st.App(routes=…)`
(server.py). No Streamlit in here: the endpoints get the store from the callable they are made with.

    POST <base>/api/session/claim   {"code": "…"}   → 204 + Set-Cookie aicd_session=<token>; HttpOnly; SameSite=Strict
    POST <base>/api/session/end                      → 204 + the cookie cleared; its sign-in revoked everywhere
    GET  <base>/api/session/post.js                  → the script that makes those posts (CLIENT_SCRIPT)

A Streamlit script cannot set a cookie (it talks over the websocket), so on sign-in the script makes a one-time grant
and the page posts its code here (in the request body, never in a URL); the cookie is set by this response and is
never readable by JavaScript. The script then reads it on a reload or a new tab through `st.context.cookies`.
The page's script is this file's CLIENT_SCRIPT, loaded from the app's own origin (the Content-Security-Policy allows no
inline scripts): `<script src="…/post.js" data-path="…" data-body="…">`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from store import sessions

COOKIE = "aicd_session"
HEADER = "x-aicd-session"  # required on both endpoints: a plain cross-site form post cannot send it
_installed = False


# Posts to data-path with data-body (JSON, optional), same origin, with the cookies and the required header.
CLIENT_SCRIPT = """(function () {
  var me = document.currentScript;
  var init = {
    method: "POST",
    credentials: "same-origin",
    headers: {"Content-Type": "application/json", "X-AICD-Session": "1"}
  };
  if (me.dataset.body) { init.body = me.dataset.body; }
  fetch(me.dataset.path, init);
})();
"""


def installed() -> bool:
    """True in a process whose server has these endpoints (started through server.py)."""
    return _installed


def paths(base_url_path: str = "") -> tuple[str, str]:
    """(claim path, end path) under Streamlit's server.baseUrlPath."""
    base = "/" + base_url_path.strip("/") if base_url_path.strip("/") else ""
    return f"{base}/api/session/claim", f"{base}/api/session/end"


def script_path(base_url_path: str = "") -> str:
    """Where CLIENT_SCRIPT is served, under Streamlit's server.baseUrlPath."""
    base = "/" + base_url_path.strip("/") if base_url_path.strip("/") else ""
    return f"{base}/api/session/post.js"


def _cookie_path(base_url_path: str) -> str:
    return "/" + base_url_path.strip("/") if base_url_path.strip("/") else "/"


def _secure(request: Request) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return request.url.scheme == "https" or forwarded == "https"


def _refused(reason: str, status: int = 403) -> JSONResponse:
    return JSONResponse({"error": reason}, status_code=status, headers={"Cache-Control": "no-store"})


def routes(get_engine: Callable[[], Engine], base_url_path: str = "") -> list[Route]:
    """The two endpoints, for `st.App(routes=…)`. `get_engine()` gives the store's SQLAlchemy engine."""
    global _installed
    claim_path, end_path = paths(base_url_path)
    cookie_path = _cookie_path(base_url_path)

    async def claim(request: Request) -> Response:
        if request.headers.get(HEADER) != "1":
            return _refused("header")
        try:
            body = await request.json()
        except ValueError:
            return _refused("body", 400)
        code = body.get("code") if isinstance(body, dict) else None
        if not isinstance(code, str):
            return _refused("body", 400)
        claimed = await run_in_threadpool(sessions.claim, get_engine(), code)
        if claimed is None:
            return _refused("code")
        token, expires = claimed
        max_age = max(1, math.floor((expires - dt.datetime.now(dt.UTC)).total_seconds()))
        response = Response(status_code=204, headers={"Cache-Control": "no-store"})
        response.set_cookie(
            COOKIE, token, max_age=max_age, path=cookie_path, secure=_secure(request), httponly=True, samesite="strict"
        )
        return response

    async def end(request: Request) -> Response:
        if request.headers.get(HEADER) != "1":
            return _refused("header")
        token = request.cookies.get(COOKIE)
        engine = get_engine()
        live = await run_in_threadpool(sessions.session_for_token, engine, token)
        if live is not None:
            await run_in_threadpool(sessions.revoke, engine, live.grant_id, "sign_out")
        response = Response(status_code=204, headers={"Cache-Control": "no-store"})
        response.delete_cookie(COOKIE, path=cookie_path, secure=_secure(request), httponly=True, samesite="strict")
        return response

    async def client_script(request: Request) -> Response:
        return Response(CLIENT_SCRIPT, media_type="text/javascript", headers={"Cache-Control": "no-cache"})

    _installed = True
    return [
        Route(claim_path, claim, methods=["POST"]),
        Route(end_path, end, methods=["POST"]),
        Route(script_path(base_url_path), client_script, methods=["GET"]),
    ]
