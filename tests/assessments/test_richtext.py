"""Stored findings are safe HTML that never nests a list in a paragraph."""

import pytest

from ctc import richtext


@pytest.mark.parametrize(
    ("submitted", "stored"),
    [
        ("<p><ul><li>a</li><li>b</li></ul></p>", "<ul><li>a</li><li>b</li></ul>"),
        ("<p><ol><li>a</li></ol></p><p>Next.</p>", "<ol><li>a</li></ol><p>Next.</p>"),
        ("<p>Before<ul><li>a</li></ul></p>", "<p>Before</p><ul><li>a</li></ul>"),
        ("<p><br></p><p>Text</p><p> </p>", "<p>Text</p>"),
        ("<p><br></p>", ""),
        ("<p>Keep <strong>this</strong>.</p>", "<p>Keep <strong>this</strong>.</p>"),
    ],
)
def test_clean_never_leaves_a_list_inside_a_paragraph(submitted, stored):
    assert richtext.clean(submitted) == stored


def test_clean_still_drops_scripts_and_handlers():
    assert richtext.clean('<p onclick="x()">a<script>b</script></p>') == "<p>a</p>"
