"""The layers hold (issue #13): only the pages' side imports Streamlit, pages reach the store through ui/, and the
pure packages never import the interface. Every import counts, at any nesting level (inside a function, under
`if TYPE_CHECKING:`), and so does `importlib.import_module("…")` / `__import__("…")` with a literal name.

Self-contained on purpose (no conftest): it reads source files with `ast`, it imports nothing of the app.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SKIPPED = {".venv", ".git", "tests", "bench", "test-output", "var", "node_modules", "__pycache__"}

# Who may import Streamlit: the one list. Folders end in "/".
STREAMLIT_ALLOWED = {
    "views/": "the pages themselves",
    "ui/": "the widgets the pages are built from",
    "app.py": "the navigation and page setup run by Streamlit",
    "server.py": "builds st.App, the entry point",
    "auth/session.py": "sign-in: session state, the login form, the sidebar and the secrets/config options",
}
# Pages reach the database only through ui/ (ui.data and the widgets).
PAGES = "views/"
PAGES_MUST_NOT_IMPORT = ("store", "sqlalchemy")
# Packages with no interface in them: they never import ui/ or views/.
PURE = ("loaders/", "metrics/", "store/", "present/", "charts/", "briefing/", "program.py")
INTERFACE = ("ui", "views")


@dataclass(frozen=True)
class Import:
    module: str  # absolute dotted name ("streamlit.config", "ui.i18n")
    line: int


def _absolute(module: str | None, level: int, package: str) -> str:
    """A `from .x import y` made absolute against the importing file's package ("ui" for ui/page.py)."""
    if level == 0:
        return module or ""
    parts = package.split(".") if package else []
    base = parts[: len(parts) - (level - 1)] if level > 1 else parts
    return ".".join([*base, *([module] if module else [])])


