"""Charts of the marts, written as PNG and SVG under <marts>/charts/<chart>/<series>.png: one asset per
chart, all of them materialised by one step (a subsettable multi-asset) whose process pool saves them.

Which series, terms, how many meetings, which period: a charts.yaml (in the folder `huiyi run` starts in,
or where HUIYI_CHARTS points) keeps the choice for every run, the weekly report's included; ChartsConfig in
the UI's launchpad overrides it for one run. Without either: the State Council executive meetings, the
Politburo meetings and the central bank's committee meetings where the database has them, else its
largest series, and for term trends the terms that changed most.
"""

import base64
import difflib
import hashlib
import os
import re
from collections import deque
from concurrent.futures import wait
from datetime import date
from importlib.metadata import version
from pathlib import Path

import yaml

import dagster as dg
import pandas as pd
import pydantic

from dagster_project.analysis import distinctive_terms
from dagster_project.core import drawing
from dagster_project.core.drawing import Chart
from dagster_project.core.parallel import default_workers, shared_pool, warm_pool
from dagster_project.core.previews import thumbnail
from dagster_project.core.terms import lexicon_words
from dagster_project.core.extract import files_version
from dagster_project.core.lexicon import LEXICON_DIR
from dagster_project.defs.marts import PER_DOCUMENT
from dagster_project.defs.resources import HuiyiStore
from dagster_project.defs.tables import built_from, mark_built
from dagster_project.store import SQL_DIR

# matplotlib and the chart font are imported where a figure is built (core/drawing.py, in the pool's
# workers when there is a pool), not with this module: at its top they took 0.6-0.8 s of every `huiyi run`
# and of loading the code in the UI, paid again by runs that draw no chart (most runs after a day file).

# Charts to draw from which a pool is started to build and save them (a warm pool is always used). A
# series that got a meeting has its five charts drawn again: since the pool builds the figures, two
# workers started for them took the chart step from 2.30-2.41 s to 1.74-1.80 s (1×, a day file added and
# removed, two runs each; a pool used to be started from six). For fewer, a worker's start (importing
# matplotlib and the font) costs more than it saves: three charts drawn in a fresh process took
# 1.26-1.30 s, against 1.37-1.41 s through a pool started for them.
POOL_FROM_CHARTS = 4
FAVOURITE_SERIES = ["国务院常务会议", "中共中央政治局会议", "中国人民银行货币政策委员会例会"]
GENERIC_SERIES = {"会议", "座谈会"}


def figure(chart: Chart) -> "matplotlib.figure.Figure":  # noqa: F821 - matplotlib is imported where figures are built
    """The chart as a matplotlib figure (to show in a notebook; the chart step saves it instead)."""
    return drawing.build(chart)


class ChartsConfig(dg.Config):
    series: list[str] = []  # empty: the favourite series the database has, else its largest
    terms: list[str] = []  # empty: per series, the terms whose use changed most lately
    meetings: int = 24  # meetings shown in the per-meeting charts (the latest ones)
    start: str = ""  # YYYY-MM-DD: with end, a period instead of the latest meetings (quarters when long)
    end: str = ""
    baseline_meetings: int = 8  # for choosing terms: the latest meetings against all earlier ones

    @pydantic.field_validator("start", "end")
    @classmethod
    def _a_date(cls, value: str) -> str:
        """A date as YYYY-MM-DD, or empty: checked here, not when the chart step has run the whole pipeline.
        (date.fromisoformat alone also takes 20240101 and 2024-W01-1, which the database refuses.)"""
        if value:
            try:
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                    raise ValueError
                date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"must be a date written YYYY-MM-DD, not {value!r}") from None
        return value

    @pydantic.field_validator("meetings", "baseline_meetings")
    @classmethod
    def _at_least_one(cls, value: int) -> int:
        if value < 1:
            raise ValueError(f"must be 1 or more, not {value}")
        return value

    @pydantic.model_validator(mode="after")
    def _a_period(self):
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"start ({self.start}) is after end ({self.end})")
        return self


CHART_SETTINGS = ("series", "terms", "meetings", "start", "end", "baseline_meetings")


def settings_file() -> Path:
    return Path(os.environ.get("HUIYI_CHARTS") or "charts.yaml")


