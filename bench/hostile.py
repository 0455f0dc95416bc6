"""Peak memory and time of reading each hostile input of tests/test_hostile_input.py, in a fresh process.

    .venv/bin/python bench/hostile.py

Each case is written to a temporary folder and read the way the ingest asset reads it (core.ingest);
peak memory is the reading process's own VmHWM. Prints one line per case: peak MB, wall time with the
process's start-up, documents kept and rejection reasons.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.test_hostile_input import REPORT, _valid_line, gzip_bomb, read_folder, write_long  # noqa: E402


def huge_line(ext: str):
    """A folder maker: one file whose single line is 100 M characters (300 MB of UTF-8)."""
    def make(folder: Path) -> None:
        with open(folder / f"huge.{ext}", "w", encoding="utf-8") as f:
            if ext == "csv":
                f.write('title,content,date\n巨行,"')
                write_long(f, 100 << 20)
                f.write('",2021-12-14\n')
            elif ext == "jsonl":
                f.write('{"title": "巨行", "content": "')
                write_long(f, 100 << 20)
                f.write('"}\n')
            else:
                f.write("巨行\n")
                write_long(f, 100 << 20)
    return make


CASES = {
    "one real report (baseline)": lambda d: (d / "x.txt").write_text(REPORT, encoding="utf-8"),
    "gzip bomb 2 GB (.json.gz)": lambda d: gzip_bomb(d / "bomb.json.gz", 2, b'{"videoList": ['),
    "gzip bomb 2 GB (.jsonl.gz)": lambda d: gzip_bomb(d / "bomb.jsonl.gz", 2, _valid_line("前").encode()),
    "one 300 MB line (.jsonl)": huge_line("jsonl"),
    "one 300 MB line (.csv)": huge_line("csv"),
    "one 300 MB line (.txt)": huge_line("txt"),
    "HTML nested 1,000,000 deep": lambda d: (d / "deep.html").write_text("<html><body>" + "<div>" * 1_000_000 + "</body></html>"),
    "HTML <div/> x 400,000": lambda d: (d / "flat.html").write_text("<html><body>" + "<div/>" * 400_000 + "</body></html>"),
    "JSON nested 10,000 deep": lambda d: (d / "deep.json").write_text("[" * 10_000 + "]" * 10_000),
}


def main() -> int:
    print(f"{'case':<32}{'peak MB':>9}{'wall s':>8}  documents, rejected")
    for name, make in CASES.items():
        with tempfile.TemporaryDirectory(prefix="huiyi-hostile-") as tmp:
            folder = Path(tmp)
            make(folder)
            t0 = time.perf_counter()
            out = read_folder(folder)
            wall = time.perf_counter() - t0
        print(f"{name:<32}{out['peak_mb']:>9.0f}{wall:>8.1f}  {len(out['docs'])}, {[r['reason'] for r in out['rejected']]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
