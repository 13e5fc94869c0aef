"""Compute once per data version, for every viewer: a page's pure computing, shared across sessions.

`shared(context, build, *args, **kwargs)` returns `build(*args, **kwargs)`, computed once per process for each
combination of

- the stored versions of the frames among the arguments: every DataFrame argument must be one of the page's
  version frames (`PageContext.frames`) and is keyed by its dataset's version id, not hashed row by row; any
  other version's rows are passed as `StoredRows(version)`, keyed by its id and read only when the builder runs
  (the builder gets the DataFrame); a stored `Version` is keyed by its id too, and so are these inside a dict or
  a tuple argument (the briefing deck's versions, by name);
- every other argument (the selection, the language, the date, …), hashed by `st.cache_data`;
- the builder itself (its module and name).

Versions never change once stored and an import or a rollback stores a new version with a new id, so the next
rerun after an import or a rollback misses the cache and shows fresh figures at once, in every app process; a
language switch changes the `lang` argument. The result is pickled by `st.cache_data`, so each session gets its
own copy (a page may change what it was given). Builders are pure functions (metrics/, present/): Streamlit-free,
and their results picklable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

import pandas as pd
import streamlit as st

from store import Version

from .data import version_frame

if TYPE_CHECKING:
    from .page import PageContext

T = TypeVar("T")
MAX_ENTRIES = 512  # builders × versions × selections × languages still in use; old versions age out


class VersionFrame:
    """The stand-in, in a cache key, of one version's frame: its dataset and version id."""

    def __init__(self, dataset: str, version_id: int) -> None:
        self.dataset, self.version_id = dataset, version_id

    def __reduce__(self):  # what st.cache_data hashes
        return (VersionFrame, (self.dataset, self.version_id))

    def __repr__(self) -> str:
        return f"VersionFrame({self.dataset!r}, {self.version_id})"


class VersionKey(VersionFrame):
    """The stand-in, in a cache key, of a stored version (its record never changes once stored)."""

    def __reduce__(self):
        return (VersionKey, (self.dataset, self.version_id))

    def __repr__(self) -> str:
        return f"VersionKey({self.dataset!r}, {self.version_id})"


SIMPLE = (str, int, float, bool, type(None), dt.date, dt.datetime, Enum, VersionFrame)


class StoredRows:
    """A stored version's rows as an argument of `shared`: keyed by the version's id, and read (ui.data, cached)
    only when the builder runs, so a page whose result is already shared reads no rows at all. The builder gets
    the DataFrame."""

    def __init__(self, version: Version) -> None:
        self.version = version


def _resolved(value: Any) -> Any:
    if isinstance(value, StoredRows):
        return version_frame(value.version)
    if isinstance(value, dict):
        return {key: _resolved(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return tuple(_resolved(item) for item in value)
    return value


def _built(build: Callable[..., Any], args: tuple, kwargs: dict[str, Any]) -> Any:
    return build(*_resolved(args), **{name: _resolved(value) for name, value in kwargs.items()})


@st.cache_data(show_spinner=False, max_entries=MAX_ENTRIES)
def _computed(key: object, _build: Callable[..., Any], _args, _kwargs) -> Any:
    return _built(_build, _args, _kwargs)


@st.cache_resource(show_spinner=False, max_entries=MAX_ENTRIES)
def _kept(key: object, _build: Callable[..., Any], _args, _kwargs) -> Any:
    return _built(_build, _args, _kwargs)


def _simple(value: object) -> bool:
    """Plain values whose repr says all they hold: the key is then one string, cheap to hash on every rerun."""
    if isinstance(value, tuple | list | frozenset):
        return all(_simple(item) for item in value)
    return isinstance(value, SIMPLE)


def _key_of(context: PageContext, value: object) -> object:
    if isinstance(value, pd.DataFrame):
        for dataset, frame in context.frames.items():
            if frame is value:
                return VersionFrame(dataset, context.versions[dataset].id)
        raise TypeError(
            "shared(): a DataFrame argument must be one of the page's version frames (context.frame()); "
            "another version's rows are passed as StoredRows(version)"
        )
    if isinstance(value, StoredRows):
        return VersionFrame(value.version.dataset, value.version.id)
    if isinstance(value, Version):
        return VersionKey(value.dataset, value.id)
    if isinstance(value, dict):
        return ("dict", tuple((key, _key_of(context, item)) for key, item in value.items()))
    if isinstance(value, tuple):
        return tuple(_key_of(context, item) for item in value)
    return value


def _key(context: PageContext, build: Callable[..., Any], args: tuple, kwargs: dict[str, Any]) -> object:
    name = f"{build.__module__}.{build.__qualname__}"
    if build.__module__ == "__main__" or "<locals>" in build.__qualname__:
        raise ValueError(f"shared(): {name} must be a module-level function of a package (metrics/, present/)")
    key_args = tuple(_key_of(context, value) for value in args)
    key_kwargs = tuple(sorted((k, _key_of(context, v)) for k, v in kwargs.items()))
    key: object = (name, key_args, key_kwargs)
    if _simple(key):
        key = repr(key)  # else st.cache_data hashes the values themselves (e.g. a selection's dataclass)
    return key


def shared(context: PageContext, build: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """`build(*args, **kwargs)`, computed once per data version, arguments and builder for every session."""
    return _computed(_key(context, build, args, kwargs), build, args, kwargs)


def shared_view(context: PageContext, build: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """`shared`, without the copy: every session gets the very object built (st.cache_resource), so a rerun does
    not unpickle it. For a page's view-model that the page only reads, never changes (present.budget_page,
    present.jobs_page: frames, tables and chart specs drawn as they are): unpickling those was the largest part
    of a budget rerun at ten times the sample data (issue #23)."""
    return _kept(_key(context, build, args, kwargs), build, args, kwargs)


def clear() -> None:
    """Forget every shared result (tests; a store restored underneath a running process)."""
    _computed.clear()
    _kept.clear()
