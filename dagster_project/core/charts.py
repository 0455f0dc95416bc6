"""Charts of the marts: each one a function of a mart's rows (a pandas DataFrame) that returns a Figure.

The CJK font travels with the code: Noto Sans SC from the pylopdf-fonts-zh-cn wheel is registered with
matplotlib at import, so Chinese labels render on a machine without system fonts.
"""

from __future__ import annotations

import io
import os
from importlib.resources import files
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.ticker  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

FONT_FILE = Path(str(files("pylopdf_fonts_zh_cn") / "NotoSansSC-Regular.otf"))
font_manager.fontManager.addfont(str(FONT_FILE))
FONT_NAME = font_manager.FontProperties(fname=str(FONT_FILE)).get_name()
plt.rcParams.update({
    "font.family": "sans-serif",
    "font.sans-serif": [FONT_NAME, "DejaVu Sans"],
    "axes.unicode_minus": False,  # the font's minus sign, not U+2212 it may lack
    # Labels are scraped text: "$...$" in a term or a title is drawn as written, never as mathtext.
    "text.parse_math": False,
    "svg.fonttype": "path",  # glyphs drawn as outlines: the SVG shows Chinese on a machine without the font
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "axes.spines.top": False,
    "axes.spines.right": False,
})

STRENGTH_COLOURS = {5: "#8c1c13", 4: "#c0392b", 3: "#e67e22", 2: "#f4c542", 1: "#9fc5e8"}
UP, DOWN = "#b2182b", "#2166ac"


# Strength ranks of lexicon/strength.txt in Chinese, with the words that mark each.
STRENGTH_ZH = {5: "5 强制（必须、确保）", 4: "4 强（切实、加快）", 3: "3 一般（要、推进）", 2: "2 较弱（进一步、积极）", 1: "1 柔性（鼓励、探索）"}


def _title(fig: Figure, title: str, subtitle: str | None = None, ax=None) -> None:
    """The title above everything; the subtitle as the (first) axes' own title, so layout makes room for it."""
    fig.suptitle(title, fontsize=13, x=0.01, ha="left")
    if subtitle:
        (ax or fig.axes[0]).set_title(subtitle, loc="left", fontsize=9, color="#555555", pad=10)


def empty_figure(title: str, message: str) -> Figure:
    fig = plt.figure(figsize=(8, 2.5), layout="constrained")
    _title(fig, title)
    fig.text(0.5, 0.45, message, ha="center", va="center", fontsize=11, color="#555555")
    return fig


def theme_heatmap(rows: pd.DataFrame, title: str, subtitle: str | None = None) -> Figure:
    """Columns in order (a meeting or a quarter, `label`) against themes (`name_zh`, ordered by `position`):
    the share of each theme as colour, the value written where it is large enough to read."""
    if rows.empty:
        return empty_figure(title, "没有可显示的会议")
    labels = list(dict.fromkeys(rows["label"]))
    themes = rows.drop_duplicates("name_zh").sort_values("position")["name_zh"].tolist()
    grid = rows.pivot_table(index="name_zh", columns="label", values="share", aggfunc="mean").reindex(index=themes, columns=labels).fillna(0)
    width = max(7.5, 3.2 + 0.42 * len(labels))
    fig, ax = plt.subplots(figsize=(width, 6.2), layout="constrained")
    cmap = matplotlib.colormaps["YlOrRd"].with_extremes(under="white")  # a theme not addressed stays blank
    im = ax.imshow(grid.values, aspect="auto", cmap=cmap, vmin=0.005, vmax=max(0.05, float(grid.values.max())))
    ax.set_yticks(range(len(themes)), themes, fontsize=9)
    ax.set_xticks(range(len(labels)), labels, rotation=90, fontsize=8)
    for (i, j), v in np.ndenumerate(grid.values):
        if v >= 0.1:
            ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=6.5, color="white" if v > 0.45 * grid.values.max() else "#333333")
    ax.spines[:].set_visible(False)
    fig.colorbar(im, ax=ax, shrink=0.8, label="句子占比（空白：未涉及）", format=matplotlib.ticker.PercentFormatter(1.0, decimals=0), extend="min")
    _title(fig, title, subtitle)
    return fig


