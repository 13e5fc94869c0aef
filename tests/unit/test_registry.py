"""The dataset registry is whole (issue #27): every fact about a dataset is a field of `Dataset`, and what used to be
listed elsewhere (pages' and slides' datasets, monthly datasets, sample files, what-changed) follows from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

import briefing  # noqa: F401  (registers the slides)
from auth.roles import Page
from briefing.registry import specs
from loaders import contract
from loaders.contract import (
    DATASETS,
    AsOf,
    Column,
    Dataset,
    Kind,
    briefing_datasets,
    compared_datasets,
    page_datasets,
    sample_files,
    slide_datasets,
)
from metrics.as_of import data_as_of

DATA = Path(__file__).resolve().parents[2] / "data"


def test_pages_read_the_datasets_they_always_read_in_the_same_order():
    assert page_datasets(Page.HOME.value) == (
        "budget", "jobs", "companies", "targets", "events", "sites", "reasons", "selections", "agreements",
    )  # fmt: skip
    assert page_datasets(Page.BUDGET.value) == ("budget", "targets", "events", "reasons")
    assert page_datasets(Page.JOBS.value) == ("jobs", "targets", "agreements")
    assert page_datasets(Page.PIPELINE.value) == ("companies", "jobs", "selections", "agreements")
    assert page_datasets(Page.MAP.value) == ("sites", "parcels", "jobs", "companies", "selections", "agreements")
    assert page_datasets(Page.CHANGES.value) == ()


def test_slides_read_the_datasets_they_always_read():
    assert slide_datasets("overview") == (
        "budget", "jobs", "companies", "targets", "events", "sites", "selections", "agreements",
    )  # fmt: skip
    assert slide_datasets("overview", needed=True) == ("budget", "jobs", "companies")
    assert slide_datasets("budget") == ("budget", "targets")
    assert slide_datasets("jobs") == ("jobs", "targets")
    assert slide_datasets("pipeline") == ("companies", "targets", "selections")
    assert slide_datasets("pipeline", needed=True) == ("companies",)  # without selections: all "선정 이력 없음"
    assert slide_datasets("map") == ("sites", "parcels")
    assert slide_datasets("reasons") == ("budget", "reasons")
    assert slide_datasets("reasons", needed=True) == ("budget",)  # without 사유·대책 it says "사유 미입력"
    assert slide_datasets("agreements") == slide_datasets("agreements", needed=True) == ("agreements",)
    assert set(briefing_datasets()) == set(DATASETS)


def test_every_reader_exists_and_no_place_is_taken_twice():
    pages, slides = {p.value for p in Page}, {s.key for s in specs()}
    for dataset in DATASETS.values():
        assert {s.on for s in dataset.pages} <= pages, dataset.name
        assert {s.on for s in dataset.slides} <= slides, dataset.name
    for readers in ("pages", "slides"):
        places = [(s.on, s.order) for d in DATASETS.values() for s in getattr(d, readers)]
        assert len(places) == len(set(places)), readers


def test_what_changed_compares_one_list_on_the_page_and_the_slide():
    from briefing.changes_slide import COMPARED

    assert (
        compared_datasets()
        == ("budget", "jobs", "companies", "sites", "targets", "events", "reasons", "agreements", "selections")
        == COMPARED
    )


def test_monthly_datasets_and_as_of_rules():
    assert [name for name, d in DATASETS.items() if d.monthly] == ["budget", "jobs", "reasons"]
    assert DATASETS["companies"].as_of is AsOf.LATEST_DATE and DATASETS["sites"].as_of is AsOf.UPLOAD
    assert DATASETS["agreements"].as_of is AsOf.LATEST_DATE


def test_every_sample_file_is_bundled_and_seeded_in_registry_order():
    files = sample_files()
    assert list(files) == [name for name in DATASETS if name in files] and len(files) == len(DATASETS)
    assert all((DATA / name).is_file() for name in files.values())


def test_a_dataset_declared_the_old_way_still_works():
    plain = Dataset("notes", "메모", (Column("text", "내용", Kind.TEXT, ("내용",)),), ("text",), {"내용": "x"})
    assert plain.as_of is AsOf.UPLOAD and not plain.monthly and not plain.compared
    assert plain.sample_file is None and plain.pages == () and plain.slides == () and plain.template_unit == "천원"


@pytest.mark.parametrize("rule", [AsOf.LAST_MONTH, AsOf.LATEST_DATE])
def test_a_new_dataset_gets_its_as_of_from_its_rule(monkeypatch, rule):
    """The rule, not the dataset's name, decides the date: a new monthly or snapshot dataset needs no code."""
    period = Column("month", "기준월", Kind.MONTH, ("기준월",)) if rule is AsOf.LAST_MONTH else None
    snapshot = Column("as_of", "기준일", Kind.DATE, ("기준일",))
    column = period or snapshot
    new = Dataset("reasons", "사유", (column,), (column.name,), {}, period=(column.name,), as_of=rule)
    monkeypatch.setitem(contract.DATASETS, "reasons", new)
    frame = pd.DataFrame({column.name: pd.to_datetime(["2026-09-12", "2026-10-03"])})
    expected = dt.date(2026, 10, 31) if rule is AsOf.LAST_MONTH else dt.date(2026, 10, 3)
    assert data_as_of("reasons", frame, dt.date(2026, 12, 1)) == expected
    monkeypatch.setitem(contract.DATASETS, "reasons", replace(new, as_of=AsOf.UPLOAD))
    assert data_as_of("reasons", frame, dt.date(2026, 12, 1)) == dt.date(2026, 12, 1)
