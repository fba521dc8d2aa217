"""HTML answers and feedback as the plain text learners see.

Our answers and feedback are plain text (templates escape them), while Moodle
shows the answers and feedback of an HTML or Moodle-format question as HTML. On
import such text becomes what Moodle would have displayed: its text, without
tags; on export plain text is escaped so Moodle displays it unchanged. Text
without markup is left alone, so "a < b" in a Moodle-format answer stays as is.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

HTML_FORMATS = frozenset({"html", "moodle"})

# A tag, comment or character reference: what makes text HTML rather than text.
_TAG = re.compile(r"<[A-Za-z/!?]")
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_LINE_BREAKING = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
_DROPPED = frozenset({"script", "style", "template", "iframe", "object", "embed"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._dropping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _DROPPED:
            self._dropping += 1
        elif tag == "br":
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _DROPPED:
            self._dropping = max(0, self._dropping - 1)
        elif tag in _LINE_BREAKING and tag != "br":
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._dropping:
            self.parts.append(data)


def has_markup(text: str) -> bool:
    return _TAG.search(text) is not None or _REFERENCE.search(text) is not None


def html_to_text(text: str) -> str:
    """The text a browser shows for ``text`` (tags dropped, entities decoded),
    with paragraph and line breaks as newlines; ``text`` without markup is
    returned unchanged."""
    if _TAG.search(text) is None:
        # Only references: decoding them exactly undoes ``text_to_html``.
        return html.unescape(text) if _REFERENCE.search(text) else text
    extractor = _TextExtractor()
    extractor.feed(text)
    extractor.close()
    lines = "".join(extractor.parts).split("\n")
    return "\n".join(line.strip(" \t\r") for line in lines).strip()


def text_to_html(text: str) -> str:
    """``text`` escaped so an HTML reader displays exactly ``text``."""
    return html.escape(text, quote=False)
