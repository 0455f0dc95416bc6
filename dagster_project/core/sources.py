"""Read one raw file into source records: pages (.txt, .html), JSON, JSONL and CSV, gzip or not.

Everything here works on one file and returns plain dataclasses; nothing touches a database.
A record that cannot be read becomes a `Rejection` with a reason; the rest of its file is kept.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, NamedTuple

import yaml
from charset_normalizer import from_bytes

from .lexicon import names_a_place

# A single record larger than this is a mis-scrape (a binary, a whole site in one page).
MAX_RECORD_BYTES = 10 * 1024 * 1024
# A JSON document is parsed whole; past this it is refused rather than loaded (a gzip file is
# decompressed only this far, so a small .gz that expands to gigabytes costs this much and no more).
# Larger collections belong in JSON Lines, which is read line by line.
MAX_JSON_BYTES = 64 * 1024 * 1024
# How much of a file the encoding detector looks at.
SNIFF_BYTES = 64 * 1024

PAGE_TEXT = "page_text"
PAGE_HTML = "page_html"
FORMATS = {
    ".txt": PAGE_TEXT,
    ".html": PAGE_HTML,
    ".htm": PAGE_HTML,
    ".shtml": PAGE_HTML,
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}
CONFIG_NAME = "source.yaml"

# Usual field names, in order of preference, per role (a dotted name reaches into a nested object).
FIELD_CANDIDATES: dict[str, tuple[str, ...]] = {
    "title": ("title", "标题", "video_title", "headline", "name"),
    "body": ("content", "text", "body", "正文", "article", "内容"),
    "published": ("pubtime", "pub_date", "published_at", "publish_time", "date", "发布时间", "time", "datetime", "year"),
    "publisher": ("source", "来源", "publisher", "media"),
    "url": ("url", "video_url", "link", "href", "网址"),
    "id": ("video_id", "id", "guid"),
}
# Containers a JSON object may hold its records in, tried before any other list of objects.
RECORD_LIST_KEYS = ("videoList", "records", "items", "data", "list", "results", "articles", "docs")


# A value that reaches for the file system: /abs, ~user, ../up, C:\, file:// and other URLs.
_PATH_LIKE = re.compile(r"^\s*(?:/|~|\\)|\.\.[/\\]|[/\\]\.\.|^[A-Za-z]:[/\\]|^[a-z][a-z0-9+.-]*://|\x00", re.I)
MAX_CONFIG_BYTES = 64 * 1024
# A 来源 that is a local office or the site itself, named without its place: 市委办公室 · 县融媒体中心 · 区政府办 · 本站 · 本网
_PLACELESS_SOURCE = re.compile(r"(?:[省市县区旗州盟镇乡]|街道|本站|本网|网站|融媒体中心|新闻中心|办公室)")


class SourceConfigError(ValueError):
    """A source.yaml that cannot be used; the message names the file and the mistake."""


@dataclass(frozen=True)
class SourceConfig:
    """What a folder's source.yaml says about the files under it (every key optional)."""

    records: str | None = None  # dotted path to the list of records inside a JSON object
    fields: dict[str, str] = field(default_factory=dict)  # role -> field name (dotted for nested)
    date_format: str | None = None  # strptime format of the date field
    publisher: str | None = None  # default publisher when a record names none
    encoding: str | None = None  # force an encoding instead of detecting it
    format: str | None = None  # force a format: page_text, page_html, json, jsonl, csv
    csv_delimiter: str = ","

    @staticmethod
    def from_mapping(data: dict, where: str) -> "SourceConfig":
        allowed = {"records", "fields", "date_format", "publisher", "encoding", "format", "csv_delimiter"}
        unknown = set(data) - allowed
        if unknown:
            raise SourceConfigError(f"{where}: unknown key(s) {sorted(unknown)}; allowed are {sorted(allowed)}.")
        fields = data.get("fields") or {}
        if not isinstance(fields, dict):
            raise SourceConfigError(f"{where}: 'fields' must map roles to field names.")
        # Every value names something inside a record, never a file: a path is refused, so a source.yaml
        # cannot send Huiyi anywhere outside the raw folder.
        for key, value in [("records", data.get("records")), *((f"fields.{k}", v) for k, v in fields.items())]:
            if value is not None and _PATH_LIKE.search(str(value)):
                raise SourceConfigError(f"{where}: {key} is {value!r}, which looks like a file path; it must name a field inside each record (dotted for nested fields, e.g. video_detail.content).")
        bad_roles = set(fields) - set(FIELD_CANDIDATES)
        if bad_roles:
            raise SourceConfigError(f"{where}: unknown field role(s) {sorted(bad_roles)}; roles are {sorted(FIELD_CANDIDATES)}.")
        fmt = data.get("format")
        if fmt is not None and fmt not in set(FORMATS.values()):
            raise SourceConfigError(f"{where}: format {fmt!r} is not one of {sorted(set(FORMATS.values()))}.")
        enc = data.get("encoding")
        if enc is not None:
            try:
                codecs.lookup(enc)
            except LookupError:
                raise SourceConfigError(f"{where}: encoding {enc!r} is not a known codec.") from None
        return SourceConfig(
            records=data.get("records"),
            fields={k: str(v) for k, v in fields.items()},
            date_format=data.get("date_format"),
            publisher=data.get("publisher"),
            encoding=enc,
            format=fmt,
            csv_delimiter=str(data.get("csv_delimiter", ",")),
        )

    def publisher_for(self, own: str | None) -> str | None:
        """A record's publisher: its own, else this folder's. The folder's also stands for an own one that is an office or
        the site itself without its place (来源：市委办公室, 县融媒体中心, 本站): it was set to say whose site the folder's pages
        are from, and it places the local meetings whose reports name no place. An outlet (新华社, 大众日报) is kept."""
        if own and self.publisher and _PLACELESS_SOURCE.match(own) and not names_a_place(own):
            return self.publisher
        return own or self.publisher

    def merged_over(self, parent: "SourceConfig") -> "SourceConfig":
        """This folder's settings over its parent's: the nearer source.yaml wins key by key."""
        return SourceConfig(
            records=self.records or parent.records,
            fields={**parent.fields, **self.fields},
            date_format=self.date_format or parent.date_format,
            publisher=self.publisher or parent.publisher,
            encoding=self.encoding or parent.encoding,
            format=self.format or parent.format,
            csv_delimiter=self.csv_delimiter if self.csv_delimiter != "," else parent.csv_delimiter,
        )


