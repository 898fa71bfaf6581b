"""Assemble the stages: ingest -> text -> NLP -> sections -> fields -> record."""
from __future__ import annotations

import hashlib
import importlib
from functools import lru_cache, partial
from pathlib import Path
from typing import Iterator

from extractor.record import Document, Source

# Field extractors in the order they run.  Each is ``extractor.fields.<module>.extract(document)``
# and returns the value of one record field; later extractors may read earlier fields.
FIELD_ORDER: tuple[tuple[str, str], ...] = (
    ("doc_type", "doctype"),
    ("date", "date"),
    ("period", "period"),
    ("locality", "locality"),
    ("unit", "unit"),
    ("district", "district"),
    ("persons", "persons"),
    ("officer", "officer"),
    ("threats", "threats"),
    ("locations", "locations"),
    ("time_windows", "time_windows"),
    ("targets", "targets"),
    ("partners", "partners"),
    ("actions", "actions"),
    ("indicators", "indicators"),
)


# NLP components whose annotations only the spaCy Doc carries: the field extractors read the Doc's sentences
# and nothing these components set (``plany_morfeusz``'s chosen readings, lemmas, name classes and entities;
# the extractors ask :mod:`extractor.nlp.morph` for the words they look at).  ``process(annotate=False)``
# leaves them out: the record is the same (``tests/test_fast_paths.py`` checks it over the corpus).
ANNOTATION_ONLY: tuple[str, ...] = ("plany_morfeusz",)
# the components that set the sentences the extractors read
SENTENCE_SETTERS: tuple[str, ...] = ("plany_sentences", "parser", "senter", "sentencizer")


def skipped_without_annotation(nlp) -> tuple[str, ...]:
    """The components of ``nlp`` that ``process(annotate=False)`` leaves out: :data:`ANNOTATION_ONLY` and, in a
    statistical pipeline, every component that neither sets the sentences nor feeds one that does (the
    tagger, morphologizer, lemmatizer, attribute ruler, entity recogniser: their predictions serve only
    ``plany_morfeusz``'s annotation).  A shared ``tok2vec``/``transformer`` stays when the parser or senter
    listens to it."""
    keep = {name for name in nlp.pipe_names if name in SENTENCE_SETTERS}
    for name, pipe in nlp.pipeline:
        if set(getattr(pipe, "listening_components", None) or ()) & keep:
            keep.add(name)
    return tuple(name for name in nlp.pipe_names if name not in keep)


@lru_cache(maxsize=1)
def _modules() -> tuple:
    """(field, extractor module) in :data:`FIELD_ORDER`, imported once."""
    return tuple((name, importlib.import_module(f"extractor.fields.{mod}")) for name, mod in FIELD_ORDER)


def _extractors():
    """(field, extract function) in :data:`FIELD_ORDER`; each function is read from its module on every
    call (a test may replace it)."""
    return [(name, module.extract) for name, module in _modules()]


def process(document: Document, model: str | None = "auto", annotate: bool = True) -> Document:
    """Run NLP, sections and every field extractor over a document (in place) and return it.

    ``annotate=False`` skips the components of :data:`ANNOTATION_ONLY`, and those of a statistical model
    that set no sentences (:func:`skipped_without_annotation`): the same fields, and a Doc with tokens and
    sentences only.  With the blank pipeline the extractors are given the sentences, worked out
    from the tokenizer's pieces, and that Doc is made only when ``document.doc`` is read.  What wants only
    the record (``to_record()``: extract, import, evaluate, bench) passes it."""
    from extractor.nlp import get_nlp
    from extractor.sections import find_sections

    nlp = get_nlp(model)
    if not annotate and _sentences_only(nlp):
        # the extractors read the Doc's sentences only: worked out from the tokenizer's pieces, and the Doc
        # itself made when something reads ``document.doc``
        document.doc_later(partial(_lean_doc, model, document.text), nlp.tokenizer.sentence_spans(document.text))
    else:
        document.doc = nlp(document.text) if annotate else _lean_doc(model, document.text)
    document.model = nlp.meta.get("plany_model", nlp.meta.get("name"))
    document.sections = find_sections(document)
    for name, fn in _extractors():
        document.fields[name] = fn(document)
    return document


def _lean_doc(model, text: str):
    """The Doc ``process(annotate=False)`` makes, or with the blank pipeline leaves for later (a function of
    its arguments: it pickles)."""
    from extractor.nlp import get_nlp

    nlp = get_nlp(model)
    return nlp(text, disable=skipped_without_annotation(nlp))


def _sentences_only(nlp) -> bool:
    """Whether the Doc ``process(annotate=False)`` makes with ``nlp`` carries nothing but our tokenizer's
    tokens and ``plany_sentences``' sentences (the blank pipeline, or a model without parser or senter)."""
    from extractor.nlp.tokenizer import PieceCachingTokenizer

    skipped = skipped_without_annotation(nlp)
    return isinstance(nlp.tokenizer, PieceCachingTokenizer) and \
        [n for n in nlp.pipe_names if n not in skipped] == ["plany_sentences"]


def extract_text(text: str, path: str = "<text>", model: str | None = "auto", fmt: str = "txt") -> dict:
    """Extract the contract record from plain text."""
    from extractor.ingest.normalize import normalize_text

    raw = text.encode("utf-8", "replace")  # a lone surrogate (from a surrogateescape decode) becomes "?"
    clean = normalize_text(raw.decode("utf-8")).text
    src = Source(path=path, sha256=hashlib.sha256(raw).hexdigest(), format=fmt, encoding="utf-8", size=len(raw))
    return process(Document(source=src, text=clean), model, annotate=False).to_record()


def iter_documents(paths, **limits) -> Iterator[Document | Exception]:
    """Documents from files, directories and archives; an ingest failure is yielded as its exception."""
    from extractor.ingest import load_paths

    for item in load_paths(paths, **limits):
        if isinstance(item, Exception):
            yield item
            continue
        src = Source(path=item.path, sha256=item.sha256, format=item.format, encoding=item.encoding, size=item.size)
        yield Document(source=src, text=item.text)


def extract_path(path: str | Path, model: str | None = "auto") -> list[dict]:
    """Records of every document under ``path`` (a file, directory or archive). Raises on failures."""
    out = []
    for d in iter_documents([str(path)]):
        if isinstance(d, Exception):
            raise d
        out.append(process(d, model, annotate=False).to_record())
    return out
