"""Pauses that tests switch on through the environment, to race or kill a run at a step they know.

KOMPASS_TEST_PAUSE_<STEP> (PUBLISH, EXTRACT) set to a number of seconds: before
each such step the process says so on stderr ("kompass: test pause: publish
write reports.parquet") and sleeps that long. Unset, a pause costs one lookup.
"""

from __future__ import annotations

import os
import sys
import time


def pause(step: str, detail: str) -> None:
    """Sleep before `step` if the tests asked for it, saying so first."""
    delay = os.environ.get(f"KOMPASS_TEST_PAUSE_{step.upper()}")
    if delay:
        sys.stderr.write(f"kompass: test pause: {step} {detail}\n")  # one write: workers share the stream
        sys.stderr.flush()
        time.sleep(float(delay))
