"""Tokenizer tweaks and sentence boundaries for Polish police/municipal documents.

* abbreviations from ``rules/tokenizer_exceptions.txt`` stay one token ("ul.", "asp.", "m.in.")
* dates ("15.07.2024"), times ("17.30", "7:00") and hour ranges' parts stay one token
* ``plany_sentences``: a rule-based sentence boundary component that does not break after
  those abbreviations nor after initials ("J. Kowalski"), and breaks at line starts that
  look like a new sentence, heading or list item.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate
from operator import add

from spacy.language import Language
import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, ORTH as ORTH_ATTR, SENT_START, SPACY
from spacy.symbols import ORTH
from spacy.tokens import Doc

from extractor.resources import abbreviations
from extractor.text_cache import PerWord

DATE_RE = r"\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}"
TIME_RE = r"(?:[01]?\d|2[0-4])[.:][0-5]\d"
_TOKEN_MATCH = re.compile(rf"^(?:{DATE_RE}|{TIME_RE})$")
_INNER = re.compile(rf"(?<![\d.:])(?:{DATE_RE}|{TIME_RE})(?![\d:]|\.\d)")
_DASH = re.compile(r"(?<=\d)[-–—](?=\d)")


def _variants(abbr: str) -> set[str]:
    return {abbr, abbr[:1].upper() + abbr[1:], abbr.upper()}


def customize_tokenizer(tokenizer) -> None:
    """Add the special cases and the date/time token_match to a spaCy tokenizer (in place)."""
    for abbr in abbreviations():
        for v in _variants(abbr):
            tokenizer.add_special_case(v, [{ORTH: v}])
    old = tokenizer.token_match

    def token_match(text: str):
        m = _TOKEN_MATCH.match(text)
        if m:
            return m
        return old(text) if old else None

    tokenizer.token_match = token_match

    # inside a longer string ("18.00-22.00", "15.07.2024-30.09.2024") keep dates/times whole and
    # split at the dash between them
    old_infix = tokenizer.infix_finditer

    def infix_finditer(text: str):
        protected = [(m.start(), m.end()) for m in _INNER.finditer(text)]
        out = []
        for m in (old_infix(text) if old_infix else ()):
            if any(a < m.end() and m.start() < b for a, b in protected):
                continue
            out.append(m)
        for m in _DASH.finditer(text):
            if not any(x.start() == m.start() for x in out):
                out.append(m)
        out.sort(key=lambda m: m.start())
        return out

    tokenizer.infix_finditer = infix_finditer


# a run of non-space characters with the one space after it, or a run of whitespace
_PIECES = re.compile(r"\S+ ?|\s+")


class PieceCachingTokenizer:
    """A spaCy tokenizer run one whitespace-delimited piece at a time, with every piece's tokens kept.

    spaCy caches the tokens of a piece only until the first special case ("ul.", "nr", "asp.") of a
    document is met; after that it splits every word again with the prefix/suffix/infix rules.  Plans
    are full of special cases, so this keeps its own cache: a piece's tokens do not depend on the
    pieces around it (spaCy splits the text at whitespace the same way, below, and a special case
    never spans whitespace), so the tokens are those of the wrapped tokenizer.  Anything else
    (``explain``, ``add_special_case``, serialisation) goes to the wrapped tokenizer; changing its
    rules clears the cache.
    """

    MAX_PIECES = 200_000
    # a run of text without whitespace longer than this is tokenised in parts of this length: spaCy's
    # prefix/suffix splitting takes time quadratic in a piece's length (11 s for 100 kB of ".,;:-")
    MAX_PIECE = 1000
    # longer pieces are not kept (they rarely repeat)
    MAX_KEPT_PIECE = 200

    def __init__(self, tokenizer):
        self.__dict__["tokenizer"] = tokenizer
        self.__dict__["_pieces"] = {}

    def __getattr__(self, name):
        return getattr(self.tokenizer, name)

    def __setattr__(self, name, value):
        self._pieces.clear()
        setattr(self.tokenizer, name, value)

    def add_special_case(self, string, substrings):
        self._pieces.clear()
        return self.tokenizer.add_special_case(string, substrings)

    def _piece(self, piece: str):
        """The tokens of ``piece`` -- words, trailing-space flags and (index, norm) of special norms -- where
        a piece is a run of non-space characters with the one space after it, or a run of whitespace."""
        got = self._pieces.get(piece)
        if got is None:
            trailing = piece[-1:] == " " and not piece.isspace()
            run = piece[:-1] if trailing else piece
            got = ([run], [trailing], []) if self._plain(run) else self._split(run, trailing)
            if len(piece) <= self.MAX_KEPT_PIECE:
                if len(self._pieces) >= self.MAX_PIECES:
                    self._pieces.clear()
                self._pieces[piece] = got
        return got

    def _split(self, run: str, trailing: bool):
        """(words, spaces, norms) of ``run`` as the wrapped tokenizer gives them."""
        words, spaces, norms = [], [], []
        for part in ((run,) if len(run) <= self.MAX_PIECE else self._parts(run)):
            doc = self.tokenizer(part)
            # a special case may give a token its own norm ("\xa0" -> "  "): kept as (index, norm)
            norms.extend((len(words) + i, t.norm_) for i, t in enumerate(doc) if t.norm != t.lex.norm)
            words.extend(t.text for t in doc)
            spaces.extend(bool(t.whitespace_) for t in doc)
        if trailing:
            spaces[-1] = True
        return words, spaces, norms

    def _plain(self, run: str) -> bool:
        """Whether spaCy's tokenizer gives ``run`` (letters only) as one token: it splits a string only at a
        special case, a prefix, a suffix or an infix, and ``run`` has none of them.  Finding that out takes
        a quarter of the time the tokenizer takes for a string it has not seen (most words of a document)."""
        if not run.isalpha() or len(run) > self.MAX_PIECE:
            return False
        tok = self.tokenizer
        if run in tok.rules:
            return False
        search = tok.prefix_search
        if search is not None and search(run) is not None:
            return False
        search = tok.suffix_search
        if search is not None and search(run) is not None:
            return False
        infixes = tok.infix_finditer
        return infixes is None or not any(True for _m in infixes(run))

    def _parts(self, run: str) -> list[str]:
        """The parts of :attr:`MAX_PIECE` characters of a longer ``run``."""
        n = self.MAX_PIECE
        return [run[k:k + n] for k in range(0, len(run), n)]

    def columns(self, text: str) -> tuple[list[str], list[bool], list[tuple[int, str]]]:
        """The tokens of ``text`` as the Doc would have them: their texts, trailing-space flags and (index,
        norm) of the special norms."""
        words: list[str] = []
        spaces: list[bool] = []
        norms: list[tuple[int, str]] = []
        kept, piece_tokens = self._pieces.get, self._piece
        # as spaCy does: one space after a word is that word's trailing whitespace (so it goes with the
        # word's piece), any other whitespace is a token of its own
        for piece in _PIECES.findall(text):
            got = kept(piece) or piece_tokens(piece)
            if got[2]:
                base = len(words)
                norms.extend((base + i, n) for i, n in got[2])
            words += got[0]
            spaces += got[1]
        return words, spaces, norms

    def __call__(self, text: str) -> Doc:
        words, spaces, norms = self.columns(text)
        doc = Doc(self.tokenizer.vocab, words=words, spaces=spaces)
        for i, n in norms:
            doc[i].norm_ = n
        return doc

    def sentence_spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of the sentences ``plany_sentences`` gives the Doc of ``text`` (``doc.sents``), worked
        out without making the Doc."""
        words, spaces, _norms = self.columns(text)
        if not words:
            return []
        starts = [i for i, s in enumerate(sentence_starts(words, list(map(str.isspace, words)), spaces)) if s]
        # each token's offset: the lengths of the tokens before it and of their trailing spaces
        idx = list(accumulate(map(add, map(len, words), spaces), initial=0))
        ends = starts[1:] + [len(words)]
        # a sentence ends where its last token does (without that token's trailing space), as Span.end_char
        return [(idx[a], idx[e - 1] + len(words[e - 1])) for a, e in zip(starts, ends)]

    def pipe(self, texts, batch_size=1000):
        for text in texts:
            yield self(text)


