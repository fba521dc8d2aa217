"""Question text as safe HTML.

Stems come from staff forms and imported files; they are sanitised once, when a
version is saved, with Wagtail's allow-list engine (already a dependency), so
templates can mark them safe. Answer texts stay plain text and are escaped."""

from django.utils.html import escape, linebreaks
from wagtail.whitelist import DEFAULT_ELEMENT_RULES, Whitelister, allow_without_attributes

# Tags whose content must disappear with them (the default engine unwraps them).
_DROPPED_WITH_CONTENT = ("script", "style", "iframe", "object", "embed", "template")

_RULES = {
    **DEFAULT_ELEMENT_RULES,
    "u": allow_without_attributes,
    "code": allow_without_attributes,
    "pre": allow_without_attributes,
    "blockquote": allow_without_attributes,
    "span": allow_without_attributes,
    "table": allow_without_attributes,
    "thead": allow_without_attributes,
    "tbody": allow_without_attributes,
    "tr": allow_without_attributes,
    "th": allow_without_attributes,
    "td": allow_without_attributes,
}


class _StemWhitelister(Whitelister):
    element_rules = _RULES

    def clean_tag_node(self, doc, tag):
        if tag.name in _DROPPED_WITH_CONTENT:
            tag.decompose()
            return
        super().clean_tag_node(doc, tag)


_whitelister = _StemWhitelister()


def sanitize_html(html: str) -> str:
    return _whitelister.clean(html or "").strip()


def stem_html(text: str, text_format: str) -> str:
    """Safe HTML for a stem in GIFT's formats: html and moodle (HTML allowed,
    line breaks kept) are sanitised; markdown and plain are shown as text."""
    if text_format in ("plain", "markdown"):
        return linebreaks(escape(text))
    if text_format == "moodle" and "<" not in text:
        return linebreaks(escape(text))
    return sanitize_html(text)
