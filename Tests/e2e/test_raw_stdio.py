"""The server over raw stdio: hostile bytes, then a valid request that must still be answered."""

import json
import queue
import subprocess
import threading

import pytest
from lsp_helpers import SERVER_COMMAND


class RawServer:
    """`marginalia lsp` as a subprocess, with frames written and read by hand."""

    def __init__(self, root):
        self.process = subprocess.Popen(SERVER_COMMAND, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=None)
        self.messages = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.root = root

    def _read(self):
        stream = self.process.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            self.messages.put(json.loads(stream.read(int(headers["content-length"]))))

    def write_frame(self, body: bytes, header: bytes | None = None):
        self.process.stdin.write((header if header is not None else b"Content-Length: %d\r\n\r\n" % len(body)) + body)
        self.process.stdin.flush()

    def send(self, message: dict):
        self.write_frame(json.dumps(message).encode("utf-8"))

    def response(self, request_id, timeout: float = 60.0) -> dict:
        """The response with `request_id`, skipping notifications."""
        while True:
            message = self.messages.get(timeout=timeout)
            if "method" not in message and message.get("id") == request_id:
                return message

    def request(self, method: str, params=None) -> dict:
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return self.response(self.next_id)

    def initialize(self):
        uri = self.root.as_uri()
        assert "result" in self.request("initialize", {"processId": None, "rootUri": uri, "capabilities": {}})
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def hover(self, uri: str, line: int, character: int) -> dict:
        return self.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})

    def close(self) -> int:
        if self.process.poll() is None:
            self.process.stdin.close()
        return self.process.wait(timeout=10)


@pytest.fixture
def server(corpus):
    raw = RawServer(corpus)
    raw.initialize()
    yield raw
    if raw.process.poll() is None:
        raw.process.kill()
        raw.process.wait()


def still_serving(server: RawServer):
    uri = (server.root / "texts" / "izyum-shield.md").as_uri()
    answer = server.hover(uri, 34, 41)  # [[hrw]] on line 35
    assert "Human Rights Watch" in answer["result"]["contents"]["value"]


def test_malformed_json_gets_32700_with_null_id(server):
    server.write_frame(b'{"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {')
    answer = server.messages.get(timeout=60)
    assert answer["id"] is None
    assert answer["error"]["code"] == -32700
    still_serving(server)


def test_bogus_content_length(server):
    server.write_frame(b'{"jsonrpc": "2.0", "method": "initialized"}', header=b"Content-Length: banana\r\n\r\n")
    still_serving(server)


def test_invalid_params_gets_32602(server):
    answer = server.request("textDocument/hover", {"textDocument": 5, "position": "nowhere"})
    assert answer["error"]["code"] == -32602
    still_serving(server)


def test_lone_surrogate_escape_in_did_change(server):
    uri = (server.root / "texts" / "surrogate.md").as_uri()
    server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": "placeholder\n"}}})
    # json.dumps would escape a Python surrogate the same way a JavaScript client does: "\ud800".
    body = (b'{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "' + uri.encode()
            + b'", "version": 2}, "contentChanges": [{"text": "\\ud800 [@hrw2023landmines]\\n"}]}}')
    server.write_frame(body)
    # The surrogate became U+FFFD (one UTF-16 unit): "\ufffd [@" puts the key at column 4.
    answer = server.hover(uri, 0, 5)
    assert answer["result"]["range"]["start"] == {"line": 0, "character": 4}
    assert "Banned Landmines" in answer["result"]["contents"]["value"]
    still_serving(server)


def test_invalid_utf8_in_did_open(server):
    uri = (server.root / "texts" / "bytes.md").as_uri()
    body = (b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "' + uri.encode()
            + b'", "languageId": "markdown", "version": 1, "text": "\xff\xfe [@hrw2023landmines]\\n"}}}')
    server.write_frame(body)
    answer = server.hover(uri, 0, 5)
    assert answer["result"] is not None and "Banned Landmines" in answer["result"]["contents"]["value"]
    still_serving(server)


def test_end_of_input_without_shutdown_exits_1(server):
    still_serving(server)
    assert server.close() == 1


def test_shutdown_then_exit_exits_0(server):
    assert server.request("shutdown")["result"] is None
    server.send({"jsonrpc": "2.0", "method": "exit"})
    assert server.process.wait(timeout=10) == 0