def create_tokenizer():
    """Registered as ``plany.tokenizer.v1`` (see ``models/blank_pl.cfg``)."""
    import spacy

    base = spacy.registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make(nlp):
        tok = base(nlp)
        customize_tokenizer(tok)
        return PieceCachingTokenizer(tok)

    return make


def _register_tokenizer() -> None:
    import spacy

    if "plany.tokenizer.v1" not in spacy.registry.tokenizers:
        spacy.registry.tokenizers.register("plany.tokenizer.v1", func=create_tokenizer)


_register_tokenizer()

_FINAL = {".", "!", "?", "…", "...", "?!", "!?"}
_BULLETS = {"•", "-", "–", "—", "*", "●", "▪", "◦", "", "·"}


# what a token may do to the sentence start of the next word: nothing, end a sentence (final punctuation, an
# abbreviation that ends sentences), or break a line (a whitespace token with a line break, or with more)
_PLAIN, _FINAL_MARK, _END_ABBR, _NEW_LINE, _BLANK_LINE = range(5)


def _role(t: str) -> int:
    """What token text ``t`` may do to the next word's sentence start (above)."""
    if t.isspace():
        if "\n" not in t:
            return _PLAIN
        return _BLANK_LINE if "\n\n" in t.replace("\r", "") or t.count("\n") > 1 else _NEW_LINE
    if t in _FINAL:
        return _FINAL_MARK
    return _END_ABBR if abbreviations().get(t.lower()) == "end" and t.endswith(".") else _PLAIN