def imports_of(source: str, package: str = "") -> Iterator[Import]:
    """Every module `source` imports, wherever the statement sits. `package` resolves relative imports."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node.module, node.level, package)
            yield Import(base, node.lineno)
            for alias in node.names:  # `from ui import format` imports the module ui.format
                yield Import(f"{base}.{alias.name}" if base else alias.name, node.lineno)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                yield Import(node.args[0].value, node.lineno)


def _is(module: str, top: str) -> bool:
    return module == top or module.startswith(top + ".")


def _under(path: str, entry: str) -> bool:
    return path.startswith(entry) if entry.endswith("/") else path == entry


def violations(path: str, source: str) -> list[str]:
    """The rules broken by one file; `path` is relative to the repository, with "/" ("metrics/budget.py")."""
    package = ".".join(Path(path).parent.parts)
    found: dict[tuple[int, str], str] = {}  # (line, rule) → message: one per statement and rule
    for imp in imports_of(source, package):
        where = f"{path}:{imp.line}"
        if _is(imp.module, "streamlit") and not any(_under(path, entry) for entry in STREAMLIT_ALLOWED):
            found.setdefault(
                (imp.line, "streamlit"),
                f"{where} imports {imp.module}: only {', '.join(STREAMLIT_ALLOWED)} may import Streamlit",
            )
        if _under(path, PAGES) and any(_is(imp.module, name) for name in PAGES_MUST_NOT_IMPORT):
            found.setdefault(
                (imp.line, "pages"), f"{where} imports {imp.module}: pages reach the store through ui/ (ui.data)"
            )
        if any(_under(path, entry) for entry in PURE) and any(_is(imp.module, name) for name in INTERFACE):
            found.setdefault(
                (imp.line, "pure"),
                f"{where} imports {imp.module}: {path.split('/')[0]} is pure, it never imports ui/ or views/",
            )
    return [found[key] for key in sorted(found)]


def app_files() -> list[Path]:
    return sorted(
        path
        for path in REPO.rglob("*.py")
        if not SKIPPED.intersection(path.relative_to(REPO).parts[:-1])
        and not path.relative_to(REPO).parts[0].startswith(".")
    )


def test_the_app_keeps_its_layers():
    files = app_files()
    scanned = {path.relative_to(REPO).as_posix() for path in files}
    assert {"app.py", "server.py", "program.py", "ui/page.py", "metrics/budget.py", "present/i18n.py"} <= scanned
    found = [
        v for path in files for v in violations(path.relative_to(REPO).as_posix(), path.read_text(encoding="utf-8"))
    ]
    assert not found, "layer rules broken:\n" + "\n".join(found)


def test_every_allowed_entry_exists():
    for entry in [*STREAMLIT_ALLOWED, PAGES, *PURE]:
        assert (REPO / entry).exists(), entry


# --- the checker itself: a planted violation is caught, so the rule cannot pass by seeing nothing ----------------


def test_a_streamlit_import_inside_a_function_is_caught():
    source = "import pandas\n\ndef total():\n    if True:\n        import streamlit as st\n    return 1\n"
    assert violations("metrics/budget.py", source) == [
        "metrics/budget.py:5 imports streamlit: only views/, ui/, app.py, server.py, auth/session.py may import Streamlit"
    ]


def test_every_form_of_import_is_seen():
    source = (
        "from streamlit import config\n"
        "import streamlit.components.v1\n"
        "import importlib\n"
        "x = importlib.import_module('streamlit.runtime')\n"
        "y = __import__('streamlit')\n"
    )
    lines = [v.split(" ")[0] for v in violations("charts/x.py", source)]
    assert lines == ["charts/x.py:1", "charts/x.py:2", "charts/x.py:4", "charts/x.py:5"]
    assert violations("ui/x.py", source) == [] and violations("auth/session.py", source) == []
    assert violations("auth/web.py", source) != []  # only the listed sign-in module, not the whole package


def test_pages_do_not_reach_the_database_and_pure_packages_not_the_interface():
    assert violations("views/history.py", "from store import Version\n") == [
        "views/history.py:1 imports store: pages reach the store through ui/ (ui.data)"
    ]
    assert violations("views/accounts.py", "def f():\n    from sqlalchemy.exc import SQLAlchemyError\n")
    assert violations("views/budget.py", "from ui.data import Version\n") == []
    assert violations("charts/budget.py", "from ui import format as fmt\n")
    assert violations("present/glance.py", "from ui.i18n import t\n")
    assert violations("program.py", "from views import overview\n")
    assert violations("store/x.py", "from present.i18n import translate\n") == []
    # relative imports resolve against the file's package: `from .data import …` in ui/ is ui.data
    assert violations("views/x.py", "from ..store import Version\n")
    assert violations("ui/x.py", "from .data import get_store\n") == []


# --- one registry, one clock (issue #27) ----------------------------------------------------------------------------
# Every fact about a dataset is a field of `Dataset` in loaders/contract.py: no other file lists datasets by name (a
# tuple, list or set of two or more dataset names, or a dict keyed by them). And every "today" comes from
# clock.py (the city's zone), which tests can set.
REGISTRY = "loaders/contract.py"
CLOCK = "clock.py"


def dataset_names(source: str) -> set[str]:
    """The `name=` of every `Dataset(...)` in the registry's source."""
    return {
        keyword.value.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Dataset"
        for keyword in node.keywords
        if keyword.arg == "name" and isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str)
    }


def _all_names(nodes: list[ast.expr | None], names: set[str]) -> bool:
    return len(nodes) >= 2 and all(
        isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value in names for n in nodes
    )


def registry_violations(path: str, source: str, names: set[str]) -> list[str]:
    """Literal lists of dataset names outside the registry."""
    if path == REGISTRY:
        return []
    found = []
    for node in ast.walk(ast.parse(source)):
        items = (
            list(node.elts)
            if isinstance(node, ast.Tuple | ast.List | ast.Set)
            else list(node.keys)
            if isinstance(node, ast.Dict)
            else []
        )
        if _all_names(items, names):
            listed = ", ".join(str(n.value) for n in items if isinstance(n, ast.Constant))
            found.append(f"{path}:{node.lineno} lists datasets ({listed}): make it a field of Dataset in {REGISTRY}")
    return found


_DATE_OWNERS = {"date", "datetime"}  # date.today, dt.date.today, datetime.today, dt.datetime.today


