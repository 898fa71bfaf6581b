"""The ``plany_morfeusz`` spaCy component: Morfeusz analyses, a disambiguated lemma and a name class per token.

For each token it sets

* ``token._.morf``        all Morfeusz analyses (tuple of :class:`extractor.nlp.morph.Analysis`)
* ``token._.analysis``    the chosen analysis (or None for punctuation, numbers, spaces)
* ``token.lemma_``        the chosen lemma
* ``token._.name_class``  ``geo`` / ``first_name`` / ``surname`` / ``org`` / None

The choice is deterministic: each analysis gets a score from

1. the statistical model, when the pipeline has one: its morphological case/number and
   its coarse POS (``token.morph``, ``token.pos_``);
2. the case governed by a preceding preposition ("w Łukowie" -> loc, "do Lublina" -> gen),
   carried over adjectives between the preposition and the noun;
3. agreement of adjectives with a neighbouring noun;
4. capitalisation: a capitalised word inside a sentence prefers proper-name readings,
   a lowercase word common readings;
5. archaic readings ('daw.') last, then Morfeusz's order.

Entities predicted by the model (persName, placeName, geogName, orgName) set the name class
of their tokens; without a model, first name + surname pairs and gazetteer towns become
``doc.ents`` (labels as in pl_core_news: persName, placeName) when ``set_ents`` is true.
"""
from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, POS, SENT_START
from spacy.symbols import IDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extractor.nlp import morph
from extractor.nlp.gazetteer import is_town, is_town_start
from extractor.nlp.tokenizer import abbreviations, token_columns

# the ids of the UD part-of-speech tags, for ``Doc.from_array``
_UD_ID = {name: IDS[name] for name in ("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART",
                                       "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X")}

# prepositions -> the cases they govern (most frequent reading first)
PREP_CASES: dict[str, tuple[str, ...]] = {
    "w": ("loc", "acc"), "we": ("loc", "acc"), "na": ("loc", "acc"), "o": ("loc", "acc"),
    "przy": ("loc",), "po": ("loc", "acc"),
    "z": ("inst", "gen"), "ze": ("inst", "gen"), "nad": ("inst", "acc"), "pod": ("inst", "acc"),
    "przed": ("inst", "acc"), "za": ("inst", "acc", "gen"), "między": ("inst", "acc"), "pomiędzy": ("inst",),
    "do": ("gen",), "od": ("gen",), "dla": ("gen",), "bez": ("gen",), "obok": ("gen",), "koło": ("gen",),
    "u": ("gen",), "spod": ("gen",), "sprzed": ("gen",), "wokół": ("gen",), "podczas": ("gen",),
    "według": ("gen",), "wśród": ("gen",), "naprzeciw": ("gen", "dat"), "ze strony": ("gen",), "z udziałem": ("gen",),
    "wobec": ("gen",), "oprócz": ("gen",), "zamiast": ("gen",), "spośród": ("gen",), "w pobliżu": ("gen",),
    "w rejonie": ("gen",), "k.": ("gen",), "dzięki": ("dat",), "ku": ("dat",), "przeciw": ("dat",),
    "przeciwko": ("dat",), "przez": ("acc",), "poprzez": ("acc",), "mimo": ("gen", "acc"),
}

UD_CASE = {"Nom": "nom", "Gen": "gen", "Dat": "dat", "Acc": "acc", "Ins": "inst", "Loc": "loc", "Voc": "voc"}
UD_NUMBER = {"Sing": "sg", "Plur": "pl"}
UD_POS = {
    "NOUN": {"subst", "depr", "ger"}, "PROPN": {"subst", "depr"},
    "ADJ": {"adj", "ppas", "pact", "adja", "adjp", "adjc"},
    "VERB": {"fin", "praet", "inf", "impt", "imps", "pcon", "pant", "bedzie", "pred", "ger", "ppas", "pact", "winien"},
    "AUX": {"fin", "praet", "bedzie", "aglt", "inf", "impt"},
    "ADP": {"prep"}, "ADV": {"adv"}, "NUM": {"num", "numcomp"},
    "PRON": {"ppron12", "ppron3", "siebie", "adj", "subst"}, "DET": {"adj"},
    "CCONJ": {"conj"}, "SCONJ": {"comp", "conj"}, "PART": {"qub", "part"}, "INTJ": {"interj"},
}
MORF_TO_UD = {  # for blank pipelines: a coarse POS from the chosen analysis
    "subst": "NOUN", "depr": "NOUN", "ger": "NOUN", "adj": "ADJ", "ppas": "ADJ", "pact": "ADJ", "adja": "ADJ",
    "adjp": "ADJ", "adjc": "ADJ", "fin": "VERB", "praet": "VERB", "inf": "VERB", "impt": "VERB", "imps": "VERB",
    "pcon": "VERB", "pant": "VERB", "bedzie": "AUX", "aglt": "AUX", "pred": "VERB", "prep": "ADP", "adv": "ADV",
    "num": "NUM", "numcomp": "NUM", "ppron12": "PRON", "ppron3": "PRON", "siebie": "PRON", "conj": "CCONJ",
    "comp": "SCONJ", "qub": "PART", "interj": "INTJ", "brev": "X", "ign": "X",
}
ENT_CLASS = {"placeName": "geo", "geogName": "geo", "orgName": "org", "LOC": "geo", "GPE": "geo", "ORG": "org"}
PERSON_LABELS = {"persName", "PER", "PERSON"}
NAME_CLASS = (("nazwa_geograficzna", "geo"), ("imię", "first_name"), ("nazwisko", "surname"),
              ("nazwa_organizacji", "org"), ("człon_nazwy_geograficznej", "geo"))

_NOMINAL = {"subst", "depr", "ger"}
_ADJ = {"adj", "ppas", "pact"}


def _register_extensions() -> None:
    for name in ("morf", "analysis", "name_class"):
        if not Token.has_extension(name):
            Token.set_extension(name, default=None)


_register_extensions()


def _is_word(tok: Token) -> bool:
    return tok.text[:1].isalpha()


_ADJ_ANY = _ADJ | {"adja"}
_PREP_SECOND = {k.split(" ", 1)[1] for k in PREP_CASES if " " in k}
_MISSING = object()
_NAME_POS = _NOMINAL | _ADJ | {"ign"}


def _proper(a: morph.Analysis) -> bool:
    """:func:`morph._is_proper`, without a generator for a reading that names no class (most of them)."""
    names = a.names
    return bool(names) and any(n in morph.PROPER for n in names)


def _gov_cases(lows: list, is_space: list, is_word: list, chosen: list, i: int) -> tuple[str, ...]:
    """Cases governed by a preposition before token i, looking back over adjectives/nouns (max 3 words), over
    the component's lists (lower-cased texts, space and word flags, the readings chosen so far)."""
    j = i - 1
    steps = 0
    passed_noun = False
    own = chosen[i]
    own_adj = own is not None and own.pos in _ADJ
    while j >= 0 and steps < 4:
        if is_space[j]:
            j -= 1
            continue
        low = lows[j]
        got = PREP_CASES.get(low)
        if got is not None:
            return got
        if j >= 1 and low in _PREP_SECOND:
            got = PREP_CASES.get(f"{lows[j - 1]} {low}")
            if got is not None:
                return got
        a = chosen[j]
        if not is_word[j] or a is None:
            return ()
        if a.pos not in _ADJ_ANY:
            if a.pos in _NOMINAL and not passed_noun and own_adj:
                passed_noun = True
            else:
                return ()
        j -= 1
        steps += 1
    return ()


# pass 2 of the Morfeusz component skips the tokens whose inputs pass 1 already read (False: every token)
SKIP_SETTLED = True


def _lookback_starts(is_space: list, tokens: list) -> dict:
    """For each token (index): the first index :func:`_gov_cases` may read a chosen reading at (it looks
    back over at most four tokens that are not spaces)."""
    out = {}
    for i in tokens:
        j, seen = i - 1, 0
        while j >= 0:
            if not is_space[j]:
                seen += 1
                if seen == 4:
                    break
            j -= 1
        out[i] = max(j, 0)
    return out


def _fixed_gov_cases(lows: list, is_space: list, is_word: list, analyses: list, tokens: list) -> dict:
    """For the tokens (indices) whose :func:`_gov_cases` does not depend on the readings chosen: the previous
    word is a preposition (one or two words), is not an analysed word, or there is none.  Those answers."""
    out = {}
    for i in tokens:
        j = i - 1
        while j >= 0 and is_space[j]:
            j -= 1
        if j < 0:
            out[i] = ()
            continue
        low = lows[j]
        got = PREP_CASES.get(low)
        if got is None and j >= 1 and low in _PREP_SECOND:
            got = PREP_CASES.get(f"{lows[j - 1]} {low}")
        if got is not None:
            out[i] = got
        elif not is_word[j] or not analyses[j]:   # no reading is chosen for it in any pass
            out[i] = ()
    return out


def _institutional_fast(texts: list, analyses: list, i: int) -> bool:
    """A capitalised word next to a capitalised common adjective agreeing with it ("Komendy Powiatowej",
    "Miejskiej Straży"): part of an institution's name (over the token texts and their readings)."""
    n = len(texts)
    if not ((i > 0 and analyses[i - 1] and texts[i - 1][:1].isupper())
            or (i + 1 < n and analyses[i + 1] and texts[i + 1][:1].isupper())):
        return False   # no capitalised analysed word next to it (the cheap test first)
    an = analyses[i]
    if not an or not any(a.pos in _NOMINAL and not _proper(a) for a in an):
        return False
    for j in (i - 1, i + 1):
        if not (0 <= j < n) or not analyses[j] or not texts[j][:1].isupper():
            continue
        for b in analyses[j]:
            if b.pos in _ADJ and any(morph._agrees(b, a, c) for a in an if a.pos in _NOMINAL for c in b.case):
                return True
    return False


def _name_class_of(text: str, a: morph.Analysis, next_is_cap_word: bool):
    """:meth:`MorfeuszComponent._name_class` from the word, its reading and whether a capitalised
    word follows."""
    if not text[:1].isupper():
        return None
    order = NAME_CLASS
    if "imię" in a.names and next_is_cap_word:
        order = (("imię", "first_name"),) + NAME_CLASS
    for name, cls in order:
        if name in a.names:
            return cls
    if is_town(text) or (a.pos != "ign" and is_town(a.lemma)):
        return "geo"
    return None


def _direct_extensions() -> bool:
    """True when our token extensions are plain attributes (no getter/setter/method), so their
    values can be written straight into ``doc.user_data`` under spaCy's own keys."""
    for name in ("morf", "analysis", "name_class"):
        ext = Token.get_extension(name)
        if ext is None or ext[1] is not None or ext[2] is not None or ext[3] is not None:
            return False
    return True


class MorfeuszComponent:
    def __init__(self, nlp: Language, name: str = "plany_morfeusz", use_model_morph: bool = True,
                 use_model_pos: bool = True, use_model_ents: bool = True, set_ents: bool = True,
                 set_pos: bool = True):
        self.name = name
        self.use_model_morph = use_model_morph
        self.use_model_pos = use_model_pos
        self.use_model_ents = use_model_ents
        self.set_ents = set_ents
        self.set_pos = set_pos
        self.has_tagger = False
        self.has_ner = False
        self._nlp = nlp
        self._memo: dict = {}      # scoring inputs -> index of the chosen reading
        self._nc_memo: dict = {}   # (word, reading, capitalised word next) -> name class
        self._lemma_ids: tuple = (None, {})   # (string store, {reading or word: id of its lemma string})

    def _refresh(self):
        names = set(self._nlp.pipe_names)
        self.has_tagger = bool(names & {"tagger", "morphologizer"})
        self.has_ner = "ner" in names

    # -- scoring --------------------------------------------------------------------
    def _score(self, word: str, a: morph.Analysis, order: int, gov: tuple, model_case: set, model_num: set,
               model_pos: str, neighbours: list, sent_start: bool, institutional: bool = False) -> tuple:
        s = 0
        if model_case and a.case:
            s += 8 if a.case & model_case else -4
        if model_num and a.number:
            s += 2 if a.number & model_num else -1
        if model_pos and model_pos in UD_POS:
            if a.pos in UD_POS[model_pos]:
                s += 4
                if model_pos == "PROPN" and morph._is_proper(a):
                    s += 2
        if gov and a.case:
            if gov[0] in a.case:
                s += 5
            elif set(gov) & a.case:
                s += 3
        if a.pos in _ADJ:
            for n in neighbours:
                if n.pos in _NOMINAL and any(morph._agrees(a, n, c) for c in a.case):
                    s += 3
        elif a.pos in _NOMINAL and neighbours:
            # nouns: agreement with an adjective neighbour
            for n in neighbours:
                if n.pos in _ADJ and any(morph._agrees(n, a, c) for c in a.case):
                    s += 1
                    break
        cap = word[:1].isupper()
        proper = _proper(a)
        if cap and not sent_start and not word.isupper():
            # inside an institution's name ("Komendy Powiatowej") a common noun stays common
            s += 2 if proper and not institutional else 0
        elif not cap:
            s += 1 if not proper else -2
        if "daw." in a.quals:
            s -= 3
        if a.pos in ("interj", "brev"):
            s -= 2
        elif a.pos in ("part", "qub"):
            s -= 1
        if "nazwa_geograficzna" in a.names and is_town_start(a.lemma):
            s += 3
        if a.pos == "ign":
            s -= 10
        return (s, -order)

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc``.  The same choices as scoring every reading of every token in three
        passes, but per-token work is done on plain lists, and each choice is looked up in a
        memo keyed by everything the score depends on (the word, the governing cases, the
        neighbours' readings, sentence start, the institutional flag, the model's features)."""
        self._refresh()
        n = len(doc)
        texts, is_space, is_punct, _trail, idx = token_columns(doc)
        lows = [x.lower() for x in texts]
        abbr = abbreviations()
        analyses: list = [None] * n
        analyse = morph.analyse
        for i in range(n):
            t = texts[i]
            if is_space[i] or not t[:1].isalpha() or is_punct[i]:
                continue
            if lows[i] in abbr or (len(t) == 1 and t.isupper()):
                continue  # abbreviations and initials: no Morfeusz guess
            analyses[i] = analyse(t)
        is_word = [bool(x[:1].isalpha()) for x in texts]
        sent_start = [x == 1 for x in doc.to_array([SENT_START]).tolist()] if n else []
        if n:
            sent_start[0] = True   # as Token.is_sent_start
        use_morph = self.has_tagger and self.use_model_morph
        use_pos = self.has_tagger and self.use_model_pos
        model_feats: list = [None] * n
        if use_morph or use_pos:
            for i, tok in enumerate(doc):
                if not analyses[i]:
                    continue
                mc = frozenset(UD_CASE[c] for c in tok.morph.get("Case") if c in UD_CASE) if use_morph else frozenset()
                mn = frozenset(UD_NUMBER[c] for c in tok.morph.get("Number") if c in UD_NUMBER) if use_morph \
                    else frozenset()
                mp = (tok.pos_ or "") if use_pos else ""
                model_feats[i] = (mc, mn, mp)
        no_feats = (frozenset(), frozenset(), "")
        memo = self._memo
        if len(memo) > 400_000:
            memo.clear()
        first = [(x[0] if x else None) for x in analyses]
        inst_of: dict[int, bool] = {}
        score = self._score
        chosen: list = [None] * n
        changed = True
        single = [i for i in range(n) if analyses[i] and len(analyses[i]) == 1]
        ambiguous = [i for i in range(n) if analyses[i] and len(analyses[i]) > 1]
        fixed_gov = _fixed_gov_cases(lows, is_space, is_word, analyses, ambiguous)
        changed_1: set = set()   # the tokens whose reading pass 1 changed
        for pass_no in (0, 1, 2):
            # pass 0 looks at all readings of the neighbours; later passes update in place, left to right.
            # When pass 1 changed nothing, pass 2 would see the same inputs and give the same choices.
            if pass_no == 2 and not changed:
                break
            new = [None] * n if pass_no == 0 else chosen
            look = chosen if pass_no else first
            changed = False
            last_changed = -1   # in pass 2: the last token whose reading it changed
            reach = _lookback_starts(is_space, ambiguous) if pass_no == 2 and SKIP_SETTLED else None
            if pass_no == 0:
                for i in single:   # one reading: chosen once (later passes would not change it)
                    new[i] = analyses[i][0]
            for i in ambiguous:
                if reach is not None and last_changed < reach[i] and i not in changed_1 \
                        and i + 1 not in changed_1:
                    # what pass 2 reads for this token (its own and its right neighbour's readings from pass 1,
                    # the readings before it back to its governing preposition from pass 2) is what pass 1
                    # read: the same choice
                    continue
                an = analyses[i]
                gov = fixed_gov.get(i)
                if gov is None:
                    gov = _gov_cases(lows, is_space, is_word, look, i)
                feats = model_feats[i] or no_feats
                if pass_no:
                    left = chosen[i - 1] if i > 0 else None
                    right = chosen[i + 1] if i + 1 < n else None
                    inst = inst_of.get(i)
                    if inst is None:
                        inst = inst_of[i] = _institutional_fast(texts, analyses, i)
                    key = (1, texts[i], left, right, gov, sent_start[i], inst, feats)
                else:
                    left = texts[i - 1] if i > 0 and analyses[i - 1] else None
                    right = texts[i + 1] if i + 1 < n and analyses[i + 1] else None
                    key = (0, texts[i], left, right, gov, sent_start[i], feats)
                k = memo.get(key)
                if k is None:
                    if pass_no:
                        neighbours = [x for x in (left, right) if x is not None]
                    else:
                        neighbours = []
                        if left is not None:
                            neighbours.extend(analyses[i - 1])
                        if right is not None:
                            neighbours.extend(analyses[i + 1])
                        inst = inst_of.get(i)
                        if inst is None:
                            inst = inst_of[i] = _institutional_fast(texts, analyses, i)
                    word = texts[i]
                    mc, mn, mp = feats
                    ss = sent_start[i]
                    k = max(range(len(an)), key=lambda o: score(word, an[o], o, gov, mc, mn, mp, neighbours, ss, inst))
                    memo[key] = k
                if pass_no and new[i] is not an[k]:
                    changed = True
                    if pass_no == 1:
                        changed_1.add(i)
                    else:
                        last_changed = i
                new[i] = an[k]
            chosen = new
        ncs = self._write(doc, idx, texts, is_word, analyses, chosen)
        if self.has_ner and self.use_model_ents:
            self._apply_model_ents(doc)
        elif self.set_ents and not doc.ents:
            if ncs is None:
                self._rule_ents(doc)
            else:
                self._rule_ents_fast(doc, idx, is_punct, texts, is_word, chosen, ncs)
        return doc

    def _write(self, doc: Doc, offsets: list, texts: list, is_word: list, analyses: list, chosen: list) -> list | None:
        """Set ``_.morf``, ``_.analysis``, ``_.name_class``, ``lemma_`` and ``pos_`` from the choices
        (lemmas and parts of speech with one ``Doc.from_array``).

        Returns the name class of each token as written (``_MISSING`` where none was written), or None
        when the extensions are not plain attributes."""
        direct = _direct_extensions()
        ud = doc.user_data
        n = len(texts)
        ncs: list = [_MISSING] * n
        set_pos = self.set_pos
        nc_memo = self._nc_memo
        if len(nc_memo) > 200_000:
            nc_memo.clear()
        if not n:
            return ncs if direct else None
        strings = doc.vocab.strings
        store, lemma_ids = self._lemma_ids
        if store is not strings or len(lemma_ids) > 200_000:
            lemma_ids = {}
            self._lemma_ids = (strings, lemma_ids)
        lemmas, poses = doc.to_array([LEMMA, POS]).T.tolist()
        for i in range(n):
            a = chosen[i]
            an = analyses[i]
            if direct:
                idx = offsets[i]
                if an is not None:
                    ud[("._.", "morf", idx, None)] = an
                ud[("._.", "analysis", idx, None)] = a
            else:
                tok = doc[i]
                if an is not None:
                    tok._.morf = an
                tok._.analysis = a
            if a is None:
                if not lemmas[i]:
                    lemmas[i] = strings.add(texts[i])
                continue
            lid = lemma_ids.get(a)
            if lid is None:   # the lemma's string id, once per reading
                lid = lemma_ids[a] = strings.add(a.lemma if _proper(a) else a.lemma.lower()) if a.pos != "ign" \
                    else None
            lemmas[i] = lid if lid is not None else strings.add(texts[i])
            if set_pos and not poses[i]:
                poses[i] = _UD_ID[MORF_TO_UD.get(a.pos, "X")]
            t = texts[i]
            if not t[:1].isupper():
                nc = None
            else:
                nxt_cap_word = i + 1 < n and texts[i + 1][:1].isupper() and is_word[i + 1]
                key = (t, a, nxt_cap_word)
                nc = nc_memo.get(key, _MISSING)
                if nc is _MISSING:
                    nc = nc_memo[key] = _name_class_of(t, a, nxt_cap_word)
            ncs[i] = nc
            if direct:
                ud[("._.", "name_class", offsets[i], None)] = nc
            else:
                doc[i]._.name_class = nc
        doc.from_array([LEMMA, POS], numpy.array([lemmas, poses], dtype=numpy.uint64).T)
        return ncs if direct else None

    @staticmethod
    def _name_class(tok: Token, a: morph.Analysis):
        if not tok.text[:1].isupper():
            return None
        order = NAME_CLASS
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if "imię" in a.names and nxt is not None and nxt.text[:1].isupper() and _is_word(nxt):
            order = (("imię", "first_name"),) + NAME_CLASS
        for name, cls in order:
            if name in a.names:
                return cls
        if is_town(tok.text) or (a.pos != "ign" and is_town(a.lemma)):
            return "geo"
        # a capitalised word with a proper reading that was not chosen (sentence start)
        return None

    def _apply_model_ents(self, doc: Doc) -> None:
        for ent in doc.ents:
            if ent.label_ in PERSON_LABELS:
                for k, tok in enumerate(ent):
                    a = tok._.analysis
                    if a is not None and a.pos != "ign" and "imię" in a.names and k < len(ent) - 1:
                        tok._.name_class = "first_name"
                    elif k == 0 and len(ent) > 1 and any("imię" in x.names for x in (tok._.morf or ())):
                        tok._.name_class = "first_name"
                    else:
                        tok._.name_class = "surname"
            elif ent.label_ in ENT_CLASS:
                for tok in ent:
                    if tok.text[:1].isupper():
                        tok._.name_class = ENT_CLASS[ent.label_]

    @staticmethod
    def _rule_ents_fast(doc: Doc, offsets: list, is_punct: list, texts: list, is_word: list, chosen: list,
                        ncs: list) -> None:
        """:meth:`_rule_ents` over the lists of :meth:`__call__` (the chosen readings and the name classes
        :meth:`_write` wrote, read from ``doc.user_data`` where it wrote none), without ``token._``."""
        ud = doc.user_data
        n = len(texts)

        def name_class(i: int):
            nc = ncs[i]
            if nc is _MISSING:
                nc = ud.get(("._.", "name_class", offsets[i], None))
            return nc

        spans = []
        i = 0
        while i < n:
            nc = name_class(i)
            if nc == "first_name" and i + 1 < n and texts[i + 1][:1].isupper() and not is_punct[i + 1]:
                a = chosen[i + 1]
                if name_class(i + 1) in ("surname", "first_name", None, "geo") and is_word[i + 1] and \
                        (a is None or a.pos in _NAME_POS):
                    end = i + 2
                    ncs[i + 1] = "surname"
                    ud[("._.", "name_class", offsets[i + 1], None)] = "surname"
                    spans.append(Span(doc, i, end, label="persName"))
                    i = end
                    continue
            if nc == "geo" and chosen[i] is not None and is_town(chosen[i].lemma):
                spans.append(Span(doc, i, i + 1, label="placeName"))
            i += 1
        if spans:
            doc.ents = spans

    @staticmethod
    def _rule_ents(doc: Doc) -> None:
        """persName for a capitalised first name followed by a capitalised surname-like word;
        placeName for a capitalised gazetteer town (nominative lemma)."""
        spans = []
        i = 0
        n = len(doc)
        while i < n:
            tok = doc[i]
            nc = tok._.name_class
            if nc == "first_name" and i + 1 < n and doc[i + 1].text[:1].isupper() and not doc[i + 1].is_punct:
                nxt = doc[i + 1]
                if nxt._.name_class in ("surname", "first_name", None, "geo") and _is_word(nxt) and \
                        (nxt._.analysis is None or nxt._.analysis.pos in _NOMINAL | _ADJ | {"ign"}):
                    end = i + 2
                    if end < n and doc[end].text.startswith("-"):
                        end = i + 2
                    nxt._.name_class = "surname"
                    spans.append(Span(doc, i, end, label="persName"))
                    i = end
                    continue
            if nc == "geo" and tok._.analysis is not None and is_town(tok._.analysis.lemma):
                spans.append(Span(doc, i, i + 1, label="placeName"))
            i += 1
        if spans:
            doc.ents = spans


@Language.factory(
    "plany_morfeusz",
    default_config={"use_model_morph": True, "use_model_pos": True, "use_model_ents": True,
                    "set_ents": True, "set_pos": True},
)
def make_morfeusz_component(nlp: Language, name: str, use_model_morph: bool, use_model_pos: bool,
                            use_model_ents: bool, set_ents: bool, set_pos: bool):
    return MorfeuszComponent(nlp, name, use_model_morph, use_model_pos, use_model_ents, set_ents, set_pos)
