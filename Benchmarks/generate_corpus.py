#!/usr/bin/env python3
"""Deterministic benchmark corpora for Marginalia.

Builds Pandoc-Markdown documents from the prose in ../shared/corpus/seeds
(relative to the repository), annotated at a realistic density: citations in
every Pandoc form, footnotes with definitions, inline notes, [[mentions]],
[spans]{.type #id key=value}, fenced code blocks (whose markup must be
ignored), headings and YAML front matter. Beside them it writes the matching
registries: marginalia.json, entities.json (a few hundred entities whose
names occur in the prose, so implicit mentions fire), codebook.json and
references.bib (a few hundred sources).

Usage:
  generate_corpus.py --mb 10 --out out/corpus-10mb            # ~50 KB documents
  generate_corpus.py --many-small --big-doc-kb 1024 --out out/corpus-10k
  generate_corpus.py --bib-entries 72000 --out out/bib-72k    # one big .bib

The same arguments and --seed always give byte-identical output.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SEEDS = HERE.parent.parent / "shared" / "corpus" / "seeds"

# ---------------------------------------------------------------------------
# Prose from the seeds

MARKUP_CHARS = re.compile(r"[\[\]{}@^<>`*\\|#]")
SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"‘(])")


def load_sentences(seeds_dir: Path) -> list[list[str]]:
    """Paragraphs of sentences from every seed file, markup characters removed."""
    files = sorted(seeds_dir.glob("*.txt"))
    if not files:
        sys.exit(f"generate_corpus.py: no seed texts in {seeds_dir}")
    paragraphs: list[list[str]] = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for block in re.split(r"\n\s*\n|\n", text):
            block = MARKUP_CHARS.sub("", block).strip()
            block = re.sub(r"\s+", " ", block)
            if len(block) < 40:
                continue
            sentences = [s.strip() for s in SENTENCE_END.split(block) if len(s.strip()) > 1]
            if sentences:
                paragraphs.append(sentences)
    return paragraphs


# Names that occur in the seed prose (checked by seed_names()); each becomes an entity.
SEED_ENTITY_CANDIDATES = [
    ("person", "Vladimir Putin", ["Putin"]), ("person", "Volodymyr Zelensky", ["Zelensky"]),
    ("person", "Donald Trump", ["Trump"]), ("person", "Grant Shapps", ["Shapps"]),
    ("person", "Lastivka", []), ("person", "Nestor Makhno", ["Makhno"]),
    ("person", "Emmanuel Macron", ["Macron", "President Macron"]), ("person", "Keir Starmer", ["Starmer"]),
    ("person", "Tobias Ellwood", []), ("person", "Patrick Sanders", ["General Sir Patrick Sanders"]),
    ("person", "Irina Tkach", []), ("person", "Yuriy Bondarenko", ["Bondarenko"]),
    ("person", "Alexander Bastrykin", []), ("person", "Ronald Reagan", ["Reagan"]),
    ("person", "Winston Churchill", ["Churchill"]), ("person", "Joseph Stalin", ["Stalin"]),
    ("person", "George Orwell", ["Orwell"]), ("person", "Andriy Rybak", []),
    ("person", "Vadym Yakovlev", []), ("person", "Sarah Everard", []),
    ("organization", "Solidarity Collectives", []), ("organization", "NATO", []),
    ("organization", "European Union", ["EU"]), ("organization", "Security Service of Ukraine", ["SBU", "Security Service"]),
    ("organization", "Territorial Recruitment Centre", ["TRC"]), ("organization", "State Bureau of Investigation", ["SBI"]),
    ("organization", "Assembly", []), ("organization", "Class War", []),
    ("organization", "Azov Battalion", []), ("organization", "Borotba", []),
    ("organization", "Human Rights Watch", ["HRW"]), ("organization", "Radio Liberty", []),
    ("organization", "The Insider", []), ("organization", "Investigative Committee", []),
    ("organization", "Royal Netherlands Navy", []), ("organization", "Anti-Militarist Initiative", ["AMI"]),
    ("organization", "Ukrainian Armed Forces", ["Armed Forces"]), ("organization", "Kremlin", []),
    ("organization", "Telegram", []), ("organization", "Czech Internationalist Anarchist Group", []),
    ("place", "Ukraine", []), ("place", "Russia", []), ("place", "Kharkiv", ["Kharkov"]),
    ("place", "Odesa", ["Odessa"]), ("place", "Lviv", []), ("place", "Izyum", ["Izium"]),
    ("place", "Moscow", []), ("place", "Kyiv", ["Kiev"]), ("place", "Romania", []), ("place", "Gaza", []),
    ("place", "Germany", []), ("place", "China", []), ("place", "Rivne", []), ("place", "Ternopil", []),
    ("place", "Poltava", []), ("place", "Kupyansk", []), ("place", "Zaporizhzhia", ["Zaporozhye"]),
    ("place", "Berdyansk", ["Berdiansk"]), ("place", "Mariupol", []), ("place", "Kursk", []),
    ("place", "Huliaipole", []), ("place", "Donetsk", []), ("place", "Moldova", []), ("place", "Slovakia", []),
    ("place", "Melitopol", []), ("place", "Kramatorsk", []), ("place", "Zhytomyr", []), ("place", "Belarus", []),
    ("place", "Minsk", []), ("place", "Donbas", ["Donbass"]), ("place", "Syria", []), ("place", "Israel", []),
    ("place", "London", []), ("place", "Sudan", []), ("place", "Myanmar", []), ("place", "Dnipro River", ["Dnieper"]),
    ("event", "Second World War", ["World War Two"]), ("event", "First World War", []),
    ("event", "Cold War", []), ("event", "London Blitz", []), ("event", "Maidan Protests", ["Maiden Protests"]),
    ("event", "Independence Day", []), ("event", "May Day", []),
    ("term", "PFM mine", ["PFM"]), ("term", "FPV drone", ["FPV"]), ("term", "Shahed", []),
    ("term", "SZCh", []), ("term", "Putinism", []), ("term", "ICBM", ["ICBMs"]),
]

FIRST_NAMES = ["Oleksandr", "Olena", "Andriy", "Iryna", "Taras", "Kateryna", "Mykola", "Yulia", "Serhiy",
               "Natalia", "Dmytro", "Oksana", "Bohdan", "Halyna", "Petro", "Svitlana", "Roman", "Larysa",
               "Vasyl", "Tetiana", "Maria", "Jonas", "Agnieszka", "Tomas", "Lena", "Marek", "Ines", "Pavel"]
LAST_NAMES = ["Kovalenko", "Shevchenko", "Bondar", "Tkachenko", "Kravets", "Melnyk", "Oliynyk", "Savchenko",
              "Moroz", "Lysenko", "Rudenko", "Marchenko", "Hrytsenko", "Zinchenko", "Horbunov", "Petrenko",
              "Havryliuk", "Sydorenko", "Kozak", "Poliakova", "Novak", "Dvorak", "Weber", "Lindqvist"]
ORG_WORDS = ["Solidarity", "Workers", "Volunteer", "Medical", "Legal", "Mutual Aid", "Refugee", "Archive",
             "Press", "Monitoring", "Humanitarian", "Anti-War", "Feminist", "Railway", "Miners"]
ORG_KINDS = ["Network", "Collective", "Union", "Initiative", "Committee", "Front", "Foundation", "Council"]
PLACE_ROOTS = ["Bilo", "Zelen", "Krasno", "Novo", "Staro", "Vyshne", "Hlyb", "Sosn", "Dubr", "Berez"]
PLACE_ENDS = ["hirsk", "pillia", "mlyn", "ivka", "ove", "horod", "dolyna", "brid"]
TERM_WORDS = ["mobilisation order", "conscription raid", "desertion statute", "drone interceptor",
              "evacuation corridor", "ration card", "field hospital", "minefield map"]


def seed_names(paragraphs: list[list[str]]) -> set[str]:
    """Every name of SEED_ENTITY_CANDIDATES that occurs in the seed prose (word-bounded)."""
    prose = " ".join(" ".join(p) for p in paragraphs)
    found = set()
    for _, name, aliases in SEED_ENTITY_CANDIDATES:
        for n in [name] + aliases:
            if re.search(r"(?<![\w])" + re.escape(n) + r"(?![\w])", prose):
                found.add(n)
    return found


def make_entities(rng: random.Random, paragraphs: list[list[str]], count: int) -> list[dict]:
    """Entities: first the seed names (these fire implicitly on the seed prose), then synthetic ones."""
    present = seed_names(paragraphs)
    entities: list[dict] = []
    used_ids: set[str] = set()
    used_names: set[str] = set()

    def add(etype: str, name: str, aliases: list[str], synthetic: bool) -> None:
        ident = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        if ident in used_ids or name.lower() in used_names:
            return
        used_ids.add(ident)
        used_names.add(name.lower())
        entry = {"id": ident, "type": etype, "name": name, "aliases": aliases, "synthetic": synthetic}
        entities.append(entry)

    for etype, name, aliases in SEED_ENTITY_CANDIDATES:
        if name in present or any(a in present for a in aliases):
            add(etype, name, aliases, False)
    attempts = 0
    while len(entities) < count and attempts < count * 50:
        attempts += 1
        kind = rng.random()
        if kind < 0.45:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            add("person", f"{first} {last}", [last] if rng.random() < 0.2 else [], True)
        elif kind < 0.75:
            name = f"{rng.choice(['Kharkiv', 'Lviv', 'Odesa', 'Dnipro', 'Kyiv', 'Poltava', 'Sumy', 'Chernihiv'])} " \
                   f"{rng.choice(ORG_WORDS)} {rng.choice(ORG_KINDS)}"
            acronym = "".join(w[0] for w in name.replace("-", " ").split() if w[0].isupper())
            add("organization", name, [acronym + str(rng.randint(2, 99))] if rng.random() < 0.3 else [], True)
        elif kind < 0.92:
            add("place", rng.choice(PLACE_ROOTS) + rng.choice(PLACE_ENDS), [], True)
        else:
            add("term", f"{rng.choice(['Kharkiv', 'Odesa', 'Lviv', 'Sumy'])} {rng.choice(TERM_WORDS)}", [], True)
    return entities


# ---------------------------------------------------------------------------
# Sources (shared by the corpus registries and the --bib-entries mode)

JOURNALS = [
    ("jrs", "Journal of Refugee Studies"), ("ees", "East European Politics and Societies"),
    ("eas", "Europe-Asia Studies"), ("psp", "Post-Soviet Affairs"), ("jsps", "Journal of Soviet and Post-Soviet Politics and Society"),
    ("nlr", "New Left Review"), ("hrq", "Human Rights Quarterly"), ("jpr", "Journal of Peace Research"),
    ("sec", "Security Dialogue"), ("caj", "Central Asian Survey"), ("mil", "Journal of Military History"),
    ("lab", "Labor History"), ("ana", "Anarchist Studies"), ("ijs", "International Journal of Sociology"),
    ("ukr", "Harvard Ukrainian Studies"), ("sla", "Slavic Review"), ("rus", "The Russian Review"),
    ("mem", "Memory Studies"), ("med", "Media, War \\& Conflict"), ("soc", "Social Movement Studies"),
]
PUBLISHERS = ["Verso", "PM Press", "AK Press", "Pluto Press", "Cambridge University Press", "Oxford University Press",
              "Routledge", "Palgrave Macmillan", "Ibidem", "Haymarket Books", "Freedom Press", "Zed Books"]
CITIES = ["London", "Oakland", "New York", "Kyiv", "Berlin", "Stuttgart", "Cambridge", "Oxford", "Chicago"]
TITLE_WORDS = ["war", "resistance", "mobilisation", "solidarity", "occupation", "desertion", "memory", "state",
               "refugees", "labour", "drones", "conscription", "empire", "sovereignty", "frontline", "aid",
               "testimony", "archives", "propaganda", "sanctions", "borders", "internationalism", "mines",
               "hospitals", "evacuation", "protest", "militarism", "peace", "negotiations", "tribunals"]
TITLE_FRAMES = ["{A} and {B} in Wartime Ukraine", "The Politics of {A}: {B} after 2022", "{A}, {B} and the {Org}",
                "Against {A}: Notes on {B}", "{A} on the Frontline", "Rethinking {A} in Eastern Europe",
                "A Field Guide to {A}", "{A} Without {B}: The Case of {Place}", "Counting {A} in {Place}"]
ACCENTED = [("Bj{\\\"o}rn", "Björn"), ("Fran{\\c{c}}ois", "François"), ("J{\\'{e}}r{\\^{o}}me", "Jérôme"),
            ("Mar{\\'\\i}a", "María"), ("{\\O}ystein", "Øystein"), ("Ji{\\v{r}}{\\'\\i}", "Jiří")]
LAST_BIB = LAST_NAMES + ["Smith", "Graeber", "Ishchenko", "Kudelia", "Kuromiya", "Plokhy", "Snyder", "Wilson",
                         "Zhuk", "Yekelchyk", "Applebaum", "Portnov", "Hrytsak", "Kasianov", "Dutkiewicz",
                         "Shore", "Pauly", "Matviyenko", "Fedor", "Onuch", "Sasse", "Kulyk", "Umland"]
VONS = ["van der", "de", "von", "di"]
ORG_AUTHORS = ["Human Rights Watch", "Amnesty International", "United Nations Human Rights Monitoring Mission in Ukraine",
               "Anti-Militarist Initiative", "Solidarity Collectives", "Landmine Monitor", "International Crisis Group",
               "Office of the Prosecutor General of Ukraine", "Kharkiv Human Rights Protection Group"]


def _person(rng: random.Random) -> tuple[str, str]:
    """(BibTeX form, ascii last name) of one author."""
    last = rng.choice(LAST_BIB)
    r = rng.random()
    if r < 0.06:
        first = rng.choice(ACCENTED)[0]
    else:
        first = rng.choice(FIRST_NAMES)
    if r < 0.45:
        return f"{last}, {first}", last
    if r < 0.7:
        return f"{first} {last}", last
    if r < 0.82:
        return f"{last}, {first[0]}.", last
    if r < 0.88:
        von = rng.choice(VONS)
        return f"{von} {last}, {first}", last
    if r < 0.91:
        return f"{last}, Jr, {first}", last
    if r < 0.96:
        return f"{first} {rng.choice(FIRST_NAMES)[0]}. {last}", last
    org = rng.choice(ORG_AUTHORS)
    return "{" + org + "}", org.split()[0]


def _title(rng: random.Random) -> str:
    frame = rng.choice(TITLE_FRAMES)
    a, b = rng.sample(TITLE_WORDS, 2)
    title = frame.format(A=a.capitalize(), B=b.capitalize() if frame.startswith("{A}") else b,
                         Org="{NATO}" if rng.random() < 0.5 else "{EU}", Place="{Kharkiv}" if rng.random() < 0.5 else "{Odesa}")
    if rng.random() < 0.1:
        title += ": A Reply to {\\em Critics}"
    return title


ENTRY_TYPES = [("article", 38), ("book", 14), ("incollection", 10), ("inproceedings", 11), ("online", 10),
               ("misc", 5), ("phdthesis", 3), ("techreport", 5), ("report", 4)]


def _choose_type(rng: random.Random) -> str:
    total = sum(w for _, w in ENTRY_TYPES)
    x = rng.uniform(0, total)
    for name, weight in ENTRY_TYPES:
        x -= weight
        if x <= 0:
            return name
    return "article"


def make_bib_entry(rng: random.Random, keys: set[str], use_macros: bool) -> tuple[str, str]:
    """(key, entry text) of one realistic BibTeX/BibLaTeX entry."""
    etype = _choose_type(rng)
    authors = [_person(rng) for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4, 6]))]
    year = rng.randint(1975, 2025)
    word = rng.choice(TITLE_WORDS)
    base = f"{re.sub('[^a-z]', '', authors[0][1].lower()) or 'anon'}{year}{word}"
    key = base
    suffix = 0
    while key in keys:
        suffix += 1
        key = base + ("abcdefghijklmnopqrstuvwxyz"[suffix - 1] if suffix <= 26 else str(suffix))
    keys.add(key)
    quote = rng.random() < 0.15  # some exports delimit with "..."

    def val(text: str) -> str:
        return f'"{text}"' if quote and '"' not in text else "{" + text + "}"

    fields: list[tuple[str, str]] = [("author", val(" and ".join(a[0] for a in authors))), ("title", val(_title(rng)))]
    if rng.random() < 0.6:
        fields.append(("year", str(year) if rng.random() < 0.5 else val(str(year))))
    else:
        fields.append(("date", val(f"{year}-{rng.randint(1, 12):02d}" + (f"-{rng.randint(1, 28):02d}" if rng.random() < 0.5 else ""))))
    if etype == "article":
        macro, name = rng.choice(JOURNALS)
        fields.append(("journal" if rng.random() < 0.6 else "journaltitle",
                       macro if use_macros and rng.random() < 0.7 else val(name)))
        fields += [("volume", str(rng.randint(1, 80))), ("number", val(str(rng.randint(1, 12))))]
        start = rng.randint(1, 900)
        fields.append(("pages", val(f"{start}--{start + rng.randint(5, 40)}")))
    elif etype in ("book", "phdthesis", "techreport", "report"):
        fields.append(("publisher" if etype == "book" else ("school" if etype == "phdthesis" else "institution"),
                       val(rng.choice(PUBLISHERS) if etype == "book" else rng.choice(ORG_AUTHORS))))
        fields.append(("address", val(rng.choice(CITIES))))
        if etype == "book" and rng.random() < 0.5:
            fields.append(("isbn", val(f"978-{rng.randint(0, 9)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}-{rng.randint(0, 9)}")))
    elif etype in ("incollection", "inproceedings"):
        fields.append(("booktitle", val(_title(rng))))
        fields.append(("editor", val(" and ".join(_person(rng)[0] for _ in range(rng.randint(1, 3))))))
        start = rng.randint(1, 500)
        fields.append(("pages", val(f"{start}--{start + rng.randint(5, 30)}")))
        fields.append(("publisher", val(rng.choice(PUBLISHERS))))
    elif etype == "online":
        fields.append(("urldate", val(f"{min(year + 1, 2025)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}")))
        fields.append(("organization", val(rng.choice(ORG_AUTHORS))))
    else:
        fields.append(("howpublished", val("Leaflet distributed in " + rng.choice(CITIES))))
    if rng.random() < 0.55:
        fields.append(("doi", val(f"10.{rng.randint(1000, 9999)}/{word}.{year}.{rng.randint(100, 99999)}")))
    if etype == "online" or rng.random() < 0.35:
        fields.append(("url", val(f"https://example.org/{year}/{rng.randint(1, 12):02d}/{key}-{word}")))
    if rng.random() < 0.3:
        fields.append(("month", rng.choice(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])))
    if rng.random() < 0.25:
        fields.append(("keywords", val(", ".join(rng.sample(TITLE_WORDS, 3)))))
    if rng.random() < 0.12:
        abstract = " ".join(rng.choice(TITLE_WORDS) for _ in range(rng.randint(40, 120)))
        lines = re.sub(r"(.{1,70})(\s|$)", r"\1\n    ", abstract).rstrip()
        fields.append(("abstract", "{" + lines.capitalize() + " {\\&} so on.}"))
    if use_macros and rng.random() < 0.05:
        fields.append(("note", f'{rng.choice(JOURNALS)[0]} # " (special issue)"'))
    elif rng.random() < 0.08:
        fields.append(("note", val("Translated from the Ukrainian by " + _person(rng)[0].replace(",", ""))))
    width = max(len(f) for f, _ in fields)
    body = ",\n".join(f"  {f.ljust(width)} = {v}" for f, v in fields)
    return key, f"@{etype}{{{key},\n{body},\n}}\n"


def write_bib(path: Path, rng: random.Random, count: int, header: str) -> list[str]:
    """Writes `count` entries (with @string macros and comments) to `path`; returns the keys."""
    keys: set[str] = set()
    order: list[str] = []
    parts = [header, "\n"]
    for macro, name in JOURNALS:
        parts.append(f"@string{{{macro} = {{{name}}}}}\n")
    parts.append("@preamble{ \"\\newcommand{\\noopsort}[1]{}\" }\n\n")
    for i in range(count):
        if i % 997 == 0 and i:
            parts.append(f"% ---- part {i // 997}: exported {2020 + i % 5}-0{1 + i % 9}-1{i % 10} ----\n\n")
        if i % 5003 == 4000:
            parts.append("@comment{jabref-meta: databaseType:biblatex;}\n\n")
        key, text = make_bib_entry(rng, keys, use_macros=True)
        order.append(key)
        parts.append(text)
        parts.append("\n")
    path.write_text("".join(parts), encoding="utf-8")
    return order


# ---------------------------------------------------------------------------
# Documents

CODEBOOK = {
    "types": {
        "claim": {"description": "A factual assertion a reader should be able to check.", "requiresCitation": True},
        "statistic": {"parent": "claim", "description": "A number presented as fact."},
        "quote": {"description": "Words attributed to a speaker.",
                  "attributes": {"speaker": {"description": "Entity id of the speaker."},
                                 "mode": {"description": "How the words are reported.",
                                          "values": ["direct", "indirect", "translated"]}}},
        "testimony": {"parent": "quote", "description": "An eyewitness account.",
                      "attributes": {"witness": {"description": "The witness's role.",
                                                 "values": ["civilian", "combatant", "medic", "volunteer"]}}},
        "theme": {"description": "A thematic code.",
                  "attributes": {"code": {"description": "Which theme.",
                                          "values": ["mobilisation", "aid", "repression", "memory", "labour"]}}},
        "event-report": {"parent": "claim", "description": "A report of a dated event."},
    },
    "entityTypes": {
        "person": {"description": "A named individual."},
        "organization": {"description": "A group, agency, collective or company."},
        "place": {"description": "A country, region, city or site."},
        "event": {"description": "A dated happening."},
        "term": {"description": "A concept, weapon or piece of jargon."},
    },
}

CODE_SNIPPETS = [
    "```bibtex\n@article{notreal2020,\n  title = {Inside code: [@notacitation] is not markup},\n}\n```",
    "```python\n# counts citations like [@key] in a file: not a citation here\nimport re\nprint(len(re.findall(r\"\\[@\", open('a.md').read())))\n```",
    "```\n$ marginalia refs @example2021 [[not-a-mention]]\n[span]{.claim} ^[not a note]\n```",
    "```json\n{ \"id\": \"kharkiv\", \"note\": \"[@inside-json] stays text\" }\n```",
]
LOCATORS = ["p. {n}", "pp. {n}-{m}", "chap. {c}", "sec. {c}", "para. {c}", "p. {n}, n. {c}", "pp. {n}ff"]
PREFIXES = ["see", "cf.", "see also", "e.g.", "as reported in", "compare"]
SUFFIXES = ["and passim", "emphasis added", "for the figures", "on the 2022 data"]
HEADINGS = ["Background", "The front", "Mobilisation", "Testimony", "Aid and logistics", "Repression",
            "Figures", "Reception", "Sources and method", "Aftermath", "Interview", "Context", "Notes on translation"]


LOWERABLE = {"The", "This", "That", "It", "We", "They", "These", "There", "In", "At", "On", "A", "An", "But",
             "And", "As", "For", "If", "When", "While", "Our", "Many", "Some", "Most", "What", "Every"}


def lower_first(text: str) -> str:
    """Lower-cases a sentence's first word only when it is a function word (never a name)."""
    first = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if first in LOWERABLE else text


