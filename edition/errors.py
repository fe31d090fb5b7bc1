"""One error type for every bad input: ``file:line:col: what is wrong``."""
from __future__ import annotations

from collections.abc import Sequence

# One problem with an input file: (path, line, column, message); line and column may be unknown.
Problem = tuple[str, int | None, int | None, str]


class EditionError(Exception):
    """A problem with an input file. ``str()`` gives one line per problem."""

    def __init__(self, path: str, line: int | None, col: int | None, message: str):
        self.problems: list[Problem] = [(str(path), line, col, message)]
        super().__init__(self._format())

    @classmethod
    def many(cls, problems: Sequence[Problem]) -> EditionError:
        err = cls(*problems[0])
        err.problems = list(problems)
        err.args = (err._format(),)
        return err

    def _format(self) -> str:
        lines = []
        for path, line, col, message in self.problems:
            where = path
            if line is not None:
                where += f":{line}"
                if col is not None:
                    where += f":{col}"
            lines.append(f"{where}: {message}")
        return "\n".join(lines)

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self._format()