def term_trends(rows: pd.DataFrame, title: str, subtitle: str | None = None) -> Figure:
    """Rates per 10,000 characters (`rate`) of a few terms over time (`period`, a date), one line each,
    in the order the terms first come in `rows` (so each keeps its colour from one run to the next)."""
    if rows.empty:
        return empty_figure(title, "这些词在所选时期没有出现")
    fig, ax = plt.subplots(figsize=(10, 5), layout="constrained")
    for term, part in rows.sort_values("period", kind="stable").groupby("term", sort=False):
        ax.plot(pd.to_datetime(part["period"]), part["rate"], marker="o", markersize=3, linewidth=1.6, label=term)
    ax.set_ylabel("每万字出现次数")
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=10))
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    _title(fig, title, subtitle)
    return fig


def distinctive_bars(rows: pd.DataFrame, title: str, subtitle: str | None = None) -> Figure:
    """Diverging bars of log-odds z-scores (`term`, `z`): the meeting's terms to the right, the baseline's to the left."""
    if rows.empty:
        return empty_figure(title, "没有可比较的前次会议")
    rows = rows.sort_values("z")
    fig, ax = plt.subplots(figsize=(8.5, max(3.5, 0.28 * len(rows) + 1.5)), layout="constrained")
    colours = [UP if z > 0 else DOWN for z in rows["z"]]
    ax.barh(range(len(rows)), rows["z"], color=colours)
    ax.set_yticks(range(len(rows)), rows["term"], fontsize=9)
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_xlabel("对数几率 z 值（右：本次会议用得更多；左：基准会议用得更多）")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    _title(fig, title, subtitle)
    return fig


def formulation_life(rows: pd.DataFrame, title: str, subtitle: str | None = None) -> Figure:
    """Which meetings or quarters (`label`, in order) used which formulations (`canonical`, `used`): a dot
    where used, ▲ where the series used it for the first time ever (`is_first`), ■ for the last time so far
    (`is_last`); `first_seen` (the series' first use) in the label."""
    if rows.empty:
        return empty_figure(title, "所选会议没有使用提法")
    labels = list(dict.fromkeys(rows["label"]))
    used = rows[rows["used"]]
    order = used.groupby("canonical")["label"].apply(lambda s: min(labels.index(x) for x in s)).sort_values()
    forms = order.index.tolist()
    first_seen = rows.drop_duplicates("canonical").set_index("canonical")["first_seen"]
    fig, ax = plt.subplots(figsize=(max(7.5, 3.8 + 0.42 * len(labels)), max(3.0, 0.3 * len(forms) + 1.8)), layout="constrained")
    for i, f in enumerate(forms):
        mine = used[used["canonical"] == f]
        cols = sorted(labels.index(x) for x in mine["label"])
        ax.plot([cols[0], cols[-1]], [i, i], color="#cccccc", linewidth=1, zorder=1)
        ax.scatter(cols, [i] * len(cols), s=22, color="#444444", zorder=2)
        firsts = [labels.index(x) for x in mine.loc[mine["is_first"], "label"]]
        lasts = [labels.index(x) for x in mine.loc[mine["is_last"], "label"]]
        ax.scatter(firsts, [i] * len(firsts), marker="^", s=60, color="#1a9850", zorder=3)
        ax.scatter(lasts, [i] * len(lasts), marker="s", s=40, color="#d73027", zorder=3)
    ax.set_yticks(range(len(forms)), [f"{f}（首见 {pd.Timestamp(first_seen[f]):%Y-%m}）" for f in forms], fontsize=8.5)
    ax.set_xticks(range(len(labels)), labels, rotation=90, fontsize=8)
    ax.set_xlim(-0.6, len(labels) - 0.4)
    ax.invert_yaxis()
    ax.grid(axis="x", color="#eeeeee", linewidth=0.6)
    ax.scatter([], [], marker="^", color="#1a9850", label="该系列首次使用")
    ax.scatter([], [], marker="s", color="#d73027", label="该系列迄今最后一次使用")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8)
    _title(fig, title, subtitle)
    return fig


