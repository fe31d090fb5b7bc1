"""One error type for every bad input: ``file:line:col: what is wrong``."""
from __future__ import annotations

from collections.abc import Sequence

# One problem with an input file: (path, line, column, message); line and column may be unknown.
Problem = tuple[str, int | None, int | None, str]

# At most this many problems are printed; the rest are counted in one last line. Every problem
# stays in ``EditionError.problems`` for a program to read.
SHOWN_PROBLEMS = 20


def format_problem(problem: Problem) -> str:
    """``file:line:col: message``, leaving out an unknown line or column."""
    path, line, col, message = problem
    where = path
    if line is not None:
        where += f":{line}"
        if col is not None:
            where += f":{col}"
    return f"{where}: {message}"


class EditionError(Exception):
    """A problem with an input file. ``str()`` gives one line per problem, the first
    :data:`SHOWN_PROBLEMS` of them, then ``… and N more problems``."""

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
        lines = [format_problem(p) for p in self.problems[:SHOWN_PROBLEMS]]
        hidden = len(self.problems) - SHOWN_PROBLEMS
        if hidden > 0:
            lines.append(f"… and {hidden:,} more problem{'s' if hidden > 1 else ''}")
        return "\n".join(lines)

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self._format()
