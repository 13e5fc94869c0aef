"""The date each dataset's figures speak for: what every page prints next to them."""

from __future__ import annotations

import calendar
import datetime as dt

import pandas as pd


def month_end(value: dt.date) -> dt.date:
    return value.replace(day=calendar.monthrange(value.year, value.month)[1])


def data_as_of(dataset: str, frame: pd.DataFrame | None, uploaded: dt.date) -> dt.date:
    """Budget: end of the last month with money executed (the latest 기준일 for a year held as year-to-date
    snapshots); jobs and reasons: end of the last month reported;
    companies: the latest 기준일; other datasets: the upload date."""
    if frame is None or frame.empty:
        return uploaded
    if dataset == "budget":
        spent = frame[frame["executed_krw"] > 0]
        if spent.empty:
            return uploaded
        last_year = int(spent["year"].max())
        if "as_of" in spent.columns:
            dated = spent.loc[spent["year"] == last_year, "as_of"].dropna()
            if len(dated):  # year-to-date exports: the latest 기준일
                return pd.Timestamp(dated.max()).date()
        months = spent.loc[spent["year"] == last_year, "month"].dropna()
        if months.empty:  # yearly rows only: the year's figures are as of the upload
            return min(uploaded, dt.date(last_year, 12, 31))
        return month_end(dt.date(last_year, int(months.max()), 1))
    if dataset in ("jobs", "reasons"):
        return month_end(pd.Timestamp(frame["month"].max()).date())
    if dataset == "companies":
        return pd.Timestamp(frame["as_of"].max()).date()
    return uploaded
