#!/usr/bin/env python3
"""Drives `marginalia lsp` over stdio and measures it, with a minimal JSON-RPC client.

No LSP library: one blocking, single-threaded loop (select + os.read) keeps the client's
own overhead to a few tens of microseconds per request, and a trivial request measured in
the same session (an unknown method, answered -32601) is the baseline that overhead and the
pipe round-trip are judged against.

  lsp_bench.py --server BIN --index-corpus out/corpus-100mb --latency-corpus out/corpus-10k

Measures:
  index      time from `initialize` sent to the end of `$/progress` (and to the answer of a
             request sent right after `initialized`, which the server holds until indexed);
             VmRSS/VmHWM of the server after indexing.
  latency    p50/p99 of hover, definition, references, completion over N requests each, on
             positions of real citations, mentions and note markers in documents of the corpus.
  didChange  an edit to a 1 MB document (texts/big.md) to its publishDiagnostics (pushed, so
             including the server's debounce), and to the answer of a textDocument/diagnostic
             pull sent right after the edit.

Prints a report and, with --json, writes the figures. Exits 0 unless the server cannot run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import select
import subprocess
import sys
import time
from pathlib import Path


class ServerGone(Exception):
    """The server closed its output or exited."""


class Client:
    """A blocking JSON-RPC client over the server's stdin/stdout pipes."""

    def __init__(self, argv: list[str], cwd: str, stderr_path: str):
        self.stderr = open(stderr_path, "wb")
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.stderr, bufsize=0)
        self.fd_in = self.proc.stdin.fileno()
        self.fd_out = self.proc.stdout.fileno()
        self.buffer = bytearray()
        self.next_id = 0
        self.notifications: list[tuple[float, dict]] = []  # (arrival time, message)
        self.progress_end: float | None = None
        self.diagnostics: dict[str, list[tuple[float, int | None, int]]] = {}  # uri -> (time, version, count)
        self.encoding = "utf-16"

    # -- framing -----------------------------------------------------------

    def _pump(self, timeout: float) -> bool:
        """Reads what is available within `timeout`; False on timeout."""
        ready, _, _ = select.select([self.fd_out], [], [], timeout)
        if not ready:
            return False
        chunk = os.read(self.fd_out, 1 << 20)
        if not chunk:
            raise ServerGone("server closed its output")
        self.buffer += chunk
        return True

    def _frame(self) -> bytes | None:
        """One complete message body from the buffer, or None."""
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return None
        length = None
        for line in bytes(self.buffer[:end]).split(b"\r\n"):
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        if length is None:
            raise ServerGone("frame without Content-Length")
        start = end + 4
        if len(self.buffer) < start + length:
            return None
        body = bytes(self.buffer[start:start + length])
        del self.buffer[:start + length]
        return body

    def write(self, message: dict) -> None:
        body = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.write_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def write_raw(self, data: bytes) -> None:
        """Writes all of `data`, draining the server's output meanwhile so neither side blocks."""
        view = memoryview(data)
        while view:
            readable, writable, _ = select.select([self.fd_out], [self.fd_in], [], 30)
            if readable:
                chunk = os.read(self.fd_out, 1 << 20)
                if not chunk:
                    raise ServerGone("server closed its output")
                self.buffer += chunk
            if writable:
                written = os.write(self.fd_in, view[:65536])
                view = view[written:]
            if not readable and not writable:
                raise ServerGone("server neither reads nor writes for 30 s")

    # -- messages ----------------------------------------------------------

    def _dispatch(self, arrived: float, message: dict) -> None:
        """Handles a message that is not the awaited response."""
        method = message.get("method")
        if method is None:
            return  # a stale response
        if "id" in message:  # a request from the server: answer at once
            result = None
            if method == "workspace/configuration":
                result = [None] * len(message.get("params", {}).get("items", []))
            self.write({"jsonrpc": "2.0", "id": message["id"], "result": result})
            return
        params = message.get("params") or {}
        if method == "$/progress" and (params.get("value") or {}).get("kind") == "end":
            self.progress_end = arrived
        elif method == "textDocument/publishDiagnostics":
            self.diagnostics.setdefault(params.get("uri"), []).append(
                (arrived, params.get("version"), len(params.get("diagnostics") or [])))
        self.notifications.append((arrived, message))

    def poll(self, timeout: float) -> None:
        """Handles everything that arrives within `timeout` seconds."""
        deadline = time.perf_counter() + timeout
        while True:
            body = self._frame()
            if body is not None:
                self._dispatch(time.perf_counter(), json.loads(body))
                continue
            left = deadline - time.perf_counter()
            if left <= 0 or not self._pump(left):
                return

    def wait_for(self, condition, timeout: float) -> bool:
        """Pumps messages until `condition()` holds; False on timeout."""
        deadline = time.perf_counter() + timeout
        while not condition():
            body = self._frame()
            if body is not None:
                self._dispatch(time.perf_counter(), json.loads(body))
                continue
            left = deadline - time.perf_counter()
            if left <= 0:
                return False
            self._pump(left)
        return True

    def send_request(self, method: str, params) -> int:
        self.next_id += 1
        self.write({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.next_id

    def await_response(self, ident: int, timeout: float) -> tuple[float, dict]:
        """(arrival time of the complete frame, decoded response)."""
        deadline = time.perf_counter() + timeout
        while True:
            body = self._frame()
            if body is not None:
                arrived = time.perf_counter()
                # Cheap id test before decoding, so the timestamp is taken before json.loads.
                message = json.loads(body)
                if message.get("id") == ident and "method" not in message:
                    return arrived, message
                self._dispatch(arrived, message)
                continue
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no answer to request {ident} in {timeout} s")
            self._pump(left)

    def request(self, method: str, params, timeout: float = 60) -> tuple[float, dict]:
        """(client-observed seconds, response) of one request."""
        self.next_id += 1
        body = json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        frame = b"Content-Length: %d\r\n\r\n" % len(body) + body
        started = time.perf_counter()
        self.write_raw(frame)
        arrived, response = self.await_response(self.next_id, timeout)
        return arrived - started, response

    def notify(self, method: str, params) -> None:
        self.write({"jsonrpc": "2.0", "method": method, "params": params})

    # -- lifecycle ---------------------------------------------------------

    def memory(self) -> dict:
        """VmRSS and VmHWM of the server in MB, from /proc."""
        out = {}
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith(("VmRSS:", "VmHWM:")):
                    name, value = line.split(":", 1)
                    out[name] = int(value.split()[0]) / 1024
        except OSError:
            pass
        return out

    def close(self) -> None:
        try:
            ident = self.send_request("shutdown", None)
            self.await_response(ident, 10)
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        except (ServerGone, TimeoutError, subprocess.TimeoutExpired, BrokenPipeError, OSError):
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
        self.stderr.close()


def file_uri(path: Path) -> str:
    from urllib.parse import quote
    return "file://" + quote(str(path.resolve()))


def initialize(client: Client, root: Path, timeout: float) -> dict:
    """initialize + initialized; returns timings (seconds from initialize sent)."""
    capabilities = {
        "general": {"positionEncodings": ["utf-8", "utf-16"]},
        "window": {"workDoneProgress": True},
        "workspace": {"workspaceFolders": True, "configuration": True,
                      "didChangeWatchedFiles": {"dynamicRegistration": True}},
        "textDocument": {
            "synchronization": {"didSave": True},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "definition": {}, "references": {},
            # As VS Code does: cards are fetched with completionItem/resolve for the item shown.
            "completion": {"completionItem": {"snippetSupport": False, "documentationFormat": ["markdown", "plaintext"],
                                              "resolveSupport": {"properties": ["documentation", "detail"]}}},
            "publishDiagnostics": {"versionSupport": True},
        },
    }
    params = {"processId": os.getpid(), "rootUri": file_uri(root), "capabilities": capabilities,
              "workspaceFolders": [{"uri": file_uri(root), "name": root.name}], "clientInfo": {"name": "lsp_bench"}}
    started = time.perf_counter()
    ident = client.send_request("initialize", params)
    arrived, response = client.await_response(ident, 60)
    result = response.get("result") or {}
    client.encoding = result.get("capabilities", {}).get("positionEncoding", "utf-16")
    client.notify("initialized", {})
    # The server holds requests until indexed: the answer to this one marks the index complete.
    probe = client.send_request("workspace/symbol", {"query": "zzqqxx-no-such-symbol"})
    probe_at, _ = client.await_response(probe, timeout)
    client.wait_for(lambda: client.progress_end is not None, 3)
    return {"initialize_s": arrived - started, "first_request_s": probe_at - started,
            "progress_end_s": (client.progress_end - started) if client.progress_end else None}


# ---------------------------------------------------------------------------
# Positions on real markup


def lsp_position(text: bytes, offset: int, encoding: str) -> dict:
    line_start = text.rfind(b"\n", 0, offset) + 1
    line = text.count(b"\n", 0, offset)
    prefix = text[line_start:offset]
    if encoding == "utf-8":
        character = len(prefix)
    else:
        decoded = prefix.decode("utf-8", errors="replace")
        character = len(decoded) if encoding == "utf-32" else len(decoded.encode("utf-16-le")) // 2
    return {"line": line, "character": character}


CITATION = re.compile(rb"@([a-z]+\d{4}[a-z]+)")
EXPLICIT_MENTION = re.compile(rb"\[\[([a-z0-9-]+)")
NOTE_MARKER = re.compile(rb"\[\^([A-Za-z0-9]+)\](?!:)")
SPAN_ID = re.compile(rb"\]\{\.[a-z-]+ #([a-z]-[a-z0-9-]+)")


def find_targets(text: bytes, implicit_names: list[bytes]) -> dict[str, list[int]]:
    """Byte offsets inside real citations, mentions and note markers, outside code blocks."""
    fences = [m.span() for m in re.finditer(rb"```.*?```", text, re.S)]

    def in_code(offset: int) -> bool:
        return any(a <= offset < b for a, b in fences)

    found: dict[str, list[int]] = {"citation": [], "mention": [], "implicit": [], "note": [], "span": [],
                                   "complete-key": [], "complete-entity": []}
    for m in CITATION.finditer(text):
        if not in_code(m.start()):
            found["citation"].append(m.start(1) + 2)
            found["complete-key"].append(m.start(1) + 2)  # as if "@" + 2 letters were typed
    for m in EXPLICIT_MENTION.finditer(text):
        if not in_code(m.start()):
            found["mention"].append(m.start(1) + 1)
            found["complete-entity"].append(m.start(1) + 2)
    for m in NOTE_MARKER.finditer(text):
        if not in_code(m.start()):
            found["note"].append(m.start(1))
    for m in SPAN_ID.finditer(text):
        if not in_code(m.start()):
            found["span"].append(m.start(1) + 1)  # on the span's #id
    for name in implicit_names:
        start = 0
        while (at := text.find(name, start)) >= 0:
            start = at + len(name)
            before = text[at - 1:at]
            if before not in (b"[", b"|") and not in_code(at):
                found["implicit"].append(at + 1)
    return found


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def summary(values: list[float]) -> dict:
    return {"n": len(values), "p50_ms": pct(values, 50) * 1e3, "p99_ms": pct(values, 99) * 1e3,
            "max_ms": max(values) * 1e3, "mean_ms": sum(values) / len(values) * 1e3}


# ---------------------------------------------------------------------------
# Sessions


def index_session(binary: str, corpus: Path, timeout: float, log_dir: Path) -> dict:
    client = Client([binary, "lsp"], str(corpus), str(log_dir / f"lsp-{corpus.name}.stderr"))
    try:
        timings = initialize(client, corpus, timeout)
        timings["memory_mb"] = client.memory()
        timings["corpus_mb"] = sum(p.stat().st_size for p in corpus.rglob("*.md")) / 1e6
        return timings
    finally:
        client.close()


def latency_session(binary: str, corpus: Path, requests: int, timeout: float, log_dir: Path,
                    open_docs: int, seed: int) -> dict:
    rng = random.Random(seed)
    client = Client([binary, "lsp"], str(corpus), str(log_dir / f"lsp-{corpus.name}.stderr"))
    results: dict = {}
    try:
        results["index"] = initialize(client, corpus, timeout)
        results["memory_after_index_mb"] = client.memory()
        documents = sorted((corpus / "texts").rglob("d*.md"))
        results["documents"] = len(documents) + (1 if (corpus / "texts" / "big.md").exists() else 0)
        entities = json.loads((corpus / "entities.json").read_text(encoding="utf-8"))["entities"]
        names = sorted({e["name"].encode() for e in entities.values() if len(e["name"]) >= 6})

        # Open a sample of documents, as an editor would, and collect positions in them.
        chosen = rng.sample(documents, min(open_docs, len(documents)))
        targets: dict[str, list[tuple[str, dict]]] = {}
        for path in chosen:
            text = path.read_bytes()
            uri = file_uri(path)
            client.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "markdown", "version": 1, "text": text.decode("utf-8")}})
            for kind, offsets in find_targets(text, names).items():
                for offset in offsets:
                    targets.setdefault(kind, []).append((uri, lsp_position(text, offset, client.encoding)))
        # Let the opens settle: every opened document gets its first diagnostics, then quiet.
        opened = {file_uri(path) for path in chosen}
        settle_started = time.perf_counter()
        client.wait_for(lambda: opened <= client.diagnostics.keys(), timeout)
        results["open_to_all_diagnostics_s"] = time.perf_counter() - settle_started
        results["opened"] = len(chosen)
        client.poll(0.5)
        results["targets"] = {k: len(v) for k, v in targets.items()}

        def positions(mix: list[tuple[str, float]], count: int) -> list[tuple[str, str, dict]]:
            out = []
            kinds = [k for k, _ in mix if targets.get(k)]
            weights = [w for k, w in mix if targets.get(k)]
            for _ in range(count):
                kind = rng.choices(kinds, weights)[0]
                out.append((kind, *rng.choice(targets[kind])))
            return out

        noop = ("marginalia/benchNoSuchMethod", {})
        resolve_points: list[tuple[str, dict]] = []

        def run(method: str, params_of, points) -> dict:
            """Each request paired with a baseline request right before it, so both see the same machine."""
            times, base, by_kind, sizes, empty = [], [], {}, [], 0
            shown: list[tuple[str, dict]] = []  # completion: the first item of each answer, to resolve
            for kind, uri, position in points:
                base.append(client.request(*noop, timeout=30)[0])
                seconds, response = client.request(method, params_of(uri, position), timeout=30)
                times.append(seconds)
                by_kind.setdefault(kind, []).append(seconds)
                result = response.get("result")
                if isinstance(result, dict) and "items" in result:
                    result = result["items"]
                if "error" in response or not result:
                    empty += 1
                sizes.append(len(result) if isinstance(result, list) else 1 if result else 0)
                if method == "textDocument/completion" and isinstance(result, list) and result:
                    shown.append((kind, result[0]))
            if shown:
                resolve_points.extend(shown)
            out = {**summary(times), "empty_results": empty, "baseline": summary(base),
                   "mean_results": sum(sizes) / len(sizes), "max_results": max(sizes),
                   "by_target": {k: summary(v) for k, v in by_kind.items()}}
            return out

        # Baselines: an unknown method (-32601) and a workspace/symbol query that matches nothing.
        for _ in range(min(100, requests)):  # warm-up: caches, allocator, branch predictors
            client.request(*noop, timeout=30)
        baseline = []
        for _ in range(requests):
            seconds, response = client.request(*noop, timeout=30)
            baseline.append(seconds)
        results["baseline_unknown_method"] = summary(baseline)
        results["baseline_error_code"] = (response.get("error") or {}).get("code")
        symbol = [client.request("workspace/symbol", {"query": "zzqqxx-no-such-symbol"})[0] for _ in range(min(50, requests))]
        results["workspace_symbol_nomatch"] = summary(symbol)

        mix = [("citation", 0.45), ("mention", 0.2), ("implicit", 0.15), ("note", 0.1), ("span", 0.1)]
        doc_position = lambda uri, pos: {"textDocument": {"uri": uri}, "position": pos}
        for method, params_of, point_mix in [
            ("textDocument/hover", doc_position, mix),
            ("textDocument/definition", doc_position, mix),
            ("textDocument/references", lambda uri, pos: {**doc_position(uri, pos), "context": {"includeDeclaration": True}}, mix),
            ("textDocument/completion", lambda uri, pos: {**doc_position(uri, pos), "context": {"triggerKind": 1}},
             [("complete-key", 0.7), ("complete-entity", 0.3)]),
        ]:
            results[method] = run(method, params_of, positions(point_mix, requests))
        # The documentation of the item an editor shows first, resolved as VS Code does.
        if resolve_points:
            results["completionItem/resolve"] = run("completionItem/resolve", lambda uri, item: item,
                                                    [(kind, "", item) for kind, item in resolve_points])
        # References on one citation key: how many locations came back (for context).
        ref_uri, ref_pos = targets["citation"][0]
        _, ref_response = client.request("textDocument/references", {
            "textDocument": {"uri": ref_uri}, "position": ref_pos, "context": {"includeDeclaration": True}})
        results["references_sample_locations"] = len(ref_response.get("result") or [])

        baseline_end = [client.request("marginalia/benchNoSuchMethod", {}, timeout=30)[0] for _ in range(requests)]
        results["baseline_unknown_method_end"] = summary(baseline_end)
        results["didChange"] = did_change(client, corpus, rng)
        results["memory_end_mb"] = client.memory()
        return results
    finally:
        client.close()


