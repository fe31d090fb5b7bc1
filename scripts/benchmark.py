#!/usr/bin/env python3
"""Print the edition's speed and size figures. A benchmark, not a test: rerun it anywhere.

    python scripts/benchmark.py            # all figures
    python scripts/benchmark.py --quick    # pipeline only (1x, 10x)

Pipeline: the real ``establish`` (parse, emend, check anomalies, convert, review the OpenCC
candidates) on the witness repeated 1x, 10x and 100x, with the emendation replicated for
every copy. Cost should grow linearly: the 100x/1x time ratio should be near 100.
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edition.editorial import load_editorial  # noqa: E402
from edition.establish import establish  # noqa: E402
from edition.source import WitnessFile, read_witness  # noqa: E402


def repeated(witness: WitnessFile, editorial, times: int):
    lines = witness.lines
    text = "\n".join(lines * times)
    emendations = tuple(dataclasses.replace(e, id=f"{e.id}x{k}", line=e.line + k * len(lines))
                        for k in range(times) for e in editorial.emendations)
    return (WitnessFile(witness.path, text, witness.sha256, len(text.encode())),
            dataclasses.replace(editorial, emendations=emendations))


def bench_pipeline(times_list) -> dict[int, float]:
    editorial = load_editorial(ROOT)
    witness = read_witness(ROOT / editorial.witness.file)
    establish(witness, editorial)  # warm up: OpenCC dictionaries, pypinyin syllables
    results = {}
    for times in times_list:
        w, ed = repeated(witness, editorial, times)
        best = float("inf")
        for _ in range(3 if times < 100 else 1):
            start = time.perf_counter()
            edition = establish(w, ed, check_sha=False)
            best = min(best, time.perf_counter() - start)
        size = len(w.text.encode())
        results[times] = best
        print(f"pipeline {times:>4}x: {size / 1024:8.1f} KiB, {len(edition.paragraphs):5d} paragraphs, "
              f"{best:7.3f} s, {size / best / 1024:8.1f} KiB/s")
    if 1 in results and max(results) > 1:
        top = max(results)
        print(f"pipeline {top}x/1x time ratio: {results[top] / results[1]:.1f} (linear would be {top})")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="pipeline at 1x and 10x only")
    args = parser.parse_args()
    bench_pipeline([1, 10] if args.quick else [1, 10, 100])


if __name__ == "__main__":
    main()
