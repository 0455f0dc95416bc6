"""The weekly report, rendered in headless Chromium (Debian's package, driven by Playwright)."""

import io
import json
import shutil
from pathlib import Path

import duckdb
import matplotlib.image as mpimg
import pytest

from .conftest import RAW_FIXTURES, run_assets

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
# A scraped report whose title carries markup: it must show as text and never run.
HOSTILE_TITLE = "国务院常务会议<script>alert('huiyi')</script>部署冬季供暖"
HOSTILE = {
    "id": "hostile-1",
    "title": HOSTILE_TITLE,
    "content": "国务院总理李强11月20日主持召开国务院常务会议，部署做好冬季供暖保障工作。会议指出，要确保群众温暖过冬。"
               "会议要求，一要加强煤炭和天然气供应保障；二要做好困难群众救助；三要压实各方责任。",
    "date": "2026-11-20",
}


@pytest.fixture(scope="module")
def three_runs(tmp_path_factory):
    """A first report; a second after one new meeting arrived; a third with nothing new.
    Returns (marts, report folders in order)."""
    tmp = tmp_path_factory.mktemp("report")
    raw = tmp / "raw"
    shutil.copytree(RAW_FIXTURES, raw)
    marts = tmp / "marts"
    folders = []

    def run():
        run_assets(raw, marts)
        new = sorted(set(p.name for p in (marts / "reports").iterdir()) - {"latest", *folders})
        assert len(new) == 1  # every run keeps its own report beside the earlier ones
        folders.append(new[0])

    run()
    (raw / "scraper").mkdir()
    (raw / "scraper" / "2026-11.jsonl").write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    run()
    run()
    return marts, folders


