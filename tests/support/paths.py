"""Where things are."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT / "tests" / "fixtures"  # checked against tests/fixtures/expected.json
TEST_OUTPUT = REPO_ROOT / "test-output"  # gitignored
