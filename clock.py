"""The app's one clock (issue #37): every date and time it shows or compares is the city's, whatever zone the server
keeps. The city's zone is `[city] time_zone` in program.toml (an IANA name, Asia/Seoul by default).

- `today()`: the city's date, for every comparison with data ("is this 대책 overdue?", "has December ended?").
- `now()`: the city's time (aware), for what a reader sees (the briefing pack's file name and its footer).
- `utc_now()`: the same moment in naive UTC, as the store keeps its timestamps.

A test sets the clock by replacing `clock.now` (`monkeypatch.setattr("clock.now", ...)`): today() and utc_now() follow.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo

DEFAULT_ZONE = "Asia/Seoul"


@cache
def city_zone() -> ZoneInfo:
    from program import load_program  # program.toml names the zone; imported here, so store/ can use the clock early

    return ZoneInfo(load_program().time_zone)


def now() -> dt.datetime:
    """This moment in the city's zone."""
    return dt.datetime.now(city_zone())


def today() -> dt.date:
    """The city's date now (not the server's: a server kept in UTC is a day behind Seoul until 09:00 KST)."""
    return now().date()


def utc_now() -> dt.datetime:
    """This moment as naive UTC, the form of the store's timestamps."""
    return now().astimezone(dt.UTC).replace(tzinfo=None)


def in_city(moment: dt.datetime) -> dt.datetime:
    """A moment in the city's zone (a naive one is read as UTC, as the store keeps it)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(city_zone())
