"""The scheduled HTML report: one self-contained page (charts and font embedded), rendered with Jinja2 and
autoescaping on, so a scraped title holding <script> is shown as text and never runs."""

from __future__ import annotations

import base64
import hashlib
import html
import io
import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Callable

import jinja2
from fontTools import subset

TEMPLATES = Path(__file__).resolve().parent / "templates"
# The charts' font (Noto Sans SC, from the pylopdf-fonts-zh-cn wheel), cut down to the characters one page uses
# and embedded in it: the page shows its Chinese on a machine with no CJK font installed, where the browser
# would otherwise draw an empty box for every character. A page's subset is 70-120 KB.
FONT_FILE = Path(str(files("pylopdf_fonts_zh_cn") / "NotoSansSC-Regular.otf"))
DATA_URI = re.compile(r"data:[^\"')\s]+")


@dataclass
class MeetingChanges:
    """One new meeting against the previous meeting of its series."""
    meeting_id: str
    series: str
    meeting_date: str
    title: str
    chair: str | None
    prev_date: str | None
    added: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    theme_moves: list[tuple[str, float, float]] = field(default_factory=list)  # (theme, before, after)
    directives_by_speaker: list[tuple[str, int, int]] = field(default_factory=list)  # (speaker, directives, forceful)
    distinctive_up: list[str] = field(default_factory=list)
    distinctive_down: list[str] = field(default_factory=list)
    primary_theme: str | None = None


@dataclass
class ChartImage:
    caption: str
    png: bytes

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode()


@dataclass
class Report:
    generated_at: str
    title: str
    new_meetings: list[MeetingChanges]
    new_total: int  # new meetings in all, of which new_meetings are listed
    first_report: bool
    meetings_total: int
    documents_total: int
    previous_report: str | None
    charts: dict[str, list[ChartImage]]  # series -> its charts


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every value is HTML-escaped unless marked safe; nothing here is marked safe
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


SUBSET_OPTIONS = dict(flavor="woff", hinting=False, layout_features=[])
# Raised whenever font_subset changes what it makes: a cut font kept from before is then not used again.
FONT_SUBSET_VERSION = 1


def font_subset(text: str) -> bytes:
    """The page font as WOFF, holding the glyphs of every character of `text` the font has."""
    options = subset.Options(**SUBSET_OPTIONS)
    font = subset.load_font(str(FONT_FILE), options)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=page_characters(text))
        subsetter.subset(font)
        out = io.BytesIO()
        subset.save_font(font, out, options)
        return out.getvalue()
    finally:
        font.close()  # the font file stays open until closed


def page_characters(text: str) -> str:
    """The characters a font cut for `text` must hold, each once, in code-point order."""
    return "".join(sorted(set(text)))


def font_subset_key(text: str) -> str:
    """What font_subset(text) depends on, as a hash: the characters, the font file (its name, size and
    modification time), fontTools' version, the options and FONT_SUBSET_VERSION. Two texts with the same key
    get the same bytes."""
    import fontTools

    stat = FONT_FILE.stat()
    recipe = repr((page_characters(text), FONT_FILE.name, stat.st_size, stat.st_mtime_ns, fontTools.version,
                   sorted(SUBSET_OPTIONS.items()), FONT_SUBSET_VERSION))
    return hashlib.sha256(recipe.encode("utf-8")).hexdigest()[:32]


def is_whole_woff(data: bytes) -> bool:
    """A WOFF file as long as its header says (a file cut short, or left empty by a crash, is not)."""
    return len(data) >= 44 and data[:4] == b"wOFF" and int.from_bytes(data[8:12], "big") == len(data)


def render_report(report: Report, subset_font: Callable[[str], bytes] = font_subset) -> str:
    """The page, rendered twice: once to learn which characters it shows, then with the font cut to them
    (by `subset_font`, font_subset or a cache of its results)."""
    template = _environment().get_template("report.html")
    text = html.unescape(DATA_URI.sub("", template.render(r=report, font_uri=None)))
    font_uri = "data:font/woff;base64," + base64.b64encode(subset_font(text)).decode()
    return template.render(r=report, font_uri=font_uri)
