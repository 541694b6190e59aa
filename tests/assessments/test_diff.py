from types import SimpleNamespace

from assessments import diff


def test_side_by_side_marks_changed_words_only():
    result = diff.side_by_side("The law was adopted in 2005.", "The law was amended in 2010.")

    assert result.left == "The law was <del>adopted</del> in <del>2005</del>."
    assert result.right == "The law was <ins>amended</ins> in <ins>2010</ins>."
    assert result.changed is True


def test_side_by_side_escapes_html():
    result = diff.side_by_side("a <b>", "a <script>")

    assert result.right == "a &lt;<ins>script</ins>&gt;"


def test_merged_questions_compare_against_the_joined_old_findings():
    old = {
        "answers": {
            "1.1": {"finding": "<p>First part.</p>", "status": "partially", "sources": "A\nB"},
            "1.3": {"finding": "<p>Second part.</p>", "status": "partially", "sources": ""},
        }
    }
    new = {
        "answers": {
            "1.1": {
                "finding": "<p>First part.</p><p>Second part.</p>",
                "status": "partially",
                "sources": "A B",
            },
        }
    }
    question = SimpleNamespace(code="1.1", text="Criminalisation")

    (row,) = diff.compare_contents(old, new, [question], lambda code: ["1.1", "1.3"])

    assert row.changed is False
    assert row.status == ("Partially implemented", "Partially implemented")
    assert row.origin == "1.1, 1.3"


def test_new_question_without_origin_shows_only_the_new_text():
    new = {"answers": {"5.3": {"finding": "<p>Regional centre.</p>", "status": "", "sources": ""}}}
    question = SimpleNamespace(code="5.3", text="Regional cooperation")

    (row,) = diff.compare_contents({"answers": {}}, new, [question], lambda code: [])

    assert row.origin == ""
    assert row.finding.left == ""
    assert row.finding.right == "<p><ins>Regional centre.</ins></p>"


def test_side_by_side_of_equal_texts_marks_nothing_and_escapes():
    text = "The law <b>was</b> adopted, and the law was  amended."

    result = diff.side_by_side(text, text)

    assert (
        result.left
        == result.right
        == "The law &lt;b&gt;was&lt;/b&gt; adopted, and the law was  amended."
    )
    assert result.changed is False
    assert diff.side_by_side("", "") == diff.SideBySide("", "", False)


def test_side_by_side_is_kept_under_the_hash_of_its_texts(monkeypatch):
    from django.core.cache import cache

    from assessments import diff

    cache.clear()
    calls = []
    real = diff._side_by_side
    monkeypatch.setattr(diff, "_side_by_side", lambda a, b: calls.append((a, b)) or real(a, b))

    first = diff.side_by_side("The law was adopted.", "The law was amended.")
    second = diff.side_by_side("The law was adopted.", "The law was amended.")
    other = diff.side_by_side("The law was adopted.", "The bill was amended.")

    assert len(calls) == 2  # the repeated pair came from the cache
    assert (second.left, second.right, second.changed) == (first.left, first.right, True)
    assert second.right == "The law was <ins>amended</ins>."
    assert other.right == "The <ins>bill</ins> was <ins>amended</ins>."
