#!/usr/bin/python3
"""Tests of the Python API that runs the binary: migdip.run, migdip.sweep (python/migdip/runs.py).

Usage (CTest runs it as `python_api`):
    PYTHONPATH=python /usr/bin/python3 tests/python/test_api.py build/apps/migdip .

Checks that migdip.run gives the numbers `migdip run` gives with the same overrides, seed and
mode; that a temporary results file lives as long as the Run; that refusals (exit status 2)
become migdip.InputError with the binary's one line, other failures migdip.RunError; that
migdip.sweep runs a plan given as a file or as a mapping, with the numbers of single runs; and
how the binary is found (argument, $MIGDIP_BINARY, beside an installed package).
"""

import gc
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest

import numpy as np

try:
    import migdip
except ImportError:  # run without PYTHONPATH: use the package of this source tree
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "python"))
    import migdip

BINARY = None
SOURCE_DIR = None


def scenario(name):
    return SOURCE_DIR / "scenarios" / name


class RunTest(unittest.TestCase):

    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="migdip-api-test-"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_same_numbers_as_the_command_line(self):
        overrides = {"state.TUR.exit_enforcement": 0.35, "corridor.TUR-GRC.mortality": 0.001}
        run = migdip.run(scenario("eastern-mediterranean-2015-2017.ini"), set=overrides,
                         seed=7, mode="stochastic", binary=BINARY)
        cli = self.tmp / "cli.h5"
        subprocess.run([str(BINARY), "run", str(scenario("eastern-mediterranean-2015-2017.ini")),
                        "--set", "state.TUR.exit_enforcement=0.35",
                        "--set", "corridor.TUR-GRC.mortality=0.001",
                        "--set", "scenario.mode=stochastic", "--seed", "7", "-o", str(cli),
                        "--quiet"], check=True)
        expected = migdip.open_run(cli)
        self.assertEqual(run.attrs["seed"], "7")
        self.assertEqual(run.attrs["mode"], "stochastic")
        for group in ("corridors", "states"):
            got, want = run.dataset(group), expected.dataset(group)
            for name in want.data_vars:
                np.testing.assert_array_equal(got[name].values, want[name].values,
                                              err_msg=f"{group}/{name}")
        # Another seed gives other numbers in stochastic mode: the seed reached the binary.
        other = migdip.run(scenario("eastern-mediterranean-2015-2017.ini"), set=overrides,
                           seed=8, mode="stochastic", binary=BINARY)
        self.assertFalse(np.array_equal(other.corridors["arrivals"].values,
                                        run.corridors["arrivals"].values))

    def test_temporary_file_lives_as_long_as_the_run(self):
        run = migdip.run(scenario("minimal.ini"), binary=BINARY)
        path = pathlib.Path(run.path)
        self.assertTrue(path.is_file())
        self.assertGreater(float(run.corridors["arrivals"].sum()), 0)
        del run
        gc.collect()
        self.assertFalse(path.exists())
        self.assertFalse(path.parent.exists())

    def test_output_is_kept_and_replaced_only_with_force(self):
        output = self.tmp / "kept.h5"
        run = migdip.run(scenario("minimal.ini"), output=output, binary=BINARY)
        self.assertEqual(pathlib.Path(run.path), output)
        del run
        gc.collect()
        self.assertTrue(output.is_file())
        with self.assertRaises(migdip.InputError) as caught:
            migdip.run(scenario("minimal.ini"), output=output, binary=BINARY)
        self.assertIn(str(output), str(caught.exception))
        replaced = migdip.run(scenario("minimal.ini"), output=output, binary=BINARY,
                              set={"state.ORI.emigration_rate": 0.002}, force=True)
        self.assertIn("emigration_rate = 0.002", replaced.resolved_scenario_text)

    def test_refusal_is_an_input_error_with_the_binarys_line(self):
        with self.assertRaises(migdip.InputError) as caught:
            migdip.run(scenario("minimal.ini"), set={"state.TRA.exit_enforcement": 1.5},
                       binary=BINARY)
        error = caught.exception
        self.assertIsInstance(error, migdip.RunError)
        self.assertIsInstance(error, ValueError)
        self.assertEqual(error.status, 2)
        message = str(error)
        self.assertNotIn("\n", message)
        self.assertFalse(message.startswith("migdip: error:"), message)
        self.assertIn("exit_enforcement", message)
        self.assertIn("1.5", message)
        self.assertIn("exit_enforcement=1.5", " ".join(error.command))
        with self.assertRaises(migdip.InputError) as caught:
            migdip.run(self.tmp / "missing.ini", binary=BINARY)
        self.assertIn("missing.ini", str(caught.exception))
        self.assertEqual(list(self.tmp.iterdir()), [])

    def test_other_failures_are_run_errors(self):
        fake = self.tmp / "fake-migdip"
        fake.write_text("#!/bin/sh\necho 'migdip: internal error: broken' >&2\nexit 1\n")
        fake.chmod(0o755)
        with self.assertRaises(migdip.RunError) as caught:
            migdip.run(scenario("minimal.ini"), binary=fake)
        self.assertNotIsInstance(caught.exception, migdip.InputError)
        self.assertEqual(caught.exception.status, 1)
        self.assertEqual(str(caught.exception), "migdip: internal error: broken")
        killed = self.tmp / "killed-migdip"
        killed.write_text("#!/bin/sh\nkill -9 $$\n")
        killed.chmod(0o755)
        with self.assertRaises(migdip.RunError) as caught:
            migdip.run(scenario("minimal.ini"), binary=killed)
        self.assertEqual(caught.exception.status, -9)
        self.assertIn("signal 9", str(caught.exception))