@dataclass
class SourceRecord:
    """One record as found in its file, fields mapped to roles but not yet cleaned."""

    raw_path: str
    record_key: str | None
    native_id: str | None
    fmt: str
    encoding: str | None
    title: str | None
    body: str | None
    published: str | None
    publisher: str | None
    url: str | None
    body_is_html: bool = False
    chrome: str | None = None  # page furniture around the report (breadcrumbs), kept for place names
    date_format: str | None = None


@dataclass
class Rejection:
    raw_path: str
    record_key: str | None
    reason: str
    detail: str


def file_format(path: Path, config: SourceConfig | None = None) -> str | None:
    """The format Huiyi reads a file as, from its name (a trailing .gz is looked through)."""
    if config and config.format:
        return config.format
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return FORMATS.get(Path(name).suffix)


def load_config(path: Path, raw_root: Path, cache: dict | None = None) -> SourceConfig:
    """The source.yaml settings in force for `path`: every source.yaml from the raw root down, nearer wins."""
    cache = {} if cache is None else cache
    folder = path.parent
    chain = []
    root = raw_root.resolve()
    cur = folder.resolve()
    while True:
        chain.append(cur)
        if cur == root or root not in cur.parents:
            break
        cur = cur.parent
    config = SourceConfig()
    for d in reversed(chain):
        if d not in cache:
            f = d / CONFIG_NAME
            if f.is_file():
                if f.is_symlink() and root not in f.resolve().parents:
                    raise SourceConfigError(f"{f}: is a link to {f.resolve()}, outside the raw folder; settings are read only from inside it.")
                if f.stat().st_size > MAX_CONFIG_BYTES:
                    raise SourceConfigError(f"{f}: is over {MAX_CONFIG_BYTES // 1024} KB, far more than any settings file; not read.")
                try:
                    data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
                except yaml.YAMLError as e:
                    mark = getattr(e, "problem_mark", None)
                    line = f" at line {mark.line + 1}" if mark else ""
                    raise SourceConfigError(f"{f}: not valid YAML{line}.") from None
                if not isinstance(data, dict):
                    raise SourceConfigError(f"{f}: must be a mapping of settings.")
                cache[d] = SourceConfig.from_mapping(data, str(f))
            else:
                cache[d] = None
        if cache[d] is not None:
            config = cache[d].merged_over(config)
    return config


def config_fingerprint(path: Path, raw_root: Path, cache: dict | None = None) -> str:
    """A hash of every source.yaml in force for `path`: editing one re-reads the files it governs.
    With `cache` (a dict kept for one pass over the raw folder), each folder is hashed once."""
    if cache is not None:
        key = (path.parent, raw_root)
        if key not in cache:
            cache[key] = config_fingerprint(path, raw_root)
        return cache[key]
    import hashlib

    h = hashlib.sha1()
    root = raw_root.resolve()
    cur = path.parent.resolve()
    chain = []
    while True:
        chain.append(cur)
        if cur == root or root not in cur.parents:
            break
        cur = cur.parent
    for d in reversed(chain):
        f = d / CONFIG_NAME
        if f.is_file():
            if (f.is_symlink() and root not in f.resolve().parents) or f.stat().st_size > MAX_CONFIG_BYTES:
                h.update(str(f.relative_to(root)).encode() + b"\0refused")  # load_config names the problem
                continue
            h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:12]