_ROLES = PerWord(_role)


def _looks_like_start(t: str) -> bool:
    return bool(t) and (t[:1].isupper() or t[:1].isdigit() or t in _BULLETS or t[:1] in "„\"«(")


def sentence_starts(texts: list, is_space: list, whitespace: list) -> list[bool]:
    """Whether each token starts a sentence, from the tokens' texts, space flags and trailing whitespace
    (strings or flags).

    The first token does.  A word after a line break does when the line looks like a sentence (capital,
    digit, bullet, quote) or follows a blank line, sentence punctuation or a colon.  Any other word does
    when the word before it (past spaces) is final punctuation -- not after an initial ("J. Kowalski"),
    and not before a lower-case word -- or an abbreviation that ends sentences, and it is capitalised.
    Only the tokens after those that end sentences or lines are looked at."""
    n = len(texts)
    out = [False] * n
    if not n:
        return out
    out[0] = True
    roles = _ROLES
    for j in [k for k, t in enumerate(texts) if roles[t]]:
        role = roles[texts[j]]
        i = j + 1
        if role >= _NEW_LINE:
            if i >= n or is_space[i] or not is_space[j]:
                continue
            t = texts[i]
            if role == _BLANK_LINE or _looks_like_start(t):
                out[i] = True
            elif j >= 1 and (texts[j - 1] in _FINAL or texts[j - 1].endswith(":")):
                out[i] = True
            continue
        if is_space[j]:
            continue
        while i < n and is_space[i]:   # the next word, past spaces
            i += 1
        if i >= n or (is_space[i - 1] and "\n" in texts[i - 1]):
            continue   # after a line break the word is a line start (above)
        t = texts[i]
        if role == _FINAL_MARK:
            initial = j >= 1 and len(texts[j - 1]) == 1 and texts[j - 1].isupper() and not whitespace[j - 1]
            out[i] = not initial and not t[:1].islower() and t not in _FINAL
        else:
            out[i] = t[:1].isupper()
    return out


def token_columns(doc: Doc) -> tuple[list[str], list[bool], list[bool], list[bool], list[int]]:
    """Every token's text, is_space, is_punct, trailing-space flag and character offset, read from
    ``doc.to_array`` (creating a ``Token`` per word costs more than the work the components do with it)."""
    if not len(doc):
        return [], [], [], [], []
    orth, space, punct, trail, idx = doc.to_array([ORTH_ATTR, IS_SPACE, IS_PUNCT, SPACY, IDX]).T.tolist()
    strings = doc.vocab.strings
    texts = [strings[o] for o in orth]
    return texts, [bool(x) for x in space], [bool(x) for x in punct], [bool(x) for x in trail], idx


def set_sentence_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` of every token at once (one ``from_array``: setting it token by token makes
    spaCy check the whole document on each write)."""
    n = len(doc)
    if n == 0:
        return doc
    orth, is_space, trail = doc.to_array([ORTH_ATTR, IS_SPACE, SPACY]).T.tolist()
    starts = sentence_starts(list(map(doc.vocab.strings.__getitem__, orth)), is_space, trail)
    arr = numpy.where(numpy.array(starts, dtype=bool), 1, -1).astype(numpy.uint64)
    doc.from_array([SENT_START], arr)
    return doc


@Language.component("plany_sentences")
def plany_sentences(doc: Doc) -> Doc:
    return set_sentence_starts(doc)
