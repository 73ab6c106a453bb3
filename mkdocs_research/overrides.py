"""The user's ``templates`` folder: which of its files are templates.

The folder is the user's, but whatever else lives in it is not: an editor's lock file (a
symbolic link to nowhere), a FIFO or a device would crash a build or block it forever if
read, and ``templates: /`` would have every file of the disk read and hashed. So only the
places the packaged templates have are looked at (the folder itself, ``cv/`` and ``icons/``,
not their subfolders), and only regular ``.html`` and ``.svg`` files there, hidden ones left
out. Templates the overrides include by other names are still found when they are used.
A template that cannot be read as UTF-8 text is reported and not used (the packaged one of
the same name is).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, TemplateNotFound

from .model import Problem, display_path

#: Where templates live, as in the packaged ``templates/research/``.
FOLDERS = ("", "cv", "icons")
SUFFIXES = (".html", ".svg")


def template_files(folder: Path) -> list[Path]:
    """The template files of a user's folder, in a stable order."""
    found = []
    for sub in FOLDERS:
        try:
            entries = list(os.scandir(folder / sub))
        except OSError:  # missing, or not a folder
            continue
        for entry in entries:
            if entry.name.startswith(".") or not entry.name.endswith(SUFFIXES):
                continue
            try:
                regular = stat.S_ISREG(entry.stat().st_mode)  # follows a symbolic link
            except OSError:  # a link to nowhere
                continue
            if regular:
                found.append(Path(entry.path))
    return sorted(found)


class UserTemplates(FileSystemLoader):
    """Jinja's loader for the user's folder, listing only :func:`template_files` (Jinja's
    own loader lists every file below the folder, whatever it is)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.folder = folder

    def list_templates(self) -> list[str]:
        return [path.relative_to(self.folder).as_posix() for path in template_files(self.folder)]

    def get_source(self, environment: Environment, template: str):
        try:
            return super().get_source(environment, template)
        except (UnicodeDecodeError, OSError):  # see template_problems(): the packaged one
            raise TemplateNotFound(template) from None


def template_problems(folder: Path, root: Path) -> list[Problem]:
    """A problem for each template of the folder that cannot be read as UTF-8 text."""
    problems = []
    for path in template_files(folder):
        name = display_path(path, root)
        try:
            path.read_bytes().decode("utf-8")
        except OSError as error:
            message = f"cannot read the template ({error.strerror}); until then it is not used"
            problems.append(Problem(name, None, message))
        except UnicodeDecodeError as error:
            line = error.object[: error.start].count(b"\n") + 1
            message = "is not UTF-8 text; save it as UTF-8. Until then it is not used"
            problems.append(Problem(name, line, message))
    return problems
