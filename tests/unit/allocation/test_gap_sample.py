"""A sample of OR-Library GAP problems must reach their published optima in single sourcing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from birlik.allocation import SolveStatus, assert_valid, plan
from birlik.allocation.gap import gap_problem, gap_settings, parse_orlib_gap

DATA = Path(__file__).parent / "data"
OPTIMA = {
    (row["name"], row["objective_sense"]): float(row["optimum"])
    for row in csv.DictReader((DATA / "optima_sample.csv").read_text().splitlines())
}


@pytest.mark.parametrize(
    ("file", "index", "name"),
    [("gap1.txt", 1, "c515-1"), ("gap5.txt", 3, "c824-3"), ("gap12.txt", 2, "c1060-2")],
)
def test_multi_problem_files_are_maximised_to_the_published_optimum(file: str, index: int, name: str) -> None:
    instances, multi = parse_orlib_gap((DATA / file).read_text())
    assert multi and len(instances) == 5
    instance = instances[index - 1]
    assert f"c{instance.n_agents}{instance.n_jobs}-{index}" == name
    problem = gap_problem(instance, maximise=True)
    result = plan(problem, gap_settings(instance, time_limit_s=30))
    assert_valid(problem, result)
    assert result.status is SolveStatus.OPTIMAL
    assert result.short.sum() == 0
    assert len(result.assignments) == instance.n_jobs
    assert -result.objective == pytest.approx(OPTIMA[(name, "max")])


def test_a_single_problem_file_is_minimised() -> None:
    # c515-1 in the single-problem layout ("m n", costs, uses, capacities), wrapped every
    # 7 numbers: readers must take tokens, not lines.
    instances, multi = parse_orlib_gap(_first_problem_text())
    assert not multi
    (instance,) = instances
    problem = gap_problem(instance, maximise=False)
    result = plan(problem, gap_settings(instance, time_limit_s=30))
    assert_valid(problem, result)
    assert result.objective == pytest.approx(OPTIMA[("c515-1", "min")])


def _first_problem_text() -> str:
    tokens = (DATA / "gap1.txt").read_text().split()
    m, n = int(tokens[1]), int(tokens[2])
    body = tokens[1 : 3 + 2 * m * n + m]
    return "\n".join(" ".join(body[i : i + 7]) for i in range(0, len(body), 7))
