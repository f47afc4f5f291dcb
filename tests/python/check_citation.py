#!/usr/bin/python3
"""Keeps LICENSE and CITATION.cff true: the licence is the BSD-3-Clause text the citation file
names, and the citation file has the keys Citation File Format 1.2.0 requires, with the version
CMake builds (so a release cannot be cited under the previous version's number).

Parses the top-level keys itself (no YAML module: Debian's python3-yaml is not a dependency).

usage: check_citation.py SOURCE_DIR PROJECT_VERSION
"""

import pathlib
import re
import sys

REQUIRED = ["cff-version", "message", "title", "authors", "version", "license", "type"]


def top_level_keys(text):
    """The file's top-level `key: value` pairs (value as written, unquoted; '' for a block)."""
    keys = {}
    for line in text.splitlines():
        match = re.match(r"^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$", line)
        if match:
            keys[match.group(1)] = match.group(2).strip().strip('"')
    return keys


def main():
    source, version = pathlib.Path(sys.argv[1]), sys.argv[2]
    failures = []
    keys = top_level_keys((source / "CITATION.cff").read_text(encoding="utf-8"))
    for key in REQUIRED:
        if key not in keys:
            failures.append(f"CITATION.cff: no '{key}'")
    if keys.get("cff-version") != "1.2.0":
        failures.append(f"CITATION.cff: cff-version {keys.get('cff-version')!r}, expected 1.2.0")
    if keys.get("version") != version:
        failures.append(f"CITATION.cff: version {keys.get('version')!r}, CMake builds {version}")
    if keys.get("license") != "BSD-3-Clause":
        failures.append(f"CITATION.cff: license {keys.get('license')!r}, LICENSE is BSD-3-Clause")
    licence = (source / "LICENSE").read_text(encoding="utf-8")
    for clause in ["BSD 3-Clause License",
                   "Redistributions of source code must retain the above copyright notice",
                   "Neither the name of the copyright holder nor the names of its"]:
        if clause not in licence:
            failures.append(f"LICENSE: missing {clause!r}")
    for failure in failures:
        print(failure)
    print("ok" if not failures else f"{len(failures)} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
