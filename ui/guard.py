"""What a viewer sees when part of a page cannot be drawn: one Korean line naming the part and why, never a
traceback. The exception goes to the server log with the page, the user, the data versions and a reference the
viewer can quote to IT; the rest of the page still shows.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
from collections.abc import Iterator

import streamlit as st

from . import text as say
from .i18n import t

_log = logging.getLogger("aicd.page")


def _reason(error: Exception) -> str:
    if isinstance(error, KeyError):
        return t("error.reason.column", column=str(error.args[0]) if error.args else "?")
    if isinstance(error, (ValueError, TypeError, ArithmeticError, IndexError)):
        return t("error.reason.values")
    return t("error.reason.unexpected")


def _context() -> str:
    from auth.session import current_account

    from .data import latest_versions

    try:
        page = st.context.url or "?"
    except Exception:
        page = "?"
    try:
        account = current_account()
        versions = ", ".join(f"{name} v{v.number}" for name, v in sorted(latest_versions().items()))
    except Exception:
        account, versions = None, "?"
    user = account.username if account else "(anonymous)"
    return f"page={page} user={user} versions=[{versions}]"


def report(part: str, error: Exception) -> None:
    """Log `error` with where it happened and tell the viewer, in their language, which part is missing and why."""
    reference = secrets.token_hex(3)
    _log.error("could not show %s (ref %s) %s", part, reference, _context(), exc_info=error)
    say.warning(t("error.part", part=part, reason=_reason(error), reference=reference), icon=":material/error:")


@contextlib.contextmanager
def guarded(part_key: str) -> Iterator[None]:
    """`with guarded("overview.part.jobs"):` draws a part of a page; if it fails, the page goes on without it.

    st.stop() and st.rerun() are not errors (they are BaseExceptions, not caught here).
    """
    try:
        yield
    except Exception as error:
        report(t(part_key), error)
