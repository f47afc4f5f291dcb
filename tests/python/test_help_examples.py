#!/usr/bin/python3
"""Every example in `migdip <command> --help` runs, so the help stays true.

Usage:
    PYTHONPATH=python test_help_examples.py MIGDIP_BINARY SOURCE_DIR   (this is what CTest runs)

For each command listed by `migdip --help`, takes the lines of the "examples:" block of its help
(a trailing backslash continues a line; lines starting with # are comments), and runs them in
order with bash, in a fresh directory where `scenarios` is the source tree's and `migdip` on
PATH is the binary under test. Each must exit 0. Fails when a command has no examples.
"""

import os
import pathlib
import re
import subprocess
import sys
import tempfile
import unittest

BINARY = pathlib.Path(sys.argv[1]).resolve()
SOURCE_DIR = pathlib.Path(sys.argv[2]).resolve()


def help_text(*command):
    result = subprocess.run([str(BINARY), *command, "--help"], capture_output=True, text=True,
                            check=True)
    return result.stdout


def commands():
    """The commands `migdip --help` lists, in order."""
    listed = help_text().split("commands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in listed.splitlines() if line.strip()]


def examples(text):
    """The command lines of the help's examples block, continuations joined."""
    if "\nexamples:\n" not in text:
        return []
    block = text.split("\nexamples:\n", 1)[1].split("\n\n", 1)[0]
    lines, current = [], ""
    for raw in block.splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        current += line
        if current.endswith("\\"):
            current = current[:-1].rstrip() + " "
            continue
        lines.append(current)
        current = ""
    return lines


class HelpExamplesTest(unittest.TestCase):
    def test_every_command_has_examples_that_run(self):
        found = commands()
        self.assertIn("export", found)
        self.assertGreaterEqual(len(found), 8)
        for command in found:
            with self.subTest(command=command):
                lines = examples(help_text(command))
                self.assertTrue(lines, f"migdip {command} --help has no examples")
                with tempfile.TemporaryDirectory() as work:
                    work = pathlib.Path(work)
                    (work / "scenarios").symlink_to(SOURCE_DIR / "scenarios")
                    (work / "bin").mkdir()
                    (work / "bin" / "migdip").symlink_to(BINARY)
                    environment = dict(os.environ, PATH=f"{work / 'bin'}:{os.environ['PATH']}")
                    for line in lines:
                        self.assertTrue(line.startswith("migdip "), line)
                        # Comments after a command are for the reader.
                        line = re.sub(r"\s+#.*$", "", line)
                        done = subprocess.run(["bash", "-c", line], cwd=work, env=environment,
                                              capture_output=True, text=True, timeout=600)
                        self.assertEqual(done.returncode, 0,
                                         f"migdip {command} --help: {line}\n{done.stderr}")

    def test_the_parser_sees_continuations_and_comments(self):
        text = ("usage\n\nexamples:\n  migdip a \\\n      --b c\n  # note\n  migdip d  # why\n\n"
                "options:\n  migdip e\n")
        self.assertEqual(examples(text), ["migdip a --b c", "migdip d  # why"])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
