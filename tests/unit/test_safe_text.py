"""Our sentences shown through Markdown show as written (issue #37): ranges ("2020~2025년, 2026년 1~10월"),
asterisks, underscores, backticks, dollars (LaTeX), emoji shortcodes, links, HTML and line-start markers."""

from __future__ import annotations

import re
import string

import pytest

from loaders.periods import Period, describe_periods
from present.i18n import catalogue, translate
from present.safe_text import WORD_JOINER, Markdown, bold, bullets, lines, markdown, markdown_escape, unescape

TRICKY = [
    "2026년 11월 32행을 새 파일의 행으로 바꾸고, 2020~2025년, 2026년 1~10월 1,576행은 그대로 둡니다.",
    "범위 88.4~91.2% · 3~5월",
    "**굵게** *기울임* __밑줄__ _a_b_ snake_case_name",
    "`code` ``two``",
    "$1$ 비용 $x^2$ $$y$$",
    ":smile: :+1: :red[빨강] :material/home: :streamlit:",
    "[link](http://x) ![img](y) <http://z> <b>html</b>",
    "&amp; &#126; R&D",
    "2026. 12. 8. 기준",
    "- 목록 아님\n+ 아님\n# 제목 아님\n> 인용 아님\n1) 번호 아님",
    "a | b | c",
    "back\\slash \\~",
]


@pytest.mark.parametrize("text", TRICKY)
def test_every_markup_character_is_escaped_and_reads_back_as_written(text):
    assert_shown_as_written(markdown_escape(text), text)


def assert_shown_as_written(escaped: str, text: str) -> None:
    assert unescape(escaped) == text
    # no markup character is left unescaped (each is preceded by a backslash)
    assert not re.search(r"(?<!\\)[~*_`$\[\]<>|]", escaped.replace("\\\\", ""))
    # no emoji shortcode survives: a word joiner follows each colon that opens one
    assert not re.search(r":[\w+/-]+:", escaped.replace("\\", ""), re.ASCII)


def test_the_upload_preview_sentence_is_escaped_exactly():
    sentence = TRICKY[0]
    assert markdown_escape(sentence) == (
        "2026년 11월 32행을 새 파일의 행으로 바꾸고, 2020\\~2025년, 2026년 1\\~10월 1,576행은 그대로 둡니다."
    )
    kept = describe_periods(
        [Period("month", y, m) for y in range(2020, 2026) for m in range(1, 13)]
        + [Period("month", 2026, m) for m in range(1, 11)]
    )
    assert kept == "2020~2025년, 2026년 1~10월"
    assert markdown_escape(kept) == "2020\\~2025년, 2026년 1\\~10월"


def test_plain_sentences_pass_unchanged():
    for text in ("2026년 12월 8일 기준 · 연간 경과율 94.3%", "-2개사", "사유: 입력", "09:30", "AI 융합 R&D"):
        assert markdown_escape(text) == text


def test_line_start_markers_and_shortcodes():
    assert markdown_escape("2026. 12. 8. 기준") == "2026\\. 12. 8. 기준"
    assert markdown_escape("- a\n# b") == "\\- a\n\\# b"
    assert markdown_escape(":smile:") == f"\\:{WORD_JOINER}smile:"
    assert markdown_escape("$1$") == "\\$1\\$"
    assert markdown_escape("[a](b)") == "\\[a\\](b)"


def test_meant_markup_keeps_its_markup_and_escapes_its_values():
    assert markdown("**{name}** — {value}", name="a_b*", value="1~2") == "**a\\_b\\*** — 1\\~2"
    assert isinstance(markdown("{x}", x=1), Markdown)
    assert bold("3~4") == "**3\\~4**"
    assert bullets(["x~y", Markdown("**z**")]) == "- x\\~y\n- **z**"
    assert lines(["a~", "b~"]) == "a\\~  \nb\\~"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_message_shows_as_written(lang):
    """Every message of the catalogue, filled with values that carry markup, reads back exactly as written."""
    values = {"x": "2020~2025_*`$:smile:[a](b)"}
    for key, (korean, english) in catalogue().items():
        template = korean if lang == "ko" else english
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        shown = translate(key, lang, **dict.fromkeys(names, values["x"]))
        assert_shown_as_written(markdown_escape(shown), shown)
