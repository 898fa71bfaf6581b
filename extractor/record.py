"""The one record type that flows through the pipeline.

ingest -> text -> NLP -> sections -> field extractors -> normalise -> record -> store

Each stage reads what earlier stages put on the :class:`Document` and adds its
own part; no stage changes what an earlier one wrote.  ``to_record()`` gives
the JSON object of ``CONTRACT.md`` (validated against ``schema/record.schema.json``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extractor import SCHEMA_VERSION

LIST_FIELDS = ("threats", "locations", "time_windows", "targets", "actions", "partners", "persons", "indicators")
SCALAR_FIELDS = ("doc_type", "date", "period", "unit", "locality", "district", "officer")


@dataclass
class Source:
    path: str
    sha256: str
    format: str
    encoding: str | None = None
    size: int = 0

    def as_dict(self) -> dict:
        return {"path": self.path, "sha256": self.sha256, "format": self.format,
                "encoding": self.encoding, "size": self.size}


@dataclass
class Section:
    kind: str            # threat, goal, actions, partners, communication, other; strategy/news kinds too
    title: str           # the header as written ("" when the section has none, e.g. a news body)
    start: int           # offset of the header (or of the content when there is no header)
    end: int             # end of the section's content
    body_start: int      # where the content after the header begins
    header_end: int = -1  # end of the header text

    def as_dict(self) -> dict:
        return {"kind": self.kind, "title": self.title, "start": self.start, "end": self.end}


@dataclass
class Document:
    """A document on its way through the pipeline."""

    source: Source
    text: str                                  # the plain text all offsets point into
    # spaCy Doc over ``text`` (set by the NLP stage; see :meth:`doc_later`)
    doc: Any = field(default=None, repr=False, compare=False)
    sections: list[Section] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    model: str | None = None                   # NLP pipeline used
    warnings: list[str] = field(default_factory=list)

    # helpers for extractors ---------------------------------------------------
    def span(self, start: int, end: int, **values) -> dict:
        """An extracted item with its evidence: ``text``, ``start``, ``end`` plus ``values``."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        item = dict(values)
        item.update(text=self.text[start:end], start=start, end=end)
        return item

    def sections_of(self, *kinds: str) -> list[Section]:
        return [s for s in self.sections if s.kind in kinds]

    def section_spans(self, *kinds: str) -> list[tuple[int, int]]:
        """(start, end) of the content of every section of the given kinds."""
        return [(s.body_start, s.end) for s in self.sections if s.kind in kinds]

    def threat_kinds(self) -> tuple[str, ...]:
        """The kinds of the sections that describe the threat: "threat"; in a priority plan also "justification"
        (a plan headed "Diagnoza" or "Uzasadnienie", then "Cel", "Zadania"; or a "Zagrożenie:" line naming the
        categories, then the "Diagnoza" describing them)."""
        if self.get("doc_type") == "priority_plan":
            return ("threat", "justification")
        return ("threat",)

    def threat_spans(self) -> list[tuple[int, int]]:
        """(start, end) of the sections that describe the threat (:meth:`threat_kinds`); in a priority plan that
        has none and opens its parts with the goal or the partners, the prose before them ("Plan obejmował okres ... i
        dotyczył spalania odpadów ...", a report on a finished plan, then "W realizacji uczestniczyli: …")."""
        kinds = self.threat_kinds()
        spans = [(s.start, s.end) for s in self.sections if s.kind in kinds]
        if spans or self.get("doc_type") != "priority_plan":
            return spans
        first = next((s for s in self.sections if s.kind != "title"), None)
        return [(0, first.start)] if first is not None and first.kind in ("goal", "partners") and first.start > 0 else []

    def get(self, name: str, default=None):
        return self.fields.get(name, default)

    def sentence_spans(self) -> list[tuple[int, int]] | None:
        """(start, end) of the sentences the NLP stage found (the Doc's ``sents``), in text order; None when
        there is no Doc or it has no sentence boundaries."""
        got = self.__dict__.get("_sentences")
        if got is None:
            doc = self.doc
            if doc is None or not doc.has_annotation("SENT_START"):
                return None
            got = self.__dict__["_sentences"] = [(s.start_char, s.end_char) for s in doc.sents]
        return got

    def doc_later(self, make, sentences: list[tuple[int, int]] | None) -> None:
        """The NLP stage's Doc is ``make()``, made when ``doc`` is first read; its sentences are known now
        (``sentences``, as :meth:`sentence_spans` gives them)."""
        self.__dict__.update(_doc=None, _make_doc=make, _sentences=sentences)

    # output --------------------------------------------------------------------
    def to_record(self, include_text: bool = True) -> dict:
        rec: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "source": self.source.as_dict()}
        for name in SCALAR_FIELDS:
            rec[name] = self.fields.get(name)
        rec["sections"] = [s.as_dict() for s in self.sections]
        for name in LIST_FIELDS:
            rec[name] = list(self.fields.get(name) or [])
        rec["model"] = self.model
        if self.warnings:
            rec["warnings"] = list(self.warnings)
        if include_text:
            rec["text"] = self.text
        return rec


def _get_doc(self: Document):
    got = self.__dict__.get("_doc")
    if got is None:
        make = self.__dict__.pop("_make_doc", None)
        if make is not None:
            got = self.__dict__["_doc"] = make()
    return got


def _set_doc(self: Document, value) -> None:
    self.__dict__.update(_doc=value)
    self.__dict__.pop("_make_doc", None)
    self.__dict__.pop("_sentences", None)


# ``doc`` is read through a property: a Doc the NLP stage left for later (``doc_later``) is made on first read
Document.doc = property(_get_doc, _set_doc, doc="spaCy Doc over ``text`` (set by the NLP stage)")
