"""Nothing from a scraped page ever runs or reaches out: parsing touches only the file being read,
configuration cannot point outside the raw and marts folders, values reach SQL as parameters, scraped
text is escaped wherever it is shown, and the UI listens on this machine only."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import matplotlib.pyplot as plt
import pytest

from dagster_project.core import charts
from dagster_project.core.sources import SourceConfigError, load_config
from dagster_project.store import table_checksums

from .conftest import RAW_FIXTURES, SEED

REPORT_LINES = [ln for ln in SEED.read_text(encoding="utf-8").splitlines()[9:] if ln.strip()]

# Reads a folder through every per-document step (ingest, extraction, terms, themes) with an audit hook
# watching: every file opened and every socket, process or URL request, after a warm-up that loads the
# lexicons, dictionaries and codecs the steps use.
WATCHED = r"""
import json, sys
from pathlib import Path
from dagster_project.core.extract import extract_batch
from dagster_project.core.ingest import ingest_batch, list_raw_files
from dagster_project.core.measures import count_batch, theme_batch

def steps(root):
    files, _ = list_raw_files(root)
    d = ingest_batch([str(f) for f in files], str(root))["documents"].to_pydict()
    docs = [dict(doc_id=i, title=t, body=b, published_at=p, page_chrome=c)
            for i, t, b, p, c in zip(d["doc_id"], d["title"], d["body"], d["published_at"], d["page_chrome"])]
    extract_batch(docs); count_batch(docs); theme_batch(docs)
    return d

steps(Path(sys.argv[2]))  # warm-up on the real fixtures, and the generic extractor (urllib3, which trafilatura
from dagster_project.core.pages import _generic_body  # imports, probes for IPv6 with a socket at import)
_generic_body("<html><body><article><p>" + "会议" * 100 + "</p></article></body></html>")
events = []
def hook(event, args):
    if event == "open":
        events.append(["open", str(args[0])])
    elif event.split(".")[0] in ("socket", "urllib", "subprocess", "ftplib", "http", "smtplib", "webbrowser") or event in ("os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.startfile"):
        events.append([event, repr(args)[:200]])
