"""The app's one road to the store: the engine through st.connection, frames cached by version id.

Versions never change once stored, so a frame cached under its version id is never stale; an import makes
a new id, which every page picks up on its next rerun (also in other app processes sharing PostgreSQL).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
import streamlit as st

from store import Store, Version, access_log, row_refs, seed_sample_data
from store.settings import configured_url

_log = logging.getLogger(__name__)
SAMPLE_DATA_DIR = Path(__file__).resolve().parents[1] / "data"


@st.cache_resource(show_spinner=False)
def get_store() -> Store:
    """The shared store, seeded with the bundled sample data the first time it is empty."""
    connection = st.connection("store", type="sql", url=configured_url())
    store = Store(connection.engine)
    seed_sample_data(store, SAMPLE_DATA_DIR)
    try:  # 접속기록 past its kept period goes when a server starts (also: python -m store purge-access-log)
        access_log.purge(store.engine)
    except Exception:  # deliberately broad: a purge that fails (a read-only replica) must not stop the dashboards
        _log.exception("could not purge the access log")
    return store


def latest_versions() -> dict[str, Version]:
    """The newest version of every dataset: one cheap query per rerun, so imports show at once."""
    return get_store().latest_versions()


@st.cache_data(show_spinner=False, max_entries=64)
def _frame_of_version(version_id: int, _version: Version) -> pd.DataFrame:
    return get_store().frame(_version)


def version_frame(version: Version) -> pd.DataFrame:
    """The rows of any stored version (cached like the latest ones: versions never change)."""
    return _frame_of_version(version.id, version)


@st.cache_data(show_spinner=False, max_entries=256)
def _version_by_number(dataset: str, number: int) -> Version | None:
    return get_store().version(dataset, number)


def upload_of_rows(version: Version, source_rows) -> Version:
    """The upload (version) whose file the rows came from: a period import keeps earlier uploads' rows, each with
    a reference to its file (store/row_refs.py); rows of one point or table row come from one file."""
    origin = row_refs.origin(int(next(iter(source_rows))))
    return version if origin is None else (_version_by_number(version.dataset, origin) or version)


@st.cache_data(show_spinner=False, ttl=5)
def dataset_versions(dataset: str, latest_id: int | None) -> list[Version]:
    """Every version of `dataset`, newest first; keyed on the latest id so a new import shows at once."""
    return get_store().versions(dataset)


def dataset_frame(dataset: str, versions: dict[str, Version] | None = None) -> pd.DataFrame | None:
    """The latest version's rows of `dataset`, or None when nothing has been uploaded."""
    versions = latest_versions() if versions is None else versions
    version = versions.get(dataset)
    if version is None:
        return None
    return _frame_of_version(version.id, version)
