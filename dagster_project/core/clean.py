"""Turn a source record into a clean document: text out of HTML, chrome and broadcast furniture off,
Unicode and punctuation normalised, traditional characters simplified for analysis, known scrape
artefacts repaired and recorded, the publication time parsed."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from .sources import SourceRecord, is_programme


@dataclass
class Document:
    doc_id: str
    source: str
    raw_path: str
    record_key: str | None
    native_id: str | None
    url: str | None
    title: str | None
    published_at: datetime | None
    date_precision: str | None  # second, minute, day, year
    publisher: str | None
    body: str
    body_original: str | None  # the text before traditional-to-simplified conversion, when converted
    page_chrome: str | None
    content_hash: str
    is_report: bool
    body_md5: str  # md5 of the body exactly as stored (what DuckDB's md5(body) gives): the per-document ledgers compare it
    repairs: list[str] = field(default_factory=list)
    encoding: str | None = None
    fmt: str | None = None
    n_chars: int = 0


def doc_id_for(raw_path: str, record_key: str | None) -> str:
    """Stable id of a record: the same file path and record key give the same id on every run."""
    return hashlib.sha1(f"{raw_path}\x1f{record_key or ''}".encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------- HTML to text

_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</p\s*>|</div\s*>|</h[1-6]\s*>|</li\s*>|</tr\s*>")


def html_to_text(fragment: str) -> str:
    """Paragraphs of an HTML fragment as lines of text; tags dropped, entities decoded."""
    tree = HTMLParser(_BLOCK_END.sub("\n", fragment))
    for node in tree.css("script, style, noscript"):
        node.decompose()
    root = tree.body or tree.root
    return root.text(deep=True) if root is not None else ""


# ---------------------------------------------------------------- Unicode and punctuation

# Full-width digits and Latin letters become half-width; CJK punctuation stays full-width.
_HALF = {c: c - 0xFEE0 for c in list(range(0xFF10, 0xFF1A)) + list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B))}
_HALF.update({0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x200B: None, 0x200C: None, 0x200D: None, 0xFEFF: None})
_HALF_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in _HALF) + "]")
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
# ASCII , : ; ? ! between (or next to) Chinese characters: 12月11日上午,收听 → 12月11日上午，收听
_ASCII_PUNCT = re.compile(rf"(?<=[{_CJK}])\s*([,:;?!])\s*|\s*([,:;?!])\s*(?=[{_CJK}])")
_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
# ASCII brackets that open or close Chinese text: 县(市、区) → 县（市、区）
_ASCII_PAREN = re.compile(rf"\((?=[^()\n]*[{_CJK}][^()\n]*\))([^()\n]*)\)")
_SPACES = re.compile(r"[ \t\u3000]+")
_ANY_ASCII_PUNCT = re.compile(r"[,:;?!]")
# The space first, then what is around it: the engine finds spaces in C instead of trying the
# lookbehind at every character (same matches as (?<=[一-鿿]) (?=[一-鿿])).
_CJK_SPACE = re.compile(r" (?<=[\u4e00-\u9fff] )(?=[\u4e00-\u9fff])")


def normalise(text: str, keep_cjk_spaces: bool = False) -> str:
    """NFC, full-width alphanumerics to half-width, ASCII punctuation inside Chinese to full-width,
    whitespace folded, one paragraph per line. A space between two Chinese characters is dropped unless
    keep_cjk_spaces (a title's spaces part its phrases)."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _HALF_CHARS.search(text):  # str.translate looks up every character; most texts have none to change
        text = text.translate(_HALF)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _ANY_ASCII_PUNCT.search(text):
        text = _ASCII_PUNCT.sub(lambda m: _FULL[m.group(1) or m.group(2)], text)
    if "(" in text:
        text = _ASCII_PAREN.sub(lambda m: "（" + m.group(1) + "）", text)
    # Whitespace runs folded over the whole text at once (they never hold a line break), then each line
    # stripped; a space between two Chinese characters is an artefact of line wrapping or tag removal.
    if "\t" in text or "\u3000" in text or "  " in text:  # else every run is one space already
        text = _SPACES.sub(" ", text)
    text = "\n".join(ln.strip() for ln in text.split("\n"))
    if not keep_cjk_spaces:
        text = _CJK_SPACE.sub("", text)
    return "\n".join(ln for ln in text.split("\n") if ln)


def normalise_title(title: str | None) -> str | None:
    if not title:
        return None
    # 新闻联播 titles part their phrases with spaces (…会议在京举行 审议…工作报告稿 赵乐际主持): kept, one each
    t = normalise(title, keep_cjk_spaces=True).replace("\n", " ")
    t = _TITLE_TAG.sub("", t).strip()
    return t or None


# ---------------------------------------------------------------- hard-wrapped text

_TERMINAL = tuple("。！？；：…”」』）)】!?;:")
# A line that opens a list item or a heading starts a new paragraph even in wrapped text.
_NEW_PARAGRAPH = re.compile(r"^(?:[一二三四五六七八九十]+[、是要]|[（(][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十]+[、，章条部分]|\d+[.、]|[■●◆])")
_CONTINUATION = re.compile(r"^[，。、；：）」”》!?,;:)\]]")


def unwrap_lines(text: str) -> str:
    """Join lines that a PDF extraction or a scraper broke inside sentences. Only a text most of whose
    lines end mid-sentence counts as wrapped; elsewhere only a line that opens with punctuation is joined."""
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    open_ended = sum(1 for ln in lines[:-1] if ln and not ln.endswith(_TERMINAL))
    wrapped = open_ended > 0.5 * (len(lines) - 1) and len(lines) > 3
    out = [lines[0]]
    for ln in lines[1:]:
        prev = out[-1]
        if _CONTINUATION.match(ln) or (wrapped and prev and not prev.endswith(_TERMINAL) and not _NEW_PARAGRAPH.match(ln)):
            out[-1] = prev + ln
        else:
            out.append(ln)
    return "\n".join(out)


# ---------------------------------------------------------------- broadcast and site furniture

# [视频] and [标题] lead 新闻联播 titles; they say how the item was published, not what it reports.
_TITLE_TAG = re.compile(r"^(?:\s*\[(?:视频|标题|组图|图文)\]\s*)+")
# 央视网消息（新闻联播）： · 中国网络电视台消息(新闻联播): · 央视网(新闻联播)消息： · 央视网消息：
_BROADCAST_PREFIX = re.compile(
    r"^\s*(?:央视网|中国网络电视台)\s*(?:消息)?\s*[（(]\s*(?:新闻联播|焦点访谈)\s*[)）]?\s*(?:消息)?\s*[：:；;]?\s*"
    r"|^\s*(?:央视网|中国网络电视台|新华网|人民网)\s*(?:消息)?\s*(?:[（(][^（()）\n]{1,8}[)）])?\s*(?:消息)?\s*[：:]\s*"
)
_PREFIX_INSIDE = re.compile(r"(?:央视网|中国网络电视台)消息\s*[（(]\s*新闻联播\s*[)）]\s*[：:]\s*")
# (视频编辑：张三) · （文字编辑：…） · （责任编辑：…） · 责任编辑：易佳 at the end of a body.
_EDITOR_TRAILER = re.compile(r"(?:\s*[（(]完[)）]\s*|\s*[（(][^（()）\n]{0,30}编辑\s*[：:][^（()）\n]{0,40}[)）]\s*|\s*(?:责任)?编辑\s*[：:]\s*[^\n]{0,30}\s*)+$")
_BREADCRUMB = re.compile(r"^(?:当前位置|您的位置|所在位置)[:：].*$", re.M)


def _trailer(body: str) -> int | None:
    """Where the editor trailer at the end of body starts (as _EDITOR_TRAILER.search would say), or None.
    Searched in a window at the end, widened while the match begins near the window's start (a trailer
    item is under 100 characters, so a match that began before the window would be found within its
    first 256): searching a pattern anchored at the end over the whole body costs an attempt per character."""
    window = 1024
    while True:
        start = max(0, len(body) - window)
        # Every trailer item holds 编辑 or 完) / 完）: without them the pattern cannot match here, and
        # a substring test is much cheaper than the pattern's attempt at every character.
        tail = body[start:]
        if "编辑" not in tail and "完)" not in tail and "完）" not in tail:
            return None
        m = _EDITOR_TRAILER.search(body, start)
        if m is None:
            return None
        if m.start() >= start + 256 or start == 0:
            return m.start()
        window *= 4


def strip_furniture(body: str) -> tuple[str, list[str]]:
    """Broadcast prefix, breadcrumbs and editor trailers off the body; returns what was removed."""
    removed = []
    # A scrape may repeat the prefix (央视网消息（新闻联播）：央视网消息（新闻联播）：同日…).
    while m := _BROADCAST_PREFIX.match(body):
        if "broadcast_prefix" not in removed:
            removed.append("broadcast_prefix")
        body = body[m.end() :]
    # Some items carry their headline before the prefix, on the same line (…李强作出批示央视网消息（新闻
    #联播）：8月7日以来…) or on lines of its own: the report starts after the prefix.
    m = _PREFIX_INSIDE.search(body.split("\n", 1)[0])
    if m:
        body = body[m.end() :]
        if "broadcast_prefix" not in removed:
            removed.append("broadcast_prefix")
    lines = body.split("\n")
    for i, line in enumerate(lines[1:6], start=1):
        m = _BROADCAST_PREFIX.match(line)
        if m:
            lines[i] = line[m.end() :]
            if "broadcast_prefix" not in removed:
                removed.append("broadcast_prefix")
    body = "\n".join(lines)
    if _BREADCRUMB.search(body):
        removed.append("breadcrumb")
        body = _BREADCRUMB.sub("", body)
    m = _trailer(body)
    if m is not None and m > 0:
        removed.append("editor_trailer")
        body = body[:m]
    return body.strip(), removed


# ---------------------------------------------------------------- known scrape artefacts

# A censoring filter on Chinese portals deletes every 习: 近平总书记, 生活惯. The signature is 近平
# in a leader's name or title without the 习 before it; only then, and only in phrases where the
# missing character is certain, is it put back.
_XI_LOST = re.compile(r"(?<!习)近平(?=总书记|同志|主席|新时代|生态文明思想|法治思想|经济思想|外交思想|强军思想|文化思想|关于|在|的重要|重要)")
# The repairs, applied in one pass over the filtered text so that each sees the text as scraped:
#   学近平 → 学习习近平 · 学贯彻 → 学习贯彻 · 近平总书记 → 习近平总书记 · 生活惯 → 生活习惯
_XI_REPAIR = re.compile(
    r"(?P<study>学(?=贯彻|近平))"
    r"|(?P<xi>" + _XI_LOST.pattern + r")"
    r"|(?P<habit>(?:(?<=生活)|(?<=卫生)|(?<=行为)|(?<=良好)|(?<=消费)|(?<=饮食)|(?<=文明)|(?<=风俗))惯(?![例性用犯]))"
)
_XI_FIX = {"study": "学习", "xi": "习近平", "habit": "习惯"}


def repair_artefacts(text: str) -> tuple[str, list[str]]:
    """Put back characters a known scrape filter removed, where the repair is certain; say what was done."""
    # The filter removes every 习; a text holding one 习 was not filtered, and a lone 近平 in it is
    # something else (a PDF line break inside the name), so nothing is touched.
    if "习" in text or not _XI_LOST.search(text):
        return text, []
    n = 0

    def fix(m: re.Match) -> str:
        nonlocal n
        n += 1
        return _XI_FIX[m.lastgroup]

    text = _XI_REPAIR.sub(fix, text)
    return text, [f"restored 习 ×{n} (a portal's filter had deleted it: 近平总书记 → 习近平总书记, 生活惯 → 生活习惯)"]


# ---------------------------------------------------------------- traditional characters


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional_chars() -> re.Pattern:
    """Characters that OpenCC simplifies: their share of a text says whether it is traditional."""
    conv = _t2s()
    chars = [chr(c) for c in range(0x4E00, 0xA000)]
    out = conv.convert("\n".join(chars)).split("\n")
    trad = "".join(c for c, s in zip(chars, out) if s != c)
    return re.compile("[" + re.escape(trad) + "]")


_CJK_CHAR = re.compile("[\u4e00-\u9fff]")


def simplify(text: str) -> tuple[str, bool]:
    """Traditional Chinese to simplified, for analysis; (text, converted). Simplified text is left alone."""
    if not _traditional_chars().search(text, 0, 20000):  # no traditional character at all: the common case
        return text, False
    cjk = len(_CJK_CHAR.findall(text, 0, 20000))
    if cjk < 20:
        return text, False
    hits = len(_traditional_chars().findall(text[:20000]))
    if hits < 5 or hits / cjk < 0.03:
        return text, False
    return _t2s().convert(text), True


# ---------------------------------------------------------------- dates

_DATE_PARTS = re.compile(
    r"(?P<y>\d{4})\s*[-年/.]\s*(?P<m>\d{1,2})\s*[-月/.]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[T\s]*(?P<H>\d{1,2})[:：](?P<M>\d{2})(?:[:：](?P<S>\d{2}))?)?"
)
_COMPACT = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")
_YEAR = re.compile(r"^\s*(?P<y>\d{4})\s*年?\s*$")


def parse_published(value: str | None, date_format: str | None = None) -> tuple[datetime | None, str | None]:
    """A scraped publication time into (timestamp, precision); (None, None) when there is none."""
    if not value:
        return None, None
    value = value.strip().translate(_HALF)
    if date_format:
        try:
            return datetime.strptime(value, date_format), "configured"
        except ValueError:
            pass
    m = _DATE_PARTS.search(value) or _COMPACT.match(value)
    if m:
        g = m.groupdict()
        try:
            dt = datetime(int(g["y"]), int(g["m"]), int(g["d"]), int(g.get("H") or 0), int(g.get("M") or 0), int(g.get("S") or 0))
        except ValueError:
            return None, None
        precision = "second" if g.get("S") else "minute" if g.get("H") else "day"
        return dt, precision
    m = _YEAR.match(value)
    if m and 1900 <= int(m.group("y")) <= 2100:
        return datetime(int(m.group("y")), 1, 1), "year"
    return None, None


# ---------------------------------------------------------------- the document

_HASH_STRIP = re.compile(r"[^0-9a-zA-Z\u3400-\u4dbf\u4e00-\u9fff]+")


def content_hash(body: str) -> str:
    """Hash of the body's letters and digits only: copies that differ in punctuation, spacing or
    chrome already removed hash the same."""
    return hashlib.sha1(_HASH_STRIP.sub("", body).encode("utf-8")).hexdigest()[:20]


def clean_record(sr: SourceRecord) -> Document:
    body = html_to_text(sr.body) if sr.body_is_html and sr.body else (sr.body or "")
    body = unwrap_lines(normalise(body))
    body, _removed = strip_furniture(body)
    body, repairs = repair_artefacts(body)
    title = normalise_title(sr.title)
    if title:
        title, title_repairs = repair_artefacts(title)
        repairs += [r.replace("restored", "restored in the title") for r in title_repairs]
    body_original = None
    simplified, converted = simplify(body)
    if converted:
        body_original, body = body, simplified
        if title:
            title = _t2s().convert(title)
        repairs.append("converted traditional characters to simplified (OpenCC t2s); the original is in body_original")
    publisher = normalise_title(sr.publisher)
    if converted and publisher:
        publisher = _t2s().convert(publisher)
    published_at, precision = parse_published(sr.published, sr.date_format)
    return Document(
        doc_id=doc_id_for(sr.raw_path, sr.record_key),
        source=sr.raw_path.split("/", 1)[0],
        raw_path=sr.raw_path,
        record_key=sr.record_key,
        native_id=sr.native_id,
        url=sr.url,
        title=title,
        published_at=published_at,
        date_precision=precision,
        publisher=publisher,
        body=body,
        body_original=body_original,
        page_chrome=sr.chrome,
        content_hash=content_hash(body),
        body_md5=hashlib.md5(body.encode("utf-8", "surrogatepass")).hexdigest(),
        is_report=not is_programme(title or sr.title),
        repairs=repairs,
        encoding=sr.encoding,
        fmt=sr.fmt,
        n_chars=len(body),
    )