def effective_config(config: ChartsConfig) -> ChartsConfig:
    """The launchpad's values where given, else charts.yaml's, else the defaults. A mistake in charts.yaml
    raises ValueError naming the file and the key."""
    path = settings_file()
    if not path.is_file():
        return config
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise ValueError(f"{path.resolve()}: not valid YAML ({getattr(e, 'problem', e)}).") from None
    except ValueError as e:  # a value YAML reads as a date, but no date (2020-13-01)
        raise ValueError(f"{path.resolve()}: a value cannot be read ({e}).") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path.resolve()}: expected keys such as series: [国务院常务会议] and meetings: 24.")
    unknown = set(data) - set(CHART_SETTINGS)
    if unknown:
        raise ValueError(f"{path.resolve()}: unknown key {sorted(unknown)[0]!r} (expected {', '.join(CHART_SETTINGS)}).")
    defaults = ChartsConfig()
    merged = {}
    for key in CHART_SETTINGS:
        given = getattr(config, key)
        merged[key] = given if given != getattr(defaults, key) or key not in data else data[key]
    try:
        return ChartsConfig(**{k: (str(v) if k in ("start", "end") else v) for k, v in merged.items()})
    except Exception as e:  # pydantic's errors name the field; their first line alone does not
        errors = e.errors() if hasattr(e, "errors") else []
        if errors:
            first = errors[0]
            where = ".".join(str(x) for x in first.get("loc", ()))
            msg = first.get("msg", "is not valid").removeprefix("Value error, ")
            said = "" if first.get("type") == "value_error" else f" (it is {first.get('input')!r})"  # ours name it
            raise ValueError(f"{path.resolve()}: " + (f"'{where}' " if where else "") + f"{msg[:1].lower() + msg[1:]}{said}.") from None
        raise ValueError(f"{path.resolve()}: {e}".splitlines()[0]) from None


def chosen_series(con, config: ChartsConfig, n: int = 3) -> list[str]:
    if config.series:
        return list(config.series)
    rows = con.execute("SELECT series, count(*) AS n FROM meetings GROUP BY series ORDER BY n DESC, series").fetchall()
    have = {s: k for s, k in rows}
    out = [s for s in FAVOURITE_SERIES if have.get(s, 0) >= 2]
    for s, k in rows:
        if len(out) >= n:
            break
        if s not in out and s not in GENERIC_SERIES and k >= 2:
            out.append(s)
    return out


def unknown_choices(con, config: ChartsConfig) -> list[str]:
    """A sentence for each series or term of the settings that the database does not have: their charts
    are drawn empty or flat, which without a word looks like a finding."""
    out = []
    if config.series:
        have = [r[0] for r in con.execute("SELECT DISTINCT series FROM meetings ORDER BY series").fetchall()]
        for s in dict.fromkeys(config.series):
            if s not in have:
                near = difflib.get_close_matches(s, have, n=3, cutoff=0.6)
                out.append(f"The chart settings name the series '{s}', which has no meetings in the database"
                           + (f" (did you mean {'、'.join(near)}?)" if near else "") + "; its charts say so.")
    if config.terms:
        found = {r[0] for r in con.execute("SELECT DISTINCT term FROM term_counts WHERE list_contains(?, term)",
                                           [list(config.terms)]).fetchall()}
        for t in dict.fromkeys(config.terms):
            if t not in found:
                out.append(f"The chart settings name the term '{t}', which no document has as a word (segmentation may "
                           "split it: add it to the lexicon's user_dict.txt); its line in the term trends is flat at 0.")
    return out


def _meetings(con, series: str, config: ChartsConfig) -> pd.DataFrame:
    """The meetings a per-meeting chart shows: the latest `meetings`, or those of the period."""
    if config.start and config.end:
        return con.execute(
            "SELECT meeting_id, meeting_date FROM meetings WHERE series = ? AND meeting_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) ORDER BY meeting_date",
            [series, config.start, config.end]).df()
    return con.execute(
        "SELECT * FROM (SELECT meeting_id, meeting_date FROM meetings WHERE series = ? ORDER BY meeting_date DESC LIMIT ?) ORDER BY meeting_date",
        [series, config.meetings]).df()


def _labels(ms: pd.DataFrame, config: ChartsConfig) -> dict[str, str]:
    """meeting_id -> its column: the meeting's date, or its quarter when the period holds more meetings
    than `meetings` (so a chart of ten years stays readable)."""
    if len(ms) > config.meetings:
        return {r.meeting_id: drawing.quarter_label(r.meeting_date) for r in ms.itertuples()}
    return {r.meeting_id: f"{pd.Timestamp(r.meeting_date):%Y-%m-%d}" for r in ms.itertuples()}


