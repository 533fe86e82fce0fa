"""Rich text from Trix: the sanitiser stops script injection and keeps what the editor produces."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.richtext import ALLOWED_TAGS, is_empty, sanitize, to_plain_text

# OWASP XSS filter evasion cheat sheet style payloads, plus mXSS and Trix-specific ones.
XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    '<scr<script>ipt>alert("XSS")</scr</script>ipt>',
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="JaVaScRiPt&#58;alert(1)">klik</a>',
    '<a href="  javascript:alert(1)">klik</a>',
    '<a href="java\tscript:alert(1)">klik</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">klik</a>',
    '<a href="&#x6A;avascript&#x3A;alert(1)">klik</a>',
    '<a href="\\u006aavascript:alert(1)">klik</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>',
    '<a href="DATA:text/html,<script>alert(1)</script>">klik</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    '<embed src="javascript:alert(1)">',
    '<div style="width: expression(alert(1));">x</div>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph>",
    '<math href="javascript:alert(1)">CLICKME</math>',
    '<base href="javascript:alert(1)//">',
    '<form action="javascript:alert(1)"><input type=submit></form>',
    '<form><button formaction="javascript:alert(1)">x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="https://xss.example/xss.css">',
    "<style>@import 'https://xss.example/xss.css';</style>",
    '<p onclick="alert(1)">klik</p>',
    '<strong onmouseover="alert(1)">x</strong>',
    '<a href="https://example.org" onclick="alert(1)" target="_blank">x</a>',
    "<div><p><strong><em><a href='javascript:alert(1)'>nested<ul><li onclick=alert(1)>",
    "<img src=x onerror=alert(1)//",
    "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
    "<!--[if]><script>alert(1)</script -->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<a href="https://x" title="</a><img src=x onerror=alert(1)>">x</a>',
    "<body onload=alert(1)>",
    '<p lang="en" title="x" onclick="alert(1)">x</p>',
    "<template><script>alert(1)</script></template>",
    "<details open ontoggle=alert(1)>",
    '<table background="javascript:alert(1)"><tr><td onclick=alert(1)>x</td></tr></table>',
    '<figure data-trix-attachment=\'{"url":"javascript:alert(1)"}\'><img src="x" '
    "onerror=alert(1)><figcaption>bijlage</figcaption></figure>",
]

FORBIDDEN = [
    "<script",
    "onerror",
    "onload",
    "onclick",
    "onmouseover",
    "ontoggle",
    "javascript:",
    "data:",
    "<iframe",
    "<object",
    "<embed",
    "<style",
    "style=",
    "<svg",
    "<math",
    "<base",
    "<form",
    "<meta",
    "<link",
    "<img",
    "title=",
    "srcdoc",
    "formaction",
    "target=",
]


def test_there_are_enough_payloads():
    assert len(XSS_PAYLOADS) >= 25


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payload_is_neutralised(payload):
    cleaned = sanitize(payload).lower()
    for needle in FORBIDDEN:
        assert needle not in cleaned, (needle, cleaned)
    assert sanitize(cleaned) == cleaned


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payload_inside_trix_markup_is_neutralised(payload):
    cleaned = sanitize(f"<div><!--block-->Tekst {payload} meer tekst</div>").lower()
    for needle in FORBIDDEN:
        assert needle not in cleaned, (needle, cleaned)


def test_script_and_style_content_is_dropped_other_text_is_kept():
    assert sanitize("<p>voor<script>alert(1)</script>na</p>") == "<p>voorna</p>"
    assert sanitize("<style>p{}</style><p>tekst</p>") == "<p>tekst</p>"
    assert sanitize("<span>blijft</span> <font>ook</font>") == "blijft ook"
    assert sanitize("<table><tr><td>cel</td></tr></table>") == "cel"


def test_unsafe_link_is_unwrapped_to_its_text():
    assert sanitize('<a href="javascript:alert(1)">klik hier</a>') == "klik hier"
    assert sanitize('<a href="/relatief">intern</a>') == "intern"


# --------------------------------------------------------------------------- what Trix produces


def test_trix_formatting_survives():
    html = (
        "<div><!--block-->Dit is <strong>vet</strong>, <em>cursief</em> en "
        "<del>doorgehaald</del>.<br><br>Tweede alinea.</div>"
    )
    assert sanitize(html) == (
        "<div>Dit is <strong>vet</strong>, <em>cursief</em> en "
        "<del>doorgehaald</del>.<br><br>Tweede alinea.</div>"
    )


def test_trix_lists_survive():
    html = (
        "<ul><li><!--block-->Woninginbraak</li><li><!--block-->Fietsendiefstal"
        "<ul><li><!--block-->in het centrum</li></ul></li></ul>"
        "<ol><li><!--block-->eerst</li><li><!--block-->dan</li></ol>"
    )
    assert sanitize(html) == html.replace("<!--block-->", "")


def test_trix_headings_quotes_and_code_survive():
    html = (
        "<h1><!--block-->Prioriteiten</h1><blockquote><!--block-->Een citaat</blockquote>"
        "<pre><!--block-->code  met   spaties</pre>"
    )
    assert sanitize(html) == html.replace("<!--block-->", "")


def test_generated_report_markup_survives():
    html = "<p>Een <b>vet</b> en <i>schuin</i> woord, <code>veld_1</code>.</p>"
    assert sanitize(html) == html


@pytest.mark.parametrize(
    "href", ["https://www.vng.nl/kernbeleid", "http://example.org/a?b=1&amp;c=2", "mailto:a@b.nl"]
)
def test_safe_links_keep_href_and_get_rel(href):
    cleaned = sanitize(f'<div><a href="{href}" target="_blank" title="t">link</a></div>')
    assert cleaned == f'<div><a href="{href}" rel="noopener noreferrer nofollow">link</a></div>'


def test_attributes_are_stripped_from_allowed_tags():
    cleaned = sanitize('<p class="lead" id="x" dir="rtl" data-trix="1" lang="en">tekst</p>')
    assert cleaned == "<p>tekst</p>"


def test_trailing_empty_trix_lines_are_collapsed():
    assert sanitize("<div>tekst</div><div><br></div>") == "<div>tekst</div>"
    assert sanitize("<div>tekst</div><div><br></div><div><br></div>\n") == "<div>tekst</div>"
    # An empty line between paragraphs is the author's.
    assert sanitize("<div>a</div><div><br></div><div>b</div>") == (
        "<div>a</div><div><br></div><div>b</div>"
    )


@pytest.mark.parametrize(
    "html", ["", "   ", "\n\t", "<div><br></div>", "<div><!--block--><br></div>", "<p>&nbsp;</p>"]
)
def test_empty_input_sanitises_to_empty_string(html):
    assert sanitize(html) == ""


def test_entities_stay_escaped():
    assert sanitize("<p>a &lt;b&gt; &amp; c</p>") == "<p>a &lt;b&gt; &amp; c</p>"
    assert sanitize("1 < 2 & 3 > 2") == "1 &lt; 2 &amp; 3 &gt; 2"


def test_allowed_tags_are_what_trix_and_reports_use():
    assert {"strong", "em", "del", "a", "h1", "ul", "ol", "li", "br", "div"} <= ALLOWED_TAGS
    assert not {"script", "style", "img", "iframe", "span", "table", "figure"} & ALLOWED_TAGS


# --------------------------------------------------------------------------- plain text


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<div>Hallo <strong>wereld</strong></div>", "Hallo wereld"),
        ("<div>regel 1<br>regel 2</div>", "regel 1\nregel 2"),
        ("<div>a<br><br>b</div>", "a\nb"),
        ("<p>a</p><p>b</p>", "a\nb"),
        ("<h1>Kop</h1><div>tekst</div>", "Kop\ntekst"),
        ("<ul><li>een</li><li>twee</li></ul>", "- een\n- twee"),
        ("<ol><li>eerst</li><li><em>dan</em></li></ol>", "- eerst\n- dan"),
        ("<ul><li>a<ul><li>b</li></ul></li></ul>", "- a\n- b"),
        ("<ul><li></li><li>x</li></ul>", "- x"),
        ("<div>- geen lijst</div>", "- geen lijst"),
        ("<p>a &amp; b &lt;c&gt; &quot;d&quot; &euro;5</p>", 'a & b <c> "d" €5'),
        ("<p>veel   \n  ruimte&nbsp;&nbsp;hier </p>", "veel ruimte hier"),
        ('<div>zie <a href="https://vng.nl">VNG</a>.</div>', "zie VNG."),
        ("<blockquote>citaat</blockquote><pre>a   b\n  c</pre>", "citaat\na b\nc"),
        ("<p>voor<script>alert(1)</script>na</p>", "voorna"),
        ("gewone tekst", "gewone tekst"),
        ("", ""),
    ],
)
def test_to_plain_text(html, expected):
    assert to_plain_text(html) == expected


def test_trix_and_generated_markup_give_the_same_plain_text():
    trix = "<div><!--block-->Eerste alinea.<br><br>Tweede alinea.</div><div><br></div>"
    generated = "<p>Eerste alinea.</p>\n<p>Tweede alinea.</p>"
    assert to_plain_text(trix) == to_plain_text(generated)


@pytest.mark.parametrize(
    ("html", "empty"),
    [
        (None, True),
        ("", True),
        ("  ", True),
        ("<div><br></div>", True),
        ("<div><!--block--></div>", True),
        ("<p>&nbsp;</p><p> </p>", True),
        ("<ul><li></li></ul>", True),
        ("<script>alert(1)</script>", True),
        ("<img src=x>", True),
        ("<div>x</div>", False),
        ("<div><br>0</div>", False),
        ('<a href="https://x.nl">link</a>', False),
    ],
)
def test_is_empty(html, empty):
    assert is_empty(html) is empty


# --------------------------------------------------------------------------- properties

_FRAGMENTS = st.sampled_from(
    [
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<br>",
        "<strong>",
        "</strong>",
        "<a href='https://x.nl'>",
        "<a href='javascript:x'>",
        "</a>",
        "<ul>",
        "<li>",
        "</li>",
        "</ul>",
        "<table>",
        "<td>",
        "</table>",
        "<h1>",
        "</h1>",
        "<pre>",
        "</pre>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "<svg>",
        "<math>",
        "<select>",
        "&amp;",
        "&nbsp;",
        "<",
        ">",
        "&",
        '"',
        " ",
        "\n",
    ]
)
_HTMLISH = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=5)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_sanitize_is_idempotent_on_arbitrary_text(text):
    once = sanitize(text)
    assert sanitize(once) == once


@settings(max_examples=500, deadline=None)
@given(_HTMLISH)
def test_sanitize_is_idempotent_on_tag_soup(html):
    once = sanitize(html)
    assert sanitize(once) == once
    assert "<script" not in once.lower() and "javascript:" not in once.lower()
    assert is_empty(once) == is_empty(html)
