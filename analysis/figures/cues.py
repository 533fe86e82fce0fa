"""The mapping proposal's cue words (analysis/data/proposal_cues.yaml) and how text is matched.

The words are data, so an adviseur can read and extend them without reading code; this module
only normalises text the way the file describes and finds which cues a label contains.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

CUES_FILE = Path(__file__).resolve().parents[1] / "data" / "proposal_cues.yaml"

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Text:
    """A label or name after normalising: its words, and the same words space-joined."""

    words: tuple[str, ...]
    joined: str  # " w1 w2 ... " with a space either side, for phrase tests


@dataclass(frozen=True)
class Cue:
    written: str
    kind: str  # "word", "prefix" (word*), "suffix" (*word) or "phrase" (two words)
    core: str

    def in_word(self, word: str) -> bool:
        """For the few checks outside the Matcher (weight, wijk and id columns)."""
        if self.kind == "word":
            return word == self.core
        if self.kind == "prefix":
            return word.startswith(self.core)
        if self.kind == "suffix":
            return word.endswith(self.core)
        return False


@dataclass(frozen=True)
class IndicatorCues:
    code: str
    groups: tuple[tuple[Cue, ...], ...]  # all groups must be found; any cue of a group will do
    without: tuple[Cue, ...]
    answers: str  # the answer family of a percentage; "" for a mean
    skip: str  # why it is never proposed ("" if it is)


@dataclass(frozen=True)
class AnswerFamily:
    count: frozenset[str]
    yes: bool  # a "ja" answer counts too


@dataclass(frozen=True)
class Cues:
    rewrite: tuple[tuple[str, str], ...]
    filler: frozenset[str]
    missing: tuple[str, ...]
    answers: dict[str, AnswerFamily]
    columns: dict[str, dict[str, tuple[Cue, ...]]]  # role -> {"name": cues, "label": cues}
    indicators: dict[str, IndicatorCues]
    # Labels repeat across variables (every "weet niet"): normalise each text once.
    _texts: dict = field(default_factory=dict, compare=False, repr=False)

    def text(self, raw) -> Text:
        """A label or value label, normalised: "Wel eens onveilig?" -> weleens onveilig."""
        raw = str(raw)
        found = self._texts.get(raw)
        if found is None:
            if len(self._texts) > 200_000:  # bounded: a worker reads file after file
                self._texts.clear()
            found = self._texts[raw] = self._normalise(raw)
        return found

    def _normalise(self, raw: str) -> Text:
        folded = raw.lower()
        if not folded.isascii():
            folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
        joined = f" {' '.join(_WORD.findall(folded))} "
        for phrase, word in self.rewrite:
            joined = joined.replace(f" {phrase} ", f" {word} ")
        return Text(words=tuple(joined.split()), joined=joined)

    def name_text(self, name: str) -> Text:
        """A variable name as words: onv_buurt -> onv buurt; OnveiligBuurt -> onveilig buurt."""
        return self.text(_CAMEL.sub(" ", str(name)).replace("_", " "))

    def is_missing(self, label) -> bool:
        key = ("missing", str(label))
        found = self._texts.get(key)
        if found is None:
            joined = self.text(label).joined
            found = self._texts[key] = any(f" {phrase} " in joined for phrase in self.missing)
        return found


def parse_cue(written: str) -> Cue:
    core = " ".join(written.strip().lower().split())
    if " " in core:
        return Cue(written=core, kind="phrase", core=core)
    if core.endswith("*"):
        return Cue(written=core, kind="prefix", core=core[:-1])
    if core.startswith("*"):
        return Cue(written=core, kind="suffix", core=core[1:])
    return Cue(written=core, kind="word", core=core)


def _group(written: str) -> tuple[Cue, ...]:
    # A long group may be wrapped over lines in the YAML file; the folding adds spaces.
    return tuple(parse_cue(part) for part in str(written).split("|") if part.strip())


def _cue_list(values) -> tuple[Cue, ...]:
    return tuple(cue for value in values or () for cue in _group(value))


def _phrase(text: str) -> str:
    return " ".join(_WORD.findall(str(text).lower()))


@cache
def load_cues() -> Cues:
    with CUES_FILE.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    return Cues(
        rewrite=tuple((_phrase(phrase), _phrase(word)) for phrase, word in raw["rewrite"].items()),
        filler=frozenset(str(word) for word in raw["filler"]),
        missing=tuple(_phrase(phrase) for phrase in raw["missing_answers"]),
        answers={
            name: AnswerFamily(
                count=frozenset(_phrase(label) for label in spec.get("count") or ()),
                yes=bool(spec.get("ja_counts")),
            )
            for name, spec in raw["answers"].items()
        },
        columns={
            role: {"name": _cue_list(spec["name"]), "label": _cue_list(spec["label"])}
            for role, spec in raw["columns"].items()
        },
        indicators={
            code: IndicatorCues(
                code=code,
                groups=tuple(_group(group) for group in spec.get("label") or ()),
                without=_cue_list(spec.get("without")),
                answers=str(spec.get("answers") or ""),
                skip=str(spec.get("skip") or ""),
            )
            for code, spec in raw["indicators"].items()
        },
    )


class Matcher:
    """Finds the indicators whose cues a text contains; built once per proposal. A word is
    looked up, not compared with every cue, so 10,000 variables take a fraction of a second."""

    def __init__(self, cues: Cues):
        self.indicators = [spec for spec in cues.indicators.values() if not spec.skip]
        every = {cue for spec in self.indicators for group in spec.groups for cue in group}
        every |= {cue for spec in self.indicators for cue in spec.without}
        self.phrases = sorted(cue.core for cue in every if cue.kind == "phrase")
        self.by_kind: dict[str, dict[str, list[str]]] = {"word": {}, "prefix": {}, "suffix": {}}
        for cue in every:
            if cue.kind != "phrase":
                self.by_kind[cue.kind].setdefault(cue.core, []).append(cue.written)
        self.prefix_lengths = sorted({len(core) for core in self.by_kind["prefix"]})
        self.suffix_lengths = sorted({len(core) for core in self.by_kind["suffix"]})
        self.by_cue: dict[str, list[IndicatorCues]] = {}
        for spec in self.indicators:
            for cue in {cue.written for group in spec.groups for cue in group}:
                self.by_cue.setdefault(cue, []).append(spec)
        self._per_word: dict[str, tuple[str, ...]] = {}
        self._per_text: dict[tuple[str, ...], dict[str, frozenset[str]]] = {}

    def _word_cues(self, word: str) -> tuple[str, ...]:
        found = self._per_word.get(word)
        if found is None:
            exact, prefix, suffix = (self.by_kind[kind] for kind in ("word", "prefix", "suffix"))
            hits = list(exact.get(word, ()))
            for length in self.prefix_lengths:
                hits += prefix.get(word[:length], ()) if len(word) >= length else ()
            for length in self.suffix_lengths:
                hits += suffix.get(word[-length:], ()) if len(word) >= length else ()
            found = self._per_word[word] = tuple(hits)
        return found

    def hits(self, text: Text) -> dict[str, str]:
        """Each cue (as written) found in the text, with the word or phrase that matched it."""
        found: dict[str, str] = {}
        for word in text.words:
            for cue in self._word_cues(word):
                found.setdefault(cue, word)
        for phrase in self.phrases:
            if f" {phrase} " in text.joined:
                found[phrase] = phrase
        return found

    def indicators_in(self, text: Text) -> dict[str, frozenset[str]]:
        """The indicators whose every cue group is in the text and no `without` cue is,
        each with the words that matched."""
        # Numbers are never cues: "vraag 12" and "vraag 13" are looked at once.
        key = tuple(word for word in text.words if not word.isdigit())
        found = self._per_text.get(key)
        if found is None:
            found = self._per_text[key] = self._indicators_in(text)
        return found

    def _indicators_in(self, text: Text) -> dict[str, frozenset[str]]:
        found = self.hits(text)
        if not found:
            return {}
        candidates = {spec.code: spec for cue in found for spec in self.by_cue.get(cue, ())}
        matches = {}
        for code, spec in candidates.items():
            if any(cue.written in found for cue in spec.without):
                continue
            matched = set()
            for group in spec.groups:
                words = {found[cue.written] for cue in group if cue.written in found}
                if not words:
                    break
                matched |= words
            else:
                matches[code] = frozenset(matched)
        return matches


def most_specific(matches: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """Drop an indicator when another one matched strictly more of the same words: "wel eens
    onveilig in uw buurt" is the buurt indicator, not the general one."""
    return {
        code: words
        for code, words in matches.items()
        if not any(words < other for other in matches.values())
    }