def _span(ms: pd.DataFrame) -> str:
    if ms.empty:
        return ""
    return f"{pd.Timestamp(ms.meeting_date.min()):%Y-%m-%d} 至 {pd.Timestamp(ms.meeting_date.max()):%Y-%m-%d}，{len(ms)} 次会议"


def theme_emphasis_chart(con, series: str, config: ChartsConfig) -> Chart:
    ms = _meetings(con, series, config)
    rows = con.execute(
        "SELECT meeting_id, meeting_date, name_zh, position, share FROM mart_theme_emphasis WHERE meeting_id IN (SELECT unnest(?::VARCHAR[]))",
        [ms.meeting_id.tolist()]).df()
    quarters = len(ms) > config.meetings
    rows["label"] = rows.meeting_id.map(_labels(ms, config))
    rows = rows.groupby(["label", "name_zh", "position"], as_index=False)["share"].mean().sort_values("label")
    unit = "每季度会议平均" if quarters else "每次会议"
    return Chart("theme_heatmap", (rows, f"{series}：各主题所占句子比例（{unit}）", _span(ms)))


def _changed_terms(con, series: str, config: ChartsConfig) -> list[str]:
    ids = [r[0] for r in con.execute("SELECT meeting_id FROM meetings WHERE series = ? ORDER BY meeting_date", [series]).fetchall()]
    recent, earlier = ids[-config.baseline_meetings:], ids[:-config.baseline_meetings]
    if not earlier:
        return []
    keys = distinctive_terms(con, recent, earlier, top=None, min_count=5)
    # political vocabulary first (the user dictionary and the formulations), else any word of 2+ characters
    vocab = lexicon_words()
    for wanted in (lambda t: t in vocab, lambda t: len(t) >= 2):
        up = [k.term for k in keys if k.z > 0 and wanted(k.term)][:3]
        down = [k.term for k in reversed(keys) if k.z < 0 and wanted(k.term)][:2]
        if len(up) + len(down) >= 4:
            return up + down
    return up + down


def term_trends_chart(con, series: str, config: ChartsConfig) -> Chart:
    terms = list(dict.fromkeys(config.terms)) or _changed_terms(con, series, config)  # a term named twice is one line
    span = con.execute("SELECT min(meeting_date), max(meeting_date) FROM meetings WHERE series = ?", [series]).fetchone()
    start = config.start or (str(span[0]) if span[0] else "1900-01-01")
    end = config.end or (str(span[1]) if span[1] else "2100-01-01")
    months = (pd.Timestamp(end) - pd.Timestamp(start)).days / 30.4
    unit = "quarter" if months > 36 else "month"
    rows = con.execute(
        f"""WITH r AS (
                SELECT date_trunc('{unit}', month)::DATE AS period, term, sum(n) AS n FROM mart_term_rates
                WHERE series = ? AND month BETWEEN date_trunc('month', CAST(? AS DATE)) AND CAST(? AS DATE) AND term IN (SELECT unnest(?::VARCHAR[]))
                GROUP BY ALL),
            d AS (
                SELECT date_trunc('{unit}', month)::DATE AS period, sum(chars) AS chars FROM
                (SELECT DISTINCT month, chars FROM mart_term_rates WHERE series = ? AND month BETWEEN date_trunc('month', CAST(? AS DATE)) AND CAST(? AS DATE))
                GROUP BY ALL)
            SELECT d.period, t.term, coalesce(r.n, 0) * 10000.0 / d.chars AS rate
            FROM d CROSS JOIN (SELECT unnest(?::VARCHAR[]) AS term) t LEFT JOIN r ON r.period = d.period AND r.term = t.term
            ORDER BY d.period, list_position(?::VARCHAR[], t.term)""",
        [series, start, end, terms, series, start, end, terms, terms]).df()
    per = "季度" if unit == "quarter" else "月"
    chosen = "所选词语" if config.terms else f"近 {config.baseline_meetings} 次会议变化最大的词"
    return Chart("term_trends", (rows, f"{series}：{chosen}每万字出现次数（按{per}）", f"{start} 至 {end}；词：{'、'.join(terms)}"), extra=terms)


