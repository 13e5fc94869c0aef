"""A table as a page shows it, made once with its view-model (`ui.shared`) instead of on every rerun: the frame,
its Arrow table (what st.dataframe would convert the frame to on every run: `pyarrow.Table.from_pandas`, the same
bytes on screen) and its content digest (the key of a table whose cells open their source, `ui.provenance`).

Streamlit-free and picklable; `ui.export.show_table` takes a `ShownFrame` wherever it takes a DataFrame.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

# what pyarrow raises for a frame it cannot convert as it is (streamlit.dataframe_util.get_arrow_conversion_errors)
ARROW_ERRORS = (pa.ArrowTypeError, pa.ArrowInvalid, pa.ArrowNotImplementedError, OverflowError)


@dataclass(frozen=True)
class ShownFrame:
    frame: pd.DataFrame
    arrow: pa.Table | None  # None: pyarrow cannot convert the frame as it is (st.dataframe then fixes its columns)
    digest: str


def content_digest(frame: pd.DataFrame) -> str:
    """Eight hex digits that change with any value or column name of `frame` (not its index)."""
    content = pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes() + repr(list(frame.columns)).encode()
    return hashlib.blake2b(content, digest_size=4).hexdigest()


def shown_frame(frame: pd.DataFrame) -> ShownFrame:
    try:
        arrow: pa.Table | None = pa.Table.from_pandas(frame)
    except ARROW_ERRORS:
        arrow = None
    return ShownFrame(frame, arrow, content_digest(frame))