sys.addaudithook(hook)
d = steps(Path(sys.argv[1]))
# Huiyi's own code and lexicons and the installed libraries' code and data are no scraped page's doing.
import dagster_project
own = (sys.prefix, sys.base_prefix, str(Path(dagster_project.__file__).resolve().parent.parent))
events = [e for e in events if not (e[0] == "open" and str(Path(e[1]).resolve()).startswith(own))]
print(json.dumps(dict(events=events, bodies=[b or "" for b in d["body"]], titles=[t or "" for t in d["title"]])))
"""


def test_parsing_opens_only_the_file_being_read_and_never_the_network(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("XXE-SECRET-MARKER", encoding="utf-8")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.setblocking(False)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    raw = tmp_path / "raw"
    raw.mkdir()
    paragraphs = "".join(f"<p>{ln}</p>" for ln in REPORT_LINES)
    lures = (f'<img src="{url}/img.png"><iframe src="file://{secret}"></iframe><object data="{url}/o"></object>'
             f'<embed src="file://{secret}"><svg><image href="{url}/svg.png"/></svg><p>&xxe;</p><p>&ext;</p>')
    head = (f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY ext SYSTEM "{url}/dtd">]>'
            f'<html><head><title>焦作市召开疫情防控专题会议</title><base href="{url}/"><link rel="stylesheet" href="{url}/s.css">'
            f'<script src="{url}/x.js"></script><meta http-equiv="refresh" content="0;url={url}/">'
            f'<link rel="import" href="file://{secret}"></head>')
    # One page of a known layout, one for the generic extractor (trafilatura and lxml), one bare.
    (raw / "known.html").write_text(head + f'<body><div class="content_area">{paragraphs}{lures}</div></body></html>', encoding="utf-8")
    (raw / "generic.html").write_text(head + f"<body><main><article>{paragraphs}{lures}</article></main></body></html>", encoding="utf-8")
    (raw / "bare.html").write_text(head + f"<body>{lures}{paragraphs}</body></html>", encoding="utf-8")
    (raw / "refs.jsonl").write_text(json.dumps({"title": f"{url}/t", "content": "\n".join(REPORT_LINES), "url": f"file://{secret}",
                                                "$ref": f"file://{secret}"}, ensure_ascii=False) + "\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-c", WATCHED, str(raw), str(RAW_FIXTURES)], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    out = json.loads(p.stdout)
    opened = {e[1] for e in out["events"] if e[0] == "open"}
    others = [e for e in out["events"] if e[0] != "open"]
    read = {str(raw / n) for n in ("known.html", "generic.html", "bare.html", "refs.jsonl")}
    assert opened <= read | {str(raw / "source.yaml")}, opened - read
    assert opened >= read
    assert others == []
    assert len(out["bodies"]) == 4 and all("XXE-SECRET-MARKER" not in b for b in out["bodies"])
    assert all("疫情防控" in b for b in out["bodies"])
    with pytest.raises(BlockingIOError):
        listener.accept()  # nobody called
    listener.close()


def test_a_source_yaml_cannot_send_huiyi_outside_the_raw_folder(tmp_path):
    raw = tmp_path / "raw"
    (raw / "a").mkdir(parents=True)
    (raw / "a" / "items.jsonl").write_text(json.dumps({"title": "标题", "content": "\n".join(REPORT_LINES)}, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    cases = {
        "records: /etc/passwd\n": "looks like a file path",
        "records: ../../etc\n": "looks like a file path",
        "fields:\n  body: file:///etc/passwd\n": "looks like a file path",
        "fields:\n  title: ~/secrets\n": "looks like a file path",
        "include: /etc/passwd\n": "unknown key",
        "records: data\n" + "# padding\n" * 10_000: "over 64 KB",
    }
    for text, why in cases.items():
        (raw / "a" / "source.yaml").write_text(text, encoding="utf-8")
        with pytest.raises(SourceConfigError, match=why) as e:
            load_config(raw / "a" / "items.jsonl", raw, {})
        assert str(raw / "a" / "source.yaml") in str(e.value)
    # A source.yaml that is a link to a file outside the raw folder is never read.
    outside = tmp_path / "outside.yaml"
    outside.write_text("publisher: 外部\n", encoding="utf-8")
    (raw / "a" / "source.yaml").unlink()
    os.symlink(outside, raw / "a" / "source.yaml")
    with pytest.raises(SourceConfigError, match="outside the raw folder"):
        load_config(raw / "a" / "items.jsonl", raw, {})


def test_a_bad_source_yaml_rejects_its_files_and_the_run_goes_on(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW_FIXTURES / "gov_csv", raw / "gov_csv")
    (raw / "odd").mkdir()
    (raw / "odd" / "items.jsonl").write_text(json.dumps({"title": "标题", "content": "\n".join(REPORT_LINES)}, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
    (raw / "odd" / "source.yaml").write_text("records: ../../../etc/passwd\n", encoding="utf-8")
    marts = tmp_path / "marts"
    env = {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", "HUIYI_RAW_DIR", "HUIYI_MARTS_DIR")}
    p = subprocess.run([sys.executable, "-m", "dagster_project.cli", "run", "--raw", str(raw), "--marts", str(marts), "--log-level", "WARNING"],
                       capture_output=True, text=True, env=env, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    with duckdb.connect(str(marts / "huiyi.duckdb"), read_only=True) as con:
        (reason, detail), = con.execute("SELECT reason, detail FROM rejected_records WHERE raw_path = 'odd/items.jsonl'").fetchall()
        assert reason == "bad_source_yaml" and "looks like a file path" in detail
        assert con.execute("SELECT count(*) FROM documents WHERE raw_path LIKE 'gov_csv/%'").fetchone()[0] > 0
    # Nothing was written outside the marts folder (the raw folder holds only what was put there).
    assert sorted(p.relative_to(raw).as_posix() for p in raw.rglob("*")) == [
        "gov_csv", "gov_csv/pboc_mpc_meetings.csv", "odd", "odd/items.jsonl", "odd/source.yaml"]


INJECTIONS = [
    "国务院常务会议' OR '1'='1",
    "x'); DROP TABLE meetings; --",
    'x"; DELETE FROM term_counts; --',
    "两个确立' UNION SELECT doc_id, body FROM documents --",
    "$\\frac{1}{0}$ <script>alert(1)</script>",
]


def test_values_from_configuration_reach_sql_only_as_parameters(full_run, tmp_path):
    """Series names and terms full of quotes and SQL, through every configurable query: the chart
    builders (series, terms, period) and the notebook helpers, on a writable copy of the database."""
    from dagster_project.analysis import distinctive_terms, meetings_where
    from dagster_project.defs.charts import CHARTS, ChartsConfig

    _, marts, _ = full_run
    db = tmp_path / "copy.duckdb"
    shutil.copyfile(marts / "huiyi.duckdb", db)
    con = duckdb.connect(str(db))
    before = table_checksums(con)
    config = ChartsConfig(series=INJECTIONS, terms=INJECTIONS, start="2020-01-01", end="2024-12-31")
    real = con.execute("SELECT series FROM meetings GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    for build, _, _ in CHARTS.values():
        for series in [*INJECTIONS, real]:
            result = build(con, series, config)
            fig = result[0] if isinstance(result, tuple) else result
            if fig is not None:
                plt.close(fig)
    for s in INJECTIONS:
        assert meetings_where(con, series=s) == []
        assert meetings_where(con, series=real, province=s, city=s, level=s) == []
    ids = meetings_where(con, series=real)
    assert ids and distinctive_terms(con, ids[-1:], ids[:-1] + INJECTIONS)
    assert table_checksums(con) == before
    con.close()


def test_chart_labels_draw_scraped_text_as_written(tmp_path):
    fig, ax = plt.subplots()
    labels = ["$\\frac{1}{0}$", "<script>alert(1)</script>", "$\\undefined$ 会议", "a_b^c"]
    ax.set_xticks(range(len(labels)), labels)
    ax.set_title(labels[2])
    png, svg = charts.save(fig, tmp_path / "labels")  # mathtext would raise on \undefined
    assert png.stat().st_size > 0 and svg.stat().st_size > 0
    # The same title under matplotlib's default (labels parsed as mathtext) cannot even be drawn.
    with plt.rc_context({"text.parse_math": True}):
        fig, ax = plt.subplots()
        ax.set_title(labels[2])
        with pytest.raises(ValueError):
            fig.canvas.draw()
        plt.close(fig)


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket listening on `port`, from /proc/net/tcp and tcp6."""
    out = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, p = local.split(":")
            if state == "0A" and int(p, 16) == port:
                if len(addr) == 8:
                    out.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(addr)[::-1]))
                else:
                    raw = bytes.fromhex(addr)
                    out.add(socket.inet_ntop(socket.AF_INET6, b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))))
    return out


def test_the_ui_listens_on_this_machine_only_unless_told_otherwise(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", "HUIYI_RAW_DIR", "HUIYI_MARTS_DIR")}
    proc = subprocess.Popen([sys.executable, "-m", "dagster_project.cli", "ui", "--raw", str(RAW_FIXTURES), "--marts", str(tmp_path / "marts"),
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        addresses = set()
        while time.monotonic() < deadline and not addresses:
            time.sleep(1)
            addresses = _listening_addresses(port)
            assert proc.poll() is None, "huiyi ui stopped"
        assert addresses == {"127.0.0.1"}
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=60)
