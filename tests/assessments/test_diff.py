from types import SimpleNamespace

from assessments import diff
from ctc import diff as ctc_diff


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

    from ctc import diff

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


# --- Rich text: structure kept ------------------------------------------------------------


def test_compare_html_marks_the_changed_list_item_inside_its_list():
    old = "<p>Measures:</p><ul><li>Judges were trained.</li><li>Funds are frozen.</li></ul>"
    new = "<p>Measures:</p><ul><li>Judges were trained.</li><li>Funds are frozen at once.</li></ul>"

    result = diff.compare_html(old, new)

    assert result.left == (
        "<p>Measures:</p><ul><li>Judges were trained.</li><li>Funds are frozen.</li></ul>"
    )
    assert result.right == (
        "<p>Measures:</p><ul><li>Judges were trained.</li>"
        "<li>Funds are frozen<ins> at once</ins>.</li></ul>"
    )
    assert (result.changed, result.formatting) == (True, False)


def test_compare_html_keeps_emphasis_and_marks_words_inside_it():
    old = "<p>The <strong>new law</strong> was <em>adopted</em>.</p>"
    new = "<p>The <strong>new criminal law</strong> was <em>adopted</em>.</p>"

    result = diff.compare_html(old, new)

    assert result.left == "<p>The <strong>new law</strong> was <em>adopted</em>.</p>"
    assert result.right == (
        "<p>The <strong>new</strong><ins><strong> criminal</strong></ins>"
        "<strong> law</strong> was <em>adopted</em>.</p>"
    )


def test_compare_html_shows_a_change_of_formatting_alone():
    result = diff.compare_html("<p>A law was adopted.</p>", "<p>A law was <b>adopted</b>.</p>")

    assert result.left == '<p>A law was <del class="diff-format">adopted</del>.</p>'
    assert result.right == (
        '<p>A law was <ins class="diff-format"><strong>adopted</strong></ins>.</p>'
    )
    assert (result.changed, result.formatting) == (True, True)


def test_compare_html_shows_a_paragraph_become_a_list_item():
    result = diff.compare_html("<p>Funds are frozen.</p>", "<ul><li>Funds are frozen.</li></ul>")

    assert result.left == '<p><del class="diff-format">Funds are frozen.</del></p>'
    assert result.right == '<ul><li><ins class="diff-format">Funds are frozen.</ins></li></ul>'
    assert result.formatting is True


def test_compare_html_marks_added_and_removed_paragraphs_and_items_whole():
    old = "<p>First.</p><p>Second, removed.</p><ol><li>One.</li></ol>"
    new = "<p>First.</p><ol><li>One.</li><li>Two, added.</li></ol>"

    result = diff.compare_html(old, new)

    assert result.left == "<p>First.</p><p><del>Second, removed.</del></p><ol><li>One.</li></ol>"
    assert result.right == "<p>First.</p><ol><li>One.</li><li><ins>Two, added.</ins></li></ol>"


def test_compare_html_keeps_nested_lists_and_line_breaks():
    text = "<ul><li>Laws<ul><li>Penal code<br>2005</li></ul>and decrees</li></ul>"

    result = diff.compare_html(text, text)

    assert result.left == result.right == text
    assert result.changed is False


def test_compare_html_is_safe_against_markup_in_the_text():
    """Escaped text stays text; a script (which the save would have removed) never runs,
    links keep only safe addresses."""
    old = "<p>Use &lt;script&gt;alert(1)&lt;/script&gt; here.</p>"
    new = (
        "<p>Use &lt;script&gt;alert(2)&lt;/script&gt; here.<script>alert(3)</script></p>"
        '<p><a href="javascript:alert(4)" onclick="alert(5)">link</a>'
        ' <a href="https://un.org/?a=1&amp;b=&quot;2">UN</a></p>'
    )

    result = diff.compare_html(old, new)

    assert result.left == ("<p>Use &lt;script&gt;alert(<del>1</del>)&lt;/script&gt; here.</p>")
    assert result.right == (
        "<p>Use &lt;script&gt;alert(<ins>2</ins>)&lt;/script&gt; here.</p>"
        '<p><ins>link <a href="https://un.org/?a=1&amp;b=&quot;2"'
        ' rel="noopener noreferrer nofollow">UN</a></ins></p>'
    )
    assert "<script" not in result.right and "javascript" not in result.right


def test_compare_html_folds_long_unchanged_paragraphs_of_a_changed_text():
    long = " ".join(f"word{i}" for i in range(45))
    old = f"<p>{long}</p><p>Short and old.</p><p>Short, the same.</p>"
    new = f"<p>{long}</p><p>Short and new.</p><p>Short, the same.</p>"

    result = diff.compare_html(old, new)

    start = " ".join(f"word{i}" for i in range(12))
    assert result.right == (
        f'<details class="diff-context"><summary>{start}…'
        ' <span class="meta">(45 unchanged words)</span></summary>'
        f"<p>{long}</p></details><p>Short and <ins>new</ins>.</p><p>Short, the same.</p>"
    )
    # Not folded when nothing changed: the text is shown as it is.
    assert (
        diff.compare_html(old, old).right
        == f"<p>{long}</p><p>Short and old.</p><p>Short, the same.</p>"
    )


def test_compare_html_is_kept_under_the_hash_of_its_texts_and_the_language(monkeypatch):
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    calls = []
    real = ctc_diff._rich_side_by_side
    monkeypatch.setattr(ctc_diff, "_rich_side_by_side", lambda a, b: calls.append(a) or real(a, b))
    long = " ".join(["word"] * 50)
    old, new = f"<p>{long}</p><p>Old.</p>", f"<p>{long}</p><p>New.</p>"

    with translation.override("en"):
        english = diff.compare_html(old, new)
        again = diff.compare_html(old, new)
    with translation.override("fr"):
        french = diff.compare_html(old, new)

    assert len(calls) == 2
    assert again == english
    assert "(50 unchanged words)" in english.right
    assert "(50 unchanged words)" not in french.right


# --- Rows and runs ------------------------------------------------------------------------


def _content(**answers):
    return {
        "answers": {
            code: {"finding": finding, "status": status, "sources": ""}
            for code, (finding, status) in answers.items()
        }
    }


QUESTIONS = [SimpleNamespace(code=c, text=f"Question {c}") for c in ("1.1", "1.2", "1.3", "2.1")]


def test_rows_say_which_status_changed_and_runs_count_the_unchanged():
    old = _content(
        **{
            "1.1": ("<p>Same.</p>", "partially"),
            "1.2": ("<p>Same.</p>", "partially"),
            "1.3": ("<p>Same.</p>", ""),
            "2.1": ("<p>Same.</p>", "implemented"),
        }
    )
    new = _content(
        **{
            "1.1": ("<p>Same.</p>", "implemented"),
            "1.2": ("<p>Same.</p>", "partially"),
            "1.3": ("<p>Same.</p>", ""),
            "2.1": ("<p><em>Same.</em></p>", "implemented"),
        }
    )

    rows = diff.compare_contents(old, new, QUESTIONS)
    runs = diff.runs(rows)

    assert [(r.code, r.status_changed, r.changed, r.differs) for r in rows] == [
        ("1.1", True, True, True),
        ("1.2", False, False, False),
        ("1.3", False, False, False),
        # Only the formatting: not "changed" (as answer_fingerprint says), but shown.
        ("2.1", False, False, True),
    ]
    assert rows[0].status == ("Partially implemented", "Implemented")
    assert [(run.differs, run.codes) for run in runs] == [
        (True, "1.1"),
        (False, "1.2, 1.3"),
        (True, "2.1"),
    ]
