"""Our sentences and the data in them, made safe for Streamlit's Markdown (issue #37).

Every text element Streamlit draws (st.markdown, st.caption, st.info …, a metric's label and help, an expander's
label) is read as GitHub-flavoured Markdown with Streamlit's extensions: "2020~2025년, 2026년 1~10월" would be
struck through between its two "~", "$1$" set as LaTeX, ":smile:" turned into an emoji, "[a](b)" into a link. The
pages therefore show text through `ui.text`, which passes it through `shown_markdown`:

- plain text (a `str`) is escaped, so it shows exactly as written;
- `Markdown` is text whose markup is meant (a bold heading, a list of lines): it was built with `markdown()`,
  `bold()` or `bullets()`, which escape every value put into it, and it is passed through unchanged.

`markdown_escape` escapes only what can start markup, so a sentence without such characters ("2026. 12. 8. 기준")
reaches the page unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Characters that open or close inline markup wherever they stand: emphasis (* _), strikethrough (~), code (`),
# LaTeX ($), links and images ([ ] ( after ]), raw HTML and autolinks (< >), tables (|), and the backslash itself.
_INLINE = re.compile(r"([\\`*_~$\[\]<>|])")
# Streamlit's directives (":red[text]", ":material/icon:") start with a colon before a letter; a backslash stops them.
# An HTML entity ("&#126;", "&amp;") would be read as the character it names.
_ENTITY = re.compile(r"&(?=#?\w+;)")
_DIRECTIVE = re.compile(r":(?=[A-Za-z][\w/-]*(?:\\\[|[\[:]))", re.ASCII)
# Emoji shortcodes (":smile:") are found in the text after the escapes are read, so a backslash does not stop them:
# an invisible word joiner after the first colon does (the shortcode pattern is :[\w-]+:).
_SHORTCODE = re.compile(r"(?<=\\:)(?=[\w+/-]+:)|(?<!\\):(?=[\w+/-]+:)", re.ASCII)
# Block markup at the start of a line: a heading (#), a quote (>), a list item (- + * or "1." "1)"), a rule (---).
# A marker needs a space after it ("-2개사" and "2026.12." stay as they are), except a quote's ">".
_LINE_START = re.compile(r"^([ \t]*)(#+(?=\s|$)|[-+=](?=\s|$)|>|\d+(?=[.)](?:\s|$)))", re.MULTILINE)
WORD_JOINER = "\u2060"


class Markdown(str):
    """Text written as Markdown on purpose: its markup is meant, and every value in it was escaped."""

    __slots__ = ()


def markdown_escape(text: object, line_start: bool = True) -> str:
    """`text` (a sentence of ours, a file name, a programme name) as Markdown that shows it exactly as written.
    `line_start=False` for a value set inside a line of a template, where no block marker can begin."""
    escaped = _INLINE.sub(r"\\\1", str(text))
    escaped = _ENTITY.sub(r"\\&", escaped)
    escaped = _DIRECTIVE.sub(r"\\:", escaped)
    escaped = _SHORTCODE.sub(lambda m: ":" + WORD_JOINER if m.group(0) == ":" else WORD_JOINER, escaped)
    if not line_start and "\n" not in escaped:
        return escaped
    return _LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker = match.groups()
    if marker.isdigit():  # "2026. 12. 8." would start an ordered list numbered 2026: escape the dot after it
        return f"{indent}{marker}\\"
    return f"{indent}\\{marker}"


def shown_markdown(text: object) -> str:
    """What goes to Streamlit for `text`: `Markdown` as it is, anything else escaped."""
    return text if isinstance(text, Markdown) else markdown_escape(text)


def markdown(template: str, **values: object) -> Markdown:
    """`template` (Markdown of ours, e.g. "**{dataset}** 버전 {number}") with every value escaped (a value inside a
    line needs no escape of block markers: "2026. 12. 8." after "버전 1, " starts no list)."""
    starts_line = {name for name in values if template.startswith(f"{{{name}}}") or f"\n{{{name}}}" in template}
    return Markdown(
        template.format(
            **{
                name: value if isinstance(value, Markdown) else markdown_escape(value, line_start=name in starts_line)
                for name, value in values.items()
            }
        )
    )


def bold(text: object) -> Markdown:
    return Markdown(f"**{shown_markdown(text)}**")


def bullets(lines: Iterable[object]) -> Markdown:
    """One list item per line, each escaped (a line already `Markdown` keeps its markup)."""
    return Markdown("\n".join(f"- {shown_markdown(line)}" for line in lines))


def lines(parts: Iterable[object]) -> Markdown:
    """Lines shown one under another in one element (Markdown's hard line break), each escaped."""
    return Markdown("  \n".join(shown_markdown(part) for part in parts))


def unescape(markdown_text: str) -> str:
    """The text a Markdown body shows (backslash escapes read, word joiners dropped): for tests and captures."""
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~$:=&])", r"\1", markdown_text).replace(WORD_JOINER, "")
