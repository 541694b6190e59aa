"""The part store and the manifests, without any document: encoding, folding, checkpoints."""

from hypothesis import given, settings
from hypothesis import strategies as st

from ctc.revisions.versions import (
    manifest_changes,
    manifest_entries,
    manifests_fold,
    part_decode,
    part_encode,
)


def test_part_encode_keeps_key_order_and_reads_back_exactly():
    value = {"status": "partially", "finding": "<p>Loi adoptée — قانون</p>", "sources": ""}

    sha256, data, size = part_encode(value)

    assert part_decode(data) == value
    assert list(part_decode(data)) == ["status", "finding", "sources"]
    assert size == len(
        '{"status":"partially","finding":"<p>Loi adoptée — قانون</p>","sources":""}'.encode()
    )
    assert len(sha256) == 64
    assert part_encode(dict(value))[0] == sha256
    assert part_encode({**value, "sources": "S/2002/1"})[0] != sha256


def test_fold_keeps_places_appends_new_parts_and_removes_null_ones():
    rows = [
        (1, True, [["a", "1"], ["b", "2"], ["c", "3"]]),
        (2, False, [["b", "4"], ["d", "5"]]),
        (3, False, [["a", None]]),
        (4, True, [["x", "9"]]),
    ]

    full = manifests_fold(rows)

    assert list(full[2].items()) == [("a", "1"), ("b", "4"), ("c", "3"), ("d", "5")]
    assert list(full[3].items()) == [("b", "4"), ("c", "3"), ("d", "5")]
    assert full[4] == {"x": "9"}
    assert manifests_fold(rows, [2]) == {2: full[2]}


def test_a_checkpoint_lists_every_part_and_a_delta_only_the_changes():
    previous = {"a": "1", "b": "2"}
    changes = manifest_changes(previous, {"a": "1", "b": "7", "c": None, "d": "4"})

    assert changes == {"b": "7", "d": "4"}
    assert manifest_entries(previous, changes, checkpoint=False) == [["b", "7"], ["d", "4"]]
    assert manifest_entries(previous, changes, checkpoint=True) == [
        ["a", "1"],
        ["b", "7"],
        ["d", "4"],
    ]


# A save gives some parts: a new value, the same value again, or None (the part is gone).
saves = st.lists(
    st.dictionaries(st.sampled_from("abcde"), st.none() | st.sampled_from("123"), max_size=4),
    max_size=30,
)


@settings(max_examples=300)
@given(saves=saves, every=st.integers(min_value=1, max_value=6), data=st.data())
def test_folding_stored_manifests_gives_every_version_back(saves, every, data):
    """Stored as version_record stores them, read as version_manifests reads them: from the
    last checkpoint at or before each version, alone or together with another version."""
    expected, rows, current, checkpoint_number = {}, [], {}, None
    for number, given_parts in enumerate(saves, start=1):
        changes = manifest_changes(current, given_parts)
        checkpoint = checkpoint_number is None or number - checkpoint_number >= every
        checkpoint_number = number if checkpoint else checkpoint_number
        rows.append((number, checkpoint, manifest_entries(current, changes, checkpoint=checkpoint)))
        for key, sha256 in given_parts.items():
            if sha256 is None:
                current.pop(key, None)
            else:
                current[key] = sha256
        expected[number] = list(current.items())

    def chain(n):
        start = max(r[0] for r in rows if r[1] and r[0] <= n)
        return {r[0] for r in rows if start <= r[0] <= n}

    for number in expected:
        other = data.draw(st.sampled_from(sorted(expected)))
        needed = chain(number) | chain(other)
        read = manifests_fold([r for r in rows if r[0] in needed], [number, other])
        assert list(read[number].items()) == expected[number]
        assert list(read[other].items()) == expected[other]
