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
# (not one inside an address: …/html/2018-10/19/content_222107.htm)
ANY_DATE = re.compile(r"(?<![A-Za-z0-9/%._-])" + _DATE + r"(?![A-Za-z0-9/%])")
# Lines of site chrome that never carry the report: breadcrumbs, site names, share bars, an e-paper's page bar.
CHROME_LINE = re.compile(r"当前位置|您的位置|所在的位置|首页\s*[>›»]|^\s*[^\s]{1,12}\s+[a-z0-9.-]+\.(?:com|cn|net)\s*$|分享到|打印本页|关闭窗口|【字体|字号[:：]"
                         r"|[上下]一版|本期共\d+版|无障碍(?:阅读|浏览|版|模式)|适老(?:模式|版|化浏览)|^\s*[>›»]|[>›»][^>›»]{1,16}[>›»]"
                         r"|^\s*首页\s*[|｜]|(?:[|｜][^|｜]{1,12}){3,}", re.I)
# The fields of the line that gives a page's time, source and counters, each with its colon:
# 来源: 发布时间:2022-08-31 08:13:09 浏览次数: 【字体: · 【发布日期：2022-03-18】 【来源：本站】 ·
# 2021-12-29 16:00:51 编辑: 杨玉娟 审核人:叶玲玲 阅读次数:2287 · 日期：2026-02-28 11:28来源：县融媒体中心供稿：赵力
_FIELD = (r"(?:发布时间|发布日期|更新时间|成文日期|日期|时间|信息来源|文章来源|稿件来源|[来來]源|浏览次数|浏览量|浏览|阅读次数|阅读|"
          r"点击数|点击量|点击|人气|责任编辑|编辑|作者|记者|供稿|审核人|审核|字体|字号|索\s*引\s*号|发文机关|文\s*号|组配分类|主题分类|废止日期|有效性)")
FIELD = re.compile(_FIELD + r"\s*[:：]")
# …the publisher its 来源 names, up to the next field (empty: none)
SOURCE_FIELD = re.compile(r"(?:信息|文章|稿件)?[来來]源\s*[:：]\s*(?!" + _FIELD + r"\s*[:：])(?P<src>[^\s:：【】|]+?)\s*(?=" + _FIELD + r"\s*[:：]|[\s【】|]|$)")
# …its date, after a label of the page's time where it has one
DATED_FIELD = re.compile(r"(?:发布时间|发布日期|更新时间|日期|时间)\s*[:：]\s*" + _DATE)
# (the page's own time before a document's: 发布日期 before 成文日期)
PUBLISHED_FIELD = re.compile(r"(?:发布时间|发布日期)\s*[:：]\s*" + _DATE)
# The end of the report: the related items, comments and footer that follow it
FOOTER_LINE = re.compile(r"^\s*(?:相关信息|相关新闻|相关阅读|相关链接|相关文章|上一篇|下一篇|上一条|下一条|【打印|【关闭|打印本页|关闭窗口|"
                         r"版权所有|主办单位|网站标识码|还没有评论|最热评论|最新评论|扫一扫|分享到)")
# …and the lines of the page's fields at the report's foot, which leave the body without ending it: 责任编辑：… 审核：…
FOOT_FIELDS_LINE = re.compile(r"^\s*[（(【]?(?:责任编辑|编辑|审核|审核人|校对|来源)\s*[:：]")


# The page's own address above its report, where the scraper kept it: 来源：http://pycsgl.puyang.gov.cn/show.asp?id=4556 ·
# 原文链接：https://… · URL: … · the address alone on its line
ADDRESS_LINE = re.compile(r"^\s*(?P<label>(?:(?:原文|本文|文章|页面)?(?:链接|地址|网址)|URL|Source|[来來]源|出处)\s*[:：]?)?\s*"
                          r"(?P<url>https?://[^\s<>\"'（）()【】]+)\s*$", re.I)
# (an address alone that is no article's: a site's home page, an image, a share button's)
_NOT_AN_ARTICLE = re.compile(r"^https?://[^/]+/?$|\.(?:jpe?g|png|gif|webp|svg)(?:\?|$)|share|[?&](?:url|u)=", re.I)


