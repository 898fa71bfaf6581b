"""NLP stage: spaCy pipeline (blank Polish tokenizer + Morfeusz component, optional statistical model).

``get_nlp(model="auto")`` (cached per process):

* ``"auto"``  the first installed of pl_core_news_lg / md / sm (``models/statistical.cfg``),
              extended with the plany tokenizer rules and the ``plany_morfeusz`` component;
              the blank pipeline when none is installed
* ``"blank"`` ``models/blank_pl.cfg``: blank "pl" + ``plany_sentences`` + ``plany_morfeusz``
* anything else: a spaCy package name or a path to a saved pipeline (``spacy.load``)

``nlp.meta["plany_model"]`` tells what was used ("blank:pl", "pl_core_news_sm", or the path).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path


class ModelNotFound(RuntimeError):
    """A spaCy model named on the command line / API is not installed."""


def _load_cfg(name: str):
    from spacy.util import load_config

    from extractor.resources import models_path

    return load_config(models_path(name), interpolate=True)


def auto_candidates() -> list[str]:
    try:
        return list(_load_cfg("statistical.cfg")["auto"]["candidates"])
    except Exception:
        return ["pl_core_news_lg", "pl_core_news_md", "pl_core_news_sm"]


def installed_models() -> list[str]:
    """The statistical Polish models that are installed, in order of preference."""
    import spacy

    return [m for m in auto_candidates() if spacy.util.is_package(m)]


def auto_model() -> str:
    """What ``get_nlp("auto")`` picks: a model name or "blank"."""
    inst = installed_models()
    return inst[0] if inst else "blank"


def _register() -> None:
    # importing registers the tokenizer and the components with spaCy
    from extractor.nlp import component, tokenizer  # noqa: F401


def _blank():
    from spacy.util import load_model_from_config

    _register()
    nlp = load_model_from_config(_load_cfg("blank_pl.cfg"), auto_fill=True, validate=True)
    nlp.meta["plany_model"] = "blank:pl"
    return nlp


def _statistical(name: str):
    import spacy

    _register()
    from extractor.nlp.tokenizer import PieceCachingTokenizer, customize_tokenizer

    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed or not a pipeline directory "
            f"(use --model auto or blank, or install it: python -m spacy download {name})") from e
    customize_tokenizer(nlp.tokenizer)
    nlp.tokenizer = PieceCachingTokenizer(nlp.tokenizer)
    names = set(nlp.pipe_names)
    if not names & {"parser", "senter", "sentencizer", "plany_sentences"}:
        nlp.add_pipe("plany_sentences", first=True)
    cfg = dict(_load_cfg("statistical.cfg")["components"]["plany_morfeusz"])
    cfg.pop("factory", None)
    # after the tagger/morphologizer and the ner, so their predictions are there to use
    nlp.add_pipe("plany_morfeusz", last=True, config=cfg)
    nlp.meta["plany_model"] = str(name)
    return nlp


@lru_cache(maxsize=4)
def get_nlp(model: str | None = "auto"):
    if model in (None, "", "auto"):
        name = auto_model()
        return _blank() if name == "blank" else _statistical(name)
    if model in ("blank", "blank:pl"):
        return _blank()
    if isinstance(model, Path):
        model = str(model)
    return _statistical(model)
