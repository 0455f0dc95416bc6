"""The weekly report: what is new since the last report, each new meeting against the previous meeting of
its series, then the series' charts. One self-contained HTML page per run under reports/<date>/index.html,
copied to reports/latest/; the schedule writes it every Monday at 08:00 Beijing time."""

import itertools
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Callable
from zoneinfo import ZoneInfo

import dagster as dg

from dagster_project.core.report import ChartImage, MeetingChanges, Report, font_subset, font_subset_key, is_whole_woff, render_report
from dagster_project.defs.charts import CHART_KEYS, CHARTS, ChartsConfig, chosen_series, effective_config, file_name
from dagster_project.defs.jobs import everything
from dagster_project.defs.marts import MART_TABLES
from dagster_project.defs.resources import HuiyiStore
from dagster_project.defs.tables import transaction

BEIJING = ZoneInfo("Asia/Shanghai")
LISTED = 30  # new meetings described in full; the rest are counted
FIRST_REPORT = 20  # a first report describes the newest meetings only
FONT_CACHE_KEPT = 8  # cut fonts kept in work/font_cache, the newest used
CHART_CAPTIONS = {
    "theme_emphasis": "各主题所占句子比例", "term_trends": "变化最大的词的使用频率", "distinctive_terms": "最新会议与前几次会议相比的特色词",
    "formulation_life": "提法的使用", "directive_force": "指示条数与力度",
}


def _meeting_changes(con, meeting_id: str) -> MeetingChanges:
    m = con.execute(
        """SELECT s.meeting_id, s.series, s.meeting_date, coalesce(d.title, m.meeting_name, s.series), m.chair, s.prev_meeting_date
           FROM meeting_sequence s JOIN meetings m USING (meeting_id) JOIN documents d ON d.doc_id = m.report_doc_id
           WHERE s.meeting_id = ?""", [meeting_id]).fetchall()[0]
    mc = MeetingChanges(m[0], m[1], f"{m[2]:%Y-%m-%d}", m[3], m[4], f"{m[5]:%Y-%m-%d}" if m[5] else None)
    for change, canonical in con.execute(
            "SELECT change, canonical FROM mart_formulation_changes WHERE meeting_id = ? ORDER BY occurrences DESC, canonical", [meeting_id]).fetchall():
        (mc.added if change == "added" else mc.dropped).append(canonical)
    mc.theme_moves = [(n, float(b), float(a)) for n, b, a in con.execute(
        "SELECT name_zh, prev_share, share FROM mart_theme_shifts WHERE meeting_id = ? AND rank <= 3 AND abs(delta) >= 0.02 ORDER BY rank",
        [meeting_id]).fetchall()]
    mc.directives_by_speaker = [(s, int(n), int(k)) for s, n, k in con.execute(
        """SELECT speaker, sum(directives), coalesce(sum(directives) FILTER (WHERE strength_rank >= 4), 0) FROM mart_directive_summary
           WHERE meeting_id = ? GROUP BY speaker ORDER BY 2 DESC""", [meeting_id]).fetchall()]
    for direction, term in con.execute(
            "SELECT direction, term FROM mart_distinctive_terms WHERE meeting_id = ? AND rank <= 6 ORDER BY rank", [meeting_id]).fetchall():
        (mc.distinctive_up if direction == "meeting" else mc.distinctive_down).append(term)
    primary = con.execute("SELECT name_zh FROM mart_theme_emphasis WHERE meeting_id = ? AND is_primary", [meeting_id]).fetchall()
    mc.primary_theme = primary[0][0] if primary else None
    return mc


def cached_font_subset(cache_dir: Path, cut: Callable[[str], bytes] = font_subset) -> Callable[[str], bytes]:
    """`cut` (font_subset), its result kept in cache_dir under font_subset_key: a run whose page shows the same
    characters as one before (a day's run, a run with nothing new) reuses the cut font instead of cutting
    it again (0.15-0.25 s of fontTools a page). A kept file that is not a whole WOFF is cut again; the cache
    failing to write (a full disk) costs the cut, never the report. Only the newest FONT_CACHE_KEPT stay."""
    def subset_font(text: str) -> bytes:
        path = cache_dir / f"{font_subset_key(text)}.woff"
        try:
            data = path.read_bytes()
            if is_whole_woff(data):
                os.utime(path)  # recently used: pruned last
                return data
        except OSError:
            pass
        data = cut(text)
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.replace(tmp, path)  # never half a font under its key
            finally:
                Path(tmp).unlink(missing_ok=True)
            kept = sorted(((f.stat().st_mtime_ns, f) for f in cache_dir.glob("*.woff")), reverse=True)
            for _, old in kept[FONT_CACHE_KEPT:]:
                old.unlink(missing_ok=True)
            for stale in cache_dir.glob("*.tmp"):  # a write a crash cut short (one writer: none is under way)
                stale.unlink(missing_ok=True)
        except OSError:
            pass  # only a speed-up: the page gets its font all the same
        return data
    return subset_font