def directive_force(rows: pd.DataFrame, title: str, subtitle: str | None = None, labels: list[str] | None = None) -> Figure:
    """Directives per meeting (`label`) stacked by strength (`strength_rank`); where meetings have several
    speakers, a second panel stacks them by `speaker`. `labels` lists every meeting to show, in order,
    those without directives included (an empty bar)."""
    if rows.empty:
        return empty_figure(title, "所选会议没有指示")
    labels = labels or list(dict.fromkeys(rows["label"]))
    by_speaker = rows.groupby(["label", "speaker"])["directives"].sum().unstack(fill_value=0).reindex(labels, fill_value=0)
    several = (by_speaker > 0).sum(axis=1).max() > 1
    height = 7.8 if several else 4.6
    fig, axes = plt.subplots(2 if several else 1, 1, figsize=(max(7.5, 3.5 + 0.42 * len(labels)), height),
                             layout="constrained", sharex=True, squeeze=False)
    ax = axes[0][0]
    strength = rows.groupby(["label", "strength_rank"])["directives"].sum().unstack(fill_value=0).reindex(labels, fill_value=0)
    bottom = np.zeros(len(labels))
    for rank in sorted(strength.columns, reverse=True):
        ax.bar(range(len(labels)), strength[rank], bottom=bottom, color=STRENGTH_COLOURS.get(int(rank), "#999999"),
               label=STRENGTH_ZH.get(int(rank), str(rank)))
        bottom += strength[rank].to_numpy()
    ax.set_ylabel("指示条数（按力度）")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8, title="力度", title_fontsize=8)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    if several:
        ax2 = axes[1][0]
        top = by_speaker.sum().sort_values(ascending=False)
        keep = top.index[:7].tolist()
        shown = by_speaker[keep].copy()
        if len(top) > 7:
            shown["其他"] = by_speaker.drop(columns=keep).sum(axis=1)
        bottom = np.zeros(len(labels))
        cmap = plt.get_cmap("tab10")
        for k, speaker in enumerate(shown.columns):
            ax2.bar(range(len(labels)), shown[speaker], bottom=bottom, color=cmap(k % 10), label=speaker)
            bottom += shown[speaker].to_numpy()
        ax2.set_ylabel("指示条数（按讲话人）")
        ax2.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=8, title="讲话人", title_fontsize=8)
        ax2.grid(axis="y", color="#dddddd", linewidth=0.6)
    last = axes[-1][0]
    last.set_xticks(range(len(labels)), labels, rotation=90, fontsize=8)
    _title(fig, title, subtitle)
    return fig


def save(fig: Figure, path_without_suffix: Path) -> tuple[Path, Path]:
    """PNG and SVG beside each other; the figure is closed. Each file is written under a temporary name
    and renamed into place, so a reader (or a run killed half-way) never sees half a chart."""
    path_without_suffix.parent.mkdir(parents=True, exist_ok=True)
    # suffixes appended, not swapped: a series named 1.5亿 keeps its whole name
    png, svg = (path_without_suffix.with_name(path_without_suffix.name + ext) for ext in (".png", ".svg"))
    try:
        # Laid out once, at the resolution of the PNG: savefig(bbox_inches="tight") runs the constrained
        # layout on two draws per file, four per chart. Frozen after one, with the tight box computed
        # once, the files are the same pixel for pixel and a chart costs 15% less.
        fig.set_dpi(plt.rcParams["savefig.dpi"])
        fig.draw_without_rendering()
        fig.set_layout_engine("none")
        bbox = fig.get_tightbbox(fig.canvas.get_renderer()).padded(0.15)
        for path, fmt in ((png, "png"), (svg, "svg")):
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            try:
                fig.savefig(tmp, format=fmt, bbox_inches=bbox)
                os.replace(tmp, path)
            finally:
                tmp.unlink(missing_ok=True)
    finally:
        plt.close(fig)
    return png, svg


# The chart functions by name: what a chart step hands its pool (a name, the chart's data, where to save).
BUILDERS = {f.__name__: f for f in (empty_figure, theme_heatmap, term_trends, distinctive_bars, formulation_life, directive_force)}


def png_bytes(fig: Figure, dpi: int = 60) -> bytes:
    """A small PNG of the figure (for previews), without closing it."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.1)
    return buf.getvalue()


def overlapping_tick_labels(fig: Figure) -> list[tuple[str, str]]:
    """Pairs of tick labels of any axis of the figure whose drawn boxes overlap (should be none)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    out = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in axis.get_ticklabels() if t.get_visible() and t.get_text()]
            for i in range(len(boxes)):
                for j in range(i + 1, len(boxes)):
                    a, b = boxes[i][1], boxes[j][1]
                    if a.x0 < b.x1 - 0.5 and b.x0 < a.x1 - 0.5 and a.y0 < b.y1 - 0.5 and b.y0 < a.y1 - 0.5:
                        out.append((boxes[i][0], boxes[j][0]))
    return out
