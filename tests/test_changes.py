"""What changed: facts are matched by what they are about, not by place or offsets."""

from flows.changes import changes
from flows.models import DocumentMeta, Evidence, Facts, Position


def doc(id_, title, sha="a" * 64):
    return DocumentMeta(id=id_, path=f"{id_}.txt", sha256=sha, title=title, publisher=None, date="2020",
                        date_basis="stated", kind="other")


def position(target, stance, start, quote="Tokyo sees a threat.", doc_id="n1"):
    return Position(holder="Japan", target=target, stance=stance, year=2020, document_id=doc_id,
                    evidence=Evidence(document_id=doc_id, start=start, end=start + len(quote), quote=quote))


def test_reordered_source_reports_no_changed_facts():
    before = Facts(documents=(doc("n1", "A note on the region"),),
                   positions=(position("China", "threat", 10), position("Russia", "concern", 90)))
    # The same paragraphs in another order: offsets and list order move, the facts do not.
    after = Facts(documents=(doc("n1", "A note on the region", sha="b" * 64),),
                  positions=(position("Russia", "concern", 5), position("China", "threat", 200)))
    diff = changes(("20260101T000000Z", before), after)
    assert diff.counts == {"new": 0, "changed": 0, "withdrawn": 0}
    assert diff.sources_changed == ("A note on the region",)


def test_new_changed_and_withdrawn_are_named_by_source_title():
    before = Facts(documents=(doc("n1", "A note on the region"),),
                   positions=(position("China", "threat", 10), position("Russia", "concern", 90)))
    after = Facts(documents=(doc("n1", "A note on the region"), doc("n2", "Second memo on the alliance")),
                  positions=(position("China", "threat", 10, quote="Tokyo now sees a grave threat."),
                             position("Australia", "partner", 0, doc_id="n2")))
    diff = changes(("20260101T000000Z", before), after)
    assert diff.counts == {"new": 1, "changed": 1, "withdrawn": 1}
    assert diff.sources_added == ("Second memo on the alliance",)
    assert (diff.new[0].target, diff.new[0].source) == ("Australia", "Second memo on the alliance")
    assert diff.changed[0].target == "China" and diff.withdrawn[0].target == "Russia"
    assert not diff.unchanged


def test_first_edition():
    assert changes(None, Facts()).first