class DocWriter:
    """Writes one document; all randomness comes from the shared generator."""

    def __init__(self, rng: random.Random, paragraphs: list[list[str]], keys: list[str], entities: list[dict]):
        self.rng = rng
        self.paragraphs = paragraphs
        self.keys = keys
        self.entities = entities
        self.synthetic = [e for e in entities if e["synthetic"]]
        self.cursor = (0, 0)

    def key(self) -> str:
        # A few unknown keys give unknown-citation-key findings, as in a real corpus in progress.
        if self.rng.random() < 0.004:
            return f"missing{self.rng.randint(1, 500)}"
        # Zipf-like: some sources are cited far more than others.
        i = int(len(self.keys) * (self.rng.random() ** 2.2))
        return self.keys[min(i, len(self.keys) - 1)]

    def locator(self) -> str:
        n = self.rng.randint(1, 400)
        return self.rng.choice(LOCATORS).format(n=n, m=n + self.rng.randint(1, 12), c=self.rng.randint(1, 14))

    def citation(self) -> str:
        r = self.rng.random()
        if r < 0.38:
            return f"[@{self.key()}]"
        if r < 0.6:
            return f"[@{self.key()}, {self.locator()}]"
        if r < 0.72:
            return f"[{self.rng.choice(PREFIXES)} @{self.key()}, {self.locator()}; @{self.key()}]"
        if r < 0.8:
            return f"@{self.key()} [{self.locator()}]"
        if r < 0.86:
            return f"[-@{self.key()}]"
        if r < 0.93:
            return f"[@{self.key()}; @{self.key()}; @{self.key()}, {self.locator()}]"
        return f"[@{self.key()}, {self.locator()}, {self.rng.choice(SUFFIXES)}]"

    def mention(self) -> str:
        e = self.rng.choice(self.entities)
        r = self.rng.random()
        if r < 0.45:
            return f"[[{e['id']}]]"
        if r < 0.75:
            return f"[[{e['id']}|{e['name']}]]"
        if r < 0.97:
            return f"[[{e['name']}]]"
        return f"[[unknown-{self.rng.randint(1, 99)}]]"  # an unknown-mention finding now and then

    def next_sentences(self, n: int) -> list[str]:
        """n consecutive seed sentences, walking paragraph by paragraph so prose stays coherent."""
        p, s = self.cursor
        out: list[str] = []
        while len(out) < n:
            para = self.paragraphs[p]
            if s >= len(para):
                p, s = (p + 1) % len(self.paragraphs), 0
                continue
            out.append(para[s])
            s += 1
        self.cursor = (p, s)
        return out

    def sentence(self, doc_id: str, counter: list[int], notes: list[str]) -> str:
        text = self.next_sentences(1)[0]
        rng = self.rng
        if self.synthetic and rng.random() < 0.08:
            e = rng.choice(self.synthetic)  # implicit mention of a synthetic entity
            lead = {"person": ["According to", "As noted by", "In the words of"], "organization": ["According to", "As the"],
                    "place": ["In", "Near", "Around"], "term": ["On the", "Regarding the"]}.get(e["type"], ["On"])
            text = f"{rng.choice(lead)} {e['name']}, {lower_first(text)}"
        if rng.random() < 0.07:
            text = f"{self.mention()} {rng.choice(['reported that', 'wrote that', 'argued that'])} {lower_first(text)}"
        r = rng.random()
        if r < 0.11:
            counter[0] += 1
            kind = rng.random()
            body = text.rstrip(".!?")
            end = text[len(body):]
            if kind < 0.5:
                attrs = f".claim #c-{doc_id}-{counter[0]}"
            elif kind < 0.65:
                attrs = f'.statistic #s-{doc_id}-{counter[0]} note="Figure as given by the source."'
            elif kind < 0.8:
                attrs = f".quote speaker={rng.choice(self.entities)['id']} mode={rng.choice(['direct', 'indirect', 'translated'])}"
            elif kind < 0.88:
                attrs = f".testimony witness={rng.choice(['civilian', 'combatant', 'medic', 'volunteer'])} mode=translated"
            elif kind < 0.96:
                attrs = f".theme code={rng.choice(['mobilisation', 'aid', 'repression', 'memory', 'labour'])}"
            else:
                attrs = f".event-report #e-{doc_id}-{counter[0]}"
            cite = f" {self.citation()}" if rng.random() < 0.85 else ""
            text = f"[{body}]{{{attrs}}}{cite}{end}"
        elif r < 0.36:
            body = text.rstrip(".!?")
            text = f"{body} {self.citation()}{text[len(body):]}"
        r = rng.random()
        if r < 0.04:
            counter[1] += 1
            label = str(counter[1]) if rng.random() < 0.7 else f"n{counter[1]}"
            text += f"[^{label}]"
            notes.append(label)
        elif r < 0.06:
            text += f"^[{rng.choice(['See', 'Compare', 'On this, see'])} @{self.key()}{', ' + self.locator() if rng.random() < 0.5 else ''}.]"
        return text

    def document(self, doc_id: str, target_bytes: int, title_words: list[str]) -> str:
        rng = self.rng
        counter = [0, 0]
        notes: list[str] = []
        p, _ = self.cursor = (rng.randrange(len(self.paragraphs)), 0)
        front = ["---",
                 f"title: \"{' '.join(rng.sample(title_words, 3)).capitalize()} ({doc_id})\"",
                 f"author: {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                 f"date: {rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                 f"source: https://example.org/texts/{doc_id}",
                 f"tags: [{', '.join(rng.sample(TITLE_WORDS, 3))}]",
                 "---", ""]
        parts = ["\n".join(front), "\n"]
        size = sum(len(x.encode()) for x in parts)
        paragraphs_since_heading = 99
        while size < target_bytes:
            if paragraphs_since_heading > rng.randint(4, 9):
                block = f"## {rng.choice(HEADINGS)}\n\n"
                paragraphs_since_heading = 0
            elif rng.random() < 0.025:
                block = rng.choice(CODE_SNIPPETS) + "\n\n"
            elif rng.random() < 0.03:
                block = "> " + " ".join(self.sentence(doc_id, counter, notes) for _ in range(rng.randint(1, 3))) + "\n\n"
            else:
                sentences = [self.sentence(doc_id, counter, notes) for _ in range(rng.randint(2, 7))]
                block = " ".join(sentences) + "\n\n"
                paragraphs_since_heading += 1
            parts.append(block)
            size += len(block.encode())
        if notes:
            parts.append("## Notes\n\n")
            for label in notes:
                text = " ".join(self.next_sentences(1))
                if rng.random() < 0.6:
                    text += f" {self.citation()}."
                elif rng.random() < 0.5:
                    text += f" https://example.org/archive/{doc_id}/{label}"
                if rng.random() < 0.2:
                    text += "\n\n    " + " ".join(self.next_sentences(1))  # indented continuation paragraph
                parts.append(f"[^{label}]: {text}\n\n")
        return "".join(parts)


def write_corpus(out: Path, args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    paragraphs = load_sentences(Path(args.seeds))
    (out / "texts").mkdir(parents=True, exist_ok=True)

    entities = make_entities(rng, paragraphs, args.entities)
    ent_json = {"$schema": "https://marginalia.invalid/schemas/entities.schema.json", "entities": {}}
    for e in entities:
        item = {"type": e["type"], "name": e["name"], "aliases": e["aliases"],
                "note": f"Benchmark entity ({e['type']})."}
        if rng.random() < 0.3:
            item["sameAs"] = [f"https://www.wikidata.org/wiki/Q{rng.randint(1000, 9999999)}"]
        ent_json["entities"][e["id"]] = item
    (out / "entities.json").write_text(json.dumps(ent_json, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "codebook.json").write_text(json.dumps(CODEBOOK, indent=2) + "\n", encoding="utf-8")
    keys = write_bib(out / "references.bib", rng, args.sources, "% Benchmark sources (generated).\n")
    config = {"documents": ["texts/**/*.md"], "sources": ["references.bib"], "entities": ["entities.json"],
              "codebook": "codebook.json", "mentions": {"implicit": True}}
    (out / "marginalia.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")

    writer = DocWriter(rng, paragraphs, keys, entities)
    target = args.docs_kb * 1024
    if args.many_small:
        count = args.count
    else:
        count = max(1, round(args.mb * 1024 * 1024 / target))
    width = max(5, len(str(count)))
    per_folder = 1000
    total = 0
    for i in range(count):
        doc_id = f"d{i:0{width}d}"
        folder = out / "texts" / f"part{i // per_folder:03d}"
        if i % per_folder == 0:
            folder.mkdir(parents=True, exist_ok=True)
        text = writer.document(doc_id, target, TITLE_WORDS)
        data = text.encode("utf-8")
        (folder / f"{doc_id}.md").write_bytes(data)
        total += len(data)
    if args.big_doc_kb:
        text = writer.document("big", args.big_doc_kb * 1024, TITLE_WORDS)
        (out / "texts" / "big.md").write_bytes(text.encode("utf-8"))
        total += len(text.encode("utf-8"))
    print(f"generate_corpus: {count + (1 if args.big_doc_kb else 0)} documents, {total / 1e6:.1f} MB, "
          f"{len(entities)} entities, {len(keys)} sources -> {out}", file=sys.stderr)


def write_bib_corpus(out: Path, args: argparse.Namespace) -> None:
    """A corpus holding only the big .bib and one small document citing a few of its keys."""
    rng = random.Random(args.seed)
    (out / "texts").mkdir(parents=True, exist_ok=True)
    keys = write_bib(out / "references.bib", rng, args.bib_entries,
                     "% Generated bibliography, exported from a reference manager (benchmark data).\n"
                     "% Mixed entry types, string macros, braces, accents, name lists, DOIs and URLs.\n")
    cited = rng.sample(keys, 5)
    doc = ("---\ntitle: One document\n---\n\nA claim [@" + cited[0] + ", p. 3] and another "
           "[see @" + cited[1] + "; @" + cited[2] + "]. @" + cited[3] + " [p. 4] says so.^[Also @" + cited[4] + ".]\n")
    (out / "texts" / "one.md").write_text(doc, encoding="utf-8")
    # Per-source rules would report on 72,000 entries and measure the reporter, not the parser.
    config = {"documents": ["texts/**/*.md"], "sources": ["references.bib"],
              "rules": {"unused-source": "off", "incomplete-source": "off"}}
    (out / "marginalia.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    # The same corpus without the bibliography: its check time is the baseline to subtract.
    base = out.parent / (out.name + "-baseline")
    (base / "texts").mkdir(parents=True, exist_ok=True)
    (base / "texts" / "one.md").write_text(doc, encoding="utf-8")
    (base / "marginalia.json").write_text(json.dumps({"documents": ["texts/**/*.md"], "sources": [],
                                                      "rules": config["rules"]}, indent=2) + "\n", encoding="utf-8")
    size = (out / "references.bib").stat().st_size
    print(f"generate_corpus: {len(keys)} entries, {size / 1e6:.1f} MB -> {out / 'references.bib'}", file=sys.stderr)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output folder (created; existing files are overwritten)")
    ap.add_argument("--mb", type=float, default=1, help="corpus size in MB of documents (1, 10, 100)")
    ap.add_argument("--docs-kb", type=int, default=None, help="size of each document in KB (default 50; 4 with --many-small)")
    ap.add_argument("--many-small", action="store_true", help="--count documents (10,000) of --docs-kb each")
    ap.add_argument("--count", type=int, default=10000, help="documents written with --many-small")
    ap.add_argument("--big-doc-kb", type=int, default=0, help="also write texts/big.md of this size (for didChange)")
    ap.add_argument("--bib-entries", type=int, default=0, help="write only one big .bib of this many entries")
    ap.add_argument("--entities", type=int, default=300, help="entities in entities.json")
    ap.add_argument("--sources", type=int, default=400, help="sources in references.bib")
    ap.add_argument("--seed", type=int, default=20250101, help="random seed (same seed, same bytes)")
    ap.add_argument("--seeds", default=str(DEFAULT_SEEDS), help="folder of seed .txt prose")
    args = ap.parse_args()
    if args.docs_kb is None:
        args.docs_kb = 4 if args.many_small else 50
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.bib_entries:
        write_bib_corpus(out, args)
    else:
        write_corpus(out, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
