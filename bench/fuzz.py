"""Fuzzing the readers and every per-document step with mutated real scraped files.

    .venv/bin/python bench/fuzz.py [--seconds 600] [--corpus ../shared/corpus] [--seed 1]
    .venv/bin/python bench/fuzz.py --properties 20000   # also tests/test_properties.py at 20,000 examples each

Each round takes a real file (an xwlb day file, a cctv.com page, a CSV, a JSONL of reports, the seed
page), mutates it (bit flips, inserted or deleted bytes, truncation, a chunk repeated, a splice of two
files, parser-hostile tokens such as quotes, NULs, brackets and deep nests, a compressed stream damaged
or not) and reads it the way the ingest asset does, then extracts meetings, directives and formulations
and counts terms and themes for what was read. A finding is:
  - an exception that escapes (the run would have recorded the whole file as a parser error), or
  - a `parser_error` rejection (the safety net caught a bug), or
  - an offset that does not point at its text.
Findings are saved to bench/out/fuzz/ with the mutated file, to be turned into tests.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dagster_project.core.directives import extract_directives  # noqa: E402
from dagster_project.core.formulations import extract_formulations  # noqa: E402
from dagster_project.core.ingest import _ingest_file  # noqa: E402
from dagster_project.core.meetings import extract_meeting  # noqa: E402
from dagster_project.core.terms import count_terms  # noqa: E402
from dagster_project.core.themes import score_document  # noqa: E402

TOKENS = [b'"', b"'", b"\\", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"{", b"}", b"[", b"]", b"<", b">", b"</div>", b"<div>" * 300,
          b"[" * 2000, b'{"a":' * 2000, b"\r", b"\r\n", b"\n\n\n", b",", b'""', b"<!--", b"-->", b"<![CDATA[", b"&#0;", b"&#xD800;",
          "会议强调，要".encode(), "第一，".encode(), "（一）".encode(), "“两个确立”".encode(), "\u2028".encode(), b"\xe4\xbc", b"\x1b[31m"]


def seeds(corpus: Path, rng: random.Random) -> list[Path]:
    xwlb = sorted((corpus / "xwlb").rglob("*.json.gz"))
    html = sorted((corpus / "cctv_html").glob("*.shtml"))
    out = rng.sample(xwlb, min(40, len(xwlb))) + rng.sample(html, min(40, len(html)))
    out += sorted((corpus / "gov_csv").glob("*.csv")) + sorted((corpus / "seed").glob("*"))
    jsonl = corpus / "gov_reports" / "government_work_reports.jsonl"
    if jsonl.exists():
        out.append(jsonl)
    return [p for p in out if p.is_file()]


def mutate(data: bytes, other: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(7)
        at = rng.randrange(len(b) + 1) if b else 0
        if op == 0 and b:  # bit flips
            for _ in range(rng.randint(1, 16)):
                i = rng.randrange(len(b))
                b[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # a parser-hostile token
            b[at:at] = rng.choice(TOKENS)
        elif op == 2 and b:  # delete a run
            del b[at:at + rng.randint(1, 200)]
        elif op == 3 and b:  # truncate
            del b[rng.randrange(len(b)):]
        elif op == 4 and b:  # repeat a chunk
            j = min(len(b), at + rng.randint(1, 2000))
            b[at:at] = b[at:j] * rng.randint(1, 5)
        elif op == 5 and other:  # splice another file in
            k = rng.randrange(len(other))
            b[at:at] = other[k:k + rng.randint(1, 5000)]
        elif op == 6:  # random bytes
            b[at:at] = os.urandom(rng.randint(1, 64))
    return bytes(b)


def variant(path: Path, other: Path, rng: random.Random) -> tuple[str, bytes]:
    """(file name, bytes) of a mutated copy; compressed files are mutated inside or outside the stream."""
    raw = path.read_bytes()
    if path.name.endswith(".gz"):
        inner = gzip.decompress(raw)
        if rng.random() < 0.7:
            return path.name, gzip.compress(mutate(inner, other.read_bytes()[:20000], rng))
        return path.name, mutate(raw, b"", rng)
    return path.name, mutate(raw, other.read_bytes()[:20000], rng)


def check_document(title, body, published, chrome) -> list[str]:
    problems = []
    m = extract_meeting(title, body, published, chrome)
    for d in extract_directives(body, m if m.is_meeting else None, title):
        if body[d.char_start:d.char_end] != d.text:
            problems.append(f"directive offsets {d.char_start}:{d.char_end} do not point at its text")
    for f in extract_formulations(body):
        if body[f.char_start:f.char_end] != f.surface:
            problems.append(f"formulation offsets {f.char_start}:{f.char_end} do not point at {f.surface!r}")
    count_terms(body)
    score_document(body)
    return problems


def fuzz(corpus: Path, seconds: float, seed: int, out_dir: Path) -> int:
    rng = random.Random(seed)
    pool = seeds(corpus, rng)
    stats, reasons, findings = Counter(), Counter(), []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="huiyi-fuzz-") as tmp:
        root = Path(tmp)
        while time.monotonic() - started < seconds:
            src, other = rng.choice(pool), rng.choice(pool)
            name, data = variant(src, other, rng)
            target = root / name
            target.write_bytes(data)
            stats["files"] += 1
            stats["bytes"] += len(data)
            try:
                for rows in _ingest_file(target, root, {}, 5000):
                    for r in rows.rejected:
                        reasons[r["reason"]] += 1
                        if r["reason"] == "parser_error":
                            findings.append((f"caught parser error: {r['detail']}", data, name))
                    for d in rows.docs:
                        stats["documents"] += 1
                        for problem in check_document(d["title"], d["body"] or "", d["published_at"], d["page_chrome"]):
                            findings.append((problem, data, name))
            except Exception:
                findings.append((f"escaped: {traceback.format_exc(limit=4)}", data, name))
            target.unlink(missing_ok=True)
    elapsed = time.monotonic() - started
    print(f"fuzzed {stats['files']:,} mutated files ({stats['bytes'] / 2**20:,.0f} MB) from {len(pool)} real seed files in {elapsed:.0f} s, seed {seed}")
    print(f"documents read and run through extraction, terms and themes: {stats['documents']:,}")
    print("rejections by reason: " + ", ".join(f"{k} {v:,}" for k, v in reasons.most_common()))
    print(f"findings: {len(findings)}")
    if findings:
        out_dir.mkdir(parents=True, exist_ok=True)
        seen = Counter()
        for i, (what, data, name) in enumerate(findings):
            key = what.splitlines()[0].replace(name, "<file>")[:120]
            seen[key] += 1
            if seen[key] == 1:
                (out_dir / f"finding-{i:04d}-{name}").write_bytes(data)
                print(f"  {what.strip()}\n    saved as {out_dir / f'finding-{i:04d}-{name}'}")
        for key, n in seen.most_common():
            print(f"  {n:>5} × {key}")
    return 1 if findings else 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--seconds", type=float, default=600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--properties", type=int, default=0, help="also run tests/test_properties.py with this many examples per property")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "fuzz"))
    args = ap.parse_args()
    status = 0
    if args.properties:
        t0 = time.monotonic()
        env = dict(os.environ, HUIYI_PROPERTY_EXAMPLES=str(args.properties))
        p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "test_properties.py")],
                           cwd=ROOT, env=env, capture_output=True, text=True)
        print(p.stdout.strip().splitlines()[-1] if p.stdout.strip() else p.stderr[-2000:])
        print(f"properties at {args.properties:,} examples each: {time.monotonic() - t0:.0f} s")
        if p.returncode:
            print(p.stdout[-5000:])
            status = 1
    return fuzz(Path(args.corpus), args.seconds, args.seed, Path(args.out)) or status


if __name__ == "__main__":
    sys.exit(main())
