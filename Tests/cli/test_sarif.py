"""Runs the built `marginalia` binary on examples/corpus and validates its SARIF and W3C output.

MARGINALIA_BIN names the binary (default: .build/debug/marginalia under the repository).
The specs live in <repo>/../shared/specs; tests that need them are skipped when it is missing.
"""

import json
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
SPECS = REPO.parent / "shared" / "specs"
CORPUS = REPO / "examples" / "corpus"
BINARY = os.environ.get("MARGINALIA_BIN", str(REPO / ".build" / "debug" / "marginalia"))


def run(*arguments):
    if not os.path.exists(BINARY):
        pytest.skip(f"binary not built: {BINARY}")
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run([BINARY, *arguments], cwd=CORPUS, capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def sarif():
    result = run("check", "--format", "sarif", "--no-progress")
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_sarif_validates_against_the_2_1_0_schema(sarif):
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = SPECS / "sarif-schema-2.1.0.json"
    if not schema_path.exists():
        pytest.skip("SARIF schema not found")
    schema = json.loads(schema_path.read_text())
    jsonschema.Draft4Validator(schema).validate(sarif)


def test_sarif_results_have_regions_fingerprints_and_rules(sarif):
    run_ = sarif["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    driver = run_["tool"]["driver"]
    assert driver["name"] == "marginalia"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = run_["results"]
    assert results, "the example corpus has deliberate faults"
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["partialFingerprints"]["marginalia/v1"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = location["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
        # charOffset/charLength count code points, like the columns.
        path = CORPUS / location["artifactLocation"]["uri"]
        text = path.read_bytes().decode("utf-8", errors="replace")
        lines = text.splitlines(keepends=True)
        start = sum(len(line) for line in lines[: region["startLine"] - 1]) + region["startColumn"] - 1
        assert start == region["charOffset"]
    fingerprints = [r["partialFingerprints"]["marginalia/v1"] for r in results]
    assert len(fingerprints) == len(set(fingerprints))


def test_w3c_export_is_json_ld_with_the_anno_context():
    result = run("export", "--format", "w3c")
    assert result.returncode == 0, result.stderr
    collection = json.loads(result.stdout)
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) > 0
    context_path = SPECS / "anno.jsonld"
    terms = None
    if context_path.exists():
        terms = set(json.loads(context_path.read_text())["@context"].keys())

    def keys(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                yield key
                yield from keys(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from keys(inner)

    if terms is not None:
        unknown = {key for key in keys(collection) if not key.startswith("@")} - terms
        assert not unknown, f"properties outside anno.jsonld: {unknown}"
    motivations = {item["motivation"] for item in items}
    assert motivations <= {"identifying", "commenting", "classifying", "linking"}
    texts = {}
    for item in items:
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        path = item["target"]["source"].removeprefix("file://")
        if path not in texts:
            texts[path] = pathlib.Path(path).read_bytes().decode("utf-8", errors="replace")
        text = texts[path]
        position = selectors["TextPositionSelector"]
        quote = selectors["TextQuoteSelector"]
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert text[: position["start"]].endswith(quote["prefix"])
        assert text[position["end"] :].startswith(quote["suffix"])
