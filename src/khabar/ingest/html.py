"""HTML pages: main text and title with trafilatura, publication date with htmldate.

Boilerplate (navigation, footers, comments) is left out by trafilatura. When it finds no main
text (very short or badly broken pages), the visible text of the page is used instead, so broken
html still yields its text. htmldate runs without its "extensive search" of free text: a date
mentioned inside the story is not the publication date, and a wrong date would be worse than the
``--published`` fallback.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from ..records import Article, Reject
from .admit import Draft, admit
from .decode import decode
from .inputs import Input
from .options import ReadOptions

# trafilatura and htmldate log every page they find hard; ingest reports problems as rejects.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

_BLOCK_TAGS = (
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote",
    "section", "article", "header", "footer", "pre", "dd", "dt", "figcaption", "table",
)
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "head", "nav", "iframe")
# "Headline | Site name": the site name is the source, not part of the title. Dashes are left
# alone: "Kenya - protests" is a real headline more often than a site suffix.
_TITLE_SUFFIX = re.compile(r"\s+\|\s+[^|]{2,60}$")


def read(src: Input, options: ReadOptions) -> Iterator[Article | Reject]:
    data = src.read(options.max_bytes, what="html page")
    if not data.strip():
        yield Reject(source=src.origin, reason="empty file")
        return
    yield html_article(decode(data), options, origin=src.origin, source=src.origin)


def html_article(
    html: str, options: ReadOptions, *, origin: str, source: str, position: str | None = None,
    url: str | None = None,
) -> Article | Reject:
    draft = parse_html(html, url=url)
    if not draft.text.strip():
        return Reject(source=source, position=position, reason="no text found in html")
    return admit(draft, options, origin=origin, source=source, position=position)


def parse_html(html: str, url: str | None = None) -> Draft:
    import trafilatura  # heavy import; only paid when html is read

    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            favor_recall=True,
        )
    except Exception:  # trafilatura may fail on odd markup; fall back below
        doc = None
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if text.strip():
        # trafilatura puts one block per line; blank lines make them paragraphs, as in text files.
        text = text.replace("\n", "\n\n")
    else:
        text = html_to_text(html)
    title = getattr(doc, "title", None) if doc is not None else None
    title = title or _title_tag(html)
    if title:
        title = _TITLE_SUFFIX.sub("", title).strip() or title
    return Draft(
        text=text,
        title=title,
        url=url or (getattr(doc, "url", None) if doc is not None else None),
        source=getattr(doc, "sitename", None) if doc is not None else None,
        published=find_date(html, url),
    )


def find_date(html: str, url: str | None = None) -> str | None:
    from htmldate import find_date as htmldate_find

    try:
        return htmldate_find(html, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:  # no date is a normal outcome; the fallback applies
        return None


def html_to_text(html: str) -> str:
    """Visible text of an html page or fragment; block elements become paragraphs."""
    import lxml.html
    from lxml import etree

    if not html.strip():
        return ""
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", html)
    for bad in list(root.iter(*_DROP_TAGS)):
        if bad.getparent() is not None:
            bad.drop_tree()
        else:
            bad.clear()
    for el in root.iter(*_BLOCK_TAGS):
        brk = "\n" if el.tag == "br" else "\n\n"
        el.tail = brk + (el.tail or "")
        if el.tag != "br":
            el.text = brk + (el.text or "")
    return root.text_content()


def _title_tag(html: str) -> str | None:
    m = re.search(r"<title[^>]*>(.*?)</title>", html, re.S | re.I)
    if not m:
        return None
    import html as htmllib

    return htmllib.unescape(re.sub(r"\s+", " ", m.group(1))).strip() or None
