"""Files built to break parsers, next to real reports: each is read within bounded memory or rejected with
a reason, and the run goes on with everything valid beside it.

Memory is measured in a fresh process (its peak RSS) reading the folder the way the ingest asset does;
the bound asserted is generous (400 MB, while the bomb alone would be 2 GB) so that it tests the caps,
not the machine."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from .conftest import RAW_FIXTURES, SEED, xwlb_items

BOUND_MB = 400
REPORT = SEED.read_text(encoding="utf-8")
# A real sentence of the seed report, to find in what was read.
SENTENCE = "共同织牢织密疫情防控工作防线"

READ_FOLDER = """
import json, sys
from pathlib import Path
from dagster_project.core.ingest import ingest_files, list_raw_files
root = Path(sys.argv[1])
files, links = list_raw_files(root)
docs, rejected = [], [dict(raw_path=r.raw_path, reason=r.reason, detail=r.detail) for r in links]
for batch in ingest_files(files, root, workers=1):
    d = batch["documents"].to_pydict()
    docs += [dict(raw_path=p, title=t, body=b) for p, t, b in zip(d["raw_path"], d["title"], d["body"])]
    r = batch["rejected_records"].to_pydict()
    rejected += [dict(raw_path=p, reason=x, detail=y) for p, x, y in zip(r["raw_path"], r["reason"], r["detail"])]