# ---------------------------------------------------------------- bytes and encodings

# A gzip stream that has expanded past BOMB_BYTES at more than BOMB_RATIO times its compressed size is
# a compression bomb: scraped text compresses 3 to 10 times, repetitive JSON perhaps 50.
BOMB_BYTES = 256 * 1024 * 1024
BOMB_RATIO = 200


class CompressionBomb(OSError):
    """A .gz whose content expands far beyond anything text does; reading it stops."""


class _GuardedGzip(gzip.GzipFile):
    """A gzip reader that stops with CompressionBomb once the stream expands like a bomb, so reading one
    line by line is bounded in time as well as memory."""

    def _check(self) -> None:
        out = self.tell()
        if out > BOMB_BYTES and out > BOMB_RATIO * max(1, self.fileobj.tell()):
            raise CompressionBomb(f"its gzip stream expanded to {out // 2**20} MB from {self.fileobj.tell() // 2**10} KB, "
                                  f"more than {BOMB_RATIO} times: a compression bomb, not scraped text")

    def read(self, size=-1):
        data = super().read(size)
        self._check()
        return data

    def read1(self, size=-1):
        data = super().read1(size)
        self._check()
        return data


def open_bytes(path: Path):
    """A binary stream of what the file holds: a .gz is read as its content (stopping at a bomb)."""
    if path.name.lower().endswith(".gz"):
        return _GuardedGzip(filename=str(path), mode="rb")
    return open(path, "rb")


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Encodings a Chinese scrape is found in; detection chooses among these.
_CANDIDATES = ["utf_8", "gb18030", "big5", "utf_16_le", "utf_16_be"]


# Bytes below 32 other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)


def looks_binary(head: bytes) -> bool:
    """NUL bytes outside a UTF-16 text, or mostly control bytes: not a text file."""
    if not head:
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        # UTF-16 without BOM has NULs in every other byte of ASCII text; charset detection decides that.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        return not (even > len(head) // 8 or odd > len(head) // 8) or (even > 0 and odd > 0)
    sample = head[:4096]
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return control > len(sample) * 0.05


