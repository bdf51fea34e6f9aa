"""Publishing processes for the kill tests, each killed for real before a step it reports.

They are forked from multiprocessing's fork server, which has pyarrow and kompass
loaded once, so starting one costs milliseconds where a fresh interpreter costs
a second; a test that kills a publish at each of its steps starts one per step.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from kompass.pipeline import testhooks
from kompass.pipeline.publish.generations import Output, publish

NAMES = ["a.parquet", "b.parquet", "c.parquet", "report.html"]
CONTEXT = mp.get_context("forkserver")
# What this module imports, loaded once in the server (this module itself is not on the server's path).
CONTEXT.set_forkserver_preload(["pandas", "pyarrow.parquet", "kompass.pipeline.publish.generations"])


def outputs(run: str) -> list[Output]:
    """NAMES, each saying which run wrote it (Parquet files in a column and in their metadata)."""
    table = pa.table({"run": [run] * 3}).replace_schema_metadata({"run": run})
    parquet = [Output(name, lambda path: pq.write_table(table, path)) for name in NAMES[:3]]
    return [*parquet, Output(NAMES[3], lambda path: path.write_text(run))]


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise OSError(1, "A required privilege is not held by the client")


def _publish(conn: Connection, out: Path, mode: str, run: str, stepwise: bool) -> None:
    if mode in ("plain", "copies"):  # as on Windows without developer mode
        os.symlink = _refuse
    if mode == "copies":  # and without hard links, as on a FAT or exFAT drive
        os.link = _refuse

    def paused(step: str, detail: str) -> None:
        if stepwise:  # say which step comes next and wait to be let on (or killed)
            conn.send(f"{step} {detail}")
            conn.recv()

    testhooks.pause = paused
    publish(out, outputs(run))


class Publisher:
    """A process publishing outputs(run) into out: with symlinks (mode 'links'), without ('plain'), or without
    symlinks and hard links ('copies'); stepwise, it stops before each step until the next is asked for."""

    def __init__(self, out: Path, mode: str, run: str, stepwise: bool = False) -> None:
        self.conn, theirs = CONTEXT.Pipe()
        self.process = CONTEXT.Process(target=_publish, args=(theirs, out, mode, run, stepwise), daemon=True)
        self.process.start()
        theirs.close()

    def steps(self) -> Iterator[str]:
        """The steps it stops before ('publish write a.parquet', ...); asking for the next one lets it on."""
        while True:
            try:
                detail = self.conn.recv()
            except EOFError:
                return
            yield detail
            self.conn.send("go")

    def kill(self) -> None:
        os.kill(self.process.pid or 0, signal.SIGKILL)
        self.process.join(timeout=30)
        self.conn.close()

    def wait(self) -> int | None:
        for _ in self.steps():
            pass
        self.process.join(timeout=60)
        self.conn.close()
        return self.process.exitcode
