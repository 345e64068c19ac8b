"""HTML from TimelineJS text fields, turned into plain text (never kept as markup).

Paragraphs and line breaks become line breaks, list items "- " lines, entities are
decoded, scripts and styles are dropped, and a link keeps its address: ``<a
href="https://x.org">X</a>`` becomes ``X (https://x.org)``. Only http(s) and mailto
addresses are kept; in-page anchors and script URLs are not.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = frozenset({"p", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul",
                    "ol", "table", "tr", "section", "article", "header", "footer", "pre",
                    "figure", "figcaption", "hr"})
_SKIP = frozenset({"script", "style", "template", "noscript", "iframe", "object"})
_EMBEDS = frozenset({"iframe", "img", "embed", "video", "audio", "source"})
_KEPT_URL = re.compile(r"(https?:|mailto:|//)", re.IGNORECASE)


class _TextParser(HTMLParser):
    def __init__(self, *, show_urls: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.show_urls = show_urls
        self.out: list[str] = []
        self.skipping = 0
        self.links: list[tuple[str | None, int]] = []  # (href, len(out) at the <a>)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _EMBEDS:
            # An embedded frame or image has no text of its own: its address is the content.
            url = absolute_url(dict(attrs).get("src"))
            if url and not self.skipping:
                self.urls.append(url)
                if self.show_urls:
                    self.out.append(f" {url} ")
        if tag in _SKIP:
            self.skipping += 1
        elif tag == "br":
            self.out.append("\n")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag == "cite":
            self.out.append("\n— ")
        elif tag in _BLOCK:
            self.out.append("\n\n")
        elif tag == "a":
            href = dict(attrs).get("href")
            self.links.append((href, len(self.out)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SKIP:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.out.append("\n\n")
        elif tag == "a" and self.links:
            href, at = self.links.pop()
            url = absolute_url(href)
            if url:
                self.urls.append(url)
            if url and self.show_urls:
                label = "".join(self.out[at:]).strip()
                if not label:
                    self.out.append(url)
                elif label.rstrip("/") != url.rstrip("/"):
                    self.out.append(f" ({url})")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(re.sub(r"\s+", " ", data))


def absolute_url(href: str | None) -> str | None:
    """An http(s) or mailto address from an ``href``; protocol-relative ones get https."""
    if not href:
        return None
    href = href.strip()
    if not _KEPT_URL.match(href):
        return None
    return "https:" + href if href.startswith("//") else href


def _tidy(text: str) -> str:
    lines = [line.strip() for line in text.replace("\r", "").split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def html_to_text(markup: str, *, show_urls: bool = True) -> str:
    """Plain text from an HTML fragment (text without tags comes back tidied).

    ``show_urls=False`` leaves link addresses out (for names, such as media credits).
    """
    if "<" not in markup and "&" not in markup:  # no markup at all: only whitespace to tidy
        return _tidy(re.sub(r"\s+", " ", markup))
    parser = _TextParser(show_urls=show_urls)
    parser.feed(markup)
    parser.close()
    return _tidy("".join(parser.out))


def html_links(markup: str) -> list[str]:
    """The http(s)/mailto addresses of the links in an HTML fragment, in order."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return parser.urls