def page_address(lines: list[str]) -> tuple[int, str] | None:
    """(line index, address) of the page's own address among lines above its report: a labelled one first (原文链接：…),
    else one alone on its line that is an article's."""
    found = [(i, m) for i, ln in enumerate(lines) if (m := ADDRESS_LINE.match(ln))]
    labelled = next(((i, m.group("url")) for i, m in found if m.group("label")), None)
    return labelled or next(((i, m.group("url")) for i, m in found if not _NOT_AN_ARTICLE.search(m.group("url"))), None)


def _is_meta(line: str) -> bool:
    """A line of the page's own fields: a date with a labelled field (or a date and 来源 alone), or two fields."""
    if len(line) > 200 or "。" in line:
        return False
    return bool(DATE_LINE.match(line)) or (bool(ANY_DATE.search(line)) and bool(FIELD.search(line))) or len(FIELD.findall(line)) >= 2


def _is_furniture(line: str) -> bool:
    return bool(CHROME_LINE.search(line)) or _is_meta(line) or (bool(FIELD.match(line.strip())) and "。" not in line)


# A report's first words, never its headline: 本报讯（见习记者韩超）昨日，我县召开防… (a line cut short by the page)
BYLINE = re.compile(r"[^\s，。]{0,8}讯\s*[（(：:\s]|.{0,6}(?:记者|通讯员)")


def _title_like(line: str) -> bool:
    """Could be a headline: short, no sentence ended in it, not a run of clauses."""
    t = line.strip()
    return 4 <= len(t) <= 80 and "。" not in t and not (len(re.findall(r"[，,]", t)) >= 2 and len(t) > 30) and not _is_furniture(t) \
        and not FIELD.search(t) \
        and not BYLINE.match(t) and not ANY_DATE.match(t)


# What a headline of a gathering says, strongest first: it was held; it is a meeting; someone chaired it
_MEETING_HEADLINE = (re.compile(r"召开|举行|开幕|闭幕"), re.compile(r"会议|会$"), re.compile(r"主持|部署"))


def _pick_title(candidates: list[tuple[int, str]]) -> tuple[int, str] | None:
    """Among the headline-like lines above the report: the first that says a gathering was held, else the first that
    names one, else the first that says who chaired (a subtitle or a kicker stands beside the headline: 开局就是决战起步
    就是冲刺 | …推进会议召开 | 孙爱军宣布开工…; 张三主持会议 | 市委常委会召开会议), else the longest."""
    if not candidates:
        return None
    for pattern in _MEETING_HEADLINE:
        named = [c for c in candidates if pattern.search(c[1]) and not re.search(r"出席$", c[1])]
        if named:
            return named[0]
    return max(candidates, key=lambda c: len(c[1]))


def _headline(lines: list[tuple[int, str]]) -> tuple[int, str] | None:
    """The headline among (index, line) above the report, after its last breadcrumb (what stands above that is the
    site's)."""
    last_crumb = max((k for k, (_, ln) in enumerate(lines) if CHROME_LINE.search(ln)), default=-1)
    return _pick_title([(i, ln) for i, ln in lines[last_crumb + 1 :] if _title_like(ln)])


