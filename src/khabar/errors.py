"""Errors a user can fix. The CLI prints their message on one line, with no traceback."""


class UserError(Exception):
    """Bad input, missing file, missing asset: something the user can act on."""


class KnowledgeError(UserError):
    """A knowledge file is invalid. The message names the file and line."""

    def __init__(self, path, line: int | None, message: str):
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.path, self.line = path, line
