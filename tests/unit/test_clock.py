"""One clock in the city's zone (issue #37): the app's today is Seoul's whatever zone the server keeps, and the
briefing pack's file name and its footer give the same date."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest

import clock
from briefing.pdf import pack_file_name
from present import format as fmt
from program import parse_program
from tests.support.paths import REPO_ROOT

# A subprocess with its own TZ (time.tzset), the wall clock frozen at one UTC moment: what the app calls today.
_PROBE = """
import datetime as dt, json, os, sys, time
time.tzset()
sys.path.insert(0, {repo!r})
import clock
clock.today()  # its lazy imports (the programme settings) done before datetime is replaced below: a C
# extension imported after the swap reads the subclass as datetime and crashes
moment = dt.datetime.fromisoformat({moment!r})
real = dt.datetime
class Frozen(real):
    @classmethod
    def now(cls, tz=None):
        return moment.astimezone(tz) if tz else moment.astimezone().replace(tzinfo=None)
dt.datetime = Frozen
print(json.dumps({{"app": clock.today().isoformat(), "server": Frozen.now().date().isoformat(),
                  "utc": clock.utc_now().isoformat()}}))
"""


def _today_under(zone: str, moment: dt.datetime) -> dict[str, str]:
    code = _PROBE.format(repo=str(REPO_ROOT), moment=moment.isoformat())
    env = {"TZ": zone, "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, timeout=60)
    return json.loads(out.stdout)


@pytest.mark.parametrize(
    ("moment", "seoul_date"),
    [
        (dt.datetime(2026, 12, 7, 23, 30, tzinfo=dt.UTC), "2026-12-08"),  # 08:30 in Seoul: UTC is still the 7th
        (dt.datetime(2026, 12, 8, 12, 0, tzinfo=dt.UTC), "2026-12-08"),  # 21:00 in Seoul: UTC+14 is already the 9th
    ],
)
def test_today_is_seouls_date_whatever_the_servers_zone(moment, seoul_date):
    in_utc = _today_under("UTC", moment)
    in_kiribati = _today_under("Etc/GMT-14", moment)  # POSIX sign: Etc/GMT-14 is UTC+14
    assert in_utc["app"] == in_kiribati["app"] == seoul_date
    assert in_utc["utc"] == in_kiribati["utc"] == moment.replace(tzinfo=None).isoformat()
    # the servers' own dates differ from Seoul's at one of the two moments: the probe really changed the zone
    assert {in_utc["server"], in_kiribati["server"]} != {seoul_date}


def test_the_zone_comes_from_program_toml(monkeypatch):
    assert clock.city_zone() == ZoneInfo("Asia/Seoul")
    base = (REPO_ROOT / "program.toml").read_text(encoding="utf-8")
    assert parse_program(base).time_zone == "Asia/Seoul"
    assert parse_program(base.replace('time_zone = "Asia/Seoul"', 'time_zone = "Asia/Tokyo"')).time_zone == "Asia/Tokyo"
    with pytest.raises(ValueError, match=r"city\.time_zone: 'Seoul' is not a time zone name"):
        parse_program(base.replace('time_zone = "Asia/Seoul"', 'time_zone = "Seoul"'))


def test_a_set_clock_moves_today_and_utc_now(monkeypatch):
    moment = dt.datetime(2026, 12, 7, 23, 30, tzinfo=dt.UTC)
    monkeypatch.setattr("clock.now", lambda: moment.astimezone(clock.city_zone()))
    assert clock.today() == dt.date(2026, 12, 8)
    assert clock.utc_now() == dt.datetime(2026, 12, 7, 23, 30)


@pytest.mark.parametrize("hour_utc", [0, 8, 14, 15, 23])
def test_the_pack_file_name_and_footer_give_the_same_date(hour_utc):
    """At 23:30 UTC on 7 December it is 8 December in Seoul: the name and the footer both say the 8th."""
    made_at = dt.datetime(2026, 12, 7, hour_utc, 30, tzinfo=dt.UTC)
    seoul = made_at.astimezone(ZoneInfo("Asia/Seoul"))
    name = pack_file_name(made_at, "ko")
    footer = fmt.datetime_label(made_at, "ko")
    assert name == f"AI집적단지_브리핑_{seoul:%Y%m%d}.pdf"
    assert footer.startswith(f"{seoul.year}. {seoul.month}. {seoul.day}. ")
    assert pack_file_name(made_at.replace(tzinfo=None), "en") == f"AI-cluster-briefing_{seoul:%Y%m%d}.pdf"
