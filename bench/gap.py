"""Solve OR-Library Generalized Assignment Problem files with Birlik's single-sourcing engine.

    python bench/gap.py FILE... [--time-limit S] [--json]

Multi-problem files (``P`` then P problems, as OR-Library's gap1..gap12) are maximised, as
OR-Library publishes their optima, and named ``c<m><n>-<k>`` as in optima.csv; single-problem
files (``m n`` ...) are minimised and named after the file's stem. Prints one line per problem
(JSON with --json) with name, sense, objective, status, gap and seconds.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from birlik.allocation import assert_valid, plan
from birlik.allocation.gap import gap_problem, gap_settings, parse_orlib_gap


def run(path: Path, time_limit: float) -> list[dict[str, object]]:
    instances, multi = parse_orlib_gap(path.read_text())
    rows: list[dict[str, object]] = []
    for k, instance in enumerate(instances, start=1):
        name = f"c{instance.n_agents}{instance.n_jobs}-{k}" if multi else path.stem
        started = time.perf_counter()
        problem = gap_problem(instance, maximise=multi)
        result = plan(problem, gap_settings(instance, time_limit))
        seconds = time.perf_counter() - started
        assert_valid(problem, result)
        unassigned = float(result.short.sum())
        objective = -result.objective if multi else result.objective
        rows.append(
            {
                "name": name,
                "sense": "max" if multi else "min",
                "objective": round(objective, 6) if unassigned == 0 else None,
                "status": str(result.status) if unassigned == 0 else "infeasible",
                "gap": result.solver.gap,
                "seconds": round(seconds, 3),
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per problem")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    args = parser.parse_args()
    total = 0.0
    for path in args.files:
        for row in run(path, args.time_limit):
            total += float(str(row["seconds"]))
            if args.json:
                print(json.dumps(row))
            else:
                print(
                    f"{row['name']:>10} {row['sense']} {row['objective']!s:>10} "
                    f"{row['status']:<24} gap {row['gap']} {row['seconds']} s"
                )
    if not args.json:
        print(f"total {total:.2f} s")


if __name__ == "__main__":
    main()
