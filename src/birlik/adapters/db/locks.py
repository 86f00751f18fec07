"""Named write locks that work the same on SQLite and PostgreSQL.

`acquire(name)` writes the lock's row as the transaction's first write. On PostgreSQL the row lock is
held until commit, so a second writer waits; on SQLite the first write takes the database's write lock
(the driver begins the transaction only then), so everything the holder reads afterwards is current.
Either way a read-check-write (an ETag, a capacity) cannot interleave with another on the same name.
"""

from __future__ import annotations

from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from birlik.adapters.db.accounts_tables import WriteLockRow


class LockRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def acquire(self, name: str) -> None:
        bump = update(WriteLockRow).where(WriteLockRow.name == name).values(counter=WriteLockRow.counter + 1)
        if getattr(self.session.execute(bump), "rowcount", 0) == 1:
            return
        try:
            with self.session.begin_nested():
                self.session.execute(insert(WriteLockRow).values(name=name, counter=1))
        except IntegrityError:
            # Someone created the row meanwhile: wait for their lock like everyone else.
            self.session.execute(bump)
