"""Acceptance figures of the foundation on the whole shared corpus, from a published database.

    huiyi run --raw ../shared/corpus --marts /tmp/full_marts
    python bench/check_corpus.py /tmp/full_marts/huiyi.duckdb

Counts every xwlb item, HTML page and CSV/JSONL row in the raw files and checks that each is a
document or a rejected record; checks the HTML twins of xwlb items and the furniture left in bodies.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from pathlib import Path

import duckdb

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
FURNITURE = ["相关稿件", "责任编辑", "编辑：", "版权所有", "视频简介", "<script", "function(", "var ", "央视网首页", "更新时间"]
PREFIX = re.compile(r"^\s*(?:央视网|中国网络电视台)\s*(?:消息)?\s*[（(]")
_KEEP = re.compile(r"[^0-9a-zA-Z\u4e00-\u9fff]+")


def count_raw() -> dict[str, int]:
    n = {"xwlb": 0, "cctv_html": 0, "gov_csv": 0, "gov_reports": 0}
    for f in sorted((CORPUS / "xwlb" / "assets").glob("*/*.json.gz")):
        n["xwlb"] += len(json.load(gzip.open(f)).get("videoList") or [])
    n["cctv_html"] = len(list((CORPUS / "cctv_html").glob("*.shtml")))
    for f in (CORPUS / "gov_csv").glob("*.csv"):
        with open(f, encoding="utf-8-sig", newline="") as fh:
            n["gov_csv"] += sum(1 for _ in csv.reader(fh)) - 1
    for f in (CORPUS / "gov_reports").glob("*.jsonl"):
        n["gov_reports"] += sum(1 for line in open(f, encoding="utf-8") if line.strip())
    return n


def main(db: str) -> int:
    con = duckdb.connect(db, read_only=True)
    raw = count_raw()
    print("Records in the raw files vs. rows in the database:")
    ok = True
    for src, n in raw.items():
        docs = con.execute("SELECT count(*) FROM documents WHERE source = ?", [src]).fetchone()[0]
        rej = con.execute(
            "SELECT count(*) FROM rejected_records WHERE raw_path LIKE ? AND reason NOT IN ('unsupported_type')", [src + "/%"]
        ).fetchone()[0]
        flag = "ok" if docs + rej == n else "MISMATCH"
        ok &= docs + rej == n
        print(f"  {src:<12} raw {n:>7,}  documents {docs:>7,}  rejected {rej:>6,}  {flag}")
    print("Rejected by reason:", dict(con.execute("SELECT reason, count(*) FROM rejected_records GROUP BY 1 ORDER BY 2 DESC").fetchall()))

    prefixed = con.execute("SELECT count(*) FROM documents WHERE source = 'xwlb' AND regexp_matches(body, '^\\s*(央视网|中国网络电视台)\\s*(消息)?\\s*[（(]')").fetchone()[0]
    print(f"xwlb bodies still opening with a broadcast prefix: {prefixed}")
    programmes = con.execute("SELECT count(*) FROM documents WHERE NOT is_report").fetchone()[0]
    print(f"whole-programme items kept as not reports: {programmes}")

    html = con.execute("SELECT doc_id, native_id, body, duplicate_of FROM documents WHERE source = 'cctv_html'").fetchall()
    twins = dict(con.execute("SELECT record_key, doc_id FROM documents WHERE source = 'xwlb'").fetchall())
    xwlb_body = {}
    linked = twin_total = agree = 0
    disagreements = []
    for doc_id, native, body, dup in html:
        if native in twins:
            twin_total += 1
            if dup == twins[native]:
                linked += 1
            tb = xwlb_body.get(native) or con.execute("SELECT body FROM documents WHERE doc_id = ?", [twins[native]]).fetchone()[0]
            if _KEEP.sub("", tb) == _KEEP.sub("", body):
                agree += 1
            else:
                disagreements.append(native)
    print(f"cctv_html pages: {len(html)}; with an xwlb twin: {twin_total}; linked to it by duplicate_of: {linked}; bodies equal once normalised: {agree}")
    if disagreements:
        print("  bodies differing from their twin:", disagreements[:10])
    furn = {}
    for doc_id, native, body, dup in html:
        for w in FURNITURE:
            if w in body:
                furn.setdefault(w, []).append(native)
    print("furniture strings left in cctv_html bodies:", {k: len(v) for k, v in furn.items()} or "none")
    for k, v in furn.items():
        print(f"  {k}: e.g. {v[:3]}")
    empty = con.execute("SELECT count(*) FROM documents WHERE source = 'cctv_html' AND n_chars < 20").fetchone()[0]
    print(f"cctv_html bodies under 20 characters: {empty}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/full_marts/huiyi.duckdb"))
