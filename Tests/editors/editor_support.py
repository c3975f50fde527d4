"""Shared helpers and fixtures for the editor tests: paths, the server binary (MARGINALIA_BIN, else
<repo>/.build/debug/marginalia), a corpus copy, the probe's expectations, result readers.

No conftest.py here: Tests/e2e imports `from conftest`, and a second conftest module in the same
pytest run would shadow it. Test modules import the fixtures from this module instead.
"""

import json
import os
import pathlib
import shutil

import pytest


REPO = pathlib.Path(__file__).resolve().parents[2]
EDITORS = REPO / "editors"
CORPUS = REPO / "examples" / "corpus"

# The probe: `[[hrw]]` on line 35 (1-based) of izyum-shield.md; the entity's note and id.
PROBE_DOCUMENT = "texts/izyum-shield.md"
PROBE_ENTITY = "hrw"
PROBE_TARGET = "[[hrw]]"


def server_binary() -> pathlib.Path:
    """The marginalia binary the tests drive."""
    return pathlib.Path(os.environ.get("MARGINALIA_BIN") or REPO / ".build" / "debug" / "marginalia")


@pytest.fixture
def marginalia_bin() -> pathlib.Path:
    """The server binary; fails (not skips) when it is missing, since CI builds it first."""
    path = server_binary()
    assert path.is_file(), f"server binary not found at {path}; build it or set MARGINALIA_BIN"
    return path


@pytest.fixture
def corpus(tmp_path) -> pathlib.Path:
    """A copy of examples/corpus in a temporary folder, so that nothing the editor does touches the original."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def probe_position(document: pathlib.Path, needle: str = PROBE_TARGET) -> tuple[int, int]:
    """0-based line and UTF-16 column just inside the first occurrence of `needle`."""
    for line_number, line in enumerate(document.read_text(encoding="utf-8").splitlines()):
        index = line.find(needle)
        if index >= 0:
            column = len(line[: index + 2].encode("utf-16-le")) // 2
            return line_number, column
    raise AssertionError(f"{needle} not in {document}")


def entity(entity_id: str = PROBE_ENTITY) -> dict:
    """The entity record from the example registry."""
    return json.loads((CORPUS / "entities.json").read_text(encoding="utf-8"))["entities"][entity_id]


def entity_line(entity_id: str = PROBE_ENTITY) -> int:
    """0-based line of the entity's id key in entities.json."""
    for number, line in enumerate((CORPUS / "entities.json").read_text(encoding="utf-8").splitlines()):
        if f'"{entity_id}"' in line and line.lstrip().startswith(f'"{entity_id}"'):
            return number
    raise AssertionError(f"{entity_id} not in entities.json")


def hover_text(result) -> str:
    """The plain text of a Hover result, whatever shape its contents take."""
    if result is None:
        return ""
    contents = result.get("contents") if isinstance(result, dict) else result
    parts = contents if isinstance(contents, list) else [contents]
    texts = []
    for part in parts:
        if isinstance(part, str):
            texts.append(part)
        elif isinstance(part, dict):
            texts.append(str(part.get("value", "")))
    return "\n".join(texts)


def definition_locations(result) -> list[tuple[str, int]]:
    """(uri, start line) of every Location or LocationLink in a definition result."""
    if result is None:
        return []
    items = result if isinstance(result, list) else [result]
    locations = []
    for item in items:
        if "targetUri" in item:
            locations.append((item["targetUri"], item["targetSelectionRange"]["start"]["line"]))
        elif "uri" in item:
            locations.append((item["uri"], item["range"]["start"]["line"]))
    return locations
