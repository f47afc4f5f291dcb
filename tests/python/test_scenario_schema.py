#!/usr/bin/python3
"""The JSON Schema of scenario keys (docs/scenario.schema.json, generated from the key table)
against real scenarios, with python3-jsonschema.

Usage:
    PYTHONPATH=python test_scenario_schema.py MIGDIP_BINARY SOURCE_DIR [unittest options]
        (this is what CTest runs)

Every shipped scenario (scenarios/*.ini), converted to JSON by python/migdip/scenario_json.py,
validates. Broken copies of scenarios/minimal.ini (a value out of range, a word not among the
choices, an unknown key or section, a missing required key, both keys of an either-or pair, a key
the event's type does not use, a bad date or id...) do not, and `migdip validate` refuses each of
them too, so the schema says no more than the loader.
"""

import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import unittest

SOURCE_DIR = pathlib.Path(os.environ.get("MIGDIP_SOURCE_DIR",
                                         pathlib.Path(__file__).resolve().parents[2]))
BINARY = pathlib.Path(os.environ.get("MIGDIP_BINARY", SOURCE_DIR / "build" / "apps" / "migdip"))

try:
    import migdip  # noqa: F401  (the package of PYTHONPATH, else this tree's)
except ImportError:
    sys.path.insert(0, str(SOURCE_DIR / "python"))

import jsonschema  # noqa: E402  (Debian: python3-jsonschema; a missing one fails the test)

from migdip import scenario_json  # noqa: E402


def edited(text, section, *, add=(), replace=None, drop=()):
    """``text`` with, in the section whose header is ``[section]``: the lines of ``add`` added
    after the header, the key ``replace[0]`` set to ``replace[1]``, the keys of ``drop``
    removed."""
    lines, out, inside = text.splitlines(), [], False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped == f"[{section}]"
            out.append(line)
            if inside:
                out.extend(add)
            continue
        key = stripped.split("=", 1)[0].strip()
        if inside and key in drop:
            continue
        if inside and replace and key == replace[0]:
            line = f"{key} = {replace[1]}"
        out.append(line)
    return "\n".join(out) + "\n"


class ScenarioSchemaTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.schema = scenario_json.load_schema(SOURCE_DIR / "docs" / "scenario.schema.json")
        cls.minimal = (SOURCE_DIR / "scenarios" / "minimal.ini").read_text()

    def validate_text(self, text):
        return scenario_json.problems(scenario_json.convert_text(text, self.schema), self.schema)

    def migdip_validate(self, text):
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp) / "scenario.ini"
            path.write_text(text)
            return subprocess.run([str(BINARY), "validate", str(path)], capture_output=True,
                                  text=True, timeout=60)

    def test_the_schema_is_a_valid_draft_2020_12_schema(self):
        jsonschema.Draft202012Validator.check_schema(self.schema)

    def test_every_shipped_scenario_validates(self):
        scenarios = sorted((SOURCE_DIR / "scenarios").glob("*.ini"))
        self.assertGreaterEqual(len(scenarios), 9)
        for path in scenarios:
            with self.subTest(scenario=path.name):
                document = scenario_json.load(path, self.schema)
                self.assertEqual(scenario_json.problems(document, self.schema), [])
                scenario_json.validate(document, self.schema)
                # Values are typed: numbers as numbers, lists as arrays.
                self.assertIsInstance(document["scenario"]["name"], str)
                state = next(iter(document["state"].values()))
                self.assertIsInstance(state["population"], float)
                self.assertIsInstance(state["roles"], list)

    def test_values_are_typed_by_the_schema(self):
        document = scenario_json.convert_text(self.minimal, self.schema)
        self.assertEqual(document["scenario"]["ticks"], 24)
        self.assertEqual(document["state"]["ORI"]["population"], 10e6)
        self.assertEqual(document["stock"]["ORI in TRA"]["hosted"], 1.0e6)
        self.assertEqual(document["event"]["crackdown"]["value"], 0.7)
        self.assertEqual(document["state"]["TRA"]["roles"], ["transit"])
        unlimited = scenario_json.convert_text(
            edited(self.minimal, "corridor ORI-TRA", add=["capacity = unlimited"]), self.schema)
        self.assertEqual(unlimited["corridor"]["ORI-TRA"]["capacity"], "unlimited")
        self.assertEqual(self.validate_text(edited(self.minimal, "corridor ORI-TRA",
                                                   add=["capacity = unlimited"])), [])
        flagged = scenario_json.convert_text(self.minimal + "[outputs]\nstocks_by_location = yes\n",
                                             self.schema)
        self.assertIs(flagged["outputs"]["stocks_by_location"], True)

    # Broken copies: (what, text). Each must fail the schema and `migdip validate` alike.
    def broken_copies(self):
        m = self.minimal
        return [
            ("number out of range", edited(m, "state TRA", add=["exit_enforcement = 1.5"])),
            ("number below an open bound", edited(m, "state ORI", replace=("population", "0"))),
            ("not a number", edited(m, "state ORI", replace=("population", "many"))),
            ("nan", edited(m, "state ORI", replace=("population", "nan"))),
            ("integer with a fraction", edited(m, "scenario", replace=("ticks", "2.5"))),
            ("word not among the choices", edited(m, "scenario", replace=("mode", "random"))),
            ("list item not among the choices", edited(m, "state ORI",
                                                       replace=("roles", "origin, pirate"))),
            ("unknown key", edited(m, "state ORI", add=["emigration_rat = 0.001"])),
            ("unknown section kind", m + "\n[country XYZ]\nname = X\n"),
            ("missing required key", edited(m, "scenario", drop=["start_date"])),
            ("missing required section", re.sub(r"\[scenario\][^\[]*", "", m)),
            ("neither of a required pair", edited(m, "scenario", drop=["ticks"])),
            ("both of an either-or pair", edited(m, "scenario", add=["end_date = 2021-12-31"])),
            ("event with a key its type does not use",
             edited(m, "event aid", add=["parameter = quota"])),
            ("event without a date or tick", edited(m, "event aid", drop=["tick"])),
            ("date that is not a date", edited(m, "scenario", replace=("start_date",
                                                                       "2020-02-30"))),
            ("date not written YYYY-MM-DD", edited(m, "scenario", replace=("start_date",
                                                                           "1 Jan 2020"))),
            ("boolean that is not one", m + "\n[outputs]\nstocks_by_location = maybe\n"),
            ("id with a character ids cannot have", m.replace("[state DST]", "[state D.S.T]")
             .replace("= DST", "= D.S.T")),
            ("reference that is not an id", edited(m, "corridor ORI-TRA",
                                                   replace=("to", "T R A"))),
        ]

    def test_broken_scenarios_fail_the_schema_and_migdip_validate(self):
        if not BINARY.is_file():
            self.fail(f"migdip binary not found: {BINARY}")
        self.assertEqual(self.migdip_validate(self.minimal).returncode, 0)
        for what, text in self.broken_copies():
            with self.subTest(what):
                self.assertNotEqual(text, self.minimal)
                found = self.validate_text(text)
                self.assertTrue(found, f"the schema accepts a scenario with {what}")
                with self.assertRaises(jsonschema.ValidationError):
                    scenario_json.validate(scenario_json.convert_text(text, self.schema),
                                           self.schema)
                refused = self.migdip_validate(text)
                self.assertEqual(refused.returncode, 2,
                                 f"migdip validate accepts a scenario with {what}")

    def test_command_line_checks_and_prints(self):
        with tempfile.TemporaryDirectory() as tmp:
            bad = pathlib.Path(tmp) / "bad.ini"
            bad.write_text(edited(self.minimal, "scenario", replace=("mode", "random")))
            environment = {**os.environ, "PYTHONPATH": str(SOURCE_DIR / "python")}
            done = subprocess.run([sys.executable, "-m", "migdip.scenario_json", "--check",
                                   str(bad)], capture_output=True, text=True, env=environment)
            self.assertEqual(done.returncode, 1)
            self.assertIn("scenario/mode: 'random' is not one of", done.stdout)
            done = subprocess.run([sys.executable, "-m", "migdip.scenario_json",
                                   str(SOURCE_DIR / "scenarios" / "minimal.ini")],
                                  capture_output=True, text=True, env=environment)
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertEqual(json.loads(done.stdout)["scenario"]["ticks"], 24)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and not sys.argv[1].startswith("-"):
        BINARY = pathlib.Path(sys.argv[1])
        SOURCE_DIR = pathlib.Path(sys.argv[2])
        del sys.argv[1:3]
    unittest.main()
