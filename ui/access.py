"""접속기록 from the pages: a figure's 출처 opened, a file downloaded (store/access_log.py keeps them).

`record(...)` writes a row now (the 출처 dialog). `logged(data, ...)` wraps a download button's deferred `data`
callable so the row is written when the file is actually made, i.e. when the button is pressed: Streamlit runs that
callable outside the script run, so who and from where are taken when the button is drawn.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from auth.session import signed_in_username
from present.cell_safety import csv_bytes
from store import Version, access_log
from store.access_log import DOWNLOAD_ORIGINAL, DOWNLOAD_PDF, DOWNLOAD_TABLE, OPEN_SOURCE
from store.file_names import safe_file_name

from .data import get_store

__all__ = [
    "DOWNLOAD_ORIGINAL",
    "DOWNLOAD_PDF",
    "DOWNLOAD_TABLE",
    "OPEN_SOURCE",
    "logged",
    "original_download",
    "record",
]

T = TypeVar("T")
_log = logging.getLogger(__name__)


def client_address() -> str:
    """The client's address as the server saw it ("" when unknown, e.g. under AppTest)."""
    try:
        address = st.context.ip_address
    except Exception:  # deliberately broad: no browser context
        return ""
    return address if isinstance(address, str) else ""


def who() -> str:
    return signed_in_username() or access_log.ANONYMOUS


def record(action: str, *, dataset: str | None = None, number: int | None = None, file: str = "", **detail) -> None:
    """One access row for this session; a failure to write is logged, never shown (reading must not fail)."""
    try:
        access_log.record(
            get_store().engine,
            who(),
            action,
            dataset=dataset,
            number=number,
            file=file,
            address=client_address(),
            detail=detail,
        )
    except Exception:  # deliberately broad: see the docstring
        _log.exception("could not write access log row %s", action)


def logged(
    data: Callable[[], T], action: str, *, dataset: str | None = None, number: int | None = None, file: str = ""
) -> Callable[[], T]:
    """`data`, writing an access row each time it runs (each download). The store is reached only then: drawing a
    button costs no query (the page that drew it has opened the store already, so it is at hand)."""
    user, address = who(), client_address()

    def produce() -> T:
        made = data()
        try:
            access_log.record(
                get_store().engine, user, action, dataset=dataset, number=number, file=file, address=address
            )
        except Exception:  # deliberately broad: the file is still given; the failure is in the server log
            _log.exception("could not write access log row %s", action)
        return made

    return produce


def original_download(version: Version, read: Callable[[], bytes]) -> tuple[str, Callable[[], bytes]]:
    """An original file's download: its safe name (even for a name stored before names were made safe) and `read`
    written to the 접속기록 each time it runs."""
    name = safe_file_name(version.filename)
    return name, logged(read, DOWNLOAD_ORIGINAL, dataset=version.dataset, number=version.number, file=name)


def keep_days() -> int:
    return access_log.configured_keep_days()


def access_log_csv(start: dt.date, end: dt.date) -> Callable[[], bytes]:
    """The 접속기록 from `start` to `end` (whole days, Seoul) as a formula-neutralised CSV, made when downloaded
    (and that download written to the 접속기록 too)."""
    since = dt.datetime.combine(start, dt.time(), access_log.SEOUL)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), access_log.SEOUL)
    name = f"access-log_{start.isoformat()}_{end.isoformat()}.csv"
    return logged(lambda: csv_bytes(access_log.entries(get_store().engine, since, until)), DOWNLOAD_TABLE, file=name)
