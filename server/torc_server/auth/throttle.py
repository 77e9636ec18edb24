"""Slowing down password guessing: failed logins per client address and user name.

Every failed login costs the server a bcrypt check (a quarter of a second of CPU), so guessing
is both an attack on a password and on the server's time. After `LIMIT` failures of one user name
from one address within `WINDOW` seconds, further attempts of that pair are refused at once (429,
`Retry-After`) without checking the password, until the oldest failure is `WINDOW` seconds old.
The key is the pair, not the user alone, so that a stranger's guesses cannot lock a user out of
the machines they work from; a success clears the pair's record.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict, deque

LIMIT = 10
WINDOW = 300.0
KEYS = 10_000  # pairs remembered at most (the oldest are forgotten first)


class LoginThrottle:
    def __init__(
        self,
        *,
        limit: int = LIMIT,
        window: float = WINDOW,
        clock: type[time.monotonic] | None = None,
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock or time.monotonic
        self._failures: OrderedDict[tuple[str, str], deque[float]] = OrderedDict()

    def retry_after(self, address: str, user: str) -> int | None:
        """Seconds until the pair may try again, or None when it may try now."""
        failures = self._failures.get((address, user))
        if failures is None:
            return None
        now = self._clock()
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            del self._failures[(address, user)]
            return None
        if len(failures) < self.limit:
            return None
        return max(1, math.ceil(failures[0] + self.window - now))

    def failed(self, address: str, user: str) -> None:
        key = (address, user)
        failures = self._failures.get(key)
        if failures is None:
            failures = self._failures[key] = deque(maxlen=self.limit)
        failures.append(self._clock())
        self._failures.move_to_end(key)
        while len(self._failures) > KEYS:
            self._failures.popitem(last=False)

    def succeeded(self, address: str, user: str) -> None:
        self._failures.pop((address, user), None)

    def clear(self) -> None:
        self._failures.clear()
