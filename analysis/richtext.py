"""Rich text from the Trix editor: sanitising, plain text and emptiness.

Everything a user types in a rich-text field passes through `sanitize` before it is stored and
again before it is rendered (pages, PDF, DOCX), so only the small set of tags Trix produces
survives: no attributes except `href` on links, and only http(s) and mailto links. The sanitiser
is nh3 (Python bindings to the Rust ammonia library), which parses with a full HTML5 parser
(html5ever) rather than matching patterns, so malformed and nested markup is handled the way a
browser would handle it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

# What Trix 2 produces (div blocks with br, strong, em, del, a, h1 for its one heading level,
# blockquote, pre, ul/ol/li) plus what generated report text uses (p, b, i, code).
ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "p",
        "div",
        "br",
        "strong",
        "b",
        "em",
        "i",
        "del",
        "ul",
        "ol",
        "li",
        "a",
        "h1",
        "blockquote",
        "pre",
        "code",
    }
)
# "*" is empty so ammonia's default generic attributes (lang, title) are not allowed either.
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {"a": frozenset({"href"}), "*": frozenset()}
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"
# Elements removed together with their content. Other disallowed elements are unwrapped (their
# text stays). Besides script and style these are elements whose content is raw text or never
# shown (template, iframe and the no-script fallbacks): keeping it would turn markup into text.
DROP_CONTENT_TAGS: frozenset[str] = frozenset(
    {"script", "style", "template", "iframe", "noscript", "noembed", "noframes", "xmp"}
)

_BLOCK_TAGS = frozenset({"p", "div", "h1", "blockquote", "pre", "ul", "ol", "li"})
# Trix ends a document with an empty line of its own: "<div><br></div>", sometimes repeated.
_TRAILING_EMPTY_BLOCKS = re.compile(r"(?:<(div|p)>(?:\s|&nbsp;|<br>)*</\1>\s*)+$")
# A link whose href was removed (unsafe or relative) is unwrapped to its text.
_BARE_LINK = re.compile(rf'<a rel="{LINK_REL}">(.*?)</a>', re.DOTALL)
_MAX_PASSES = 5
_ITEM = "\x00"  # marks the start of a list item in the parser's output


def _clean(html: str) -> str:
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROP_CONTENT_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        url_relative="deny",
        link_rel=LINK_REL,
        strip_comments=True,
    )
    cleaned = _BARE_LINK.sub(r"\1", cleaned)
    return _TRAILING_EMPTY_BLOCKS.sub("", cleaned).strip()


def sanitize(html: str) -> str:
    """`html` reduced to ALLOWED_TAGS, safe links only; "" when nothing visible remains.

    Cleaning is repeated until the output no longer changes: unwrapping an element can let the
    HTML parser build a different tree from the result (e.g. links nested through a removed
    table), and stored text must read back the same.
    """
    if not html or not html.strip():
        return ""
    cleaned = html
    for _ in range(_MAX_PASSES):
        previous, cleaned = cleaned, _clean(cleaned)
        if cleaned == previous:
            break
    if not _PlainText.convert(cleaned).replace(_ITEM, "").strip():
        return ""
    return cleaned


class _PlainText(HTMLParser):
    """Text content with a line break per block and "- " before each list item."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.pre_depth = 0

    @classmethod
    def convert(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        parser.close()
        return "".join(parser.parts)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" or tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append(_ITEM)
        if tag == "pre":
            self.pre_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.pre_depth = max(self.pre_depth - 1, 0)
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        data = data.replace(_ITEM, "")
        if not self.pre_depth:  # outside <pre> a newline in the source is just a space
            data = data.replace("\r", " ").replace("\n", " ")
        self.parts.append(data)


def to_plain_text(html: str) -> str:
    """The sanitised text as lines, for diffs and for comparing with generated text.

    Blocks, <br> and newlines inside <pre> end a line, list items start with "- ", entities are
    unescaped, whitespace within a line collapses to single spaces (non-breaking spaces
    included) and blank lines are dropped, so "<p>a</p><p>b</p>" and Trix's
    "<div>a<br><br>b</div>" both give "a\\nb".
    """
    lines = []
    for raw in _PlainText.convert(sanitize(html)).split("\n"):
        line = " ".join(raw.replace(_ITEM, " ").split())
        if line:
            lines.append(f"- {line}" if raw.lstrip().startswith(_ITEM) else line)
    return "\n".join(lines)


def is_empty(html: str | None) -> bool:
    """True when `html` shows no text once sanitised ("", "<div><br></div>", "<p>&nbsp;</p>")."""
    return not html or not to_plain_text(html)


# --------------------------------------------------------------------------- charts
# The charts and maps (analysis.figures.charts and .geometry) are SVG built by our own code
# with every label escaped. They still pass through this allow-list before they reach a page,
# a PDF or a Word file, because they are stored in report snapshots and carry names users
# typed (themes, indicators, wijken): an escaping slip must not become markup that acts (hx-*,
# on*, <style>, <foreignObject>, links or external images). Only presentation survives.
SVG_TAGS: frozenset[str] = frozenset(
    {"svg", "g", "title", "desc", "rect", "circle", "line", "polyline", "path", "text"}
)
SVG_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "xmlns",
        "version",
        "viewBox",
        "width",
        "height",
        "role",
        "aria-labelledby",
        "id",
        "class",
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "d",
        "points",
        "transform",
        "fill",
        "fill-opacity",
        "fill-rule",
        "stroke",
        "stroke-width",
        "stroke-dasharray",
        "stroke-linejoin",
        "font-family",
        "font-size",
        "font-weight",
        "text-anchor",
    }
)


def sanitize_svg(svg: str) -> str:
    """A chart's SVG reduced to SVG_TAGS and SVG_ATTRIBUTES (presentation only)."""
    if not svg or not svg.strip():
        return ""
    return nh3.clean(
        svg,
        tags=set(SVG_TAGS),
        clean_content_tags=set(DROP_CONTENT_TAGS) | {"foreignObject"},
        attributes={"*": set(SVG_ATTRIBUTES)},
        url_schemes=set(),
        strip_comments=True,
        link_rel=None,
    )
