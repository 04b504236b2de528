"""Ingest and extraction never raise on arbitrary text, and every quote is its text slice."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flows.extract import extract_document
from flows.ingest import decode
from flows.models import SourceText

WORDS = st.sampled_from(["Japan", "China", "North Korea", "threat", "concern", "alliance", "visited", "Tokyo",
                         "led by", "Dr.", "(STC)", "from 3 to 5 May 2020", "22 lawmakers", "’s", "-", "\n\n",
                         "\n", ".", ",", "US-China", "{{ x }}", "<b>", "=SUM(A1)", "\u00a0", "\ufeff"])
TEXTS = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=80).map(" ".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_extraction_never_raises_and_stays_grounded(text):
    doc = SourceText(id="h", path="h.txt", sha256="0" * 64, encoding="utf-8", text=text)
    _, dels, positions, events = extract_document(doc)
    evidence = [e for d in dels for e in d.evidence] + [p.evidence for p in positions] + [e.evidence for e in events]
    for e in evidence:
        assert text[e.start:e.end] == e.quote and e.quote


@given(st.binary(max_size=300))
def test_decode_never_raises(data):
    text, encoding = decode(data)
    assert isinstance(text, str) and encoding