# VmHWM: this process's own peak (ru_maxrss would carry the parent's over fork and exec).
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps(dict(docs=docs, rejected=rejected, peak_mb=hwm / 1024)))
"""


def read_folder(root: Path) -> dict:
    p = subprocess.run([sys.executable, "-c", READ_FOLDER, str(root)], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    return json.loads(p.stdout)


def reasons(out: dict, name: str) -> list[str]:
    return [r["reason"] for r in out["rejected"] if r["raw_path"] == name]


def write_long(f, n_chars: int) -> None:
    """n_chars of 长 (3 bytes each in UTF-8), written without holding them all."""
    chunk = "长" * (1 << 20)
    for _ in range(n_chars >> 20):
        f.write(chunk)


def _valid_line(title: str) -> str:
    return json.dumps({"title": title, "content": REPORT, "date": "2021-12-14"}, ensure_ascii=False) + "\n"


def gzip_bomb(path: Path, expanded_gb: float, head: bytes = b"") -> None:
    """A gzip file of many members, each 1 MB of spaces: a few MB on disk, `expanded_gb` decompressed."""
    member = gzip.compress(b" " * (1 << 20), compresslevel=9)
    with open(path, "wb") as f:
        f.write(gzip.compress(head))
        for _ in range(int(expanded_gb * 1024)):
            f.write(member)


def test_a_gzip_bomb_is_read_only_up_to_the_cap(tmp_path):
    gzip_bomb(tmp_path / "bomb.json.gz", 2, b'{"videoList": [')
    gzip_bomb(tmp_path / "bomb.jsonl.gz", 8, _valid_line("前面的一行").encode())
    assert (tmp_path / "bomb.json.gz").stat().st_size < 5 << 20
    out = read_folder(tmp_path)
    assert reasons(out, "bomb.json.gz") == ["too_large"]
    # JSON Lines are read line by line: the line before the bomb is kept, and reading stops once the
    # stream has expanded like a bomb (256 MB at over 200 times), not after decompressing all 8 GB.
    assert reasons(out, "bomb.jsonl.gz") == ["too_large"]
    assert any("compression bomb" in r["detail"] for r in out["rejected"] if r["raw_path"] == "bomb.jsonl.gz")
    assert [d["title"] for d in out["docs"]] == ["前面的一行"]
    assert out["peak_mb"] < BOUND_MB, out["peak_mb"]


def test_json_nested_ten_thousand_levels_is_rejected_and_the_next_line_kept(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 10_000 + "]" * 10_000)
    (tmp_path / "deep_object.json").write_text('{"a":' * 10_000 + "1" + "}" * 10_000)
    (tmp_path / "deep.jsonl").write_text("[" * 10_000 + "]" * 10_000 + "\n" + _valid_line("深层之后"), encoding="utf-8")
    out = read_folder(tmp_path)
    assert reasons(out, "deep.json") == ["invalid_json"]
    assert reasons(out, "deep_object.json") == ["invalid_json"]
    assert reasons(out, "deep.jsonl") == ["broken_line"]
    assert [d["title"] for d in out["docs"]] == ["深层之后"]
    assert any("nested too deeply" in r["detail"] for r in out["rejected"])


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "txt"])
def test_a_single_line_of_300_mb_is_rejected_in_bounded_memory(tmp_path, fmt):
    huge = 100 << 20  # characters: 300 MB in UTF-8, on one line
    path = tmp_path / f"huge.{fmt}"
    with open(path, "w", encoding="utf-8") as f:
        if fmt == "jsonl":
            f.write('{"title": "巨行", "content": "')
            write_long(f, huge)
            f.write('"}\n' + _valid_line("巨行之后"))
        elif fmt == "csv":
            f.write('title,content,date\n巨行,"')
            write_long(f, huge)
            f.write('",2021-12-14\n巨行之后,"' + REPORT.replace('"', '""') + '",2021-12-14\n')
        else:
            f.write("巨行\n")
            write_long(f, huge)
    assert path.stat().st_size > 300 << 20
    out = read_folder(tmp_path)
    assert reasons(out, path.name) == ["too_large"]
    assert [d["title"] for d in out["docs"]] == ([] if fmt == "txt" else ["巨行之后"])
    assert out["peak_mb"] < BOUND_MB, out["peak_mb"]


def test_a_csv_field_of_many_long_lines_is_skipped_and_the_records_behind_it_kept(tmp_path):
    path = tmp_path / "long_field.csv"
    with open(path, "w", encoding="utf-8") as f:
        f.write("title,content,date\n")
        f.write('长字段,"')
        for _ in range(40):  # 360 MB over 40 lines
            write_long(f, 3 << 20)
            f.write("\n")
        f.write('",2021-12-14\n')
        f.write('其后,"' + REPORT.replace('"', '""') + '",2021-12-14\n')
    out = read_folder(tmp_path)
    assert reasons(out, "long_field.csv") == ["too_large"]
    assert [d["title"] for d in out["docs"]] == ["其后"]
    assert out["peak_mb"] < BOUND_MB, out["peak_mb"]


def test_html_nested_ten_thousand_tags_keeps_the_report_text(tmp_path):
    paragraphs = "".join(f"<p>{line}</p>" for line in REPORT.splitlines()[8:] if line.strip())
    page = ("<html><head><title>焦作市召开疫情防控专题会议</title></head><body>"
            + "<div>" * 10_000 + paragraphs + "</div>" * 10_000 + "</body></html>")
    (tmp_path / "nested.html").write_text(page, encoding="utf-8")
    (tmp_path / "only_tags.html").write_text("<html><body>" + "<div><span>" * 5_000 + "</body></html>")  # 10,000 tags
    out = read_folder(tmp_path)
    (doc,) = [d for d in out["docs"] if d["raw_path"] == "nested.html"]
    assert SENTENCE in doc["body"] and "<div>" not in doc["body"]
    assert reasons(out, "only_tags.html") == ["no_body"]
    assert any(r["detail"] == "only_tags.html: the page has no text once page furniture is removed." for r in out["rejected"])


def test_html_nested_past_any_real_page_is_refused_unparsed(tmp_path):
    """A million nested tags fit in 6 MB; parsing them would take hours (time grows with the square of
    the depth). Real pages of cctv.com nest at most 24 deep."""
    (tmp_path / "deep.html").write_text("<html><body>" + "<div>" * 1_000_000 + "</body></html>")
    out = read_folder(tmp_path)
    assert [r["reason"] for r in out["rejected"]] == ["too_deep"]


@pytest.mark.parametrize("unit", ["<div/>", "<div></foo>", "<b></i>"])
def test_deep_nesting_written_to_look_flat_is_refused_too(tmp_path, unit):
    """Found in review: a parser opens <div/> as <div> and ignores end tags that close nothing, so these
    nest as deep as they are long."""
    (tmp_path / "deep.html").write_text("<html><body>" + unit * 400_000 + "</body></html>")
    out = read_folder(tmp_path)
    assert [r["reason"] for r in out["rejected"]] == ["too_deep"]


@pytest.mark.parametrize("filler", ["<p>段落", "<tr><td>格", "<script>" + "<div>" * 30_000 + "</script>", "<svg>" + "<path d='M0'/>" * 30_000 + "</svg>"])
def test_many_flat_elements_are_not_taken_for_deep_ones(tmp_path, filler):
    """Unclosed paragraphs and table cells, tags inside a script, and SVG paths nest no deeper for them."""
    paragraphs = "".join(f"<p>{line}</p>" for line in REPORT.splitlines()[9:] if line.strip())
    body = (filler * 30_000 if len(filler) < 20 else filler)
    (tmp_path / "flat.html").write_text(f"<html><head><title>焦作市召开疫情防控专题会议</title></head><body><div class='content_area'>"
                                        f"{paragraphs}</div><table>{body}</table></body></html>", encoding="utf-8")
    out = read_folder(tmp_path)
    assert out["rejected"] == [] and SENTENCE in out["docs"][0]["body"]


def test_symbolic_links_never_lead_outside_the_raw_folder(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("不应读取\n2021年12月14日\n外部文件的内容，不属于原始文件夹。", encoding="utf-8")
    os.symlink(outside / "secret.txt", raw / "link.txt")
    os.symlink(outside, raw / "linked_folder")
    os.symlink("/etc/passwd", raw / "passwd.txt")
    (raw / "report.txt").write_text(REPORT, encoding="utf-8")
    out = read_folder(raw)
    assert sorted(r["raw_path"] for r in out["rejected"] if r["reason"] == "outside_raw") == ["link.txt", "passwd.txt"]
    assert [d["raw_path"] for d in out["docs"]] == ["report.txt"]
    assert all("root:" not in (d["body"] or "") and "外部文件" not in (d["body"] or "") for d in out["docs"])


def test_the_whole_run_goes_on_past_hostile_files_and_odd_file_names(tmp_path):
    raw = tmp_path / "raw"
    (raw / "odd folder 'x'").mkdir(parents=True)
    odd = raw / "odd folder 'x'" / "焦作 \"会议\" 'report'; DROP TABLE documents;--.txt"
    odd.write_text(REPORT, encoding="utf-8")
    gzip_bomb(raw / "bomb.json.gz", 1, b"[")
    (raw / "deep.json").write_text("[" * 10_000 + "]" * 10_000)
    os.symlink("/etc/passwd", raw / "passwd.txt")
    (raw / "xwlb").mkdir()
    src = RAW_FIXTURES / "xwlb" / "assets" / "2022" / "20220310.json.gz"
    (raw / "xwlb" / src.name).write_bytes(src.read_bytes())
    marts = tmp_path / "marts"
    env = {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", "HUIYI_RAW_DIR", "HUIYI_MARTS_DIR")}
    p = subprocess.run([sys.executable, "-m", "dagster_project.cli", "run", "--raw", str(raw), "--marts", str(marts),
                        "--log-level", "WARNING"], capture_output=True, text=True, env=env, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    with duckdb.connect(str(marts / "huiyi.duckdb"), read_only=True) as con:
        rel = odd.relative_to(raw).as_posix()
        assert con.execute("SELECT count(*) FROM documents WHERE raw_path = ?", [rel]).fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM documents WHERE raw_path LIKE 'xwlb/%'").fetchone()[0] == len(xwlb_items("2022/20220310.json.gz"))
        got = dict(con.execute("SELECT raw_path, reason FROM rejected_records WHERE record_key IS NULL").fetchall())
        assert got == {"bomb.json.gz": "too_large", "deep.json": "invalid_json", "passwd.txt": "outside_raw"}
        assert con.execute("SELECT count(*) FROM meetings WHERE report_doc_id IN (SELECT doc_id FROM documents WHERE raw_path = ?)",
                           [rel]).fetchone()[0] == 1


# ---------------------------------------------------------------- findings of bench/fuzz.py, kept as tests


def test_a_damaged_gzip_stream_is_a_clear_rejection_not_a_parser_error(tmp_path):
    data = bytearray((RAW_FIXTURES / "xwlb" / "assets" / "2022" / "20220310.json.gz").read_bytes())
    data[len(data) // 2] ^= 0xFF  # one byte of the deflate stream flipped
    (tmp_path / "20220310.json.gz").write_bytes(bytes(data))
    out = read_folder(tmp_path)
    (rej,) = out["rejected"]
    assert rej["reason"] == "unreadable_file" and "its gzip stream" in rej["detail"]  # damaged, or failing its checksum


def test_one_corrupt_byte_in_a_json_day_file_rejects_only_its_item(tmp_path):
    items = xwlb_items("2012/20120702.json.gz")  # three items
    text = json.dumps({"videoList": items}, ensure_ascii=False).encode("utf-8")
    body = items[1]["video_detail"]["content"]
    # Six Chinese characters from the middle of the second item's body, found in the file's bytes.
    mid = next(body[i:i + 6] for i in range(len(body) // 2, len(body)) if all("\u4e00" <= c <= "\u9fff" for c in body[i:i + 6]))
    at = text.index(mid.encode("utf-8")) + 3  # after the first character
    damaged = text[:at] + b"\xff" + text[at:]
    (tmp_path / "20120702.json.gz").write_bytes(gzip.compress(damaged))
    out = read_folder(tmp_path)
    assert [r["reason"] for r in out["rejected"]] == ["undecodable"]
    assert len(out["docs"]) == len(items) - 1


def test_a_corrupt_byte_in_a_page_keeps_the_page_and_its_terms(tmp_path):
    data = SEED.read_bytes()
    at = data.index(SENTENCE.encode("utf-8"))
    (tmp_path / "page.txt").write_bytes(data[:at] + b"\xff" + data[at:])
    out = read_folder(tmp_path)
    (doc,) = out["docs"]
    assert "\ufffd" + SENTENCE in doc["body"]
    from dagster_project.core.terms import count_terms

    assert count_terms(doc["body"]).counts["疫情防控"] > 0
    assert count_terms("会议\udcff强调").counts["强调"] == 1  # a surrogate escape reaching rjieba


@pytest.mark.parametrize("ending", ["closing quote after text", "escaped quotes then closing quote", "never closes"])
def test_an_oversized_csv_field_resumes_after_its_real_closing_quote(tmp_path, ending):
    """Found in review: the reader resumed at the next lone quote anywhere, so a field whose closing quote
    followed text on the same line swallowed the records behind it."""
    path = tmp_path / "field.csv"
    with open(path, "w", encoding="utf-8") as f:
        f.write('title,content,date\n甲,"' + REPORT.replace('"', '""') + '",2021-12-13\n长字段,"')
        for line in range(4):  # 12 million characters over four lines: the limit is passed inside the 4th,
            write_long(f, 3 << 20)  # which is where the field closes
            if line < 3 or ending == "never closes":
                f.write("\n")
        if ending == "closing quote after text":
            f.write('会议结束",2021-12-14\n')
        elif ending == "escaped quotes then closing quote":
            f.write('他说""好""",2021-12-14\n')
        for k in range(3):  # unquoted: a later quote would close a field that never closed (CSV's own rule)
            f.write(f"其后{k},国务院召开常务会议，研究部署稳就业工作第{k + 1}项。会议指出，要做好工作。,2021-12-1{k + 5}\n")
    out = read_folder(tmp_path)
    (rej,) = out["rejected"]
    assert rej["reason"] == "too_large"
    titles = [d["title"] for d in out["docs"]]
    if ending == "never closes":
        assert titles == ["甲"] and "never close" in rej["detail"]
    else:
        assert titles == ["甲", "其后0", "其后1", "其后2"]
    assert out["peak_mb"] < BOUND_MB, out["peak_mb"]