def detect_encoding(head: bytes, complete: bool) -> str | None:
    """The encoding of a file from its first bytes: BOM, then strict UTF-8, then charset detection."""
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return enc
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        # A multi-byte character cut at the end of the sniffed head is still UTF-8.
        if not complete and e.start >= len(head) - 3 and e.reason.startswith("unexpected end"):
            return "utf-8"
        # A UTF-8 file with a few corrupt bytes is still UTF-8 (its bad records are rejected one by
        # one); GBK or Big5 read as UTF-8 fails on nearly every Chinese character instead.
        bad = head.decode("utf-8", errors="replace").count("\ufffd")
        if bad <= max(3, len(head) // 2000):
            return "utf-8"
    best = from_bytes(head, cp_isolation=_CANDIDATES).best()
    return _superset(best.encoding) if best is not None else None


def _superset(enc: str) -> str:
    """GB18030 is the superset of GBK and GB2312: decode as the superset."""
    return "gb18030" if enc in ("gbk", "gb2312", "cp936") else enc


def decode_text(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Whole-file decode: (text, encoding). Raises UnicodeError when no encoding fits."""
    enc = encoding or detect_encoding(data[:SNIFF_BYTES], complete=len(data) <= SNIFF_BYTES)
    if enc is None:
        raise UnicodeError("no encoding among UTF-8, GB18030, Big5 and UTF-16 decodes it")
    try:
        return data.decode(enc), enc
    except UnicodeDecodeError as e:
        if encoding is None and enc == "utf-8":
            # A UTF-8 file with a few corrupt bytes further in: decoded with the bad bytes kept as
            # surrogate escapes, so only the records that hold them are rejected (by _checked).
            bad = data.decode("utf-8", errors="replace").count("\ufffd")
            if bad <= max(3, len(data) // 2000):
                return data.decode("utf-8", errors="surrogateescape"), enc
            # The head was UTF-8 but the rest is not: detect on the whole file.
            best = from_bytes(data, cp_isolation=_CANDIDATES).best()
            if best is not None:
                enc2 = _superset(best.encoding)
                return data.decode(enc2), enc2
        raise UnicodeError(f"it is not valid {enc} at byte {e.start}") from None


# ---------------------------------------------------------------- field mapping

def _get(record: dict, dotted: str) -> Any:
    cur: Any = record
    for part in dotted.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def map_fields(record: dict, config: SourceConfig) -> dict[str, str | None]:
    """Role -> value for one record: the source.yaml mapping first, then the usual names,
    at the top level and then one level down in nested objects (xwlb's video_detail)."""
    nested = [v for v in record.values() if isinstance(v, dict)]
    out: dict[str, str | None] = {}
    for role, names in FIELD_CANDIDATES.items():
        value = None
        if role in config.fields:
            value = _as_text(_get(record, config.fields[role]))
        else:
            for scope in [record, *nested]:
                for name in names:
                    value = _as_text(scope.get(name))
                    if value is not None:
                        break
                if value is not None:
                    break
        out[role] = value
    return out


def _record_from_mapping(
    raw_path: str, fields: dict[str, str | None], position: int | None, fmt: str, encoding: str | None, config: SourceConfig
) -> SourceRecord:
    body = fields["body"]
    return SourceRecord(
        raw_path=raw_path,
        record_key=None,  # assigned by the caller, which knows the file's other keys
        native_id=fields["id"] or None,
        fmt=fmt,
        encoding=encoding,
        title=fields["title"],
        body=body,
        published=fields["published"],
        publisher=config.publisher_for(fields["publisher"]),
        url=fields["url"],
        body_is_html=bool(body and _HTML_TAG.search(body[:2000])),
        date_format=config.date_format,
    )


_HTML_START = re.compile(r"<html[\s>]", re.I)
_HTML_END = re.compile(r"</html\s*>", re.I)
_HTML_TAG = re.compile(r"<\s*(p|br|div|span|strong|b|a|img|table)\b[^>]*>", re.I)


class _Keys:
    """record_key per DESIGN.md: the native id (video_id, id, guid, url), else the 0-based position.
    A native id seen twice in one file cannot identify a record, so the repeat falls back to its position."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def key(self, native: str | None, url: str | None, position: int) -> str:
        k = native or url
        if not k or k in self.seen:
            k = str(position)
        # A native id may itself look like a position ("2"): never hand out a key twice.
        n = 1
        while k in self.seen:
            n += 1
            k = f"{position}#{n}"
        self.seen.add(k)
        return k


def _too_large(text: str | bytes) -> bool:
    return len(text) > MAX_RECORD_BYTES


# ---------------------------------------------------------------- readers

def read_file(path: Path, raw_root: Path, config: SourceConfig | None = None) -> Iterator[SourceRecord | Rejection]:
    """Every record of one raw file, or a rejection for what cannot be read. Never raises on bad input."""
    raw_path = path.relative_to(raw_root).as_posix()
    config = config or SourceConfig()
    fmt = file_format(path, config)
    if fmt is None:
        yield Rejection(raw_path, None, "unsupported_type", f"{raw_path}: Huiyi does not read files of this type (it reads .txt, .html, .json, .jsonl, .csv, optionally .gz).")
        return
    try:
        if fmt in (PAGE_TEXT, PAGE_HTML, "json"):
            yield from _read_whole(path, raw_path, fmt, config)
        elif fmt == "jsonl":
            yield from _read_jsonl(path, raw_path, config)
        else:
            yield from _read_csv(path, raw_path, config)
    except CompressionBomb as e:
        yield Rejection(raw_path, None, "too_large", f"{raw_path}: {e}; reading stopped, the records before it are kept.")
    except (OSError, ValueError, *_GZIP_DAMAGE) as e:
        # A truncated or corrupt gzip stream, or an unreadable file: what was read before stays.
        if path.name.lower().endswith(".gz") and isinstance(e, _GZIP_DAMAGE):
            yield Rejection(raw_path, None, "unreadable_file", f"{raw_path}: its gzip stream is damaged or cut short ({e}); records before the damage are kept.")
        else:
            yield Rejection(raw_path, None, "unreadable_file", f"{raw_path}: cannot be read to the end ({type(e).__name__}: {e}).")


_GZIP_DAMAGE = (EOFError, gzip.BadGzipFile, zlib.error)


class Damage(NamedTuple):
    """What broke a .gz stream: a sentence for the rejection, and whether the stream was read to its end
    with bytes not as written (a failed checksum) rather than cut short or broken."""
    said: str
    altered: bool


def _read_limited(path: Path, limit: int) -> tuple[bytes | None, Damage | None]:
    """What the file holds, None past `limit` bytes; and, for a .gz whose stream is cut short or damaged,
    the bytes before the damage with a sentence saying so. (Read whole, a cut stream gave nothing: the
    error came before the content it had decompressed. In pieces, each piece is kept as it comes.)"""
    chunks, n, damage = [], 0, None
    with open_bytes(path) as f:
        try:
            while n <= limit:
                piece = f.read1(min(1 << 16, limit + 1 - n))
                if not piece:
                    break
                chunks.append(piece)
                n += len(piece)
        except _GZIP_DAMAGE as e:
            if not isinstance(f, gzip.GzipFile):
                raise
            if re.search(r"CRC check failed|Incorrect length", str(e)):  # read to its end, but not as written
                damage = Damage(f"its gzip stream fails its checksum ({e}), so some of its bytes are not what was written", True)
            else:
                damage = Damage(f"its gzip stream is damaged or cut short ({e})", False)
    return (None if n > limit else b"".join(chunks)), damage


def _read_whole(path: Path, raw_path: str, fmt: str, config: SourceConfig) -> Iterator[SourceRecord | Rejection]:
    limit = MAX_JSON_BYTES if fmt == "json" else MAX_RECORD_BYTES
    data, damage = _read_limited(path, limit)
    if damage is not None and fmt == PAGE_TEXT:
        # a page is one report: cut short, it is an incomplete one (as an HTML page cut before </html> is)
        yield Rejection(raw_path, None, "unreadable_file", f"{raw_path}: {damage.said}; the page it holds is incomplete and was not kept.")
        return
    if damage is not None and data is not None and not data.strip():
        yield Rejection(raw_path, None, "unreadable_file", f"{raw_path}: {damage.said}, before any of its content.")
        return
    if data is None:
        if fmt == "json":
            yield Rejection(raw_path, None, "too_large", f"{raw_path}: is more than {limit // 2**20} MB of JSON once decompressed, and a JSON file is read whole; skipped (write large collections as JSON Lines, one record per line).")
        else:
            yield Rejection(raw_path, None, "too_large", f"{raw_path}: holds more than {limit // 2**20} MB in one document, more than any report; skipped.")
        return
    if not data.strip():
        yield Rejection(raw_path, None, "empty_file", f"{raw_path}: the file is empty.")
        return
    if looks_binary(data[:SNIFF_BYTES]):
        yield Rejection(raw_path, None, "binary_file", f"{raw_path}: holds binary data, not text.")
        return
    try:
        text, enc = decode_text(data, config.encoding)
    except UnicodeError as e:
        if damage is None:
            yield Rejection(raw_path, None, "unknown_encoding", f"{raw_path}: cannot be decoded: {e}.")
            return
        # A damaged deflate stream can give garbage bytes before the error: a UTF-8 file is decoded with
        # them kept as surrogate escapes, so the records before them are kept and a record that holds
        # them is rejected alone (_checked), as for any corrupt bytes.
        text = None
        for cut in range(4):  # a character the damage cut in two (GB18030, UTF-16): detected and decoded without it
            piece = data[: len(data) - cut]
            enc = config.encoding or detect_encoding(piece[:SNIFF_BYTES], complete=len(piece) <= SNIFF_BYTES)
            try:
                text = piece.decode(enc) if enc else None
            except (UnicodeDecodeError, LookupError):
                continue
            if text is not None:
                break
        if text is None and config.encoding is None and detect_encoding(data[:SNIFF_BYTES], complete=False) == "utf-8":
            enc = "utf-8"
            text = data.decode("utf-8", errors="surrogateescape")
        if text is None:
            yield Rejection(raw_path, None, "unreadable_file", f"{raw_path}: {damage.said}; what came before the damage cannot be decoded, so nothing was kept.")
            return
    if fmt in (PAGE_TEXT, PAGE_HTML) and _SURROGATE.search(text):
        # A page is one report: a few corrupt bytes in it are shown as U+FFFD rather than losing it all.
        text = _SURROGATE.sub("\ufffd", text)
    if fmt == PAGE_TEXT:
        from .pages import parse_text_page

        yield parse_text_page(text, raw_path, enc, config)
    elif fmt == PAGE_HTML:
        from .pages import MAX_DEPTH, html_depth, parse_html_page

        if damage is not None and not _HTML_END.search(text[-4096:]):
            yield Rejection(raw_path, None, "unreadable_file", f"{raw_path}: {damage.said}; the page it holds is incomplete and was not kept.")
            return
        if _HTML_START.search(text[:4096]) and not _HTML_END.search(text[-4096:]):
            yield Rejection(raw_path, None, "truncated_html", f"{raw_path}: the page ends before </html>; it was cut off while saving, so its report may be incomplete.")
            return
        if html_depth(text) > MAX_DEPTH:
            yield Rejection(raw_path, None, "too_deep", f"{raw_path}: its elements nest more than {MAX_DEPTH:,} levels deep, far beyond any real page; not parsed.")
            return
        yield parse_html_page(text, raw_path, enc, config)
        if damage is not None and damage.altered:
            yield Rejection(raw_path, None, "unreadable_file", f"{raw_path}: {damage.said}; the page was kept, and may hold altered text.")
        elif damage is not None:  # after </html>: the page is whole, the stream's end is not
            yield Rejection(raw_path, None, "unreadable_file", f"{raw_path}: {damage.said}, after the end of its page; the page was kept.")
    else:
        yield from _records_from_json_text(text, raw_path, enc, config, damage)


def _find_record_list(obj: Any, config: SourceConfig) -> tuple[list | None, str]:
    if config.records:
        found = _get(obj, config.records) if isinstance(obj, dict) else None
        return (found if isinstance(found, list) else None), config.records
    if isinstance(obj, list):
        return obj, "(top level)"
    if isinstance(obj, dict):
        for k in RECORD_LIST_KEYS:
            v = obj.get(k)
            if isinstance(v, list) and any(isinstance(x, dict) for x in v):
                return v, k
        lists = [(k, v) for k, v in obj.items() if isinstance(v, list) and any(isinstance(x, dict) for x in v)]
        if lists:
            k, v = max(lists, key=lambda kv: len(kv[1]))
            return v, k
        # An object that is itself one record.
        if any(_as_text(obj.get(n)) for n in FIELD_CANDIDATES["body"]):
            return [obj], "(one record)"
        # xwlb's empty days: {"total": 0, "videoList": null}.
        for k in RECORD_LIST_KEYS:
            if k in obj and obj[k] in (None, []):
                return [], k
    return None, ""


def _records_from_json_text(text: str, raw_path: str, enc: str, config: SourceConfig,
                            damage: Damage | None = None) -> Iterator[SourceRecord | Rejection]:
    """`damage`: how the file's gzip stream broke after `text`."""
    try:
        obj = json.loads(text)
    except RecursionError:
        yield Rejection(raw_path, None, "invalid_json", f"{raw_path}: JSON nested too deeply to read.")
        return
    except json.JSONDecodeError as e:
        yield from _salvage_json(text, raw_path, enc, config, e, damage)
        return
    records, where = _find_record_list(obj, config)
    if records is None:
        yield Rejection(raw_path, None, "no_records", f"{raw_path}: no list of records found in the JSON (set 'records' in a source.yaml).")
        return
    yield from _records_from_list(records, raw_path, "json", enc, config, single=where == "(one record)")
    if damage is not None and damage.altered:
        yield Rejection(raw_path, None, "unreadable_file", f"{raw_path}: {damage.said}; its records were kept, and any of them may hold altered text.")
    elif damage is not None:  # the JSON ended before the damage: every record is whole
        yield Rejection(raw_path, None, "unreadable_file", f"{raw_path}: {damage.said}, after the end of its JSON; its records were kept.")


def _records_from_list(
    records: list, raw_path: str, fmt: str, enc: str | None, config: SourceConfig, single: bool = False
) -> Iterator[SourceRecord | Rejection]:
    """`single`: the file is one record (a JSON object that is a report), so its record_key is null."""
    keys = _Keys()
    for pos, rec in enumerate(records):
        if not isinstance(rec, dict):
            yield Rejection(raw_path, str(pos), "not_a_record", f"{raw_path}: item {pos} is a {type(rec).__name__}, not an object.")
            continue
        fields = map_fields(rec, config)
        sr = _record_from_mapping(raw_path, fields, pos, fmt, enc, config)
        sr.record_key = None if single else keys.key(sr.native_id, sr.url, pos)
        yield from _checked(sr)


# Whole-programme items: 新闻联播 20120702 · 《新闻联播》 20120704 21：00 · 新闻联播完整版视频 20120702.
# They are kept (marked as not reports) even when the scrape holds no text for them.
PROGRAMME_TITLE = re.compile(
    r"^\s*(?:\[视频\]\s*)?(?:\[新闻联播\]|《新闻联播》|新闻联播)(?:完整版视频)?\s*(?:[（(][一二三四五六七八九十]+[)）])?\s*\d{7,8}"
)


def is_programme(title: str | None) -> bool:
    return bool(title and PROGRAMME_TITLE.search(title))


def _checked(sr: SourceRecord) -> Iterator[SourceRecord | Rejection]:
    if not sr.body and is_programme(sr.title):
        yield sr
    elif not sr.body:
        yield Rejection(sr.raw_path, sr.record_key, "no_body", f"{sr.raw_path}: record {sr.record_key} has no body text.")
    elif _too_large(sr.body.encode("utf-8", "surrogatepass")):
        yield Rejection(sr.raw_path, sr.record_key, "too_large", f"{sr.raw_path}: record {sr.record_key} is over 10 MB, not a report.")
    elif any(_has_undecodable(v or "") for v in (sr.body, sr.title, sr.published, sr.publisher, sr.url, sr.native_id, sr.record_key)):
        yield Rejection(sr.raw_path, sr.record_key, "undecodable", f"{sr.raw_path}: record {sr.record_key} holds bytes that are not valid {sr.encoding}.")
    else:
        yield sr


_SURROGATE = re.compile("[\udc80-\udcff]")


def _has_undecodable(s: str) -> bool:
    return bool(_SURROGATE.search(s))


def _salvage_json(text: str, raw_path: str, enc: str, config: SourceConfig, err: json.JSONDecodeError,
                  damage: Damage | None = None) -> Iterator[SourceRecord | Rejection]:
    """A truncated JSON file: keep every complete record before the break, reject the rest. `damage`:
    the break is where the file's gzip stream broke, which the one rejection then says."""
    m = re.search(r'"(%s)"\s*:\s*\[' % "|".join(map(re.escape, (config.records,) if config.records else RECORD_LIST_KEYS)), text)
    start = m.end() if m else (text.find("[") + 1 if text.lstrip().startswith("[") else -1)
    found: list = []
    if start > 0:
        dec = json.JSONDecoder()
        i = start
        while True:
            while i < len(text) and text[i] in " \t\r\n,":
                i += 1
            if i >= len(text) or text[i] == "]":
                break
            try:
                item, i = dec.raw_decode(text, i)
            except (json.JSONDecodeError, RecursionError):
                break
            found.append(item)
    yield from _records_from_list(found, raw_path, "json", enc, config)
    if damage is not None:
        yield Rejection(raw_path, None, "unreadable_file",
                        f"{raw_path}: {damage.said}; the {len(found)} complete records before the damage were read, the rest is lost.")
        return
    yield Rejection(
        raw_path,
        None,
        "invalid_json",
        f"{raw_path}: JSON broken at line {err.lineno} column {err.colno} ({err.msg}); {len(found)} complete records before it were kept.",
    )


def _text_stream(path: Path, raw_path: str, config: SourceConfig) -> tuple[io.TextIOBase | None, str | None, Rejection | None]:
    """A streamed text view of a line-oriented file, with its encoding detected from the head."""
    with open_bytes(path) as f:
        head = f.read(SNIFF_BYTES)
        complete = len(f.read(1)) == 0
    if not head.strip():
        return None, None, Rejection(raw_path, None, "empty_file", f"{raw_path}: the file is empty.")
    if looks_binary(head):
        return None, None, Rejection(raw_path, None, "binary_file", f"{raw_path}: holds binary data, not text.")
    enc = config.encoding or detect_encoding(head, complete)
    if enc is None:
        return None, None, Rejection(raw_path, None, "unknown_encoding", f"{raw_path}: no encoding among UTF-8, GB18030, Big5 and UTF-16 decodes it.")
    # surrogateescape keeps undecodable bytes visible so a bad line is rejected alone.
    stream = io.TextIOWrapper(open_bytes(path), encoding=enc, errors="surrogateescape", newline="")
    return stream, enc, None


def _read_jsonl(path: Path, raw_path: str, config: SourceConfig) -> Iterator[SourceRecord | Rejection]:
    stream, enc, rej = _text_stream(path, raw_path, config)
    if rej:
        yield rej
        return
    keys = _Keys()
    with stream:
        pos = -1
        while True:
            line = stream.readline(MAX_RECORD_BYTES + 1)
            if not line:
                break
            if len(line) > MAX_RECORD_BYTES and not line.endswith("\n"):
                pos += 1
                # Skip the rest of the oversized line without holding it.
                while True:
                    more = stream.readline(MAX_RECORD_BYTES)
                    if not more or more.endswith("\n"):
                        break
                yield Rejection(raw_path, str(pos), "too_large", f"{raw_path}: line {pos + 1} is over 10 MB, not a report.")
                continue
            if not line.strip():
                continue
            pos += 1
            try:
                rec = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as e:
                yield Rejection(raw_path, str(pos), "broken_line", f"{raw_path}: line {pos + 1} is not valid JSON ({getattr(e, 'msg', 'nested too deeply')}).")
                continue
            if not isinstance(rec, dict):
                yield Rejection(raw_path, str(pos), "not_a_record", f"{raw_path}: line {pos + 1} is not a JSON object.")
                continue
            sr = _record_from_mapping(raw_path, map_fields(rec, config), pos, "jsonl", enc, config)
            sr.record_key = keys.key(sr.native_id, sr.url, pos)
            yield from _checked(sr)


class _BoundedLines:
    """The lines of a text stream, none held longer than the record limit: an oversized line is skipped
    in pieces, stands as an empty line, and its number is remembered so its record can be rejected."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.n = 0
        self.oversized: list[int] = []
        self.pending: str | None = None
        self.last = ""

    def __iter__(self):
        return self

    def skip_rest_of_quoted_field(self) -> bool:
        """After the parser gave up inside an oversized quoted field: drop everything up to the quote that
        closes the field, and go on from just after it, so the records behind it are read. The line the
        parser was in began inside the field (a field only outgrows the limit across lines, and no line
        is longer than the limit), so it is scanned from its start: "" is a quote within the field, a
        lone " closes it. Returns False when the field never closes before the end of the file."""
        line = self.last
        while True:
            i = 0
            while (j := line.find('"', i)) != -1:
                if line.startswith('""', j):
                    i = j + 2
                    continue
                self.pending = line[j + 1:]
                return True
            line = self.stream.readline(MAX_RECORD_BYTES)
            if not line:
                return False
            if line[-1] in "\r\n":
                self.n += 1  # a line is counted once, however many pieces an over-long one is read in

    def __next__(self) -> str:
        if self.pending is not None:
            line, self.pending = self.pending, None
            self.last = line
            return line
        line = self.stream.readline(MAX_RECORD_BYTES + 1)
        self.last = line
        if not line:
            raise StopIteration
        self.n += 1
        if len(line) > MAX_RECORD_BYTES and line[-1] not in "\r\n":
            while True:
                more = self.stream.readline(MAX_RECORD_BYTES)
                if not more or more[-1] in "\r\n":
                    break
            self.oversized.append(self.n)
            self.last = "\n"  # what the parser is given in its place
            return "\n"
        return line

    def oversized_between(self, first: int, last: int) -> bool:
        return any(first <= n <= last for n in self.oversized)


def _read_csv(path: Path, raw_path: str, config: SourceConfig) -> Iterator[SourceRecord | Rejection]:
    stream, enc, rej = _text_stream(path, raw_path, config)
    if rej:
        yield rej
        return
    keys = _Keys()
    # A field past the record limit stops the parser instead of growing without bound; the rest of that
    # record, which the parser then meets, is skipped with it.
    csv.field_size_limit(MAX_RECORD_BYTES)
    with stream:
        lines = _BoundedLines(stream)
        reader = csv.reader(lines, delimiter=config.csv_delimiter)
        try:
            header = next(reader)
        except StopIteration:
            yield Rejection(raw_path, None, "empty_file", f"{raw_path}: the file is empty.")
            return
        except csv.Error as e:
            yield Rejection(raw_path, None, "invalid_csv", f"{raw_path}: the header cannot be read ({e}).")
            return
        header = [h.strip().lstrip("\ufeff") for h in header]
        pos = -1
        last_line = lines.n  # lines are counted as read from the file, skipped ones too
        oversized = False  # inside a record whose field went past the limit
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                if "field limit" in str(e):
                    pos += 1
                    oversized = True
                    near = lines.n
                    closed = lines.skip_rest_of_quoted_field()
                    last_line = lines.n  # lines skipped belong to this record, not the next
                    rest = "" if closed else " Its quotes never close, so the rest of the file belongs to it and nothing after it is read."
                    yield Rejection(raw_path, str(pos), "too_large", f"{raw_path}: record {pos} (near line {near}) has a field over 10 MB, not a report.{rest}")
                    continue
                pos += 1
                last_line = lines.n
                yield Rejection(raw_path, str(pos), "broken_line", f"{raw_path}: record {pos} cannot be parsed as CSV ({e}).")
                continue
            if oversized:
                oversized = False  # the tail of the oversized field, parsed as a row of its own
                last_line = lines.n
                continue
            first_line, last_line = last_line + 1, lines.n
            if lines.oversized_between(first_line, last_line):
                pos += 1
                yield Rejection(raw_path, str(pos), "too_large", f"{raw_path}: record {pos} (near line {last_line}) has a line over 10 MB, not a report.")
                continue
            if not row or not any(c.strip() for c in row):
                continue
            pos += 1
            if len(row) != len(header):
                yield Rejection(
                    raw_path, str(pos), "broken_line",
                    f"{raw_path}: record {pos} (near line {lines.n}) has {len(row)} fields where the header has {len(header)}.",
                )
                continue
            rec = dict(zip(header, row))
            sr = _record_from_mapping(raw_path, map_fields(rec, config), pos, "csv", enc, config)
            sr.record_key = keys.key(sr.native_id, sr.url, pos)
            yield from _checked(sr)
