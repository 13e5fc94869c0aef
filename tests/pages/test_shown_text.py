"""What ui/text.py sends to the browser (issue #37): every element's Markdown body is the text escaped, so the page
shows it as written: no strikethrough between two "~", no LaTeX between "$", no emoji, link or bold."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from present.safe_text import markdown_escape, unescape

SENTENCE = (
    "2026년 11월 32행을 새 파일의 행으로 바꾸고, 2020~2025년, 2026년 1~10월 1,576행은 그대로 둡니다. "
    "**굵게** _밑줄_ `코드` $1$ :smile: [link](x)"
)


def _page() -> None:
    import streamlit as st

    from ui import text as say

    sentence = st.session_state["sentence"]
    say.text(sentence)
    say.caption(sentence, help=sentence)
    say.info(sentence)
    say.warning(sentence)
    say.error(sentence)
    say.success(sentence)
    say.subheader(sentence)
    say.metric(sentence, sentence, "-1~2", help=sentence)
    with say.expander(sentence):
        say.text(say.bold(sentence))
        say.text(say.bullets([sentence]))


def test_every_text_element_gets_the_escaped_body():
    at = AppTest.from_function(_page)
    at.session_state["sentence"] = SENTENCE
    at.run()
    assert not at.exception
    escaped = markdown_escape(SENTENCE)
    assert "2020\\~2025년, 2026년 1\\~10월" in escaped and unescape(escaped) == SENTENCE
    assert [m.value for m in at.markdown] == [escaped, f"**{escaped}**", f"- {escaped}"]
    assert [c.value for c in at.caption] == [escaped]
    assert at.caption[0].proto.help == escaped
    for kind in ("info", "warning", "error", "success"):
        assert [e.value for e in getattr(at, kind)] == [escaped], kind
    assert [s.value for s in at.subheader] == [escaped]
    metric = at.metric[0]
    assert (metric.label, metric.value, metric.delta, metric.proto.help) == (escaped, escaped, "-1\\~2", escaped)
    assert at.expander[0].label == escaped
