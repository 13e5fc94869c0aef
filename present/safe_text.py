"""Text from uploaded files shown through Markdown: escaped so a name can never become a link or markup."""

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def markdown_escape(text: object) -> str:
    """Backslash-escape every character Markdown (and Streamlit's extensions such as :color[...]) treats specially."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
