"""Solve OR-Library Generalized Assignment Problem files with Birlik's single-sourcing engine.

    python bench/gap.py FILE... [--time-limit S] [--json]
    python bench/gap.py --generate [--sizes 10x100,20x400,40x800,80x1600] [--seed N]
                        [--time-limit S] [--json]

``--generate`` makes larger, tighter instances in the manner of the literature's type D
(resource use U[1, 100], cost 111 − use + U[−10, 10], so cheap assignments are heavy;
each agent's capacity 80 % of a fair share, 0.8 · Σ_j use / m), seeded, and solves each
twice with the same time limit: with Birlik's engine choosing its method, and with the whole
MILP handed to HiGHS (``method="highs"``). Each line then has both objectives, both bounds and
both gaps against the better bound, and ``gap_ratio`` = HiGHS-plain's gap / Birlik's; the target
is a ratio of at least 5. A single-sourcing problem shaped as a GAP above 600 arcs goes to the
engine's GAP search (``birlik.allocation.gap_search``).

Multi-problem files (``P`` then P problems, as OR-Library's gap1..gap12) are maximised, as
OR-Library publishes their optima, and named ``c<m><n>-<k>`` as in optima.csv; single-problem
files (``m n`` ...) are minimised and named after the file's stem. Prints one line per problem
(JSON with --json) with name, sense, objective, status, gap and seconds.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from pathlib import Path

import numpy as np

from birlik.allocation import assert_valid, plan
from birlik.allocation.gap import GapInstance, gap_problem, gap_settings, parse_orlib_gap


def generated(agents: int, jobs: int, seed: int) -> GapInstance:
    rng = np.random.default_rng(seed + 1_000 * agents + jobs)
    use = rng.integers(1, 101, (agents, jobs)).astype(float)
    cost = 111.0 - use + rng.integers(-10, 11, (agents, jobs))
    capacity = np.floor(0.8 * use.sum(axis=1) / agents)
    return GapInstance(cost, use, capacity)


def run_generated(sizes: list[tuple[int, int]], seed: int, time_limit: float) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for agents, jobs in sizes:
        instance = generated(agents, jobs, seed)
        problem = gap_problem(instance, maximise=False)
        row: dict[str, object] = {"name": f"d{agents}x{jobs}-s{seed}", "sense": "min"}
        bounds = []
        for label, method in (("birlik", "auto"), ("highs_plain", "highs")):
            settings = dataclasses.replace(gap_settings(instance, time_limit), method=method)
            started = time.perf_counter()
            result = plan(problem, settings)
            seconds = time.perf_counter() - started
            assert_valid(problem, result)
            complete = float(result.short.sum()) == 0
            row[label] = {
                "objective": round(result.objective, 6) if complete else None,
                "bound": result.solver.bound,
                "status": str(result.status),
                "method": result.solver.method,
                "seconds": round(seconds, 2),
            }
            if result.solver.bound is not None:
                bounds.append(result.solver.bound)
        best = max(bounds) if bounds else None
        for label in ("birlik", "highs_plain"):
            entry = row[label]
            assert isinstance(entry, dict)
            objective = entry["objective"]
            entry["gap"] = (
                None if objective is None or best is None else max(objective - best, 0.0) / abs(objective)
            )
        ours, theirs = row["birlik"], row["highs_plain"]
        assert isinstance(ours, dict) and isinstance(theirs, dict)
        # how many times smaller Birlik's gap is (the target is 5); None when HiGHS-plain has no
        # complete plan (its gap is then unbounded) or Birlik's gap is 0 with HiGHS-plain's not
        row["gap_ratio"] = (
            theirs["gap"] / ours["gap"]
            if theirs["gap"] is not None and ours["gap"] is not None and ours["gap"] > 0
            else None
        )
        rows.append(row)
    return rows


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
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per problem")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--generate", action="store_true", help="solve generated type-D instances")
    parser.add_argument("--sizes", default="10x100,20x400,40x800,80x1600", help="agents x jobs, ...")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.generate:
        sizes = [(int(a), int(b)) for a, b in (size.split("x") for size in args.sizes.split(","))]
        for row in run_generated(sizes, args.seed, args.time_limit):
            print(json.dumps(row))
        return
    if not args.files:
        parser.error("give GAP files, or --generate")
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
