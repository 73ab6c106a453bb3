"""What an import will write, and what it converted and left, before anything is written.

An import first plans every file of the new site (texts to write, files to copy) and notes
each thing it converted or left behind. Only when no planned file exists yet, and none would
land inside the source site, is anything written: the source is never touched, and a file
already in the destination is never overwritten.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class SourceError(Exception):
    """The source cannot be imported at all (not a folder, not a Jekyll site of that kind)."""


@dataclass(frozen=True)
class Note:
    """One line of the import report: where it comes from and what happened to it."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def counted(number: int, noun: str, plural: str = "") -> str:
    """A count for the report: ``1 entry``, ``2 entries``."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, writing texts of several lines as ``|`` blocks people can edit."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.strip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump_yaml(value: Any, header: str = "") -> str:
    """YAML as people write it: keys in the order given, Unicode as it is, a comment first."""
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comment + text


@dataclass
class Plan:
    """The files of the new site and the report of an import into ``dest``."""

    src: Path
    dest: Path
    #: destination path (relative, POSIX) → text to write
    texts: dict[str, str] = field(default_factory=dict)
    #: destination path (relative, POSIX) → source file to copy byte for byte
    copies: dict[str, Path] = field(default_factory=dict)
    #: optional files (``.gitignore``, the deploy workflow): skipped if already there
    optional: set[str] = field(default_factory=set)
    converted: list[Note] = field(default_factory=list)
    left: list[Note] = field(default_factory=list)

    # Planning ------------------------------------------------------------------------------

    def write(self, path: str, text: str, optional: bool = False) -> None:
        self.texts[path] = text
        if optional:
            self.optional.add(path)

    def write_yaml(self, path: str, value: Any, header: str) -> None:
        self.write(path, dump_yaml(value, header))

    def copy(self, path: str, source: Path) -> None:
        self.copies[path] = source

    def done(self, source: str, message: str) -> None:
        self.converted.append(Note(source, message))

    def leave(self, source: str, message: str) -> None:
        self.left.append(Note(source, message))

    @property
    def paths(self) -> list[str]:
        return sorted({*self.texts, *self.copies})

    # Writing -------------------------------------------------------------------------------

    def obstacles(self) -> list[str]:
        """Why the plan cannot be written: planned files that already exist in the
        destination, or that would land inside the source site."""
        source = self.src.resolve()
        found = []
        for path in self.paths:
            target = (self.dest / path).resolve()
            if target.is_relative_to(source):
                found.append(f"{self.dest / path}: would be written inside the source site")
            elif (target.exists() or target.is_symlink()) and path not in self.optional:
                found.append(f"{self.dest / path}: already exists")
        return found

    def execute(self) -> list[str]:
        """Write every planned file; optional files that exist are skipped. Returns the
        paths written."""
        written = []
        for path in self.paths:
            target = self.dest / path
            if path in self.optional and (target.exists() or target.is_symlink()):
                self.leave(path, "already in the destination; kept as it is")
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if path in self.texts:
                target.write_text(self.texts[path], encoding="utf-8")
            else:
                shutil.copyfile(self.copies[path], target)
            written.append(path)
        return written