def did_change(client: Client, corpus: Path, rng: random.Random, rounds: int = 20) -> dict:
    """Edits the 1 MB texts/big.md: pushed diagnostics and pulled diagnostics after each edit."""
    path = corpus / "texts" / "big.md"
    if not path.exists():
        return {"skipped": "no texts/big.md (generate with --big-doc-kb 1024)"}
    text = path.read_bytes()
    uri = file_uri(path)
    version = 1
    opened = time.perf_counter()
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": version, "text": text.decode("utf-8")}})
    got = client.wait_for(lambda: uri in client.diagnostics, 10)
    out: dict = {"size_mb": len(text) / 1e6, "open_to_diagnostics_ms": (time.perf_counter() - opened) * 1e3 if got else None}
    lines = text.split(b"\n")
    # Prose lines only (not in fenced code, headings, quotes or note definitions), where a citation counts.
    prose, fenced = [], False
    for i, line in enumerate(lines):
        if line.startswith(b"```"):
            fenced = not fenced
        elif not fenced and len(line) > 20 and line[:1].isalpha() and len(lines) // 3 <= i <= 2 * len(lines) // 3:
            prose.append(i)
    middle = prose

    def edit(n: int) -> dict:
        line = rng.choice(middle)
        end = lsp_position(text, sum(len(l) + 1 for l in lines[:line]) + len(lines[line]), client.encoding)
        # A new unknown key each time, so the diagnostics change and are pushed.
        return {"range": {"start": end, "end": end}, "text": f" [@benchmissing{n}]"}

    pushed, pulled = [], []
    for n in range(rounds):
        version += 1
        before = len(client.diagnostics.get(uri, []))
        started = time.perf_counter()
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                "contentChanges": [edit(n)]})
        if client.wait_for(lambda: len(client.diagnostics.get(uri, [])) > before, 5):
            pushed.append(client.diagnostics[uri][-1][0] - started)
        client.poll(0.12)  # past the debounce, so the next edit starts from quiet
    for n in range(rounds, 2 * rounds):
        version += 1
        started = time.perf_counter()
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                "contentChanges": [edit(n)]})
        ident = client.send_request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
        arrived, response = client.await_response(ident, 30)
        if "result" in response:
            pulled.append(arrived - started)
        client.poll(0.12)
    if pushed:
        out["pushed"] = summary(pushed)
    if pulled:
        out["pulled"] = summary(pulled)
    out["rounds"] = rounds
    return out


