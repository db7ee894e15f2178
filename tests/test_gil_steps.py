"""The stepped forms of big C operations give exactly what the single call gives."""

from __future__ import annotations

import random

import numpy as np
import pytest

from tagger.gil_steps import STEP, bytes_array_in_steps, fill_rows_in_steps, release_in_steps, sorted_in_steps


@pytest.mark.parametrize("n", [0, 1, STEP - 1, STEP, STEP + 1, 5 * STEP + 17])
def test_sorted_in_steps_is_sorted(n):
    rng = random.Random(n)
    words = ["".join(rng.choices("abcXYZ éß", k=rng.randint(0, 12))) for _ in range(n)]
    assert sorted_in_steps(words) == sorted(words)
    assert sorted_in_steps(words, key=str.casefold) == sorted(words, key=str.casefold)
    assert sorted_in_steps(iter(words)) == sorted(words)  # any iterable, like sorted()


def test_sorted_in_steps_is_stable():
    rng = random.Random(1)
    pairs = [(rng.randint(0, 4), i) for i in range(3 * STEP + 5)]  # many equal keys
    assert sorted_in_steps(pairs, key=lambda p: p[0]) == sorted(pairs, key=lambda p: p[0])


@pytest.mark.parametrize("n", [0, 1, STEP + 3])
def test_bytes_array_in_steps_equals_np_array(n):
    rng = random.Random(n)
    items = [bytes(rng.choices(range(1, 256), k=rng.randint(0, 40))) for _ in range(n)]
    expected = np.array(items, dtype=bytes)
    got = bytes_array_in_steps(items)
    assert got.dtype == expected.dtype and got.tolist() == expected.tolist()


def test_fill_rows_in_steps_converts_each_row_into_its_place():
    n = 2 * STEP + 9
    out = np.zeros((n + 10, 3), np.float32)
    positions = list(range(n + 9, 9, -1))[:n]  # any order, any places
    items = [np.full(3, i, np.float32).tobytes() for i in range(n)]
    fill_rows_in_steps(out, positions, items, lambda b: np.frombuffer(b"".join(b), np.float32).reshape(len(b), 3))
    for i, p in enumerate(positions):
        assert out[p].tolist() == [i, i, i]
    untouched = sorted(set(range(n + 10)) - set(positions))
    assert not out[untouched].any()


def test_release_in_steps_empties_the_list_and_frees_what_only_it_held():
    import weakref

    class Item:
        pass

    items = [Item() for _ in range(2 * STEP + 3)]
    kept = items[5]
    refs = [weakref.ref(i) for i in items]
    release_in_steps(items)
    assert items == []
    assert [r() is not None for r in refs].count(True) == 1 and refs[5]() is kept
