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
def two_runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    raw = tmp / "raw"
    shutil.copytree(RAW_FIXTURES, raw)
    (raw / "scraper").mkdir()
    (raw / "scraper" / "2026-11.jsonl").write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    marts = tmp / "marts"
    run_assets(raw, marts)
    first = (marts / "reports" / "latest" / "index.html").read_text(encoding="utf-8")
    first_dirs = sorted(p.name for p in (marts / "reports").iterdir())
    run_assets(raw, marts)
    return marts, first, first_dirs


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
        out["png"] = page.screenshot(full_page=False)
        browser.close()
    return out


def test_the_first_report_shows_the_newest_meeting_with_its_charts(two_runs):
    marts, _, first_dirs = two_runs
    first = marts / "reports" / first_dirs[0] / "index.html"
    page = _render(first)
    assert page["errors"] == [] and page["dialogs"] == []
    pixels = mpimg.imread(io.BytesIO(page["png"]))
    assert pixels.reshape(-1, pixels.shape[-1]).std(axis=0).max() > 0.01  # not one uniform colour
    with duckdb.connect(str(marts / "huiyi.duckdb"), read_only=True) as con:
        title, series = con.execute(
            """SELECT d.title, m.series FROM meetings m JOIN documents d ON d.doc_id = m.report_doc_id
               ORDER BY m.meeting_date DESC LIMIT 1""").fetchone()
    assert title == HOSTILE_TITLE and series == "国务院常务会议"
    assert title in page["text"]  # shown as text, markup and all
    assert page["scripts"] == 0  # the scraped <script> never became an element
    assert page["images"] >= 5  # the series' charts, embedded


def test_a_run_with_nothing_new_says_so(two_runs):
    marts, first_html, first_dirs = two_runs
    assert "没有新的会议" not in first_html
    dirs = sorted(p.name for p in (marts / "reports").iterdir())
    assert len(dirs) == len(first_dirs) + 1  # the first report is kept beside the second
    page = _render(marts / "reports" / "latest" / "index.html")
    assert page["errors"] == []
    assert page["no_new"] == 1 and "自上次报告以来没有新的会议" in page["text"]


def test_the_schedule_runs_mondays_at_eight_beijing_time():
    import dagster as dg

    from dagster_project.definitions import defs

    schedule = defs.resolve_schedule_def("weekly_report_schedule")
    assert schedule.cron_schedule == "0 8 * * 1" and schedule.execution_timezone == "Asia/Shanghai"
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING
