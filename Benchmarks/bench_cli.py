#!/usr/bin/env python3
"""Times `marginalia check` against grep on the same files, and the 72,000-entry .bib.

  bench_cli.py --server BIN --corpus out/corpus-10mb --corpus out/corpus-100mb --bib out/bib-72k

Every command runs under `/usr/bin/time -v` (peak RSS is its "Maximum resident set size";
without GNU time, the same number comes from wait4's rusage), its wall time taken around
it with a monotonic clock, best and median of --runs. Files are read once beforehand, so
every run finds them in the page cache. Exits 0 unless a command cannot start.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GNU_TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None


def measure(argv: list[str], stdout_path: str = os.devnull) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit status) of one run, stdout to `stdout_path`."""
    with open(stdout_path, "wb") as out:
        if GNU_TIME:
            with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
                started = time.perf_counter()
                proc = subprocess.run([GNU_TIME, "-v", "-o", report.name, *argv], stdout=out, stderr=subprocess.DEVNULL)
                wall = time.perf_counter() - started
                text = Path(report.name).read_text()
            match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
            status = re.search(r"Exit status: (\d+)", text)
            return wall, int(match.group(1)) / 1024 if match else float("nan"), int(status.group(1)) if status else proc.returncode
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def repeat(argv: list[str], runs: int, first_stdout: str = os.devnull) -> dict:
    walls, rss, codes = [], [], []
    for run in range(runs):
        wall, peak, code = measure(argv, first_stdout if run == 0 else os.devnull)
        walls.append(wall)
        rss.append(peak)
        codes.append(code)
    return {"best_s": min(walls), "median_s": statistics.median(walls), "runs_s": walls,
            "peak_rss_mb": max(rss), "exit": codes[0]}


def corpus_bytes(folder: Path) -> tuple[int, int, int]:
    """(bytes of .md documents, bytes of every file, number of .md documents)."""
    md = total = count = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.name.startswith("."):
            size = path.stat().st_size
            total += size
            if path.suffix == ".md":
                md += size
                count += 1
    return md, total, count