class SweepTest(unittest.TestCase):

    def test_plan_as_mapping_gives_the_numbers_of_single_runs(self):
        levels = [0.0009, 0.0012]
        sweep = migdip.sweep(scenario("minimal.ini"),
                             {"sweep": {"sampler": "list", "series": "corridors.arrivals",
                                        "seed": 3},
                              "parameter state.ORI.emigration_rate": {"levels": levels}},
                             binary=BINARY, threads=2)
        self.assertTrue(sweep.complete)
        self.assertEqual(list(sweep.runs["state.ORI.emigration_rate"]), levels)
        series = sweep.series("corridors")["arrivals"]
        for point, level in enumerate(levels):
            single = migdip.run(scenario("minimal.ini"),
                                set={"state.ORI.emigration_rate": level}, binary=BINARY)
            np.testing.assert_array_equal(series.isel(point=point, replicate=0).values,
                                          single.corridors["arrivals"].values)

    def test_plan_file_and_refused_plan(self):
        sweep = migdip.sweep(scenario("eastern-mediterranean-2015-2017.ini"),
                             scenario("sweeps/turkish-enforcement-grid.ini"), binary=BINARY)
        self.assertEqual(len(sweep.runs), 20)
        with self.assertRaises(migdip.InputError) as caught:
            migdip.sweep(scenario("minimal.ini"),
                         {"sweep": {"sampler": "list"},
                          "parameter state.ORI.emigration_rate": {"levels": [0.001, -1]}},
                         binary=BINARY)
        self.assertIn("emigration_rate", str(caught.exception))
        self.assertIn("plan.ini", str(caught.exception))


class FindBinaryTest(unittest.TestCase):

    def test_argument_and_environment(self):
        self.assertEqual(migdip.find_binary(BINARY), BINARY.resolve())
        saved = os.environ.get("MIGDIP_BINARY")
        try:
            os.environ["MIGDIP_BINARY"] = str(BINARY)
            self.assertEqual(migdip.find_binary(), BINARY.resolve())
            os.environ["MIGDIP_BINARY"] = "/nonexistent/migdip"
            with self.assertRaises(FileNotFoundError) as caught:
                migdip.find_binary()
            self.assertIn("/nonexistent/migdip", str(caught.exception))
        finally:
            if saved is None:
                os.environ.pop("MIGDIP_BINARY", None)
            else:
                os.environ["MIGDIP_BINARY"] = saved

    def test_binary_installed_beside_the_package(self):
        # The layout `cmake --install` writes: P/bin/migdip and P/share/migdip/python/migdip
        # with _installed.py saying where the binary is, relative to the package.
        with tempfile.TemporaryDirectory(prefix="migdip-api-prefix-") as tmp:
            prefix = pathlib.Path(tmp)
            (prefix / "bin").mkdir()
            shutil.copy2(BINARY, prefix / "bin" / "migdip")
            package = prefix / "share" / "migdip" / "python" / "migdip"
            shutil.copytree(pathlib.Path(migdip.__file__).parent, package,
                            ignore=shutil.ignore_patterns("__pycache__", "_installed.py"))
            (package / "_installed.py").write_text('BINARY_FROM_PACKAGE = "../../../../bin/migdip"\n')
            code = textwrap.dedent("""
                import migdip
                print(migdip.find_binary())
                print(migdip.run(%r).attrs["scenario_name"])
            """ % str(scenario("minimal.ini")))
            environment = {key: value for key, value in os.environ.items()
                           if key != "MIGDIP_BINARY"}
            environment.update(PYTHONPATH=str(package.parent), PATH="/usr/bin:/bin")
            done = subprocess.run([sys.executable, "-c", code], env=environment,
                                  capture_output=True, text=True, cwd=tmp)
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertEqual(done.stdout.split(), [str(prefix / "bin" / "migdip"), "minimal"])


def main():
    global BINARY, SOURCE_DIR
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    BINARY = pathlib.Path(sys.argv[1]).resolve()
    SOURCE_DIR = pathlib.Path(sys.argv[2]).resolve()
    result = unittest.main(argv=sys.argv[:1], exit=False, verbosity=2).result
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
