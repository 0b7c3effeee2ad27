"""Retry delays: exponential with full jitter, from about a second up to five minutes.

Full jitter (a uniform draw between zero and the exponential ceiling) spreads the retries of many
tills that lost the same server at the same moment, so they do not all return at once. The
first delays never drop below ``minimum``, so a flapping link is not hammered.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    minimum: float = 1.0
    maximum: float = 300.0
    factor: float = 2.0
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0

    def next_delay(self) -> float:
        """The wait before the next try, after one more failure."""
        ceiling = min(self.maximum, self.minimum * self.factor ** min(self.failures, 60))
        self.failures += 1
        return min(self.maximum, max(self.minimum, self.rng.uniform(0, ceiling)))

    def reset(self) -> None:
        self.failures = 0

    @property
    def backing_off(self) -> bool:
        return self.failures > 0
