"""A scraped page, saved as text or as raw HTML, into one source record: title, time, publisher, body.

Page furniture (navigation, scripts, footers, related-items lists, editor lines) stays out of the body.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from .sources import PAGE_HTML, PAGE_TEXT, SourceConfig, SourceRecord

# 2021-12-14 16:43:32 来源:焦作市人民政府  ·  2022年03月04日 19:33  ·  发布时间：2021/12/14
_DATE = r"(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)"
DATE_LINE = re.compile(r"^\s*(?:发布时间[:：]\s*|时间[:：]\s*)?" + _DATE + r"\s*(?:[来來]源[:：]\s*(?P<src>\S.*?))?\s*$")
ANY_DATE = re.compile(_DATE)
# Lines of site chrome that never carry the report: breadcrumbs, site names, share bars.
CHROME_LINE = re.compile(r"当前位置|首页\s*[>›»]|^\s*[^\s]{1,12}\s+[a-z0-9.-]+\.(?:com|cn|net)\s*$|分享到|打印本页|关闭窗口|【字体|字号[:：]", re.I)


def parse_text_page(text: str, raw_path: str, encoding: str, config: SourceConfig) -> SourceRecord:
    """A page saved as text: chrome and breadcrumbs, the title, a date/来源 line, then the body."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    date_idx = None
    for i, line in enumerate(lines[:60]):
        if DATE_LINE.match(line):
            date_idx = i
            break
    published = publisher = title = None
    if date_idx is not None:
        m = DATE_LINE.match(lines[date_idx])
        published, publisher = m.group(1), m.group("src")
        above = [(i, ln.strip()) for i, ln in enumerate(lines[:date_idx]) if ln.strip()]
        title_idx = None
        for i, ln in reversed(above):
            if not CHROME_LINE.search(ln):
                title, title_idx = ln, i
                break
        # Everything above the title that is not the title repeated is the page's chrome.
        chrome_lines = [ln for i, ln in above if title_idx is None or (i < title_idx and ln != title)]
        body_lines = lines[date_idx + 1 :]
    else:
        nonblank = [(i, ln.strip()) for i, ln in enumerate(lines) if ln.strip()]
        chrome_lines, body_start = [], 0
        for i, ln in nonblank:
            if CHROME_LINE.search(ln) or len(ln) < 4:
                chrome_lines.append(ln)
                continue
            title, body_start = ln, i + 1
            break
        body_lines = lines[body_start:]
    body = "\n".join(body_lines).strip()
    return SourceRecord(
        raw_path=raw_path,
        record_key=None,
        native_id=None,
        fmt=PAGE_TEXT,
        encoding=encoding,
        title=title,
        body=body or None,
        published=published,
        publisher=publisher or config.publisher,
        url=None,
        chrome="\n".join(chrome_lines) or None,
        date_format=config.date_format,
    )


# cctv.com marks the report's own title and body with these comments in both page layouts.
REPASTE_TITLE = re.compile(r"<!--repaste\.title\.begin-->(.*?)<!--repaste\.title\.end-->", re.S)
REPASTE_BODY = re.compile(r"<!--repaste\.body\.begin-->(.*?)<!--repaste\.body\.end-->", re.S)
# Body containers of known layouts, most specific first; the generic extractor is the fallback.
BODY_SELECTORS = ("div.content_area", "div#content_area", "div.cnt_bd", "div.article-content", "div#articleText", "article")
TIME_SELECTORS = ("span.time", "p.info", "div.info", "span.date", "div.date", "time")
CCTV_ID = re.compile(r"VIDE[0-9A-Za-z]{20,28}")
SITE_SUFFIX = re.compile(r"[_|｜-][^_|｜]*(?:央视网|CCTV|新华网|人民网|中国政府网|网)[^_|｜]*$")


def _meta(tree: HTMLParser, *names: str) -> str | None:
    for name in names:
        node = tree.css_first(f'meta[name="{name}"]') or tree.css_first(f'meta[property="{name}"]')
        if node is not None:
            v = (node.attributes.get("content") or "").strip()
            if v:
                return v
    return None


# Elements that never hold others, so never deepen the tree.
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Elements whose content is text, not tags: skipped to their end tag.
_RAW_TEXT = frozenset("script style textarea title xmp noembed noframes noscript iframe plaintext".split())
# A start tag that closes an element of these kinds when that element is the current one (<p>…<p>…).
_CLOSES = {"p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "td": {"td", "th"}, "th": {"td", "th"},
           "tr": {"tr", "td", "th"}, "option": {"option"}, "optgroup": {"option", "optgroup"}}
_TAG = re.compile(r"<(?:(!--)|(/?)([A-Za-z][A-Za-z0-9:-]*)([^>]*)>)")
# Deeper than any real page: the HTML parser's time grows with the square of the depth (10,000 levels
# take 0.2 s, 100,000 take 16 s), so a page nested deeper than this is refused unparsed.
MAX_DEPTH = 20_000


