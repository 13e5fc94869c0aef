"""Tables and chart data made once with a view-model (present.shown_table, present.chart_png.page_spec) are the very
bytes Streamlit would send had it converted them on every rerun (issue #23), and show_table draws them."""

from __future__ import annotations

import datetime as dt
import pickle

import numpy as np
import pandas as pd
from streamlit import dataframe_util

from charts.overview import timeline_chart
from metrics import overview
from present.chart_png import PageSpec, page_spec
from present.shown_table import content_digest, shown_frame

TODAY = dt.date(2026, 11, 25)


def table() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "사업": ["AI 실증", "데이터센터", "=HYPERLINK(1)", None],
            "예산액": np.array([1_060_000_000, 5, 0, 12], dtype="int64"),
            "집행률": [61.6, np.nan, 0.0, 100.0],
            "기준일": pd.to_datetime(["2026-11-25", "2026-10-31", None, "2025-12-31"]),
        }
    )
    return frame.iloc[[3, 1, 0]]  # a filtered frame: its index is not a RangeIndex


def test_a_shown_frame_is_the_arrow_table_st_dataframe_would_make():
    for frame in (table(), table().reset_index(drop=True), table().iloc[0:0]):
        shown = shown_frame(frame)
        assert shown.frame is frame
        assert dataframe_util.convert_arrow_table_to_arrow_bytes(
            shown.arrow
        ) == dataframe_util.convert_pandas_df_to_arrow_bytes(frame)


def test_the_digest_changes_with_a_value_or_a_header_not_the_index():
    frame = table()
    assert content_digest(frame) == content_digest(frame.reset_index(drop=True))
    assert content_digest(frame) != content_digest(frame.assign(예산액=frame["예산액"] + 1))
    assert content_digest(frame) != content_digest(frame.rename(columns={"사업": "프로그램"}))
    assert shown_frame(frame).digest == content_digest(frame)


def test_a_page_spec_carries_its_datasets_as_the_bytes_st_vega_lite_chart_would_send():
    events = pd.DataFrame(
        {"date": pd.to_datetime(["2026-03-01", "2027-01-15"]), "title": ["착공", "준공"], "kind": ["착공", "준공"]}
    )
    chart = timeline_chart(overview.timeline_frame(TODAY), overview.milestones(events, None), TODAY, "ko")
    spec = page_spec(chart)
    assert isinstance(spec, PageSpec) and isinstance(spec, dict)
    datasets = spec["datasets"]
    assert datasets and set(spec.arrow) == set(datasets)
    for name, records in datasets.items():
        assert spec.arrow[name] == dataframe_util.convert_anything_to_arrow_bytes(records)
    assert spec == page_spec(chart)  # still the plain spec, data as values
    kept = pickle.loads(pickle.dumps(spec))  # as st.cache_data keeps a view-model (ui.shared)
    assert kept == spec and kept.arrow == spec.arrow