def test_a_long_line_inside_an_oversized_csv_field_does_not_reject_the_record_after_it(tmp_path):
    """Found in the second review: the line count of the record after an oversized field still covered
    the field's own over-long line, so that next, valid record was rejected as too_large."""
    path = tmp_path / "field.csv"
    with open(path, "w", encoding="utf-8") as f:
        f.write('title,content,date\n长字段,"')
        write_long(f, 3 << 20)
        f.write("\n")
        write_long(f, 11 << 20)  # one line over the limit, inside the field
        f.write("\n")
        for _ in range(4):
            write_long(f, 3 << 20)
            f.write("\n")
        f.write('结束",2021-12-14\n')
        f.write("其后,国务院召开常务会议，研究部署稳就业工作。会议指出，要做好工作。,2021-12-15\n")
    out = read_folder(tmp_path)
    assert [r["reason"] for r in out["rejected"]] == ["too_large"]
    assert [d["title"] for d in out["docs"]] == ["其后"]


def test_the_raw_folder_is_listed_as_a_walk_from_the_top(tmp_path):
    """The listing (directory entries, for speed) is the walk os.walk makes: a folder's files by name
    before its subfolders by name, hidden files and folders and source.yaml left out, links to folders
    not entered, links leaving the raw folder rejected, a broken link passed over."""
    from dagster_project.core.ingest import list_raw_files

    root, outside = tmp_path / "raw", tmp_path / "outside"
    for folder in ("b/z", "b/a", "a", ".hidden", "c"):
        (root / folder).mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.txt").write_text("x")
    for rel in ("z.txt", "a.json", "b/2.csv", "b/10.csv", "b/z/x.txt", "b/a/y.txt", "a/q.txt", ".hidden/h.txt",
                ".dotfile", "c/source.yaml", "c/中文.txt"):
        (root / rel).write_text(SENTENCE, encoding="utf-8")
    os.symlink(root / "a", root / "b" / "link_to_a")  # a folder inside: not entered, as os.walk does
    os.symlink(outside, root / "link_out")  # a folder outside: not entered
    os.symlink(outside / "secret.txt", root / "c" / "leak.txt")  # a file outside: rejected
    os.symlink(root / "a" / "q.txt", root / "c" / "alias.txt")  # a file inside: listed
    os.symlink(root / "gone.txt", root / "c" / "broken.txt")  # nothing behind it: passed over
    os.symlink(root / "z.txt" / "x", root / "c" / "through_a_file.txt")  # not a folder on the way: passed over
    os.symlink(root / "c" / "loop_b.txt", root / "c" / "loop_a.txt")  # round in a loop: passed over
    os.symlink(root / "c" / "loop_a.txt", root / "c" / "loop_b.txt")
    locked = outside / "locked"
    locked.mkdir()
    (locked / "f.txt").write_text("x")
    os.symlink(locked / "f.txt", root / "c" / "into_locked.txt")  # outside, behind a folder that cannot be read

    locked.chmod(0)
    expected, expected_rejected = [], []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if name.startswith(".") or name == "source.yaml":
                continue
            if p.is_symlink() and root.resolve() not in Path(os.path.realpath(p)).parents:
                expected_rejected.append(p.relative_to(root).as_posix())
            elif p.is_file():
                expected.append(p)
    try:
        files, rejected = list_raw_files(root)
    finally:
        locked.chmod(0o755)
    assert files == expected
    assert [r.raw_path for r in rejected] == expected_rejected
    assert set(expected_rejected) == {"c/leak.txt", "c/into_locked.txt"}
    assert [p.relative_to(root).as_posix() for p in files] == [
        "a.json", "z.txt", "a/q.txt", "b/10.csv", "b/2.csv", "b/a/y.txt", "b/z/x.txt", "c/alias.txt", "c/中文.txt"]
