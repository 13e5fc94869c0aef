"""The date each dataset's figures speak for: what every page prints next to them."""

from __future__ import annotations

import calendar
import datetime as dt

import pandas as pd

from loaders.contract import DATASETS, AsOf, Kind


def month_end(value: dt.date) -> dt.date:
    return value.replace(day=calendar.monthrange(value.year, value.month)[1])


def data_as_of(dataset: str, frame: pd.DataFrame | None, uploaded: dt.date) -> dt.date:
    """The date by the dataset's rule (`loaders.contract.AsOf`): budget, the end of the last month with money
    executed (the latest 기준일 for a year held as year-to-date snapshots); a monthly dataset, the end of the last
    month reported; a snapshot, its latest 기준일; a register, the upload date.

    A month that had not ended when its file was uploaded (a December file on 8 December) is not a closed month:
    its figures are as of the upload date (`uploaded`, the city's date), so the share of the year elapsed, the pace
    and the year-end range count the days gone, not the whole month."""
    if frame is None or frame.empty:
        return uploaded
    rule = DATASETS[dataset].as_of if dataset in DATASETS else AsOf.UPLOAD
    if rule is AsOf.EXECUTED_MONTH:
        return _executed_month(frame, uploaded)
    if rule is AsOf.LAST_MONTH:
        return closed_or_partial(pd.Timestamp(frame[_column(dataset, Kind.MONTH)].max()).date(), uploaded)
    if rule is AsOf.LATEST_DATE:
        return pd.Timestamp(frame[_column(dataset, Kind.DATE)].max()).date()
    return uploaded


def _column(dataset: str, kind: Kind) -> str:
    """The dataset's period column of `kind` (the month of a monthly dataset, the 기준일 of a snapshot)."""
    return next(name for name in DATASETS[dataset].period if DATASETS[dataset].column(name).kind is kind)


def _executed_month(frame: pd.DataFrame, uploaded: dt.date) -> dt.date:
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
    return closed_or_partial(dt.date(last_year, int(months.max()), 1), uploaded)


def closed_or_partial(month: dt.date, uploaded: dt.date) -> dt.date:
    """The end of `month` when it had ended by the upload; else the upload date (within the month): a partial month."""
    end = month_end(month)
    return end if uploaded >= end else max(month.replace(day=1), uploaded)
