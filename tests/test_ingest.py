import os
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS, write
from flows.ingest import CorpusError, decode, ingest


def test_seeds_are_read_byte_for_byte():
    corpus = ingest(SEEDS)
    assert [d.path for d in corpus.documents] == sorted(p.name for p in SEEDS.glob("*.txt"))
    for d in corpus.documents:
        assert d.text == (SEEDS / d.path).read_bytes().decode("utf-8")
        assert d.id == (SEEDS / d.path).stem
    assert corpus.skipped == ()


@pytest.mark.parametrize("encoding,expected", [("cp1252", "cp1252"), ("utf-16", "utf-16")])
def test_other_encodings_are_decoded(tmp_path, encoding, expected):
    text = "Tokyo’s “résumé” of the visit – naïve café"
    write(tmp_path, "a.txt", text.encode(encoding))
    doc = ingest(tmp_path).documents[0]
    assert doc.text.lstrip("\ufeff") == text
    assert doc.encoding == expected


def test_latin1_bytes_never_fail():
    text, enc = decode(bytes(range(0x80, 0x100)))
    assert len(text) == 128 and enc in ("cp1252", "latin-1")


def test_utf8_bom_is_kept_so_offsets_match_a_plain_decode(tmp_path):
    write(tmp_path, "bom.txt", b"\xef\xbb\xbfJapan and China")
    doc = ingest(tmp_path).documents[0]
    assert doc.text == b"\xef\xbb\xbfJapan and China".decode("utf-8")


