"""The marking scheme a test is scored by: UPSC's 2 marks a question, a third of them lost for a wrong answer."""

from __future__ import annotations

from dataclasses import dataclass


def number_text(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class Marks:
    """The marking scheme: marks per question, and the fraction of them a wrong answer costs."""

    per_question: float = 2.0
    negative_fraction: float = 0.33

    @property
    def penalty(self) -> float:
        """Marks lost for a wrong (or multiply marked) answer: 0.66 under UPSC's scheme."""
        return round(self.per_question * self.negative_fraction, 2)

    def describe(self) -> str:
        fraction = (
            "one third"
            if abs(self.negative_fraction - 1 / 3) < 0.01
            else f"{number_text(self.negative_fraction)}"
        )
        return (
            f"Each question carries {number_text(self.per_question)} marks. A wrong answer costs "
            f"{number_text(self.penalty)} marks ({fraction} of the question's marks). "
            "A question left blank costs nothing; marking more than one answer counts as wrong."
        )

    def to_dict(self) -> dict[str, float]:
        return {
            "per_question": self.per_question,
            "negative_fraction": self.negative_fraction,
            "penalty": self.penalty,
        }