def distinctive_chart(con, series: str, config: ChartsConfig) -> Chart:
    latest = con.execute(
        "SELECT meeting_id, meeting_date, baseline_meetings FROM mart_distinctive_terms WHERE series = ? ORDER BY meeting_date DESC LIMIT 1",
        [series]).fetchone()
    if latest is None:
        return Chart("empty_figure", (f"{series}：最新会议的特色词", "该系列没有可比较的前次会议"))
    # words of one character (好, 新, 党) say little on a chart; the mart keeps them
    rows = con.execute(
        """SELECT term, z FROM mart_distinctive_terms WHERE meeting_id = ? AND length(term) >= 2
           QUALIFY row_number() OVER (PARTITION BY direction ORDER BY rank) <= 12""", [latest[0]]).df()
    return Chart("distinctive_bars", (
        rows, f"{series} {latest[1]:%Y-%m-%d}：与前 {latest[2]} 次会议相比的特色词",
        "对数几率（Monroe 等 2008，信息性狄利克雷先验）的 z 值"))


def formulation_life_chart(con, series: str, config: ChartsConfig) -> Chart:
    ms = _meetings(con, series, config)
    labels = _labels(ms, config)
    rows = con.execute(
        """WITH used AS (
               SELECT DISTINCT m.meeting_id, m.meeting_date, f.canonical FROM meetings m JOIN formulations f ON f.doc_id = m.report_doc_id
               WHERE m.series = ?),
           life AS (SELECT canonical, min(meeting_date) AS first_seen, max(meeting_date) AS last_seen FROM used GROUP BY 1),
           shown AS (SELECT canonical FROM used WHERE meeting_id IN (SELECT unnest(?::VARCHAR[]))
                     GROUP BY 1 ORDER BY count(*) DESC, canonical LIMIT 30)
           SELECT w.meeting_id, s.canonical, l.first_seen, u.meeting_id IS NOT NULL AS used,
                  u.meeting_date IS NOT NULL AND u.meeting_date = l.first_seen AS is_first,
                  u.meeting_date IS NOT NULL AND u.meeting_date = l.last_seen AS is_last
           FROM (SELECT unnest(?::VARCHAR[]) AS meeting_id) w CROSS JOIN shown s JOIN life l USING (canonical)
           LEFT JOIN used u ON u.meeting_id = w.meeting_id AND u.canonical = s.canonical""",
        [series, ms.meeting_id.tolist(), ms.meeting_id.tolist()]).df()
    rows["label"] = rows.meeting_id.map(labels)
    rows["order"] = rows.meeting_id.map({m: i for i, m in enumerate(ms.meeting_id)})
    # one column per meeting or quarter: used if any of its meetings used it
    rows = (rows.groupby(["label", "canonical", "first_seen"], as_index=False)
            .agg(used=("used", "any"), is_first=("is_first", "any"), is_last=("is_last", "any"), order=("order", "min"))
            .sort_values(["order", "canonical"]))
    return Chart("formulation_life", (rows, f"{series}：提法的使用（▲ 首次，■ 迄今最后一次）", _span(ms) + "；最多 30 条提法"))


def directive_force_chart(con, series: str, config: ChartsConfig) -> Chart:
    ms = _meetings(con, series, config)
    labels = _labels(ms, config)
    rows = con.execute(
        """SELECT meeting_id, speaker, strength, strength_rank, directives FROM mart_directive_summary
           WHERE meeting_id IN (SELECT unnest(?::VARCHAR[]))""", [ms.meeting_id.tolist()]).df()
    rows["label"] = rows.meeting_id.map(labels)
    columns = list(dict.fromkeys(labels[m] for m in ms.meeting_id))  # every meeting, with directives or not
    unit = "每季度" if len(ms) > config.meetings else "每次会议"
    return Chart("directive_force", (rows, f"{series}：{unit}的指示条数与力度", _span(ms)), {"labels": columns})


CHARTS = {
    "theme_emphasis": (theme_emphasis_chart, ["mart_theme_emphasis"], "Theme emphasis of each chosen series: meetings against themes, as a heatmap of shares (quarters for long periods)."),
    "term_trends": (term_trends_chart, ["mart_term_rates", "mart_distinctive_terms"], "Rates per 10,000 characters of chosen terms (by default those that changed most lately), by month or quarter, per series."),
    "distinctive_terms": (distinctive_chart, ["mart_distinctive_terms"], "The latest meeting of each series against the previous ones: distinctive terms as diverging bars of log-odds z-scores."),
    "formulation_life": (formulation_life_chart, ["formulations", "meetings"], "The life of formulations in each series: which meetings used each, first and last use marked."),
    "directive_force": (directive_force_chart, ["mart_directive_summary"], "Directives per meeting by strength, and by speaker where meetings have several."),
}


