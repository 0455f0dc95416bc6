"""Copy the few real reports the tests need from ../shared/corpus into tests/fixtures/raw/.

Run once by a developer (the tests never read ../shared). Day files are cut down to the items named
here, keeping the scraper's structure; every item keeps its id, and PROVENANCE.md lists them.
"""

from __future__ import annotations

import csv
import gzip
import json
import shutil
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "raw"

# day file -> video ids kept (why, in a word)
XWLB = {
    "2012/20120702.json.gz": {
        "VIDE1355098166246193": "中国网络电视台 prefix, (视频编辑…) trailer, upper-case </P>",
        "VIDE1355098166571310": "whole-programme item, empty body",
        "VIDE1355098166209182": "ordinary news",
    },
    "2012/20121203.json.gz": {"VIDEEYOzjaGS0BMLfx4YG8Hb161215": "video_detail holds errcode 1002, no body"},
    "2012/20121027.json.gz": {"VIDE1355098152803141": "no video_detail at all"},
    "2022/20220310.json.gz": {"VIDEtWQUA0m5KqwmZOM9HeWG220310": "twin of an old-layout cctv_html page"},
    "2025/20250905.json.gz": {"VIDE08fZsDG4eSiSqMiwGghT250905": "twin of a new-layout cctv_html page (a 会谈)"},
}
HTML = ["VIDEtWQUA0m5KqwmZOM9HeWG220310.shtml", "VIDE08fZsDG4eSiSqMiwGghT250905.shtml", "VIDE0F0oK6jHeSnYELHPzlv9220304.shtml"]
PBOC_ROWS_BY_DATE_PREFIX = ("2010-12", "2011-03", "2017-07", "2017-09", "2025-01")


def main() -> int:
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 1
    if OUT.exists():
        shutil.rmtree(OUT)
    prov = ["# Test fixtures: real records from ../shared/corpus", "", "Made by `bench/make_test_fixtures.py`. Day files are cut down to the items listed; nothing else is changed.", ""]
    for rel, ids in XWLB.items():
        day = json.load(gzip.open(CORPUS / "xwlb" / "assets" / rel))
        items = [v for v in day.get("videoList") or [] if v.get("video_id") in ids]
        missing = set(ids) - {v["video_id"] for v in items}
        assert not missing, missing
        day["videoList"] = items
        day["total"] = len(items)
        dest = OUT / "xwlb" / "assets" / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(dest, "wt", encoding="utf-8") as f:
            json.dump(day, f, ensure_ascii=False)
        for vid, why in ids.items():
            prov.append(f"- xwlb/assets/{rel} · {vid} · {why}")
    (OUT / "cctv_html").mkdir(parents=True)
    for name in HTML:
        shutil.copyfile(CORPUS / "cctv_html" / name, OUT / "cctv_html" / name)
        prov.append(f"- cctv_html/{name} · raw page as scraped")
    (OUT / "seed").mkdir()
    for p in (CORPUS / "seed").glob("*.txt"):
        shutil.copyfile(p, OUT / "seed" / p.name)
        prov.append(f"- seed/{p.name} · the scraped municipal page (习 lost to a portal filter)")
    (OUT / "gov_csv").mkdir()
    with open(CORPUS / "gov_csv" / "pboc_mpc_meetings.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    keep = [rows[0]] + [r for r in rows[1:] if r[0].startswith(PBOC_ROWS_BY_DATE_PREFIX)]
    with open(OUT / "gov_csv" / "pboc_mpc_meetings.csv", "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(keep)
    prov.append(f"- gov_csv/pboc_mpc_meetings.csv · the rows dated {', '.join(PBOC_ROWS_BY_DATE_PREFIX)} (2010-12 and 2011-03 break their first sentence with newlines)")
    (OUT / "gov_reports").mkdir()
    with open(CORPUS / "gov_reports" / "government_work_reports.jsonl", encoding="utf-8") as f:
        recs = [json.loads(line) for line in f]
    keep_recs = [r for r in recs if r.get("year") == "1954"] + [r for r in recs if r.get("year") is None][:1]
    with open(OUT / "gov_reports" / "government_work_reports.jsonl", "w", encoding="utf-8") as f:
        for r in keep_recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
        prov.append("- gov_reports/government_work_reports.jsonl · the 1954 report (traditional characters) and the first NPC resolution (no year)")
    (OUT.parent / "PROVENANCE.md").write_text("\n".join(prov) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
