"""Rounding-aware arithmetic: which true values can stand behind printed, rounded numbers.

Evaluators score with decimals and print rounded numbers, so printed parts need
not add up to a printed total. A printed integer n stands for any true value in
[n - 1/2, n + 1/2]; both ends are kept (closed) so that round-half-up and
banker's rounding are both covered. Fractions keep the ends exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

HALF = Fraction(1, 2)


@dataclass(frozen=True)
class Interval:
    """The closed interval [low, high]; empty when low > high."""

    low: Fraction
    high: Fraction

    @property
    def empty(self) -> bool:
        return self.low > self.high

    def __and__(self, other: Interval) -> Interval:
        return Interval(max(self.low, other.low), min(self.high, other.high))

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def meets(self, other: Interval) -> bool:
        return not (self & other).empty

    def __str__(self) -> str:
        return f"{decimal(self.low)}–{decimal(self.high)}"


def decimal(x: Fraction | float) -> str:
    """x with two decimals, or three where it needs them (interval ends are multiples of 1/200)."""
    text = f"{float(x):.3f}"
    return text[:-1] if text.endswith("0") else text


def between(low: float | Fraction, high: float | Fraction) -> Interval:
    return Interval(Fraction(low), Fraction(high))


def printed(value: int) -> Interval:
    """Every true value that rounds to the printed integer, by either rounding rule."""
    return Interval(value - HALF, value + HALF)


def from_percent(percent: int, max_score: int) -> Interval:
    """Every true score out of max_score whose percentage rounds to the printed percent."""
    return Interval((percent - HALF) * max_score / 100, (percent + HALF) * max_score / 100)


def total(intervals: list[Interval]) -> Interval:
    """Where the sum of true values, each in its interval, can lie."""
    out = Interval(Fraction(0), Fraction(0))
    for i in intervals:
        out = out + i
    return out


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
