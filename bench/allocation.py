"""Birlik's engine against HiGHS on the plain model and a greedy split, on synthetic scenarios.

    python bench/allocation.py --scale consortium|regional|national [--json] [--milp]
                               [--stages 1|2] [--methods N] [--time-limit S] [--birlik-time-limit S]

The scenario comes from ``synthetic.py`` (deterministic seed; 44 × 300, 200 × 5,000 and
2,000 × 50,000 members × lines, 12 months). Each method runs in its own subprocess so its peak
memory (``ru_maxrss``) is its own:

- ``birlik``: ``birlik.allocation.plan`` with default settings (the engine picks its method);
  the plan is verified before its figures count;
- ``highs_plain``: the same model built with scipy.sparse and handed whole to HiGHS, with its
  best setting here — interior point without crossover for the LP (branch and bound for the
  MILP) — and ``--time-limit`` (default 300 s); a bound for the LP comes from its duals, by
  the same Lagrangian formula the engine uses;
- ``greedy``: ``birlik.allocation.greedy_plan`` (cheapest cell first, lines by due date).

``--milp`` runs the minimum-lot variant (lot 200 per member and line) instead of the LP.
``--stages 2`` runs the two-stage variant (issue 6): half the arcs of non-cloth families need
2 units of cloth, imported or made by one of three mills (members of family 0) at a mill's
capacity, one month ahead; Birlik solves it with ``birlik.allocation.stage_plan.plan_staged``
(verified by ``verify_staged``), greedy plans with all cloth imported (a valid two-stage plan),
and HiGHS-plain gets the same two-stage model whole (no bound). ``--stages 1`` (default) is
the single-stage model.
``--methods N`` runs only the first N methods in the order birlik, greedy, highs_plain (e.g.
``--methods 1`` for Birlik alone at national size). Gaps are against the best bound any
method proved. With ``--json`` one object is printed:
``{"scale", "methods": {name: {objective, bound, gap, build_s, solve_s, peak_mb, status}},
"speedup_vs_highs_plain", "greedy_cost_ratio"}``; the speedup is a lower bound when HiGHS-plain
stopped at its time limit (its status then says so).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import SCALES, generate

from birlik.allocation import AllocationProblem, EngineSettings

METHODS = ("birlik", "greedy", "highs_plain")
MIN_LOT = 200.0


def settings_for(milp: bool, time_limit: float) -> EngineSettings:
    return EngineSettings(min_lot=MIN_LOT if milp else None, time_limit_s=time_limit)


def save(problem: AllocationProblem, path: Path) -> None:
    arrays = {
        f.name: getattr(problem, f.name)
        for f in dataclasses.fields(problem)
        if isinstance(getattr(problem, f.name), np.ndarray)
    }
    np.savez(path, n_months=np.array(problem.n_months), **arrays)


def load(path: Path) -> AllocationProblem:
    with np.load(path) as data:
        fields = {name: data[name] for name in data.files}
    n_months = int(fields.pop("n_months"))
    return AllocationProblem(n_months=n_months, **fields)


def synthetic_stage(problem: AllocationProblem, seed: int = 6) -> Any:
    """A cloth stage on a synthetic problem: family 0 are the mills; deterministic."""
    from birlik.allocation.stages import ClothStage

    rng = np.random.default_rng(seed)
    a = problem.n_arcs
    mills = np.flatnonzero(problem.capacity[:, 0, :].sum(axis=1) > 0)
    staged = (problem.line_family[problem.arc_line] != 0) & (np.arange(a) % 2 == 0) & (mills.size > 0)
    cloth = np.where(staged, 0, -1)
    sewers = np.unique(problem.arc_member[staged])
    pick = min(3, mills.size)
    s_mill = np.concatenate([rng.choice(mills, pick, replace=False) for _ in sewers]) if pick else np.zeros(0)
    s_sewer = np.repeat(sewers, pick)
    n_s = s_mill.shape[0]
    return ClothStage(
        arc_cloth=cloth,
        arc_cloth_qty=np.where(staged, 2.0, 0.0),
        arc_import_cost=np.where(staged, 2.0 * rng.uniform(1.2, 1.8, a), 0.0),
        arc_import_first=np.zeros(a, np.int64),
        arc_lc_import=problem.arc_lc_share,
        arc_lc_member=np.where(staged, np.minimum(problem.arc_lc_share + 0.3, 1.0), problem.arc_lc_share),
        cloth_import_limit=np.array([np.inf]),
        supply_cloth=np.zeros(n_s, np.int64),
        supply_mill=s_mill.astype(np.int64),
        supply_sewer=s_sewer.astype(np.int64),
        supply_family=np.zeros(n_s, np.int64),
        supply_use=np.ones(n_s),
        supply_cost=rng.uniform(1.0, 1.5, n_s),
        supply_transport=rng.uniform(0.05, 0.3, n_s),
        supply_lead=np.ones(n_s, np.int64),
        supply_first=np.zeros(n_s, np.int64),
        supply_last=np.full(n_s, problem.n_months - 1, np.int64),
    )


def with_stage(problem: AllocationProblem) -> AllocationProblem:
    """Synthetic problems carry month-by-month LC exceptions; the stage replaces them on its arcs."""
    stage = synthetic_stage(problem)
    keep = stage.arc_cloth[problem.lc_override_arc] < 0
    return dataclasses.replace(
        problem,
        lc_override_arc=problem.lc_override_arc[keep],
        lc_override_month=problem.lc_override_month[keep],
        lc_override_share=problem.lc_override_share[keep],
    )


def run_birlik_staged(problem: AllocationProblem, settings: EngineSettings) -> dict[str, Any]:
    from birlik.allocation.stage_plan import assert_staged_valid, plan_staged

    stage = synthetic_stage(problem)
    result = plan_staged(problem, stage, settings)
    assert_staged_valid(problem, result)
    info = result.plan.solver
    return {
        "objective": result.total,
        "bound": None if info.bound is None else info.bound + (result.total - result.plan.objective),
        "build_s": info.build_seconds,
        "solve_s": info.solve_seconds,
        "status": str(info.status),
        "detail": f"two stages; {float(result.flows.quantity.sum()):.0f} cloth from mills",
    }


def run_greedy_staged(problem: AllocationProblem, settings: EngineSettings) -> dict[str, Any]:
    """The greedy baseline on the two-stage scenario: every cloth imported (a valid two-stage plan)."""
    stage = synthetic_stage(problem)
    imported = dataclasses.replace(
        problem, arc_production_cost=problem.arc_production_cost + stage.arc_import_cost
    )
    figures = run_greedy(imported, settings)
    figures["detail"] = f"all cloth imported; {figures['detail']}"
    return figures


def run_highs_plain_staged(problem: AllocationProblem, settings: EngineSettings) -> dict[str, Any]:
    import highspy

    from birlik.allocation.stages import build_staged

    started = time.perf_counter()
    model, _ = build_staged(problem, settings, synthetic_stage(problem))
    matrix = model.matrix
    build_s = time.perf_counter() - started
    h = highspy._Highs()  # type: ignore[attr-defined]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(settings.time_limit_s))
    h.setOptionValue("solver", "ipm")
    h.setOptionValue("run_crossover", "off")
    h.passModel(
        int(model.cost.shape[0]), int(model.row_lo.shape[0]), int(matrix.nnz),
        highspy.MatrixFormat.kColwise, highspy.ObjSense.kMinimize, 0.0,
        model.cost, model.lb, model.ub, model.row_lo, model.row_hi,
        matrix.indptr.astype(np.int32), matrix.indices.astype(np.int32), matrix.data, model.integrality,
    )  # fmt: skip
    started = time.perf_counter()
    h.run()
    status = h.getModelStatus().name
    ok = status == "kOptimal"
    return {
        "objective": float(h.getInfo().objective_function_value) if ok else None,
        "bound": None,
        "build_s": build_s,
        "solve_s": time.perf_counter() - started,
        "status": {"kOptimal": "optimal", "kTimeLimit": "time_limit"}.get(status, status)
        + " (ipm, no crossover)",
        "detail": f"{model.size.n_columns} columns, {model.size.n_rows} rows",
    }


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)


def run_birlik(problem: AllocationProblem, settings: EngineSettings) -> dict[str, Any]:
    from birlik.allocation import assert_valid, plan

    result = plan(problem, settings)
    assert_valid(problem, result)
    info = result.solver
    return {
        "objective": result.objective,
        "bound": info.bound,
        "build_s": info.build_seconds,
        "solve_s": info.solve_seconds,
        "status": str(info.status),
        "detail": f"method {info.method}; {info.detail}",
    }


def run_greedy(problem: AllocationProblem, settings: EngineSettings) -> dict[str, Any]:
    from birlik.allocation import assert_valid, greedy_plan

    result = greedy_plan(problem, settings)
    assert_valid(problem, result)
    return {
        "objective": result.objective,
        "bound": None,
        "build_s": 0.0,
        "solve_s": result.solver.solve_seconds,
        "status": str(result.status),
        "detail": f"{float(result.short.sum()):.0f} units short",
    }


def run_highs_plain(problem: AllocationProblem, settings: EngineSettings) -> dict[str, Any]:
    import highspy

    from birlik.allocation import build
    from birlik.allocation.pricing import fixed_rows, lagrangian_bound, priced_cost, split_duals
    from birlik.allocation.rates import rates

    started = time.perf_counter()
    model = build(problem, settings)
    matrix = model.matrix
    build_s = time.perf_counter() - started
    h = highspy._Highs()  # type: ignore[attr-defined]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(settings.time_limit_s))
    is_mip = bool(np.any(model.integrality))
    if not is_mip:
        h.setOptionValue("solver", "ipm")
        h.setOptionValue("run_crossover", "off")
    h.passModel(
        int(model.cost.shape[0]), int(model.row_lo.shape[0]), int(matrix.nnz),
        highspy.MatrixFormat.kColwise, highspy.ObjSense.kMinimize, 0.0,
        model.cost, model.lb, model.ub, model.row_lo, model.row_hi,
        matrix.indptr.astype(np.int32), matrix.indices.astype(np.int32), matrix.data, model.integrality,
    )  # fmt: skip
    started = time.perf_counter()
    h.run()
    solve_s = time.perf_counter() - started
    info = h.getInfo()
    status = h.getModelStatus().name
    objective = bound = None
    feasible = int(info.primal_solution_status) == int(highspy.SolutionStatus.kSolutionStatusFeasible)
    if is_mip:
        if feasible:
            objective = float(info.objective_function_value)
        bound = float(info.mip_dual_bound) if np.isfinite(info.mip_dual_bound) else None
    elif status == "kOptimal":
        objective = float(info.objective_function_value)
        row_dual = np.array(h.getSolution().row_dual, dtype=np.float64)
        columns = model.columns
        rate = rates(problem, settings, columns)
        rows = fixed_rows(problem, settings, columns)
        duals = split_duals(rows, row_dual)
        net = priced_cost(rows, rate.unit_cost, duals)
        frozen = columns.column_of(problem.frozen_arc, problem.frozen_month)
        bound = lagrangian_bound(problem, settings, columns, rows, rate, net, duals, frozen)
    label = {"kOptimal": "optimal", "kTimeLimit": "time_limit"}.get(status, status)
    return {
        "objective": objective,
        "bound": bound,
        "build_s": build_s,
        "solve_s": solve_s,
        "status": label + ("" if is_mip else " (ipm, no crossover)"),
        "detail": f"{model.size.n_columns} columns, {model.size.n_rows} rows, "
        f"{model.size.n_nonzeros} nonzeros",
    }


RUNNERS = {"birlik": run_birlik, "greedy": run_greedy, "highs_plain": run_highs_plain}
STAGED_RUNNERS = {
    "birlik": run_birlik_staged,
    "greedy": run_greedy_staged,
    "highs_plain": run_highs_plain_staged,
}


def worker(method: str, path: Path, milp: bool, time_limit: float, stages: int) -> None:
    problem = load(path)
    runners = STAGED_RUNNERS if stages == 2 else RUNNERS
    result = runners[method](problem, settings_for(milp, time_limit))
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))


def run_method(method: str, path: Path, milp: bool, time_limit: float, stages: int = 1) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--worker",
        method,
        "--problem",
        str(path),
        "--time-limit",
        str(time_limit),
        "--stages",
        str(stages),
    ]
    if milp:
        command.append("--milp")
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        why = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else str(done.returncode)
        empty = dict.fromkeys(("objective", "bound", "build_s", "solve_s", "peak_mb"))
        return {**empty, "status": f"failed: {why}"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["detail"] = f"{result.get('detail', '')}; process wall {wall:.1f} s (with loading)"
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="consortium")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--milp", action="store_true", help=f"minimum-lot variant (lot {MIN_LOT:g})")
    parser.add_argument(
        "--stages", type=int, choices=(1, 2), default=1, help="1: sewing only; 2: with the cloth stage"
    )
    parser.add_argument(
        "--methods", type=int, default=len(METHODS), help="run the first N of " + ", ".join(METHODS)
    )
    parser.add_argument("--time-limit", type=float, default=300.0, help="HiGHS-plain's limit, seconds")
    parser.add_argument("--birlik-time-limit", type=float, default=None, help="default 60 (LP), 10 (MILP)")
    parser.add_argument("--worker", choices=METHODS, help=argparse.SUPPRESS)
    parser.add_argument("--problem", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.problem, args.milp, args.time_limit, args.stages)
        return
    birlik_limit = args.birlik_time_limit or (10.0 if args.milp else 60.0)
    started = time.perf_counter()
    problem = generate(SCALES[args.scale])
    if args.stages == 2:
        problem = with_stage(problem)
    generated = time.perf_counter() - started
    methods: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "problem.npz"
        save(problem, path)
        for method in METHODS[: max(1, args.methods)]:
            limit = birlik_limit if method == "birlik" else args.time_limit
            methods[method] = run_method(method, path, args.milp, limit, args.stages)
            if not args.json:
                print(f"{method}: done", file=sys.stderr, flush=True)
    bounds = [m["bound"] for m in methods.values() if m.get("bound") is not None]
    best = max(bounds) if bounds else None
    for m in methods.values():
        obj = m.get("objective")
        m["gap"] = None if obj is None or best is None else max(obj - best, 0.0) / max(abs(obj), 1.0)
    b, h, g = methods.get("birlik", {}), methods.get("highs_plain", {}), methods.get("greedy", {})

    def seconds(m: dict[str, Any]) -> float | None:
        return None if m.get("solve_s") is None else float(m["build_s"] or 0.0) + float(m["solve_s"])

    speedup = None
    if seconds(b) and seconds(h) is not None:
        speedup = seconds(h) / seconds(b)  # type: ignore[operator]
    ratio = None
    if b.get("objective") and g.get("objective") is not None:
        ratio = g["objective"] / b["objective"]
    details = {name: m.pop("detail", "") for name, m in methods.items()}
    report = {
        "scale": args.scale
        + (" (milp)" if args.milp else "")
        + (" (two stages)" if args.stages == 2 else ""),
        "methods": methods,
        "speedup_vs_highs_plain": speedup,
        "greedy_cost_ratio": ratio,
    }
    if args.json:
        print(json.dumps(report))
        return
    variant = f" MILP (min lot {MIN_LOT:g})" if args.milp else ""
    print(
        f"scale {args.scale}{variant}: {problem.n_members} members, {problem.n_lines} lines, "
        f"{problem.n_arcs} arcs, generated in {generated:.1f} s"
    )
    for name, m in methods.items():
        print(
            f"  {name:<12} objective {m.get('objective')!s:<22} bound {m.get('bound')!s:<22} "
            f"gap {m.get('gap')!s:<24} build {m.get('build_s')!s:<8.6} solve {m.get('solve_s')!s:<8.6} "
            f"peak {m.get('peak_mb')} MB  {m.get('status')}  [{details[name]}]"
        )
    lower = " (lower bound: HiGHS-plain hit its limit)" if "time_limit" in str(h.get("status")) else ""
    print(f"  speedup vs HiGHS-plain: {speedup}{lower}; greedy / Birlik cost: {ratio}")


if __name__ == "__main__":
    main()