# ---------------------------------------------------------------------------
# Report


def report(results: dict) -> str:
    lines = []
    idx = results.get("index_100mb")
    if idx:
        lines.append(f"index {idx['corpus_mb']:.0f} MB: first answer after {idx['first_request_s']:.2f} s, "
                     f"$/progress end {idx['progress_end_s'] if idx['progress_end_s'] is None else round(idx['progress_end_s'], 2)} s "
                     f"(budget < 2 s); VmRSS {idx['memory_mb'].get('VmRSS', 0):.0f} MB, "
                     f"VmHWM {idx['memory_mb'].get('VmHWM', 0):.0f} MB "
                     f"({idx['memory_mb'].get('VmRSS', 0) / max(idx['corpus_mb'], 1e-9):.2f}x corpus)")
    lat = results.get("latency")
    if lat:
        base = lat["baseline_unknown_method"]
        lines.append(f"latency corpus: {lat['documents']} documents, index {lat['index']['first_request_s']:.2f} s, "
                     f"VmRSS {lat['memory_after_index_mb'].get('VmRSS', 0):.0f} MB; positions {lat['targets']}")
        lines.append(f"  baseline (unknown method -> {lat['baseline_error_code']}): p50 {base['p50_ms']:.3f} ms, "
                     f"p99 {base['p99_ms']:.3f} ms (after the four methods: p50 {lat['baseline_unknown_method_end']['p50_ms']:.3f}, "
                     f"p99 {lat['baseline_unknown_method_end']['p99_ms']:.3f} ms); "
                     f"workspace/symbol no match p50 {lat['workspace_symbol_nomatch']['p50_ms']:.3f} ms")
        if lat.get("open_to_all_diagnostics_s") is not None:
            lines.append(f"  didOpen of {lat.get('opened')} documents -> all their diagnostics "
                         f"{lat['open_to_all_diagnostics_s']:.2f} s")
        lines.append(f"  {'method':<26} {'n':>5} {'p50 ms':>8} {'p99 ms':>8} {'base p50':>9} {'p50-base':>9} {'p99-base':>9} "
                     f"{'p99/base':>9} {'empty':>6} {'results':>8}")
        for method in ("textDocument/hover", "textDocument/definition", "textDocument/references", "textDocument/completion",
                       "completionItem/resolve"):
            s = lat.get(method)
            if not s:
                continue
            b = s["baseline"]["p50_ms"]
            lines.append(f"  {method:<26} {s['n']:>5} {s['p50_ms']:>8.3f} {s['p99_ms']:>8.3f} {b:>9.3f} "
                         f"{s['p50_ms'] - b:>9.3f} {s['p99_ms'] - b:>9.3f} {s['p99_ms'] / b:>9.1f} {s['empty_results']:>6} "
                         f"{s['mean_results']:>8.1f}")
            lines.append("      by target: " + "; ".join(
                f"{kind} p50 {v['p50_ms']:.3f} p99 {v['p99_ms']:.3f} max {v['max_ms']:.1f} (n={v['n']})"
                for kind, v in sorted(s["by_target"].items())))
        lines.append("  (base p50: a -32601 request sent right before each request; p99-base estimates the server time "
                     "at p99; budget p99 < 1 ms for hover, definition, completion; results = mean items or locations; "
                     "completionItem/resolve: the first item of each completion answer)")
        lines.append(f"  references on one citation key returned {lat['references_sample_locations']} locations")
        dc = lat.get("didChange", {})
        if "skipped" in dc:
            lines.append(f"  didChange: skipped ({dc['skipped']})")
        else:
            parts = [f"didChange on {dc['size_mb']:.2f} MB:"]
            if dc.get("open_to_diagnostics_ms") is not None:
                parts.append(f"didOpen->diagnostics {dc['open_to_diagnostics_ms']:.1f} ms;")
            if "pushed" in dc:
                parts.append(f"->publishDiagnostics p50 {dc['pushed']['p50_ms']:.1f} ms, max {dc['pushed']['max_ms']:.1f} ms "
                             f"(n={dc['pushed']['n']}/{dc['rounds']});")
            if "pulled" in dc:
                parts.append(f"->textDocument/diagnostic answer p50 {dc['pulled']['p50_ms']:.1f} ms, "
                             f"max {dc['pulled']['max_ms']:.1f} ms (budget < 10 ms)")
            lines.append("  " + " ".join(parts))
        lines.append(f"  VmRSS at end {lat['memory_end_mb'].get('VmRSS', 0):.0f} MB, VmHWM {lat['memory_end_mb'].get('VmHWM', 0):.0f} MB")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server", required=True, help="the marginalia binary")
    ap.add_argument("--index-corpus", help="corpus for the index-time session (100 MB)")
    ap.add_argument("--latency-corpus", help="corpus for the latency session (10,000 documents + texts/big.md)")
    ap.add_argument("--requests", type=int, default=1000, help="requests per method")
    ap.add_argument("--open-docs", type=int, default=100, help="documents opened for the latency session")
    ap.add_argument("--timeout", type=float, default=300, help="seconds to wait for an index")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--log-dir", default=None, help="where server stderr goes (default: beside --json or /tmp)")
    args = ap.parse_args()
    log_dir = Path(args.log_dir or (Path(args.json).parent if args.json else "/tmp"))
    log_dir.mkdir(parents=True, exist_ok=True)
    results: dict = {"server": args.server}
    try:
        if args.index_corpus:
            results["index_100mb"] = index_session(args.server, Path(args.index_corpus), args.timeout, log_dir)
        if args.latency_corpus:
            results["latency"] = latency_session(args.server, Path(args.latency_corpus), args.requests, args.timeout,
                                                 log_dir, args.open_docs, args.seed)
    except (ServerGone, TimeoutError, OSError) as error:
        print(f"lsp_bench: the server failed: {error} (stderr in {log_dir})", file=sys.stderr)
        results["error"] = str(error)
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
        print(report(results))
        return 1
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