def _render(path: Path) -> dict:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: `make test` installs it (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    out = {"errors": [], "dialogs": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: out["errors"].append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: out["errors"].append(str(e)))
        page.on("dialog", lambda d: (out["dialogs"].append(d.message), d.dismiss()))
        page.goto(path.resolve().as_uri())
        page.wait_for_load_state("load")
        out["text"] = page.inner_text("body")
        out["scripts"] = page.locator("script").count()
        out["images"] = page.evaluate("Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length")
        out["no_new"] = page.locator("#no-new-meetings").count()
        out["fonts"] = page.evaluate("async () => { await document.fonts.ready; "
                                     "return [...document.fonts].map(f => [f.family.replaceAll('\"', ''), f.status]); }")
        out["png"] = page.screenshot(full_page=True)
        browser.close()
    return out


def test_a_first_report_lists_the_newest_meetings(three_runs):
    marts, folders = three_runs
    page = _render(marts / "reports" / folders[0] / "index.html")
    assert page["errors"] == [] and page["dialogs"] == []
    assert "首次报告" in page["text"] and page["images"] >= 5


def test_the_next_report_shows_the_one_new_meeting_as_text_with_its_charts(three_runs):
    marts, folders = three_runs
    html = marts / "reports" / folders[1] / "index.html"
    page = _render(html)
    assert page["errors"] == [] and page["dialogs"] == []
    pixels = mpimg.imread(io.BytesIO(page["png"]))
    assert pixels.reshape(-1, pixels.shape[-1]).std(axis=0).max() > 0.01  # not one uniform colour
    with duckdb.connect(str(marts / "huiyi.duckdb"), read_only=True) as con:
        title, series = con.execute(
            """SELECT d.title, m.series FROM meetings m JOIN documents d ON d.doc_id = m.report_doc_id
               ORDER BY m.meeting_date DESC LIMIT 1""").fetchone()
    assert title == HOSTILE_TITLE and series == "国务院常务会议"
    assert "共有 1 次新会议" in page["text"]  # only the meeting that arrived since the first report
    assert title in page["text"]  # shown as text, markup and all
    assert page["scripts"] == 0  # the scraped <script> never became an element
    assert page["images"] >= 5  # the series' charts, embedded


def test_the_page_carries_a_font_for_every_character_it_shows(three_runs):
    """This machine has no CJK font (fc-list lists DejaVu only): without the embedded font every Chinese
    character of the page is drawn as an empty box."""
    import base64
    import re

    from fontTools.ttLib import TTFont

    marts, folders = three_runs
    html = marts / "reports" / folders[1] / "index.html"
    page = _render(html)
    assert ["Huiyi Noto Sans SC", "loaded"] in page["fonts"]
    uri = re.search(r'src: url\("data:font/woff;base64,([^"]+)"\)', html.read_text(encoding="utf-8"))
    assert uri is not None
    font = TTFont(io.BytesIO(base64.b64decode(uri.group(1))))
    assert font.flavor == "woff"
    shown = set(page["text"]) - set(" \n\t\u3000")
    assert {"会", "议", "供", "暖"} <= shown  # the new meeting's title is among what the page shows
    covered = {chr(c) for c in font.getBestCmap()}
    assert shown - covered == set()
    assert len(font.getGlyphOrder()) < 3 * len(shown)  # cut to the page: the whole font has 30,000 glyphs


def test_a_run_with_nothing_new_says_so(three_runs):
    marts, folders = three_runs
    latest = (marts / "reports" / "latest" / "index.html").read_text(encoding="utf-8")
    assert latest == (marts / "reports" / folders[2] / "index.html").read_text(encoding="utf-8")
    page = _render(marts / "reports" / "latest" / "index.html")
    assert page["errors"] == []
    assert page["no_new"] == 1 and "自上次报告以来没有新的会议" in page["text"]


def test_files_arriving_during_the_week_do_not_use_up_the_report():
    from dagster_project.definitions import defs

    sensor = defs.resolve_sensor_def("raw_folder_sensor")
    job = defs.resolve_job_def(sensor.job_name)
    assert sensor.job_name == "huiyi_refresh"
    assert "weekly_report" not in {k.to_user_string() for k in job.asset_layer.executable_asset_keys}


def test_the_schedule_runs_mondays_at_eight_beijing_time():
    import dagster as dg

    from dagster_project.definitions import defs

    schedule = defs.resolve_schedule_def("weekly_report_schedule")
    assert schedule.cron_schedule == "0 8 * * 1" and schedule.execution_timezone == "Asia/Shanghai"
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING


def test_reports_made_within_the_same_second_each_get_a_folder_of_their_own(tmp_path):
    """Runs with nothing new take a few seconds: a third report in the same second as the second one
    (which found the day's folder taken) gets a counter, and an id in the log is never reused even when
    its folder was deleted."""
    from datetime import datetime

    from dagster_project.defs.report import BEIJING, new_report_id

    now = datetime(2026, 11, 29, 8, 39, 41, tzinfo=BEIJING)
    made = []
    for _ in range(4):
        rid = new_report_id(now, tmp_path, set())
        (tmp_path / rid).mkdir()
        made.append(rid)
    assert made == ["2026-11-29", "2026-11-29-083941", "2026-11-29-083941-2", "2026-11-29-083941-3"]
    assert new_report_id(now, tmp_path / "elsewhere", {"2026-11-29", "2026-11-29-083941"}) == "2026-11-29-083941-2"


def test_a_cut_font_is_kept_and_used_again_only_for_the_same_characters(tmp_path):
    """A day's run, or one with nothing new, shows the same characters as the run before: the font cut
    for them is read back instead of cut again, and is the same font fontTools cuts. A kept file cut short
    is cut again; the most recently used fonts are the ones kept."""
    import os

    from dagster_project.core.report import font_subset
    from dagster_project.defs.report import FONT_CACHE_KEPT, cached_font_subset

    cuts = []

    def counted(text):
        cuts.append(text)
        return font_subset(text)

    cache = tmp_path / "font_cache"
    subset_font = cached_font_subset(cache, counted)
    first = "国务院常务会议部署冬季供暖保障工作"
    same_characters = "".join(reversed(first)) + "国务院"  # other text, the same characters
    assert subset_font(first) == font_subset(first) and len(cuts) == 1
    assert subset_font(same_characters) == font_subset(first) and len(cuts) == 1  # read back, not cut
    other = "中共中央政治局召开会议"  # characters the first has not: a font of its own
    assert subset_font(other) == font_subset(other) != font_subset(first) and len(cuts) == 2
    assert len(list(cache.glob("*.woff"))) == 2
    # a kept file a crash left short is not used: the font is cut again and the file made whole
    kept_first = next(f for f in cache.glob("*.woff") if f.read_bytes() == font_subset(first))
    kept_first.write_bytes(kept_first.read_bytes()[:100])
    assert subset_font(first) == font_subset(first) and len(cuts) == 3
    assert kept_first.read_bytes() == font_subset(first)
    # the newest FONT_CACHE_KEPT stay, by use: the first font, used again last, outlives older ones
    for i in range(FONT_CACHE_KEPT - 2):
        subset_font(other + chr(0x4E00 + i))
    assert len(list(cache.glob("*.woff"))) == FONT_CACHE_KEPT
    past = 1_000_000_000
    for n, f in enumerate(sorted(cache.glob("*.woff"))):
        os.utime(f, ns=(past + n, past + n))  # all used long ago
    subset_font(same_characters)  # the first font used again
    subset_font(other + "甲")  # one more font: one must go, not the first
    assert len(list(cache.glob("*.woff"))) == FONT_CACHE_KEPT
    assert kept_first.exists()
    assert not list(cache.glob("*.tmp"))


def test_a_font_cache_that_cannot_be_written_costs_the_cut_not_the_page(tmp_path):
    from dagster_project.core.report import font_subset
    from dagster_project.defs.report import cached_font_subset

    blocked = tmp_path / "font_cache"
    blocked.write_text("a file where the cache folder would be")
    assert cached_font_subset(blocked)("国务院常务会议") == font_subset("国务院常务会议")


def test_the_reports_fonts_are_cut_for_their_own_pages(three_runs):
    """Each of the three reports, its font cut or read from the cache, carries a glyph for every character
    its page shows, and not many more."""
    import base64
    import html as html_lib
    import re

    from fontTools.ttLib import TTFont

    from dagster_project.core.report import DATA_URI

    marts, folders = three_runs
    assert list((marts / "work" / "font_cache").glob("*.woff"))
    for folder in folders:
        page = (marts / "reports" / folder / "index.html").read_text(encoding="utf-8")
        font = TTFont(io.BytesIO(base64.b64decode(re.search(r'src: url\("data:font/woff;base64,([^"]+)"\)', page).group(1))))
        han = {c for c in html_lib.unescape(DATA_URI.sub("", page)) if "\u4e00" <= c <= "\u9fff"}
        covered = {chr(c) for c in font.getBestCmap()}
        assert len(han) > 50 and han <= covered
        assert len(covered) < 2 * len(han) + 200  # cut to its own page, not the page before
