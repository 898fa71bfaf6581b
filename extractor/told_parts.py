"""The parts of a plan told in paragraphs, with no headings and no labels.

An officer's letter to residents, or a page that publishes a plan "without cuts", may tell the plan as prose: a
paragraph that introduces it ("Sierż. szt. … dzielnicowy rejonu nr 12 … zajmie się …"), paragraphs of what goes
wrong, one of the aim ("Liczę, że do końca lipca wezwań będzie co najmniej o połowę mniej"), paragraphs of what the
officer will do and when ("Najpóźniej 27 lutego porozmawiam …"), of what other bodies undertake ("Urząd Gminy
Książki zobowiązał się …") and of how residents will hear of it ("O wynikach napiszę jesienią …").

:func:`told_parts` reads each long paragraph's first sentence for what tells its part (``rules/told_parts.tsv``,
and Morfeusz for a verb in the future: an action is promised, not reported) and walks the paragraphs in the
template's order, threat → goal → actions → partners → communication: a paragraph with no cue of its own, or
with the cue of a part already passed, belongs to the part before it.  Only a text that tells what goes wrong,
then its aim, then what will be done is read so; anything else gives no parts.  The parts begin with the goal:
the prose before it (the introduction and what goes wrong) is left as it is, read as a plan's prose before its
goal (:meth:`extractor.record.Document.threat_spans`), and the page's short lines after the last paragraph (a
plea, the place and date, a signature) are a part of their own, "other".
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from extractor.nlp import morph
from extractor.resources import read_tsv

ORDER = ("threat", "goal", "actions", "partners", "communication")
MIN_PARAGRAPH = 100   # shorter blocks are a page's lines (a breadcrumb, a date, a signature), not paragraphs …
MIN_CUED = 30         # … unless they tell a part ("O wynikach napiszę jesienią na tej stronie.")
FIRST_SENTENCE = 300
TITLE_CHARS = 40
_BREAK = re.compile(r"\n[ \t]*\n\s*|\n(?=[ \t]*\d{1,2}[.)][ \t])")   # a blank line, or a numbered paragraph's line
_WORD = re.compile(r"[^\W\d_]+")
_NEXT_LINE = re.compile(r"(?<=\n)[ \t]*\S[^\n]*")
_NUMBERING = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[•·\-–—*])?[ \t]*")
# verbs of a body's undertaking, told in the past with "się": "Urząd Gminy zobowiązał się …", "Placówka … zgodziła się"
_UNDERTOOK = frozenset(("zobowiązać", "zgodzić", "zadeklarować", "podjąć", "zaoferować", "obiecać"))


@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern]:
    return {r["cue"]: re.compile(r["pattern"], re.I) for r in read_tsv("told_parts.tsv")}


def _paragraphs(text: str, start: int) -> list[tuple[int, int]]:
    out, a = [], start
    for m in _BREAK.finditer(text, start):
        out.append((a, m.start()))
        a = m.end()
    out.append((a, len(text)))
    return [(a, b) for a, b in out if b - a >= MIN_CUED]


def _first_sentence(text: str, a: int, b: int, sentences: list[tuple[int, int]]) -> str:
    """The paragraph's first sentence (of the NLP stage's ``sentences``) from ``a``, or its first
    :data:`FIRST_SENTENCE` characters; a sentence that opens a list ("Co zostanie zrobione:") goes on to the
    list's first item, which tells the part."""
    stop = min(b, a + FIRST_SENTENCE)
    k = bisect_right(sentences, (a, len(text) + 1)) - 1   # the sentence ``a`` is in, or the next one
    if k < 0 or sentences[k][1] <= a:
        k += 1
    if k >= len(sentences):
        return text[a:stop]
    end = sentences[k][1]
    if text[a:end].rstrip().endswith(":") and k + 1 < len(sentences):
        end = sentences[k + 1][1]
    return text[a:min(stop, end)]


def _tags(word: str) -> tuple[str, ...]:
    return tuple(x.tag for x in morph.analyse(word))


def _future(words: list[str], person: str | None = None) -> bool:
    """A verb in the future among ``words`` (a perfective verb's present form, "będę"/"będzie"), of ``person``
    ("pri": the officer's "porozmawiam"; "ter": a body's "zorganizuje") when given."""
    for w in words:
        for tag in _tags(w.lower()):
            if (tag.startswith("fin:") and tag.endswith(":perf")) or tag.startswith("bedzie:"):
                if person is None or f":{person}:" in tag:
                    return True
    return False


def _undertakes(words: list[str]) -> bool:
    """A body's sentence tells what it undertakes: a verb in the future, or "zobowiązał się"."""
    if _future(words, "ter"):
        return True
    return any(words[k + 1:k + 2] == ["się"] and any(x.lemma in _UNDERTOOK and x.tag.startswith("praet:")
                                                     for x in morph.analyse(w.lower()))
               for k, w in enumerate(words))


def _cue(text: str, a: int, b: int, sentences: list[tuple[int, int]]) -> str | None:
    """The part the paragraph ``text[a:b]`` tells by its first sentence, or None."""
    cues = _cues()
    first = _first_sentence(text, _NUMBERING.match(text, a).end(), b, sentences)   # (after its number: "3. Liczę, że …")
    words = _WORD.findall(first)
    if cues["tell"].search(first):
        return "communication"
    if cues["body"].match(first) and first[:1].isupper() and _undertakes(words):
        return "partners"
    aim = cues["aim"].search(first)
    if aim and cues["target"].search(first, aim.end()):
        return "goal"
    if cues["term"].search(first) and _future(words):
        return "actions"
    return None


def part_title(text: str, a: int) -> str:
    """The title of a part that opens with its paragraph's first words, at ``a``: those words, on their line."""
    return text[a:a + TITLE_CHARS].split("\n")[0].strip()


def told_parts(text: str, sentences: list[tuple[int, int]], start: int = 0) -> list[tuple[int, int, int, str, str]]:
    """The parts of a plan told in paragraphs after ``start``, as (start, header end, body start, kind, title) with an
    empty header (the paragraph is the part's from its first word); [] when the text is not told so.  ``sentences``:
    the NLP stage's sentences of ``text`` (:meth:`extractor.record.Document.sentence_spans`)."""
    paragraphs = _paragraphs(text, start)
    intro = next((k for k, (a, b) in enumerate(paragraphs)
                  if b - a >= MIN_PARAGRAPH and _cues()["plan"].search(text, a, b)), None)
    if intro is None:
        return []
    state = 0
    kinds: list[tuple[int, str]] = []
    last = paragraphs[intro][1]   # the end of the last paragraph read
    for a, b in paragraphs[intro + 1:]:
        cue = _cue(text, a, b, sentences)
        if cue is None and b - a < MIN_PARAGRAPH:
            continue
        if cue is not None and ORDER.index(cue) > state:
            state = ORDER.index(cue)
        kinds.append((_NUMBERING.match(text, a).end(), ORDER[state]))
        last = b
    told = {k for _a, k in kinds}
    if not kinds or kinds[0][1] != "threat" or not {"goal", "actions"} <= told:
        return []
    out = []
    for i, (a, kind) in enumerate(kinds):
        if kind != "threat" and (i == 0 or kinds[i - 1][1] != kind):
            out.append((a, a, a, kind, part_title(text, a)))
    # the page's short lines after the last paragraph (a plea, the place and date, a signature) are no part
    tail = _NEXT_LINE.search(text, last)
    if tail is not None:
        out.append((tail.start(), tail.start(), tail.start(), "other", tail.group().strip()[:40]))
    return out
