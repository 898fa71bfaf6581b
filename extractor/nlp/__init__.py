"""NLP stage: spaCy pipeline (blank Polish tokenizer + Morfeusz component, optional statistical model)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4)
def get_nlp(model: str | None = "auto"):
    import spacy

    nlp = spacy.blank("pl")
    nlp.add_pipe("sentencizer")
    nlp.meta["plany_model"] = "blank:pl"
    return nlp
