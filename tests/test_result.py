"""Result is a plain class now: it still compares, prints and defaults like the dataclass."""

from __future__ import annotations

from lint.document import Document
from lint.result import Result


def test_results_with_the_same_fields_are_equal_and_unhashable() -> None:
    document = Document.for_path("text\n", "a.md")
    assert Result("a.md", document, notes=["n"]) == Result("a.md", document, [], ["n"])
    assert Result("a.md", document) != Result("a.md", document, fixed=1)
    assert Result("a.md") != ("a.md",)
    assert Result.__hash__ is None


def test_each_result_gets_its_own_lists() -> None:
    first, second = Result("a.md"), Result("b.md")
    first.findings.append(None)  # type: ignore[arg-type]
    first.notes.append("skipped")
    assert second.findings == [] and second.notes == []


def test_repr_names_every_field_in_order() -> None:
    assert repr(Result("a.md", error="unreadable")) == (
        "Result(path='a.md', document=None, findings=[], notes=[], error='unreadable',"
        " fixed=0, diff='')"
    )