def _owner(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""


def clock_violations(path: str, source: str) -> list[str]:
    """Reads of today's date outside clock.py: `date.today` (called or passed, as in
    `field(default_factory=dt.date.today)`), `datetime.today()`, `datetime.now()` without a time zone (the local
    clock) and `datetime.now(…).date()`."""
    if path == CLOCK:
        return []
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "today" and _owner(node.value) in _DATE_OWNERS:
            found.add(node.lineno)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            func = node.func
            if (func.attr == "now" and _owner(func.value) == "datetime" and not node.args and not node.keywords) or (
                func.attr == "date"
                and isinstance(func.value, ast.Call)
                and isinstance(func.value.func, ast.Attribute)
                and func.value.func.attr == "now"
            ):
                found.add(node.lineno)
    return [f"{path}:{line} reads today's date: use clock.today()" for line in sorted(found)]


def test_no_dataset_is_listed_outside_the_registry():
    names = dataset_names((REPO / REGISTRY).read_text(encoding="utf-8"))
    assert {"budget", "jobs", "companies", "sites", "parcels"} <= names
    found = [
        v
        for path in app_files()
        for v in registry_violations(path.relative_to(REPO).as_posix(), path.read_text(encoding="utf-8"), names)
    ]
    assert not found, "dataset lists outside the registry:\n" + "\n".join(found)


def test_today_comes_from_the_clock():
    found = [
        v for path in app_files() for v in clock_violations(path.relative_to(REPO).as_posix(), path.read_text("utf-8"))
    ]
    assert not found, "today read outside clock.py:\n" + "\n".join(found)


def test_the_registry_check_catches_a_planted_list():
    names = dataset_names('A = Dataset(name="budget", label="x")\nB = Dataset(label="y", name="jobs")\n')
    assert names == {"budget", "jobs"}
    source = (
        'MONTHLY = ("budget", "jobs")\n'
        'FILES = {"budget": "b.xlsx", "jobs": "j.csv"}\n'
        'if name in ["jobs", "budget"]:\n    pass\n'
        'ONE = ("budget",)\n'  # one name: reading a dataset, not a list of them
        'LAYERS = ("budget", "outline")\n'  # a list that only shares a word with a dataset
        'frame("budget"); frame("jobs")\n'
    )
    lines = [v.split(" ")[0] for v in registry_violations("views/x.py", source, names)]
    assert lines == ["views/x.py:1", "views/x.py:2", "views/x.py:3"]
    assert registry_violations(REGISTRY, source, names) == []


def test_the_clock_check_catches_every_way_of_reading_today():
    source = (
        "import datetime as dt\n"
        "from datetime import date, datetime\n"
        "a = dt.date.today()\n"
        "b = date.today()\n"
        "c = field(default_factory=dt.date.today)\n"
        "d = datetime.now()\n"
        "e = dt.datetime.now(dt.UTC).date()\n"
        "f = datetime.today()\n"
        "g = dt.datetime.now(dt.UTC)\n"  # a moment (a timestamp), not today's date
    )
    lines = [v.split(" ")[0] for v in clock_violations("views/x.py", source)]
    assert lines == [f"views/x.py:{n}" for n in (3, 4, 5, 6, 7, 8)]
    assert clock_violations(CLOCK, source) == []


# --- one way to put text on screen (issue #37) ----------------------------------------------------------------------
# Streamlit reads the text of these elements as Markdown: pages call ui/text.py's wrappers, which escape it.
TEXT_ELEMENTS = {
    "markdown",
    "caption",
    "info",
    "warning",
    "error",
    "success",
    "toast",
    "title",
    "header",
    "subheader",
    "expander",
    "metric",
    "write",
}
TEXT_MODULE = "ui/text.py"
_NOT_STREAMLIT = {"_log", "log", "logger", "logging"}  # `_log.error(...)` is a log line, not an element


def text_violations(path: str, source: str) -> list[str]:
    """Calls of a Markdown-reading Streamlit element (`st.caption(…)`, `column.metric(…)`) outside ui/text.py."""
    if path == TEXT_MODULE or not any(_under(path, entry) for entry in STREAMLIT_ALLOWED):
        return []
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in TEXT_ELEMENTS
            and _owner(node.func.value) not in {"say", *_NOT_STREAMLIT}
        ):
            found.append(f"{path}:{node.lineno} calls .{node.func.attr}(): show text through ui/text.py (say.*)")
    return found


def test_text_reaches_the_screen_through_ui_text():
    found = [
        v for path in app_files() for v in text_violations(path.relative_to(REPO).as_posix(), path.read_text("utf-8"))
    ]
    assert not found, "text shown around ui/text.py:\n" + "\n".join(found)


def test_the_text_check_catches_a_planted_call():
    source = (
        "import streamlit as st\n"
        "st.caption('a')\n"
        "left.metric('x', 1)\n"
        "say.caption('b')\n"
        "st.sidebar.subheader('c')\n"
        "_log.error('d')\n"
    )
    lines = [v.split(" ")[0] for v in text_violations("views/x.py", source)]
    assert lines == ["views/x.py:2", "views/x.py:3", "views/x.py:5"]
    assert text_violations(TEXT_MODULE, source) == [] and text_violations("metrics/x.py", source) == []
