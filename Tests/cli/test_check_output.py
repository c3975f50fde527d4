"""`marginalia check` reports agree with each other and with the bytes of the files, also when
the report is large enough to be written in several chunks and when the reader stops early.

MARGINALIA_BIN names the binary (default: .build/debug/marginalia under the repository).
"""

import json
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("MARGINALIA_BIN", str(REPO / ".build" / "debug" / "marginalia"))

# Unknown citation keys on long lines with non-ASCII text before them, several per line,
# so columns and code-point offsets depend on counting scalars and not bytes.
LINE = "Überblick — “quoted” 😀 text [@missing{n}a] then é [@missing{n}b] and [@missing{n}c].\n"


def run(arguments, cwd, **kwargs):
    if not os.path.exists(BINARY):
        pytest.skip(f"binary not built: {BINARY}")
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run([BINARY, *arguments], cwd=cwd, capture_output=True, env=env, timeout=300, **kwargs)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("check-output")
    (root / "marginalia.json").write_text('{ "documents": ["texts/*.md"], "sources": ["refs.bib"] }\n')
    (root / "refs.bib").write_text("@book{known2020, author = {A. Author}, title = {T}, year = {2020}}\n")
    texts = root / "texts"
    texts.mkdir()
    for index in range(3):
        lines = [LINE.format(n=f"{index}x{n}") for n in range(1500)]
        (texts / f"doc{index}.md").write_text("# Title\n\n" + "\r\n".join(line.rstrip("\n") for line in lines[:5]) + "\n"
                                             + "".join(lines[5:]) + "Cited [@known2020].\n", encoding="utf-8")
    return root


def test_json_text_and_sarif_agree_with_the_file_bytes(corpus):
    as_json = run(["check", "--no-progress", "--format", "json"], corpus)
    as_text = run(["check", "--no-progress"], corpus)
    as_sarif = run(["check", "--no-progress", "--format", "sarif"], corpus)
    assert as_json.returncode == as_text.returncode == as_sarif.returncode == 1
    report = json.loads(as_json.stdout)
    findings = report["findings"]
    assert len(findings) >= 3 * 1500 * 3
    assert report["summary"]["errors"] == sum(1 for f in findings if f["severity"] == "error")
    text_lines = as_text.stdout.decode().splitlines()
    assert len(text_lines) == len(findings)
    results = json.loads(as_sarif.stdout)["runs"][0]["results"]
    assert len(results) == len(findings)
    contents = {}
    for finding, line, result in zip(findings, text_lines, results):
        data = contents.setdefault(finding["file"], (corpus / finding["file"]).read_bytes())
        start, end = finding["range"]["start"], finding["range"]["end"]
        line_start = max(data.rfind(b"\n", 0, start["offset"]), data.rfind(b"\r", 0, start["offset"])) + 1
        assert start["line"] == data.count(b"\n", 0, start["offset"]) + 1
        assert start["column"] == len(data[line_start:start["offset"]].decode()) + 1
        assert line == f'{finding["file"]}:{start["line"]}:{start["column"]}: {finding["severity"]}: {finding["message"]} [{finding["rule"]}]'
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (start["line"], start["column"])
        assert (region["endLine"], region["endColumn"]) == (end["line"], end["column"])
        assert region["charOffset"] == len(data[:start["offset"]].decode())
        assert region["charLength"] == len(data[start["offset"]:end["offset"]].decode())
        assert result["ruleId"] == finding["rule"]


def test_baseline_written_from_a_large_report_suppresses_all_of_it(corpus, tmp_path):
    baseline = tmp_path / "baseline.json"
    written = run(["check", "--no-progress", "--write-baseline", str(baseline)], corpus)
    assert written.returncode == 1
    prints = json.loads(baseline.read_text())["fingerprints"]
    assert len(prints) == len(set(prints)) == len(written.stdout.decode().splitlines())
    quiet = run(["check", "--no-progress", "--baseline", str(baseline), "--format", "json"], corpus)
    assert quiet.returncode == 0, quiet.stderr
    assert json.loads(quiet.stdout)["findings"] == []
    assert f"({len(prints)} in the baseline)" in quiet.stderr.decode()


def test_a_reader_that_stops_early_ends_the_run_quietly(corpus):
    if not os.path.exists(BINARY):
        pytest.skip(f"binary not built: {BINARY}")
    env = dict(os.environ, NO_COLOR="1")
    process = subprocess.Popen([BINARY, "check", "--no-progress", "--format", "json"], cwd=corpus, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.read(100)
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=300) == 0, stderr
    assert first.startswith(b"{\n  \"version\": 1,")
    assert b"Fatal error" not in stderr