def html_depth(html: str, stop_at: int = MAX_DEPTH) -> int:
    """How deep the page's elements nest, estimated in one pass over its tags the way an HTML parser
    builds the tree: an end tag closes the open element it names and those inside it (and is ignored when
    none is open), <x/> opens x unless x is void or inside <svg>/<math>, <p> and <li> close the previous
    one when it is the current element, and script, style and comments are skipped. Stops past `stop_at`."""
    stack: list[str] = []
    open_count: dict[str, int] = {}
    deepest = pos = 0
    while m := _TAG.search(html, pos):
        pos = m.end()
        if m.group(1):  # a comment
            end = html.find("-->", m.start() + 4)
            pos = len(html) if end == -1 else end + 3
            continue
        closing, name, rest = m.group(2), m.group(3).lower(), m.group(4)
        if closing:
            if open_count.get(name):
                while stack:
                    top = stack.pop()
                    open_count[top] -= 1
                    if top == name:
                        break
            continue
        if name in _VOID:
            continue
        foreign = open_count.get("svg") or open_count.get("math")
        if rest.rstrip().endswith("/") and foreign:
            continue
        closes = _CLOSES.get(name)
        while closes and stack and stack[-1] in closes:
            open_count[stack.pop()] -= 1
        stack.append(name)
        open_count[name] = open_count.get(name, 0) + 1
        if len(stack) > deepest:
            deepest = len(stack)
            if deepest > stop_at:
                break
        if name in _RAW_TEXT:
            end = _RAW_END[name].search(html, pos)
            pos = end.start() if end else len(html)
    return deepest


_RAW_END = {name: re.compile(rf"</{name}", re.I) for name in _RAW_TEXT}


def parse_html_page(html: str, raw_path: str, encoding: str, config: SourceConfig) -> SourceRecord:
    """A raw HTML page: the main content only, with title, publication time and publisher from the page."""
    tree = HTMLParser(html)
    for node in tree.css("script, style, noscript, iframe"):
        node.decompose()

    title = None
    m = REPASTE_TITLE.search(html)
    if m:
        title = HTMLParser(m.group(1)).text().strip() or None
    if not title:
        for sel in ("div.tit", "h1", "div.title h1"):
            node = tree.css_first(sel)
            if node is not None and node.text(strip=True):
                title = node.text(strip=True)
                break
    if not title:
        title = _meta(tree, "og:title")
    if not title:
        node = tree.css_first("title")
        if node is not None:
            title = SITE_SUFFIX.sub("", node.text(strip=True)) or None

    body_html = None
    for sel in BODY_SELECTORS:
        node = tree.css_first(sel)
        if node is not None and node.text(strip=True):
            body_html = node.html
            break
    if body_html is None:
        m = REPASTE_BODY.search(html)
        if m and m.group(1).strip():
            body_html = m.group(1)
    if body_html is None:
        body_html = _generic_body(html)
    if body_html is None:
        # trafilatura's parser (libxml2) gives up on pages nested past a few hundred levels; the
        # paragraphs lexbor found are the report's text then.
        paragraphs = [node.html for node in tree.css("p") if node.text(strip=True)]
        if sum(len(p) for p in paragraphs) >= 50:
            body_html = "".join(paragraphs)

    published = _meta(tree, "publishdate", "PubDate", "article:published_time", "pubdate")
    if not published:
        for sel in TIME_SELECTORS:
            node = tree.css_first(sel)
            if node is not None:
                dm = ANY_DATE.search(node.text())
                if dm:
                    published = dm.group(1)
                    break
    publisher = _meta(tree, "source", "Source", "og:site_name")
    if not publisher:
        node = tree.css_first("span.laiyuan") or tree.css_first("p.info i")
        if node is not None:
            sm = re.sub(r"^\s*来源\s*[:：]\s*", "", node.text()).strip()
            publisher = sm or None
    native_id = _meta(tree, "contentid", "contentId")
    url = _meta(tree, "og:url")
    if not url:
        node = tree.css_first('link[rel="canonical"]')
        url = node.attributes.get("href") if node is not None else None
    if not native_id:
        # cctv.com names its pages after the item's id: VIDE…220403.shtml
        m = CCTV_ID.search(url or "") or CCTV_ID.search(raw_path)
        native_id = m.group(0) if m else None
    return SourceRecord(
        raw_path=raw_path,
        record_key=None,
        native_id=native_id,
        fmt=PAGE_HTML,
        encoding=encoding,
        title=title,
        body=body_html,
        published=published,
        publisher=publisher or config.publisher,
        url=url,
        body_is_html=True,
        date_format=config.date_format,
    )


def _generic_body(html: str) -> str | None:
    """Pages of no known layout: trafilatura's main-content extraction, as HTML paragraphs."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        return None
    return "".join(f"<p>{_escape(p)}</p>" for p in text.split("\n") if p.strip())


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