def new_report_id(now: datetime, reports_dir: Path, taken: set[str]) -> str:
    """The day's date; a second report that day gets the time as well, and another within the same second
    (a run with nothing new takes a few seconds) a counter: every run keeps a report of its own, never
    one whose folder or log row is already there."""
    day, second = f"{now:%Y-%m-%d}", f"{now:%Y-%m-%d-%H%M%S}"
    for candidate in itertools.chain((day, second), (f"{second}-{n}" for n in itertools.count(2))):
        if candidate not in taken and not (reports_dir / candidate).exists():
            return candidate
    raise AssertionError("unreachable")  # itertools.count never ends


@dg.asset(
    group_name="report",
    deps=[*MART_TABLES, *CHART_KEYS],
    kinds={"html"},
    description="The weekly HTML report (reports/<date>/index.html and reports/latest/): new meetings since the last "
    "report against the previous meeting of their series, then the series' charts. Autoescaped: scraped text never runs.",
)
def weekly_report(context: dg.AssetExecutionContext, store: HuiyiStore) -> dg.MaterializeResult:
    now = datetime.now(BEIJING)
    reports_dir = store.paths.reports_dir
    with store.writer(context.log.info) as con:
        report_id = new_report_id(now, reports_dir, {r[0] for r in con.execute("SELECT report_id FROM report_log").fetchall()})
        previous = con.execute("SELECT report_id FROM report_log ORDER BY generated_at DESC LIMIT 1").fetchall()
        first = not previous
        new_ids = [r[0] for r in con.execute(
            """SELECT meeting_id FROM meetings
               WHERE meeting_id NOT IN (SELECT unnest(meeting_ids) FROM report_log)
               ORDER BY meeting_date DESC, meeting_id""").fetchall()]
        listed = new_ids[:FIRST_REPORT if first else LISTED]
        meetings = [_meeting_changes(con, mid) for mid in listed]
        totals = con.execute("SELECT (SELECT count(*) FROM meetings), (SELECT count(*) FROM documents)").fetchall()[0]
        series = chosen_series(con, effective_config(ChartsConfig()))
        all_ids = [r[0] for r in con.execute("SELECT meeting_id FROM meetings").fetchall()]
        charts = {}
        for s in series:
            images = []
            for kind in CHARTS:
                png = store.paths.charts_dir / kind / f"{file_name(s)}.png"
                if png.exists():
                    images.append(ChartImage(f"{s}：{CHART_CAPTIONS[kind]}", png.read_bytes()))
            if images:
                charts[s] = images
        report = Report(
            generated_at=f"{now:%Y-%m-%d %H:%M}", title=f"会议周报 {now:%Y-%m-%d}", new_meetings=meetings,
            new_total=len(new_ids), first_report=first, meetings_total=totals[0], documents_total=totals[1],
            previous_report=previous[0][0] if previous else None, charts=charts,
        )
        html = render_report(report, cached_font_subset(store.paths.work_dir / "font_cache"))
        out = reports_dir / report_id / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        # Written under a temporary name and renamed: never half a report, whenever the run stops.
        tmp = out.with_name("index.html.tmp")
        tmp.write_text(html, encoding="utf-8")
        tmp.replace(out)
        latest = reports_dir / "latest"
        latest.mkdir(parents=True, exist_ok=True)
        tmp = latest / "index.html.tmp"
        shutil.copyfile(out, tmp)
        tmp.replace(latest / "index.html")
        with transaction(con):
            con.execute("INSERT INTO report_log VALUES (?, ?, ?, ?)", [report_id, now.replace(tzinfo=None), str(out), all_ids])
    context.log.info(f"Report written: {out} ({len(new_ids)} new meetings, {len(meetings)} described)")
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(out)), "latest": dg.MetadataValue.path(str(latest / "index.html")),
        "new_meetings": len(new_ids), "described": len(meetings), "size_kb": round(len(html.encode()) / 1024, 1),
    })


weekly_schedule = dg.ScheduleDefinition(
    name="weekly_report_schedule",
    job=everything,
    cron_schedule="0 8 * * 1",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Every Monday at 08:00 Beijing time: read what is new in the raw folder and write the weekly report.",
)