def warm(folder: Path) -> None:
    subprocess.run(["grep", "-r", "-c", "--include=*.md", "--include=*.bib", "--include=*.json", "x", str(folder)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def findings_summary(path: str) -> dict:
    """Counts by rule in a `check --format json` output."""
    try:
        data = json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return {}
    items = data.get("findings", data) if isinstance(data, dict) else data
    counts: dict[str, int] = {}
    if isinstance(items, list):
        for item in items:
            rule = item.get("rule") or item.get("ruleId") or "?"
            counts[rule] = counts.get(rule, 0) + 1
    return counts


def bench_check(binary: str, corpus: Path, runs: int, out_dir: Path) -> dict:
    md, total, count = corpus_bytes(corpus)
    warm(corpus)
    grep = repeat(["grep", "-r", "-c", "--include=*.md", r"\[@", str(corpus)], runs)
    json_out = str(out_dir / f"check-{corpus.name}.json")
    check = repeat([binary, "check", "--no-progress", "--format", "json", str(corpus)], runs, json_out)
    mb = md / 1e6
    result = {
        "corpus": str(corpus), "documents": count, "documents_mb": mb, "corpus_mb": total / 1e6,
        "grep": grep, "check": check,
        "grep_mb_s": mb / grep["best_s"], "check_mb_s": mb / check["best_s"],
        "ratio_best": grep["best_s"] / check["best_s"], "ratio_median": grep["median_s"] / check["median_s"],
        "rss_per_corpus": check["peak_rss_mb"] / (total / 1e6),
        "findings": findings_summary(json_out),
    }
    return result


def bench_bib(binary: str, folder: Path, runs: int, out_dir: Path) -> dict:
    bib = folder / "references.bib"
    baseline_folder = folder.parent / (folder.name + "-baseline")
    warm(folder)
    entries = sum(1 for line in bib.open("rb") if line.startswith(b"@") and not line.lower().startswith((b"@string", b"@comment", b"@preamble")))
    json_out = str(out_dir / f"check-{folder.name}.json")
    with_bib = repeat([binary, "check", "--no-progress", "--format", "json", str(folder)], runs, json_out)
    without = repeat([binary, "check", "--no-progress", "--format", "json", str(baseline_folder)], runs)
    wc = repeat(["wc", "-l", str(bib)], runs)
    grep = repeat(["grep", "-c", "^@", str(bib)], runs)
    return {
        "bib": str(bib), "bib_mb": bib.stat().st_size / 1e6, "entries": entries,
        "check_with_bib": with_bib, "check_without_bib": without, "wc_l": wc, "grep_c": grep,
        "parse_s": with_bib["best_s"] - without["best_s"],
        "parse_rss_mb": with_bib["peak_rss_mb"] - without["peak_rss_mb"],
        "findings": findings_summary(json_out),
    }


def report(results: dict) -> str:
    lines = [f"peak RSS from {'/usr/bin/time -v' if GNU_TIME else 'wait4 rusage'}; times are best of "
             f"{results['runs']} (median in brackets)"]
    for item in results.get("check", []):
        g, c = item["grep"], item["check"]
        lines.append(
            f"check {item['documents_mb']:.1f} MB ({item['documents']} docs): "
            f"check {c['best_s']:.3f} s [{c['median_s']:.3f}] = {item['check_mb_s']:.1f} MB/s; "
            f"grep -c '\\[@' {g['best_s']:.3f} s [{g['median_s']:.3f}] = {item['grep_mb_s']:.1f} MB/s; "
            f"check/grep throughput {item['ratio_best'] * 100:.1f}% [{item['ratio_median'] * 100:.1f}%] (budget >= 10%)")
        lines.append(
            f"  check peak RSS {c['peak_rss_mb']:.0f} MB = {item['rss_per_corpus']:.2f}x corpus "
            f"({item['corpus_mb']:.1f} MB) (budget < 3x); grep RSS {g['peak_rss_mb']:.1f} MB; exit {c['exit']}; "
            f"findings {sum(item['findings'].values())}")
    bib = results.get("bib")
    if bib:
        lines.append(
            f"bib {bib['entries']} entries, {bib['bib_mb']:.1f} MB: check with it {bib['check_with_bib']['best_s']:.3f} s "
            f"[{bib['check_with_bib']['median_s']:.3f}], without {bib['check_without_bib']['best_s']:.3f} s -> "
            f"parse ~{bib['parse_s'] * 1e3:.0f} ms (budget < 300 ms), +{bib['parse_rss_mb']:.0f} MB RSS "
            f"(peak {bib['check_with_bib']['peak_rss_mb']:.0f} MB); wc -l {bib['wc_l']['best_s'] * 1e3:.1f} ms, "
            f"grep -c '^@' {bib['grep_c']['best_s'] * 1e3:.1f} ms; "
            f"parse/grep {bib['parse_s'] / bib['grep_c']['best_s']:.1f}x; findings {bib['findings']}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server", required=True, help="the marginalia binary")
    ap.add_argument("--corpus", action="append", default=[], help="corpus folder for check vs grep (repeatable)")
    ap.add_argument("--bib", help="folder written by generate_corpus.py --bib-entries (and its -baseline twin)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", help="write the figures here")
    args = ap.parse_args()
    if not shutil.which(args.server) and not os.access(args.server, os.X_OK):
        print(f"bench_cli: no binary at {args.server}", file=sys.stderr)
        return 1
    out_dir = Path(args.json).parent if args.json else Path(tempfile.gettempdir())
    results: dict = {"runs": args.runs, "check": []}
    for corpus in args.corpus:
        results["check"].append(bench_check(args.server, Path(corpus), args.runs, out_dir))
    if args.bib:
        results["bib"] = bench_bib(args.server, Path(args.bib), args.runs, out_dir)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
