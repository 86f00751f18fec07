"""The in-process job worker of the embedded setup: one thread that runs queued allocation jobs.

It wakes when a job is submitted (and every few seconds anyway, to pick up jobs queued by another
process sharing the database), runs jobs one at a time, and stops between jobs when asked.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from birlik.services import jobs
from birlik.services.unit_of_work import UnitOfWork

log = logging.getLogger("birlik.worker")


class JobWorker:
    def __init__(self, uow_factory: Callable[[], UnitOfWork], poll_seconds: float = 5.0) -> None:
        self.uow_factory = uow_factory
        self.poll_seconds = poll_seconds
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        failed = jobs.recover(self.uow_factory())
        if failed:
            log.warning("%d job(s) interrupted by the last stop were marked failed", failed)
        self._thread = threading.Thread(target=self._loop, name="birlik-jobs", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                while not self._stop.is_set() and jobs.run_next(self.uow_factory) is not None:
                    pass
            except Exception:  # the database went away for a moment: log, wait, try again
                log.exception("the job worker failed to claim or finish a job")
            self._wake.wait(self.poll_seconds)