def test_bad_files_are_skipped_with_reasons(tmp_path):
    write(tmp_path, "good.txt", "Japan considers North Korea an immediate threat.")
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "blank.txt", "  \n\n\t ")
    write(tmp_path, "binary.txt", b"\x00\x01\x02PK\x03\x04" * 50)
    write(tmp_path, "report.pdf", b"%PDF-1.4 broken")
    write(tmp_path, "page.html", "<html><body>hi</body></html>")
    write(tmp_path, "sheet.xlsx", b"PK\x03\x04 not read")
    (tmp_path / "folder.txt").mkdir()
    write(tmp_path, ".hidden.txt", "secret")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("outside text")
    os.symlink(outside, tmp_path / "link.txt")
    corpus = ingest(tmp_path)
    assert [d.path for d in corpus.documents] == ["good.txt"]
    reasons = {s.path: s.reason for s in corpus.skipped}
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["blank.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "malformed PDF" in reasons["report.pdf"] and "no main text" in reasons["page.html"]
    assert "unsupported file type (.xlsx)" in reasons["sheet.xlsx"]
    assert "folder" in reasons["folder.txt"]
    assert "outside" in reasons["link.txt"]
    assert ".hidden.txt" not in reasons


def test_too_large_file_is_skipped(tmp_path):
    write(tmp_path, "big.txt", "Japan. " * 1000)
    write(tmp_path, "ok.txt", "Japan.")
    corpus = ingest(tmp_path, max_bytes=1000)
    assert [d.path for d in corpus.documents] == ["ok.txt"]
    assert "too large" in corpus.skipped[0].reason


def test_odd_file_names_get_safe_unique_ids(tmp_path):
    names = ["a b.txt", "it's \"quoted\".txt", "$(rm -rf x);.txt", "=cmd.txt", "-rf.txt", "東京.txt"]
    for n in names:
        write(tmp_path, n, f"Text of {n}.")
    corpus = ingest(tmp_path)
    ids = [d.id for d in corpus.documents]
    assert len(set(ids)) == len(names)
    assert all(i and all(c.isalnum() or c in "_.-" for c in i) and not i.startswith(("-", "=")) for i in ids)


def test_missing_or_unusable_corpus_raises_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        ingest(tmp_path / "nope")
    write(tmp_path, "x.pdf", b"%PDF")
    with pytest.raises(CorpusError, match="no readable document"):
        ingest(tmp_path)


def test_a_file_name_that_is_not_utf8_is_read_and_shown_safely(tmp_path):
    import json as _json

    from flows.extract import extract

    name = os.fsencode(tmp_path) + b"/note-\xff\xfe.txt"
    with open(name, "wb") as fh:
        fh.write(b"Japan considers North Korea a threat.")
    write(tmp_path, "fifo-free.txt", "Japanese officials see China as a concern.")
    corpus = ingest(tmp_path)
    paths = sorted(d.path for d in corpus.documents)
    assert paths == ["fifo-free.txt", "note-\\xff\\xfe.txt"]
    _json.dumps([d.model_dump() for d in extract(corpus).facts.documents])  # encodes: no surrogates left


def test_pipes_and_unreadable_folders_are_listed_not_read(tmp_path):
    os.mkfifo(tmp_path / "doc.txt")
    write(tmp_path, "ok.txt", "Japan is concerned about China.")
    locked = tmp_path / "private"
    write(locked, "secret.txt", "Japan is concerned about Russia.")
    os.chmod(locked, 0)
    try:
        corpus = ingest(tmp_path)  # returns: a FIFO is never opened
    finally:
        os.chmod(locked, 0o755)
    reasons = {s.path: s.reason for s in corpus.skipped}
    assert "not a regular file" in reasons["doc.txt"]
    if not os.access(locked, os.R_OK) or os.geteuid() != 0:  # root reads any folder
        assert "folder not readable" in reasons["private/"]


def _peak_rss_of_facts(corpus, out) -> tuple[subprocess.CompletedProcess, int]:
    """Run `briefing facts` in a child; its peak resident memory in bytes (Linux: ru_maxrss in KiB)."""
    code = ("import resource, sys\nfrom flows.cli import main\nrc = main(sys.argv[1:])\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\nsys.exit(rc)\n")
    res = subprocess.run([sys.executable, "-c", code, "facts", str(corpus), "--json", str(out)], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    return res, int(res.stderr.strip().splitlines()[-1]) * 1024


def test_a_file_of_a_million_lines_is_skipped_with_its_reason_and_memory_stays_bounded(tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus, "note.txt", "Lisbon, 3 May 2021\n\nThe minister said Portugal regards Spain as a close partner.\n")
    with (corpus / "dump.txt").open("w", encoding="utf-8") as f:
        for i in range(1_000_000):
            f.write(("ok", "no", "yes")[i % 3] + "\n")
    res, peak = _peak_rss_of_facts(corpus, tmp_path / "f.json")
    assert res.returncode == 0, res.stderr
    assert "source not used: dump.txt (1,000,000 lines, over the limit of 100,000 a document may have" in res.stderr
    assert peak < 500 * 2**20, f"peak {peak / 2**20:.0f} MiB"


def test_five_thousand_small_files_stay_within_memory(tmp_path):
    corpus = tmp_path / "corpus"
    for i in range(5_000):
        write(corpus, f"d{i:05d}.txt", f"Bulletin {i}\n\n{1 + i % 28} March 2020\n\nOfficials met in Riga on item {i} of the agenda.\n")
    res, peak = _peak_rss_of_facts(corpus, tmp_path / "f.json")
    assert res.returncode == 0, res.stderr
    assert "5000 documents" in res.stderr
    assert peak < 500 * 2**20, f"peak {peak / 2**20:.0f} MiB"


def test_sources_over_the_document_limit_are_counted_not_listed_one_by_one(tmp_path):
    corpus = tmp_path / "corpus"
    for i in range(30):
        write(corpus, f"n{i:02d}.txt", f"Note {i}\n\n{1 + i} May 2020\n\nDelegates met in Vilnius on point {i}.\n")
    res = subprocess.run([sys.executable, "-m", "flows.cli", "facts", str(corpus), "--json", str(tmp_path / "f.json")],
                         cwd=ROOT, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "BRIEFING_MAX_DOCUMENTS": "3"})
    assert res.returncode == 0, res.stderr
    listed = [line for line in res.stderr.splitlines() if "source not used: " in line]
    assert len(listed) == 20 and all(line.endswith("(over the limit of 3 documents)") for line in listed)
    assert "briefing: warning: 7 more sources not used (over the limit of 3 documents)" in res.stderr.splitlines()
    assert "3 documents" in res.stderr
