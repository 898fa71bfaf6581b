"""The lemma-pattern matcher that reads the rules written as data (rules/threats/patterns.tsv)."""
from extractor.fields.lemma_patterns import compile_pattern, _match_at, tokenize


def _matches(spec: str, text: str) -> bool:
    p = compile_pattern("x", spec)
    toks = tokenize(text)
    return any(_match_at(toks, i, p.elems) is not None for i in range(len(toks)))


def test_a_word_matches_by_its_lemma_or_its_form():
    assert _matches("spożywać ..3 alkohol", "osoby spożywające na ławkach alkohol")
    assert _matches("alkohol~", "libacje alkoholowe")
    assert not _matches("spożywać ..1 alkohol", "spożywali tam w nocy alkohol")


def test_a_participle_or_gerund_written_as_the_word_matches_all_its_forms():
    # Morfeusz reads "dozwolony" as a form of "dozwolić": the lemma alone would never meet "dozwolone"
    assert _matches("szybko ..2 niż ..3 dozwolony", "jadą szybciej niż dozwolone 30 km/h")
    assert _matches("spożywanie ..1 alkohol", "zakaz spożywania alkoholu")
    # … and no other form of its verb: the noun "śmieci" is a form of "śmiecić" too
    assert not _matches("śmiecenie", "worki ze śmieci")
    # a negated participle keeps its negation
    assert _matches("nieoświetlony ..1 ulica", "na nieoświetlonej ulicy")
    assert not _matches("nieoświetlony ..1 ulica", "na oświetlonej ulicy")