def file_name(series: str) -> str:
    """A series name as a file name: Chinese kept, anything a file system dislikes replaced."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", series).strip("._") or "series"


# What shapes a chart besides its series' rows: the drawing code, the marts' SQL, the code and lexicon
# that choose the default terms, and matplotlib's and the font's versions. A change to any of them
# draws every chart again.
_PACKAGE = Path(__file__).resolve().parents[1]
CHARTS_CODE_VERSION = files_version(
    [_PACKAGE / "core" / f for f in ("charts.py", "drawing.py", "keyness.py")] + [Path(__file__), _PACKAGE / "analysis.py"]
    + sorted((SQL_DIR / "marts").glob("*.sql"))
    + [LEXICON_DIR / f for f in ("user_dict.txt", "formulas.txt")]
) + "".join(f"|{d}={version(d)}" for d in ("matplotlib", "pylopdf_fonts_zh_cn"))


def series_inputs(con, series: list[str]) -> dict[str, str]:
    """Per series, a hash of what its charts draw from: its meetings and their reports, and the
    versions and content hashes of the steps that made those reports' rows. One query for all."""
    rows = con.execute(
        """SELECT m.series, md5(string_agg(concat_ws(':', m.meeting_id, m.report_doc_id, e.content_hash, e.version,
                                                  c.content_hash, c.version, t.content_hash, t.version), ',' ORDER BY m.meeting_id))
           FROM meetings m LEFT JOIN extracted_docs e ON e.doc_id = m.report_doc_id
           LEFT JOIN counted_docs c ON c.doc_id = m.report_doc_id LEFT JOIN themed_docs t ON t.doc_id = m.report_doc_id
           WHERE m.series IN (SELECT unnest(?::VARCHAR[])) GROUP BY m.series""", [series]).fetchall()
    return dict(rows)


def series_signature(inputs: str, *extra: str) -> str:
    """The signature a series' chart is drawn from: its inputs (series_inputs) and the chart's own settings."""
    return hashlib.md5("|".join([inputs, *extra]).encode("utf-8")).hexdigest()


def preview_md(png: bytes, caption: str) -> str:
    return f"![{caption}](data:image/png;base64,{base64.b64encode(png).decode()})"


