"""rounding.round6 gives what round(x, 6) gives: the same float (sign of zero included), over exact ties, near-ties,
every magnitude, NaN and the infinities; places() ranks and ties with it as with round()."""

import math
import random
import struct

from hypothesis import given, settings
from hypothesis import strategies as st

from zhibiao.progress import rounding
from zhibiao.progress.rank import places
from zhibiao.progress.rounding import round6


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))


def _tricky() -> list[float]:
    """Ties and near-ties of the 6th place, at every scale the bound allows and past it."""
    rng = random.Random(13)
    out = [0.0, -0.0, 1e-9, -1e-9, 4e-7, -4e-7, 5e-7, -5e-7, 6e-7, 1 / 128, -1 / 128, 3 / 128, 0.0078125, 1e-6, 0.5,
           2.675, 1.0000005, 0.1 + 0.2, 0.3, 1e308, -1e308, 5e-324, 2.0 ** 39 / 1e6, -(2.0 ** 39) / 1e6,
           math.nextafter(2.0 ** 39 / 1e6, 0), math.nextafter(2.0 ** 39 / 1e6, math.inf), 549755.8138245,
           float("nan"), float("inf"), -float("inf")]
    for _ in range(20000):
        k = rng.randrange(-10 ** rng.randrange(1, 13), 10 ** rng.randrange(1, 13))
        half = (k + 0.5) / 1e6
        exact = k / 1e6
        out += [half, exact, math.nextafter(half, math.inf), math.nextafter(half, -math.inf),
                math.nextafter(exact, math.inf), math.nextafter(exact, -math.inf),
                (k + 0.4999) / 1e6, (k + 0.49991) / 1e6, (k + 0.5001) / 1e6]
    for _ in range(20000):  # dyadic ties (m / 2^j with 5^6 | m·10^6 / 2^j ... odd halves): exactly k + 1/2 millionths
        out.append(rng.randrange(-10 ** 6, 10 ** 6) / 128 + rng.choice((0.0, 1 / 64)))
    for _ in range(20000):  # any double at all
        x = struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0]
        out += [x, x * 1e-300 if math.isfinite(x) else x]
    for _ in range(20000):  # the figures progress rounds: completions and lags in points
        out += [rng.random() * 3, (rng.random() - 0.5) * 200, rng.uniform(-1e6, 1e6)]
    return out


def test_round6_is_round_to_6_places():
    for x in _tricky():
        assert _same(round6(x), round(x, 6)), x


@settings(max_examples=3000, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_round6_any_float(x):
    assert _same(round6(x), round(x, 6))


def test_round6_takes_its_short_way_for_ordinary_figures(monkeypatch):
    """A guard against always falling back: round(x, 6) is not called for 0.583 or 12.5 points."""
    calls = []
    builtin = round
    monkeypatch.setattr(rounding, "round", lambda *a: calls.append(a) or builtin(*a), raising=False)
    assert rounding.round6(0.5833333333) == 0.583333 and rounding.round6(-12.5) == -12.5
    assert [c for c in calls if len(c) == 2] == []
    assert rounding.round6(1 / 128) == 0.007812 and [c for c in calls if len(c) == 2] == [(1 / 128, 6)]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e7, max_value=1e7) | st.integers(-10, 10),
                min_size=1, max_size=10), st.booleans())
def test_places_as_with_round(values, higher):
    """places() with round6 gives the places round(v, 6) gives (the competition ranking, ties included)."""
    named = {f"地区{i}": v for i, v in enumerate(values)}
    key = [round(v, 6) for v in values]
    expected = {r: 1 + sum(1 for k in key if (k > key[i] if higher else k < key[i])) for i, r in enumerate(named)}
    assert places(named, higher) == expected
