"""Checks the JSON Schemas in schemas/ and validates the example registries against them.

Run: python3 -m pytest Tests/schemas
"""

import json
import pathlib

import jsonschema
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
EXAMPLES = ROOT / "examples"

# File name -> schema file.
KINDS = {
    "marginalia.json": "marginalia.schema.json",
    "entities.json": "entities.schema.json",
    "codebook.json": "codebook.schema.json",
}

# Example folders meant to show diagnostics hold invalid registries on purpose.
DELIBERATELY_BROKEN = ("broken", "invalid", "errors")

# Samples from the design brief: valid whether or not examples/ exists yet.
BRIEF_SAMPLES = {
    "entities.json": {
        "entities": {
            "hrw": {
                "type": "organization",
                "name": "Human Rights Watch",
                "aliases": ["HRW"],
                "note": "International human-rights NGO.",
                "sameAs": ["https://www.wikidata.org/wiki/Q187052"],
            }
        }
    },
    "codebook.json": {
        "types": {
            "claim": {"description": "A factual assertion a reader should be able to check.", "requiresCitation": True},
            "statistic": {"parent": "claim", "description": "A number presented as fact."},
            "quote": {
                "description": "Words attributed to a speaker.",
                "attributes": {
                    "speaker": {"description": "Entity id of the speaker."},
                    "mode": {"description": "How the words are reported.", "values": ["direct", "indirect", "translated"]},
                },
            },
        },
        "entityTypes": {
            "person": {"description": "A named individual."},
            "organization": {"description": "A group, agency or company."},
        },
    },
    "marginalia.json": {
        "documents": ["texts/**/*.md", "texts/**/*.txt"],
        "exclude": ["drafts/**"],
        "sources": ["references.bib", "zotero.json"],
        "entities": ["entities.json"],
        "codebook": "codebook.json",
        "mentions": {"implicit": True},
        "rules": {"unsourced-figure": "info", "unused-source": {"severity": "hint"}},
    },
}

INVALID_SAMPLES = [
    ("entities.json", {"entities": {"x": {"name": "No type"}}}),
    ("entities.json", {"entities": {"x": {"type": "person", "aliases": "not a list"}}}),
    ("entities.json", {"people": {}}),
    ("codebook.json", {"types": {"claim": {"requiresCitation": "yes"}}}),
    ("codebook.json", {"types": {"quote": {"attributes": {"mode": {"values": [1, 2]}}}}}),
    ("marginalia.json", {"rules": {"unused-source": "loud"}}),
    ("marginalia.json", {"rules": {"unused-source": {"severity": "fatal"}}}),
    ("marginalia.json", {"mentions": {"implicit": "yes"}}),
    ("marginalia.json", {"colour": "red"}),
]


def load_schema(kind):
    return json.loads((SCHEMAS / KINDS[kind]).read_text(encoding="utf-8"))


def example_files():
    if not EXAMPLES.is_dir():
        return []
    found = []
    for name in KINDS:
        for path in sorted(EXAMPLES.rglob(name)):
            relative = path.relative_to(EXAMPLES)
            if any(marker in part.lower() for part in relative.parts for marker in DELIBERATELY_BROKEN):
                continue
            found.append(path)
    return found


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_schema_is_valid_draft_2020_12(kind):
    schema = load_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(KINDS[kind])
    assert schema.get("title")


def _properties(node):
    """Yields (path, property schema) for every named property anywhere in a schema."""
    stack = [("", node)]
    while stack:
        path, current = stack.pop()
        if isinstance(current, dict):
            for name, sub in current.get("properties", {}).items():
                yield f"{path}/{name}", sub
            for key, value in current.items():
                stack.append((f"{path}/{key}", value))
        elif isinstance(current, list):
            for index, value in enumerate(current):
                stack.append((f"{path}/{index}", value))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_property_has_a_description(kind):
    missing = [path for path, sub in _properties(load_schema(kind)) if "description" not in sub]
    assert missing == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_schema_allows_dollar_schema_key(kind):
    validator = jsonschema.Draft202012Validator(load_schema(kind))
    sample = dict(BRIEF_SAMPLES[kind])
    sample["$schema"] = f"../schemas/{KINDS[kind]}"
    assert list(validator.iter_errors(sample)) == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_brief_samples_are_valid(kind):
    jsonschema.Draft202012Validator(load_schema(kind)).validate(BRIEF_SAMPLES[kind])


def test_empty_config_is_valid():
    jsonschema.Draft202012Validator(load_schema("marginalia.json")).validate({})


@pytest.mark.parametrize("path", example_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_example_registries_are_valid(path):
    instance = json.loads(path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(load_schema(path.name))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]
    assert errors == []


@pytest.mark.parametrize("kind,instance", INVALID_SAMPLES)
def test_invalid_samples_fail(kind, instance):
    validator = jsonschema.Draft202012Validator(load_schema(kind))
    assert list(validator.iter_errors(instance)) != []
