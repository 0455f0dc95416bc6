"""Charts: the bundled CJK font, and every chart drawn from the marts of a real run, legible."""

import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib import font_manager

from dagster_project.core import charts
from dagster_project.core import drawing
from dagster_project.core.parallel import default_workers
from dagster_project.defs.charts import CHARTS, ChartsConfig, chosen_series, figure


def test_the_bundled_font_is_what_chinese_text_resolves_to():
    assert charts.FONT_FILE.exists() and charts.FONT_FILE.stat().st_size > 1_000_000
    found = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert Path(found) == charts.FONT_FILE


def test_chinese_labels_render_without_missing_glyphs():
    rows = pd.DataFrame({"term": ["疫情防控", "乡村振兴", "营商环境"], "z": [3.2, -1.5, 2.0]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font" for every tofu box
        fig = charts.distinctive_bars(rows, "国务院常务会议：特色词", "对数几率 z 值")
        charts.png_bytes(fig)
        fig.savefig(__import__("io").BytesIO(), format="svg")
    plt.close(fig)


def test_overlap_detection_sees_overlapping_labels():
    # the check itself must be able to fail: 40 long labels on a narrow axis collide
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.set_xticks(range(40), [f"2025-{i:02d}-01 会议" for i in range(40)])
    assert charts.overlapping_tick_labels(fig)
    plt.close(fig)


@pytest.mark.parametrize("kind", list(CHARTS))
def test_every_chart_of_the_sample_series_is_legible(db, kind):
    chart_of = CHARTS[kind][0]
    series = chosen_series(db, ChartsConfig())
    assert "中国人民银行货币政策委员会例会" in series
    for s in series:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            fig = figure(chart_of(db, s, ChartsConfig()))
            assert charts.overlapping_tick_labels(fig) == [], (kind, s)
            assert fig.get_suptitle().startswith(s)
            plt.close(fig)


def test_chart_assets_wrote_png_and_svg_with_previews(full_run):
    _, marts, result = full_run
    for kind in CHARTS:
        pngs = sorted((marts / "charts" / kind).glob("*.png"))
        assert pngs, kind
        for png in pngs:
            assert png.with_suffix(".svg").exists()
            assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        mat = next(m for m in result.asset_materializations_for_node("charts") if m.asset_key.path == [f"chart_{kind}"])
        assert mat.metadata["preview"].value.startswith("![")


def test_a_long_chosen_period_is_drawn_by_quarter_and_stays_legible(db):
    config = ChartsConfig(start="2010-01-01", end="2025-12-31", meetings=3)  # 5 meetings in the fixture
    for kind, (chart_of, _, _) in CHARTS.items():
        fig = figure(chart_of(db, "中国人民银行货币政策委员会例会", config))
        assert charts.overlapping_tick_labels(fig) == [], kind
        assert fig.get_size_inches()[0] < 40, kind  # a period widens a chart by quarters, not by meetings
        if kind in ("theme_emphasis", "formulation_life", "directive_force"):
            labels = [t.get_text() for ax in fig.axes for t in ax.get_xticklabels() if t.get_text()]
            assert labels and all(t[4:6] == "-Q" for t in labels), kind
        plt.close(fig)


def test_charts_yaml_keeps_a_choice_and_names_its_mistakes(tmp_path, monkeypatch):
    from dagster_project.defs.charts import effective_config

    f = tmp_path / "charts.yaml"
    f.write_text("series: [国务院常务会议]\nterms: [疫情防控]\nmeetings: 12\n", encoding="utf-8")
    monkeypatch.setenv("HUIYI_CHARTS", str(f))
    got = effective_config(ChartsConfig())
    assert (got.series, got.terms, got.meetings) == (["国务院常务会议"], ["疫情防控"], 12)
    assert effective_config(ChartsConfig(meetings=30)).meetings == 30  # the launchpad wins for one run
    f.write_text("serie: [国务院常务会议]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"charts.yaml: unknown key 'serie'"):
        effective_config(ChartsConfig())
    # values the chart step's SQL would refuse only after the whole run (found by a review)
    for text, said in (("start: 20240101", "'start' must be a date written YYYY-MM-DD"), ("start: 2024-W01-1", "'start' must be a date"),
                       ("meetings: 0", "'meetings' must be 1 or more"), ("start: 2024-05-01\nend: 2024-01-01", "start \\(2024-05-01\\) is after end")):
        f.write_text(text + "\n", encoding="utf-8")
        with pytest.raises(ValueError, match=said):
            effective_config(ChartsConfig())


def test_a_chart_drawn_by_another_process_keeps_the_whole_series_name(tmp_path):
    """The chart step hands the pool a chart's data and where to save it; a series name with a dot keeps it."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        png, svg = pool.submit(drawing.draw, drawing.Chart("empty_figure", ("国务院常务会议：1.5亿元", "没有可显示的会议")),
                               tmp_path / "1.5亿元专项").result()
    assert png == tmp_path / "1.5亿元专项.png" and svg == tmp_path / "1.5亿元专项.svg"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in svg.read_text(encoding="utf-8")[:500]


def _run_with_term_trends_replaced(tmp_path, monkeypatch, replace):
    """A whole run of the fixtures with chart_term_trends' chart function replaced by replace(the real
    one); asserts that it alone failed, the other four drawn and recorded. The step's failure message."""
    import shutil

    from dagster_project.defs import charts as chart_defs

    from .conftest import RAW_FIXTURES, run_assets

    raw = tmp_path / "raw"
    shutil.copytree(RAW_FIXTURES, raw)
    query, deps, description = chart_defs.CHARTS["term_trends"]
    monkeypatch.setitem(chart_defs.CHARTS, "term_trends", (replace(query), deps, description))
    result = run_assets(raw, tmp_path / "marts", must_succeed=False)
    assert not result.success
    made = {m.asset_key.path[0] for m in result.asset_materializations_for_node("charts")}
    assert made == {f"chart_{k}" for k in chart_defs.CHARTS if k != "term_trends"}
    for kind in chart_defs.CHARTS:
        assert bool(list((tmp_path / "marts" / "charts" / kind).glob("*.png"))) == (kind != "term_trends"), kind
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE" and e.step_key == "charts")
    return str(failure.event_specific_data.error)


def test_a_chart_that_fails_leaves_the_other_charts_materialised(tmp_path, monkeypatch):
    """One chart kind raising (a drawing bug) fails its own asset; the other four are drawn and recorded."""

    def broken(query):
        def chart_of(con, series, config):
            raise ValueError("a drawing bug")
        return chart_of

    error = _run_with_term_trends_replaced(tmp_path, monkeypatch, broken)
    assert "chart_term_trends" in error and "a drawing bug" in error


def test_term_trend_lines_follow_the_order_of_the_terms(db):
    """Each term keeps its line's place and colour from one run to the next: the order they were chosen in."""
    from dagster_project.defs.charts import term_trends_chart

    terms = ["货币政策", "稳健", "流动性", "物价", "经济"]
    for chosen in (terms, terms[::-1], terms[2:] + terms[:2]):
        fig = figure(term_trends_chart(db, "中国人民银行货币政策委员会例会", ChartsConfig(terms=chosen)))
        assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == chosen
        plt.close(fig)


def test_a_chart_that_fails_in_the_pool_leaves_the_other_charts_materialised(tmp_path, monkeypatch):
    """The pool builds the figures: a chart whose drawing fails there (not its query) fails its own asset
    with the worker's error; the other four are drawn and recorded, and its figure is not saved."""
    from dagster_project.defs import charts as chart_defs

    def unbuildable(query):
        def chart_of(con, series, config):
            chart = query(con, series, config)
            return chart._replace(args=("not a table",) + chart.args[1:])  # the chart function gets a string for its rows
        return chart_of

    monkeypatch.setattr(chart_defs, "POOL_FROM_CHARTS", 1)  # the fixture's five charts go to a pool
    built_here = []  # charts built in this process: none when the pool builds them
    build = drawing.build
    monkeypatch.setattr(drawing, "build", lambda chart: built_here.append(chart.builder) or build(chart))
    error = _run_with_term_trends_replaced(tmp_path, monkeypatch, unbuildable)
    assert "chart_term_trends" in error and "AttributeError" in error
    if default_workers() > 1:
        assert built_here == []


def test_chart_settings_naming_what_the_database_lacks_are_told(db):
    """A misspelt series or an unknown term in charts.yaml drew empty charts and flat lines without a word."""
    from dagster_project.defs.charts import unknown_choices

    (real, _), = db.execute("SELECT series, count(*) FROM meetings GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1").fetchall()
    misspelt = real[:-1] + ("义" if real[-1] != "义" else "仪")
    (term,), = db.execute("SELECT term FROM term_counts GROUP BY 1 ORDER BY sum(n) DESC LIMIT 1").fetchall()
    said = unknown_choices(db, ChartsConfig(series=[real, misspelt], terms=[term, "不存在的词语"]))
    assert len(said) == 2
    assert f"'{misspelt}'" in said[0] and real in said[0]  # named, with the series meant
    assert "'不存在的词语'" in said[1]
    assert unknown_choices(db, ChartsConfig(series=[real], terms=[term])) == []


def test_the_charts_folder_holds_the_series_chosen_now(tmp_path, monkeypatch):
    """Charts of series chosen by an earlier charts.yaml were left beside the new ones, and listed as the run's."""
    import shutil

    from dagster_project.defs.charts import file_name

    from .conftest import RAW_FIXTURES, run_assets

    raw, marts, settings = tmp_path / "raw", tmp_path / "marts", tmp_path / "charts.yaml"
    shutil.copytree(RAW_FIXTURES, raw)
    monkeypatch.setenv("HUIYI_CHARTS", str(settings))
    settings.write_text("series: [中共中央政治局会议, 国务院常务会议]\n", encoding="utf-8")
    run_assets(raw, marts)
    both = sorted(f"{file_name(s)}.{ext}" for s in ("中共中央政治局会议", "国务院常务会议") for ext in ("png", "svg"))
    assert sorted(p.name for p in (marts / "charts" / "theme_emphasis").glob("[!.]*")) == both
    settings.write_text("series: [中共中央政治局会议]\n", encoding="utf-8")
    run_assets(raw, marts)
    for kind in CHARTS:
        left = sorted(p.name for p in (marts / "charts" / kind).iterdir())
        assert [n for n in left if not n.startswith(".")] == [f"{file_name('中共中央政治局会议')}.{ext}" for ext in ("png", "svg")], kind
        assert not any("国务院常务会议" in n for n in left), kind  # nor the preview kept beside a chart
