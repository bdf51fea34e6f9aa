"""One measured step of the benchmark, run in a process of its own so that its peak RSS is its own.

    python -m benchmarks.worker extract RAW_DIR OUT_DIR [OPTION...]
    python -m benchmarks.worker command ARGV...
    python -m benchmarks.worker engine NAME [--dump FILE] PDF...

Prints one JSON object: seconds (of the work only, imports excluded), pages, peak_rss_mb.
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def _own_peak_mb() -> float:
    """This process's peak RSS. ru_maxrss would also count the parent's RSS at fork time, which Linux carries
    across exec; VmHWM belongs to this program's memory alone."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return _peak_mb(resource.RUSAGE_SELF)


def _tree_mb(root: int) -> tuple[float, float, float]:
    """(RSS, PSS) in MB summed over the process and its descendants (a run's memory with all its workers), and
    the largest one process's RSS. RSS counts pages shared by forked workers once per worker; PSS shares them out."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    rss = pss = largest = 0.0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1]) / 1024
                    largest = max(largest, int(line.split()[1]) / 1024)
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1]) / 1024
        except OSError:
            continue
    return rss, pss, largest


def extract(raw_dir: str, out_dir: str, *options: str) -> dict:
    # This worker holds only the standard library when it forks, so the child's
    # ru_maxrss is kompass's own peak. The process tree is sampled every 20 ms for
    # the memory of the whole run (the main process and its workers together).
    kompass = Path(sys.executable).with_name("kompass")
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(kompass), "extract", raw_dir, out_dir, "--quiet", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = [0.0, 0.0, 0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, pss, largest = _tree_mb(process.pid)
            peak[0], peak[1], peak[2] = max(peak[0], rss), max(peak[1], pss), max(peak[2], largest)
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return {
        "seconds": seconds,
        "exit_code": process.returncode,
        "stderr": stderr[-2000:],
        "peak_rss_mb": _peak_mb(resource.RUSAGE_CHILDREN),
        "peak_tree_rss_mb": peak[0],
        "peak_tree_pss_mb": peak[1],
        "peak_process_rss_mb": peak[2],
    }


def command(*argv: str) -> dict:
    """The wall time of a command, start-up included."""
    start = time.perf_counter()
    done = subprocess.run(list(argv), capture_output=True, text=True)
    return {"seconds": time.perf_counter() - start, "exit_code": done.returncode, "stderr": done.stderr[-2000:]}


def engine(name: str, files: list[str], dump: str | None) -> dict:
    from benchmarks import engines

    datas = [Path(f).read_bytes() for f in files]
    kept: list = []
    pages = 0
    start = time.perf_counter()
    if name in engines.WORD_SOURCES:
        source = engines.WORD_SOURCES[name]
        for data in datas:
            contents = list(source(data)) if dump else None
            if contents is None:
                for _ in source(data):
                    pages += 1
            else:
                pages += len(contents)
                kept.append(contents)
    else:
        function = getattr(engines, name)
        for data in datas:
            pages += function(data)
    seconds = time.perf_counter() - start
    if dump:
        Path(dump).write_bytes(pickle.dumps(kept))
    return {"seconds": seconds, "pages": pages, "peak_rss_mb": _own_peak_mb()}


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="task", required=True)
    p = sub.add_parser("extract")
    p.add_argument("raw_dir")
    p.add_argument("out_dir")
    p.add_argument("options", nargs=argparse.REMAINDER, help="passed on to kompass extract")
    p = sub.add_parser("command")
    p.add_argument("argv", nargs=argparse.REMAINDER)
    p = sub.add_parser("engine")
    p.add_argument("name")
    p.add_argument("files", nargs="+")
    p.add_argument("--dump")
    args = parser.parse_args()
    if args.task == "extract":
        result = extract(args.raw_dir, args.out_dir, *args.options)
    elif args.task == "command":
        result = command(*args.argv)
    else:
        result = engine(args.name, args.files, args.dump)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
