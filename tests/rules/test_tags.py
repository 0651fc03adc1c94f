"""tags/: fact tags and exam-angle topics come from schemas/vocabulary.json."""

from __future__ import annotations

from pipeline.checks.check import check_paths

from .helpers import problems


def test_seed_with_unknown_tag_fails_with_did_you_mean(tmp_path):
    def edit(d):
        d["key_facts"][2]["tags"][0] = "quadd"

    assert problems(tmp_path, edit, base="seed") == [("tags/unknown", "/key_facts/2/tags/0")]
    result = check_paths([tmp_path / "india-us-relations-parallel-track.json"])
    assert "did you mean 'quad'?" in result.diagnostics[-1].message or any(
        "did you mean 'quad'?" in d.message for d in result.diagnostics
    )


def test_topic_of_another_paper_fails(tmp_path):
    def edit(d):
        d["exam_angles"][0]["paper"] = "GS3"

    assert problems(tmp_path, edit) == [("tags/unknown-topic", "/exam_angles/0/topic")]


def test_every_tag_belongs_to_exactly_one_topic():
    from pipeline.checks.schema import is_valid
    from pipeline.checks.vocabulary import builtin

    vocab = builtin()
    assert is_valid(vocab, schema="vocabulary.schema.json")
    # Extension files may leave titles out; the built-in vocabulary never does.
    assert all("title" in paper for paper in vocab["papers"].values())
    assert all(
        "title" in topic for paper in vocab["papers"].values() for topic in paper["topics"].values()
    )
    tags = [
        tag
        for paper in vocab["papers"].values()
        for topic in paper["topics"].values()
        for tag in topic["tags"]
    ]
    assert len(tags) == len(set(tags))
