"""round(x, 6) for the progress figures, the same floats at half the cost.

CPython rounds a float to 6 places through its decimal conversion (dtoa, then strtod): about 0.3 µs, paid twice
for each of the 100,000 lights of a 1,000 × 100 report and once more per figure in the 赛马. For a float x with
|x| < 2^39 / 10^6 (about 550,000) the product y = x * 1e6 is within 2^-15 of x · 10^6 (half an ulp of y), so when
y is more than 0.4999 away from a half, the integer n nearest y is the one nearest x · 10^6, which round(x, 6)
keeps; its result is then the double nearest n / 10^6, and IEEE division of n (exact: below 2^39) by 1e6 (exact)
is that double. Near a half (a tie such as 0.0078125 = 1/128, exactly 7812.5 millionths), for n = 0 (round keeps
the sign of a zero: round(-1e-9, 6) is -0.0), beyond the bound, or for NaN and infinities, round(x, 6) itself.
tests/test_rounding.py holds both to the same results over ties, near-ties, signs, magnitudes and random floats.
"""

from __future__ import annotations

ROUND6_LIMIT = 2.0 ** 39  # |x * 1e6| below it: the product's error is at most 2^-15


def round6(x: float) -> float:
    """round(x, 6) for a float x (an int would come back a float: callers pass floats)."""
    y = x * 1e6
    if -ROUND6_LIMIT < y < ROUND6_LIMIT:
        n = round(y)
        if n and -0.4999 < y - n < 0.4999:
            return n / 1e6
    return round(x, 6)
