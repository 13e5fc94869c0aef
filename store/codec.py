"""A LoadResult frame to JSON rows and back, exactly: integer won stays an exact int (no float on the way),
dates travel as ISO text, and each column gets back the very dtype it left with."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

PROVENANCE = "source_row"


def dumps(value: object) -> str:
    return json.dumps(value, default=_json_default, ensure_ascii=False, separators=(",", ":"))


def _json_default(value: object) -> object:
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, (pd.Timestamp,)):
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def frame_dtypes(frame: pd.DataFrame) -> list[list[str]]:
    """[[column, dtype string], …] in frame order; `pandas_dtype(dtype string)` gives the dtype back."""
    return [[str(name), str(dtype)] for name, dtype in frame.dtypes.items()]


def _column_values(series: pd.Series) -> list[object]:
    """A column as JSON-ready Python values, missing as None."""
    dtype = series.dtype
    if (isinstance(dtype, np.dtype) and dtype.kind == "M") or isinstance(dtype, pd.DatetimeTZDtype):
        missing = series.isna().to_numpy()
        midnight = (series.dropna() == series.dropna().dt.normalize()).all()
        text = series.dt.strftime("%Y-%m-%d") if midnight else series.map(lambda t: t.isoformat(), na_action="ignore")
        return [None if m else t for m, t in zip(missing, text.tolist(), strict=True)]
    if pd.api.types.is_bool_dtype(dtype):
        return series.astype(object).where(series.notna(), None).tolist()
    if pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_float_dtype(dtype):
        # Masked arrays and numpy both hand out Python ints/floats here; ints stay exact.
        return series.array.to_numpy(dtype=object, na_value=None).tolist()
    values = series.to_numpy(dtype=object)
    missing = pd.isna(values)
    return [None if m else _plain(v) for m, v in zip(missing, values, strict=True)]


def _plain(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    return value


def encode_rows(frame: pd.DataFrame, written: dict[int, dict[str, str]]) -> list[dict[str, object]]:
    """Rows for `dataset_rows` (without version_id): position, source_row, payload JSON, written JSON."""
    names = [c for c in frame.columns if c != PROVENANCE]
    columns = [_column_values(frame[c]) for c in names]
    source_rows = [int(r) for r in frame[PROVENANCE].tolist()]
    empty = "{}"
    written_json = {row: dumps(cells) for row, cells in written.items()}
    return [
        {
            "position": position,
            "source_row": source_row,
            "payload": dumps(dict(zip(names, values, strict=True))),
            "written": written_json.get(source_row, empty),
        }
        for position, (source_row, values) in enumerate(
            zip(source_rows, zip(*columns, strict=True) if names else ((),) * len(source_rows), strict=True)
        )
    ]


def decode_frame(dtypes: Sequence[Sequence[str]], payloads: Iterable[str], source_rows: Sequence[int]) -> pd.DataFrame:
    """The frame `encode_rows` was given, from its payloads in position order and the stored dtypes."""
    records = [json.loads(p) for p in payloads]
    data: dict[str, object] = {}
    for name, dtype_text in dtypes:
        dtype = pd.api.types.pandas_dtype(dtype_text)
        if name == PROVENANCE:
            assert isinstance(dtype, np.dtype)  # source_row is always stored as a numpy integer dtype
            data[name] = np.asarray(source_rows, dtype=dtype)
            continue
        values = [r.get(name) for r in records]
        data[name] = _typed(values, dtype)
    frame = pd.DataFrame(data, index=pd.RangeIndex(len(records)))
    # The constructor may infer (e.g. object → str); put back exactly what was stored.
    for name, dtype_text in dtypes:
        dtype = pd.api.types.pandas_dtype(dtype_text)
        if frame[name].dtype != dtype:
            frame[name] = frame[name].astype(dtype)
    return frame


def _typed(values: list[Any], dtype) -> object:  # values: scalars decoded from JSON
    if (isinstance(dtype, np.dtype) and dtype.kind == "M") or isinstance(dtype, pd.DatetimeTZDtype):
        parsed = pd.to_datetime(pd.Series(values, dtype=object), format="ISO8601")
        return parsed.astype(dtype).array
    if isinstance(dtype, np.dtype) and dtype.kind == "O":
        array = np.empty(len(values), dtype=object)
        array[:] = values
        return pd.Series(array, dtype=object)
    if isinstance(dtype, np.dtype) and dtype.kind in "iu" and any(v is None for v in values):
        return pd.array(values, dtype="Int64").astype(dtype)  # raises, as the original could not hold NA either
    return pd.array(values, dtype=dtype)