@dg.multi_asset(
    name="charts",
    specs=[
        # after every per-document step, so the signature a chart is drawn from is the run's final one
        dg.AssetSpec(f"chart_{kind}", group_name="charts", deps=[*deps, *PER_DOCUMENT], kinds={"matplotlib", "png", "svg"}, description=description)
        for kind, (_, deps, description) in CHARTS.items()
    ],
    can_subset=True,
)
def chart_assets(context: dg.AssetExecutionContext, config: ChartsConfig, store: HuiyiStore):
    """Every chosen chart in one step: each chart's data is queried here, one chart after the other,
    and the process pool builds the figures and saves them as PNG and SVG, both cores drawing at once."""
    try:
        config = effective_config(config)
    except ValueError as e:
        raise dg.Failure(description=str(e)) from None
    kinds = [k for k in CHARTS if dg.AssetKey(f"chart_{k}") in context.selected_asset_keys]
    # per kind: [(series, png path, pending save, True once saved, or None when kept, signature)]
    drawn: dict[str, list] = {k: [] for k in kinds}
    extra: dict[str, dict] = {k: {} for k in kinds}
    with store.writer() as con:
        series_list = chosen_series(con, config)
        for sentence in unknown_choices(con, config):
            context.log.warning(sentence)
        # A chart is drawn again only when its series' meetings or what was made of them changed.
        todo = []
        inputs = series_inputs(con, series_list)
        for kind in kinds:
            for series in series_list:
                png = store.paths.charts_dir / kind / f"{file_name(series)}.png"
                signature = series_signature(inputs.get(series, ""), CHARTS_CODE_VERSION, kind, config.model_dump_json())
                kept = built_from(con, f"chart_{kind}:{series}") == signature and png.exists() and png.with_suffix(".svg").exists()
                todo.append((kind, series, png, signature, kept))
        # The pool pays from POOL_FROM_CHARTS charts: a series that got a meeting has five to draw again.
        workers = default_workers()
        n_draw = sum(1 for t in todo if not t[4])
        pool = warm_pool(workers) or (shared_pool(workers) if workers > 1 and n_draw >= POOL_FROM_CHARTS else None)
        failed: dict[str, str] = {}  # kind -> what went wrong: that chart fails, the others are kept
        in_flight: deque = deque()
        try:
            for kind, series, png, signature, kept in todo:
                if kind in failed:
                    continue
                if kept:
                    drawn[kind].append((series, png, None, signature))
                    continue
                try:
                    chart = CHARTS[kind][0](con, series, config)
                    if chart.extra is not None:
                        extra[kind][series] = chart.extra
                    if pool is None:
                        drawing.draw(chart, png.parent / file_name(series))
                        saving = True
                    else:
                        # two charts per worker queued at most: the rest wait here as queries not yet run
                        while len(in_flight) >= 2 * workers:
                            _check_drawn(*in_flight.popleft(), failed)
                        if kind in failed:  # drawing one of its charts failed in a worker: as in-process, no more of it
                            continue
                        saving = pool.submit(drawing.draw, chart, png.parent / file_name(series))
                        in_flight.append((kind, series, saving))
                except OSError:
                    raise  # a full disk or a lost folder stops the run with its own sentence
                except Exception as e:  # noqa: BLE001 - one chart's error must not cost the others
                    failed[kind] = _failure(kind, series, e)
                    continue
                drawn[kind].append((series, png, saving, signature))
            # Marked drawn only once the files are in place.
            for kind in kinds:
                for series, png, saving, signature in drawn[kind]:
                    if saving is None:
                        continue
                    if saving is not True:
                        try:
                            saving.result()
                        except OSError:
                            raise
                        except Exception as e:  # noqa: BLE001
                            failed.setdefault(kind, _failure(kind, series, e))
                            continue
                    context.log.info(f"Wrote {png} (and .svg)")
                    mark_built(con, f"chart_{kind}:{series}", signature)
        finally:
            for kind in kinds:
                for _, _, saving, _ in drawn[kind]:
                    if saving not in (None, True):
                        saving.cancel()
    for kind in kinds:
        if kind in failed:
            context.log.error(f"Could not draw {failed[kind]}")
            continue
        out_dir = store.paths.charts_dir / kind
        # The folder holds the charts of the series chosen now: those of series chosen before (another
        # charts.yaml) would be listed and read as current.
        wanted = {f"{file_name(s)}.png" for s in series_list}
        gone = sorted(p for p in out_dir.glob("*.png") if p.name not in wanted) if out_dir.is_dir() else []
        for p in gone:
            for f in (p, p.with_suffix(".svg"), p.with_name(f".{p.name}.thumb")):  # the chart, its SVG, its preview
                f.unlink(missing_ok=True)
        if gone:
            context.log.info(f"chart_{kind}: removed the charts of {len(gone)} series no longer chosen ({', '.join(p.stem for p in gone)}).")
        done = drawn[kind]
        kept = sum(1 for d in done if d[2] is None)
        if kept:
            context.log.info(f"chart_{kind}: {kept} of {len(done)} series unchanged since last drawn; their files kept.")
        meta = {
            "files": dg.MetadataValue.json([str(d[1]) for d in done]),
            "path": dg.MetadataValue.path(str(out_dir)),
            "preview": dg.MetadataValue.md(preview_md(thumbnail(done[0][1]), done[0][0]) if done else "(no series to chart)"),
        }
        if extra[kind]:
            meta["terms"] = dg.MetadataValue.json(extra[kind])
        yield dg.MaterializeResult(asset_key=f"chart_{kind}", metadata=meta)
    if failed:
        raise dg.Failure(description="Charts not drawn (the others were): " + "; ".join(failed.values()))


def _failure(kind: str, series: str, e: BaseException) -> str:
    """What went wrong with one chart, as the step's failure names it."""
    return f"chart_{kind} ({series}): {type(e).__name__}: {e}"


def _check_drawn(kind: str, series: str, saving, failed: dict[str, str]) -> None:
    """Wait for a chart the pool draws; if drawing it failed, its kind goes in `failed` (a full disk or a
    lost folder is left to raise where the result is taken)."""
    wait([saving])
    e = saving.exception()
    if e is not None and not isinstance(e, OSError):
        failed.setdefault(kind, _failure(kind, series, e))


CHART_KEYS = [f"chart_{kind}" for kind in CHARTS]
