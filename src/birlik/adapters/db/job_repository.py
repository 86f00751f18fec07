"""Background jobs (allocation runs): queued, claimed by one worker, finished with a plan or an error."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from birlik.adapters.db.accounts_tables import JobRow


@dataclass(frozen=True, slots=True)
class JobRecord:
    id: int
    kind: str
    status: str
    created_by: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    parameters: str
    plan_id: int | None
    error: str


class JobRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, *, kind: str, created_by: int, created_at: datetime, parameters: str) -> JobRecord:
        row = JobRow(
            kind=kind,
            status="queued",
            created_by=created_by,
            created_at=created_at,
            parameters=parameters,
            error="",
        )
        self.session.add(row)
        self.session.flush()
        return to_job(row)

    def get(self, job_id: int) -> JobRecord | None:
        row = self.session.get(JobRow, job_id)
        return None if row is None else to_job(row)

    def listed(self, created_by: int | None = None) -> list[JobRecord]:
        query = select(JobRow).order_by(JobRow.id.desc())
        if created_by is not None:
            query = query.where(JobRow.created_by == created_by)
        return [to_job(r) for r in self.session.scalars(query)]

    def claim_next(self, at: datetime) -> JobRecord | None:
        """Move the oldest queued job to running; None when another worker took it or none is queued."""
        job_id = self.session.scalar(
            select(JobRow.id).where(JobRow.status == "queued").order_by(JobRow.id).limit(1)
        )
        if job_id is None:
            return None
        result = self.session.execute(
            update(JobRow)
            .where(JobRow.id == job_id, JobRow.status == "queued")
            .values(status="running", started_at=at)
        )
        if getattr(result, "rowcount", 0) != 1:
            return None
        return self.get(job_id)

    def finish(self, job_id: int, *, status: str, at: datetime, plan_id: int | None, error: str) -> None:
        self.session.execute(
            update(JobRow)
            .where(JobRow.id == job_id)
            .values(status=status, finished_at=at, plan_id=plan_id, error=error)
        )

    def fail_running(self, at: datetime, error: str) -> int:
        """Jobs left running by a stopped process can never finish: mark them failed."""
        result = self.session.execute(
            update(JobRow)
            .where(JobRow.status == "running")
            .values(status="failed", finished_at=at, error=error)
        )
        return int(getattr(result, "rowcount", 0))


def to_job(row: JobRow) -> JobRecord:
    return JobRecord(
        id=row.id,
        kind=row.kind,
        status=row.status,
        created_by=row.created_by,
        created_at=row.created_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        parameters=row.parameters,
        plan_id=row.plan_id,
        error=row.error,
    )