def parse_text_page(text: str, raw_path: str, encoding: str, config: SourceConfig) -> SourceRecord:
    """A page saved as text: chrome and breadcrumbs, the title, a line of the page's fields (time, 来源, counters),
    then the body, then related items and the footer. Any of them may be missing: a scraper that kept only the
    report's paragraphs gives a page with no title."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    # The report begins at its first paragraph: a line that ends a sentence or is too long for a headline (not a
    # site's short label: 河南, ··).
    def first_paragraph(start: int) -> int:
        for i in range(start, len(lines)):
            t = lines[i].strip()
            if t and not _is_furniture(t) and not _title_like(t) and (len(t) > 12 or re.search(r"[。，,；;]", t)):
                return i
        return len(lines)

    # The fields line stands above the report: one after its first paragraph (责任编辑：… 审核：… at the foot, 会议时间：…
    # 会议地点：… inside it) is the report's or the footer's.
    para = first_paragraph(0)
    meta_idx = next((i for i, line in enumerate(lines[: min(60, para)]) if _is_meta(line.strip())), None)

    published = publisher = title = None
    if meta_idx is not None:
        # the meta block: the fields' line and the field lines around it (an index block: 索引号 · 发文机关 · 成文日期)
        top = meta_idx
        while top > 0 and (lines[top - 1].strip() == "" or _is_meta(lines[top - 1].strip()) or FIELD.match(lines[top - 1].strip())):
            top -= 1
        bottom = meta_idx + 1
        while bottom < len(lines) and (_is_meta(lines[bottom].strip()) or FIELD.match(lines[bottom].strip())):
            bottom += 1
        block = [ln.strip() for ln in lines[top:bottom] if ln.strip()]
        # the date a field names the page's time (发布时间, 日期), else the first the fields give
        dated = next((m for ln in block if (m := PUBLISHED_FIELD.search(ln))), None) \
            or next((m for ln in block if (m := DATED_FIELD.search(ln))), None) \
            or next((m for ln in block if (DATE_LINE.match(ln) or FIELD.search(ln)) and (m := ANY_DATE.search(ln))), None)
        published = dated.group(1).strip() if dated else None
        publisher = next((m.group("src") for ln in block if (m := SOURCE_FIELD.search(ln))), None)
        above = [(i, ln.strip()) for i, ln in enumerate(lines[:top]) if ln.strip()]
        picked = _headline(above)
        body_start = bottom
        if picked is None:
            # the headline under the fields (an index block first, then the title: 全市重大项目推进工作专班第二次会议召开)
            picked = _pick_title([(i, lines[i].strip()) for i in range(bottom, first_paragraph(bottom)) if _title_like(lines[i].strip())])
            body_start = picked[0] + 1 if picked else bottom
        title = picked[1] if picked else None
        # Everything above the title that is not the title repeated is the page's chrome, with the fields.
        chrome_lines = [ln for i, ln in above if ln != title]
    else:
        head = [(i, lines[i].strip()) for i in range(para) if lines[i].strip()]
        picked = _headline(head)
        title = picked[1] if picked else None
        chrome_lines = [ln for i, ln in head if picked is None or (i != picked[0] and ln != title)]
        # (lines between the title and the first paragraph, a subtitle or a kicker, stay with the body)
        body_start = para if picked is None else picked[0] + 1
    # (…or between the title or the fields line and the first paragraph, where it leaves the body)
    address = page_address(lines[: first_paragraph(body_start)])
    url = address[1] if address else None
    body_lines = lines[body_start:]
    if address and address[0] >= body_start:
        body_lines[address[0] - body_start] = ""
    # the report ends where the page's related items, comments or footer begin (after some of the report)
    seen_text = 0
    for k, line in enumerate(body_lines):
        if seen_text >= 50 and FOOTER_LINE.match(line):
            chrome_lines.extend(x.strip() for x in body_lines[k:] if x.strip())
            body_lines = body_lines[:k]
            break
        seen_text += len(line.strip())
    foot = {k for k, ln in enumerate(body_lines) if FOOT_FIELDS_LINE.match(ln) and "。" not in ln}
    chrome_lines.extend(body_lines[k].strip() for k in sorted(foot))
    body = "\n".join(ln for k, ln in enumerate(body_lines) if k not in foot).strip()
    return SourceRecord(
        raw_path=raw_path,
        record_key=None,
        native_id=None,
        fmt=PAGE_TEXT,
        encoding=encoding,
        title=title,
        body=body or None,
        published=published,
        publisher=config.publisher_for(publisher),
        url=url,
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
        # a government site's page names its article (政府网站网页元数据: ArticleTitle, PubDate, ContentSource, SiteName,
        # SiteIDCode), where its first heading may be the site's
        title = _meta(tree, "ArticleTitle")
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
    publisher = _meta(tree, "source", "Source", "ContentSource", "og:site_name")
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
    site_name, site_code = _meta(tree, "SiteName"), _meta(tree, "SiteIDCode")
    site = [x for x in (site_name, f"网站标识码：{site_code}" if site_code else None) if x]
    return SourceRecord(
        raw_path=raw_path,
        record_key=None,
        native_id=native_id,
        fmt=PAGE_HTML,
        encoding=encoding,
        title=title,
        body=body_html,
        published=published,
        publisher=config.publisher_for(publisher),
        url=url,
        body_is_html=True,
        # the site the page is on, kept for place names: its name and its identity code, as a text page's footer gives them
        chrome="\n".join(site) or None,
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
