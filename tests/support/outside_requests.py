"""Every request a browser makes while it shows the app, and the one check on them (issue #42): on the city's internal
network nothing but the app's own server answers, and whatever a page asks of another host (tiles, scripts, fonts,
telemetry) both fails there and tells that host which page an official opened.

    with recorded_requests(page) as urls:
        ...open pages...
    assert_only_own_server(urls, app_url)

The accessibility scan (tests/browser/test_accessibility_browser.py), which opens every page in Korean and English on a
laptop and a phone, anonymous and as an administrator, records its requests this way; test_outside_requests_browser.py
adds the staff role and the planted case that proves the check fails.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

# Addresses a page can hold without asking any host: inline data, in-memory objects, the empty page.
NO_HOST_SCHEMES = frozenset({"data", "blob", "about"})


def outside_requests(urls: Iterable[str], app_url: str, allowed_hosts: Iterable[str] = ()) -> list[str]:
    """The requested addresses whose host (with its port) is neither the app's own server nor one of
    `allowed_hosts` (a configured tile server), each once, sorted."""
    own = {urlsplit(app_url).netloc, *allowed_hosts}
    return sorted(
        {url for url in urls if urlsplit(url).scheme not in NO_HOST_SCHEMES and urlsplit(url).netloc not in own}
    )


def assert_only_own_server(urls: Iterable[str], app_url: str, allowed_hosts: Iterable[str] = ()) -> None:
    """Fail, naming each address, if any request went to another host than the app's own server."""
    urls = list(urls)
    outside = outside_requests(urls, app_url, allowed_hosts)
    assert not outside, f"{len(outside)} request(s) to hosts other than {app_url} (of {len(urls)}): {outside}"


@contextlib.contextmanager
def recorded_requests(page) -> Iterator[list[str]]:
    """The address of every request (documents, scripts, styles, fonts, images, fetches, beacons, workers') and
    websocket the page's browser context makes inside the block, in order."""
    context = page.context
    urls: list[str] = []

    def on_request(request) -> None:
        urls.append(request.url)

    def on_websocket(websocket) -> None:
        urls.append(websocket.url)

    context.on("request", on_request)
    page.on("websocket", on_websocket)  # a context reports no websocket events; its page does
    try:
        yield urls
    finally:
        context.remove_listener("request", on_request)
        page.remove_listener("websocket", on_websocket)
