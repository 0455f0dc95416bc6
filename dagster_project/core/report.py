"""The scheduled HTML report: one self-contained page (charts embedded), rendered with Jinja2 and
autoescaping on, so a scraped title holding <script> is shown as text and never runs."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).resolve().parent / "templates"


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


def render_report(report: Report) -> str:
    return _environment().get_template("report.html").render(r=report)
