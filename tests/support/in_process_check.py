"""The command line's checking done in the test's own process, for tests that run `loaders.__main__.main` on many
files to check its answers (JSON, exit codes): each check would otherwise start a checking process of its own
(loaders/worker.py; tested in tests/unit/test_loaders_worker.py and through the real command line elsewhere)."""

from __future__ import annotations

import pytest

from loaders.load import LoadResult, load_file


def check_in_process(data: bytes, filename: str = "", dataset=None, as_of=None, **_options) -> LoadResult:
    return load_file(data, filename, dataset, as_of)


@pytest.fixture
def cli_checks_in_process(monkeypatch):
    monkeypatch.setattr("loaders.__main__.check_file", check_in_process)
