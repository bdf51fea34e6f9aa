"""Rounding-aware arithmetic: which true values can stand behind printed, rounded numbers.

Evaluators score with decimals and print rounded numbers, so printed parts need
not add up to a printed total. A printed integer n stands for any true value in
[n - 1/2, n + 1/2]; both ends are kept (closed) so that round-half-up and
banker's rounding are both covered. The ends are exact (whole 200ths).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

UNIT = 200  # every end is a whole number of 1/200ths: half a point, and half a percent of a whole maximum


class Interval(NamedTuple):
    """The closed interval [lo/200, hi/200]; empty when lo > hi.

    The ends are counted in 200ths, so the arithmetic is exact and on integers:
    (p - 1/2)% of a maximum m is (2p - 1) * m / 200.
    """

    lo: int
    hi: int

    @property
    def low(self) -> Fraction:
        return Fraction(self.lo, UNIT)

    @property
    def high(self) -> Fraction:
        return Fraction(self.hi, UNIT)

    @property
    def empty(self) -> bool:
        return self.lo > self.hi

    def __and__(self, other: object) -> Interval:
        assert isinstance(other, Interval)
        return Interval(max(self.lo, other.lo), min(self.hi, other.hi))

    def __add__(self, other: object) -> Interval:  # sums the ends, not a tuple of four
        assert isinstance(other, Interval)
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def meets(self, other: Interval) -> bool:
        return max(self.lo, other.lo) <= min(self.hi, other.hi)

    def __str__(self) -> str:
        return f"{decimal(self.low)}–{decimal(self.high)}"


def decimal(x: Fraction | float) -> str:
    """x with two decimals, or three where it needs them (interval ends are multiples of 1/200)."""
    text = f"{float(x):.3f}"
    return text[:-1] if text.endswith("0") else text


def _units(x: float | Fraction) -> int:
    """x in 200ths; a float read back from a file (61.8) is the nearest 200th it was written from."""
    return round(x * UNIT)


def between(low: float | Fraction, high: float | Fraction) -> Interval:
    return Interval(_units(low), _units(high))


def printed(value: int) -> Interval:
    """Every true value that rounds to the printed integer, by either rounding rule."""
    return Interval((2 * value - 1) * UNIT // 2, (2 * value + 1) * UNIT // 2)


def from_percent(percent: int, max_score: int) -> Interval:
    """Every true score out of max_score whose percentage rounds to the printed percent."""
    return Interval((2 * percent - 1) * max_score, (2 * percent + 1) * max_score)


def total(intervals: list[Interval]) -> Interval:
    """Where the sum of true values, each in its interval, can lie."""
    return Interval(sum(i.lo for i in intervals), sum(i.hi for i in intervals))


EXACT, ROUNDING, VARIANT, INCONSISTENT = "exact", "rounding", "variant", "inconsistent"


@dataclass(frozen=True)
class Reconciliation:
    """A printed total set against printed parts and the true values they allow.

    verdict: exact (the printed parts add up to the total), rounding (they do not,
    but true values within rounding do), variant (they add up, but the total was
    evidently summed from the rounded parts: no true values fit the total), or
    inconsistent (no reading fits).
    """

    naive_sum: int
    total: int
    interval: Interval
    verdict: str


def reconcile(parts: list[int], intervals: list[Interval], printed_total: int) -> Reconciliation:
    """Whether true parts, each within its interval, can sum to something that rounds to printed_total."""
    naive = sum(parts)
    span = total(intervals)
    fits = span.meets(printed(printed_total))
    if naive == printed_total:
        verdict = EXACT if fits else VARIANT
    else:
        verdict = ROUNDING if fits else INCONSISTENT
    return Reconciliation(naive, printed_total, span, verdict)
