"""The loop figures' shares ("83% responded") as a protected reader may see them: a share is a
fraction only when both its figures are exact numbers; nothing of a protected one leaks."""

import pytest

from heard.core.suppression import SMALL, WITHHELD
from heard.voice.disclosure import _share


@pytest.mark.parametrize(
    ("top", "whole", "share"),
    [
        (3, 0, None),  # nothing to share out
        (5, 20, 0.25),
        (30, 20, 1.0),  # rounded figures never make more than all of them
        (0, SMALL, 0.0),  # none of a few is none, whatever the few
        (SMALL, 20, WITHHELD),
        (SMALL, SMALL, WITHHELD),
        (5, SMALL, WITHHELD),
    ],
)
def test_a_share_is_a_fraction_of_exact_figures_only(top, whole, share):
    assert _share(top, whole) == share
