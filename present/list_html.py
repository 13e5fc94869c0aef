"""The 사유·대책 list as HTML, one renderer for the pages (ui.reasons) and the briefing slide (briefing.render):
each entry a bold title (the programme, with its rate and gap), its warnings, and its lines of text. Every text
comes from the data and is escaped; lines keep the writer's line breaks and wrap on a phone.

A `ListLook` says how a medium draws it (the page's `reason-*` and the slide's `briefing-*` test ids, sizes and
colours); the shape is the same."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from .reasons import ReasonItem

WRAPPING = "white-space:pre-wrap;word-break:keep-all;overflow-wrap:anywhere"  # the writer's line breaks, wrapped
# Read, not seen: what separates the warnings in the text (a screen reader, a copy, a test reading textContent),
# where the eye sees them apart as badges (issue #37: "사유 미입력대책 완료 예정일…" ran together).
UNSEEN = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap"


@dataclass(frozen=True)
class ListEntry:
    """One programme: its title, warnings and lines as (kind, text), kind one of reason, action, source."""

    title: str
    lines: tuple[tuple[str, str], ...] = ()
    flags: tuple[str, ...] = ()
    program: str | None = None  # the page marks an entry with its programme (data-program)


@dataclass(frozen=True)
class ListLook:
    """How one medium draws the list."""

    list_attributes: str  # of the list's element (its test id, and style)
    item_testid: str
    item_style: str
    title_style: str
    flag_testid: str
    flag_style: str
    flags_in_title: bool  # the slide: warnings follow the title on its line; the page: a line of their own
    lines_style: str | None = None  # the slide: the lines in one block of this style
    line_testid: str | None = None  # the page: each line's test id, this + its kind ("reason-action")
    source_style: str | None = None  # the page: the source line smaller and muted


PAGE = ListLook(
    list_attributes='data-testid="reasons-list"',
    item_testid="reason-item",
    item_style="padding:6px 0;border-bottom:1px solid #e6e6e6;line-height:1.45",
    title_style="font-weight:700;overflow-wrap:anywhere",
    flag_testid="reason-flag",
    # the overdue-data colour of the briefing (briefing.render.SAMPLE_FG) on its sample-mark background: a badge
    flag_style=(
        "display:inline-block;color:#8A3B00;background:#FFF3E0;border:1px solid #8A3B00;border-radius:6px;"
        "padding:0 8px;font-weight:700;margin:2px 8px 2px 0"
    ),
    flags_in_title=False,
    line_testid="reason-",
    source_style="color:#31333F;font-size:0.85em",
)


def page_entries(items: Iterable[ReasonItem]) -> list[ListEntry]:
    """The page's entries: title "programme · rate (gap)", then 사유, 대책 and where they come from."""
    return [
        ListEntry(
            f"{item.program} · {item.figure}" if item.figure else item.program,
            tuple(
                (kind, text)
                for kind, text in (("reason", item.reason), ("action", item.action), ("source", item.source))
                if text
            ),
            item.flags,
            program=item.program,
        )
        for item in items
    ]


def _line(kind: str, text: str, look: ListLook) -> str:
    testid = f' data-testid="{look.line_testid}{kind}"' if look.line_testid else ""
    style = look.source_style if kind == "source" and look.source_style else WRAPPING
    return f'<div{testid} style="{style}">{escape(text)}</div>'


def _entry(entry: ListEntry, look: ListLook) -> str:
    # badges apart to the eye, and in the text: ", " between them (and a space after the title), not seen
    flags = f'<span style="{UNSEEN}">, </span>'.join(
        f'<span data-testid="{look.flag_testid}" style="{look.flag_style}">{escape(flag)}</span>'
        for flag in entry.flags
    )
    if flags and look.flags_in_title:
        flags = f'<span style="{UNSEEN}"> </span>{flags}'
    lines = "".join(_line(kind, text, look) for kind, text in entry.lines)
    if look.lines_style is not None:
        lines = f'<div style="{look.lines_style}">{lines}</div>'
    program = f' data-program="{escape(entry.program, quote=True)}"' if entry.program is not None else ""
    title = f'<div style="{look.title_style}">{escape(entry.title)}{flags if look.flags_in_title else ""}</div>'
    flag_row = f"<div>{flags}</div>" if flags and not look.flags_in_title else ""
    return f'<div data-testid="{look.item_testid}"{program} style="{look.item_style}">{title}{flag_row}{lines}</div>'


def list_html(entries: Iterable[ListEntry], look: ListLook) -> str:
    """The list as one HTML block, every text escaped."""
    return f"<div {look.list_attributes}>{''.join(_entry(entry, look) for entry in entries)}</div>"
