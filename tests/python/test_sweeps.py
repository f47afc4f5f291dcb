#!/usr/bin/python3
"""End-to-end tests of `migdip sweep` and `migdip merge` on the flagship scenario.

Usage:
    test_sweeps.py MIGDIP_BINARY SOURCE_DIR [unittest options]     (what CTest runs)

The same sweep (a stochastic Latin hypercube with replicates and two series) is run in every
way a user can run it, and the datasets must be bit-identical: 1 thread, 2 threads, 3 shards
merged, and after a SIGKILL or a SIGTERM followed by --resume. The file opens with h5py and
xarray without custom code, and broken plans, files and options are refused with one line and
exit status 2, leaving nothing behind.
"""

import os
import pathlib
import pty
import re
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import h5py
import numpy as np
import xarray as xr

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "python"))
import sweep_support as support  # noqa: E402

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
BINARY = SOURCE_DIR / "build" / "apps" / "migdip"


class SweepTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="migdip-sweep-")
        cls.dir = pathlib.Path(cls.tmp.name)
        cls.plan = support.write_plan(cls.dir, samples=12)
        cls.reference = cls.dir / "reference.h5"
        support.run(cls.command(cls.plan, cls.reference, "--threads", 1))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    @classmethod
    def command(cls, plan, output, *extra):
        return support.sweep_command(BINARY, SOURCE_DIR, plan, output, *extra)

    def test_two_threads_give_the_same_datasets_as_one(self):
        output = self.dir / "two-threads.h5"
        support.run(self.command(self.plan, output, "--threads", 2))
        support.assert_same_sweep(self, self.reference, output)

    def test_three_shards_merged_give_the_same_datasets(self):
        shards = []
        for index in range(3):
            shard = self.dir / f"shard-{index}.h5"
            support.run(self.command(self.plan, shard, "--shard", f"{index}/3", "--threads", 1))
            shards.append(shard)
        merged = self.dir / "merged.h5"
        support.run([str(BINARY), "merge", *map(str, reversed(shards)), "-o", str(merged), "-q"])
        support.assert_same_sweep(self, self.reference, merged)

    def test_the_shard_comes_from_the_slurm_array_environment(self):
        shard = self.dir / "slurm-task.h5"
        env = dict(os.environ, SLURM_ARRAY_TASK_ID="5", SLURM_ARRAY_TASK_MIN="4",
                   SLURM_ARRAY_TASK_COUNT="3")
        support.run(self.command(self.plan, shard), env=env)
        with h5py.File(shard, "r") as f:
            self.assertEqual(f.attrs["shard_index"], 1)
            self.assertEqual(f.attrs["shard_count"], 3)
            self.assertEqual(f["point"][()].tolist(), [4, 5, 6, 7])

    def test_merge_refuses_missing_duplicated_and_foreign_shards(self):
        shards = []
        for index in range(3):
            shard = self.dir / f"check-{index}.h5"
            support.run(self.command(self.plan, shard, "--shard", f"{index}/3", "--threads", 1))
            shards.append(str(shard))
        output = self.dir / "bad-merge.h5"
        missing = support.run([str(BINARY), "merge", shards[0], shards[2], "-o", str(output)],
                              expect=2)
        self.assertIn("1/3", missing.stderr)
        self.assertIn("missing", missing.stderr)
        duplicated = support.run([str(BINARY), "merge", *shards, shards[1], "-o", str(output)],
                                 expect=2)
        self.assertIn("check-1.h5", duplicated.stderr)
        self.assertIn("like", duplicated.stderr)
        other_plan = support.write_plan(self.dir, samples=9, name="other.ini")
        foreign = self.dir / "foreign-1.h5"
        support.run(self.command(other_plan, foreign, "--shard", "1/3", "--threads", 1))
        mismatch = support.run([str(BINARY), "merge", shards[0], str(foreign), shards[2], "-o",
                                str(output)], expect=2)
        self.assertIn("foreign-1.h5", mismatch.stderr)
        self.assertIn("plan", mismatch.stderr)
        for outcome in (missing, duplicated, mismatch):
            self.assertEqual(outcome.stderr.count("\n"), 1, outcome.stderr)
        self.assertFalse(output.exists())
        self.assertFalse(pathlib.Path(str(output) + ".partial").exists())

    def interrupt_and_resume(self, name, stop_signal, expected_status):
        # The sweep must outlast its first flush (as its first runs finish) by a margin: about
        # five seconds.
        plan, total = support.sized_plan(BINARY, SOURCE_DIR, self.dir, name, seconds=5)
        reference = self.dir / f"{name}-reference.h5"
        support.run(self.command(plan, reference, "--threads", 2))
        output = self.dir / f"{name}.h5"
        partial = pathlib.Path(str(output) + ".partial")
        process = subprocess.Popen(self.command(plan, output, "--threads", 2),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 300
        while support.done_count(partial) == 0:
            self.assertIsNone(process.poll(), "the sweep ended before it could be interrupted")
            self.assertLess(time.monotonic(), deadline, "no run was flushed in time")
            time.sleep(0.02)
        process.send_signal(stop_signal)
        _, err = process.communicate(timeout=300)
        self.assertEqual(process.returncode, expected_status, err)
        self.assertFalse(output.exists(), "an interrupted sweep must not take the final name")
        saved = support.done_count(partial)
        self.assertGreater(saved, 0)
        self.assertLess(saved, total, "the sweep finished before the signal: make it longer")
        resumed = support.run(self.command(plan, output, "--threads", 2, "--resume"))
        self.assertEqual(resumed.returncode, 0)
        self.assertFalse(partial.exists())
        support.assert_same_sweep(self, reference, output)
        return saved, err

    def test_a_sweep_killed_with_sigkill_resumes_to_the_same_datasets(self):
        self.interrupt_and_resume("killed", signal.SIGKILL, -signal.SIGKILL)

    def test_sigterm_saves_the_finished_runs_and_says_how_to_resume(self):
        _, err = self.interrupt_and_resume("terminated", signal.SIGTERM, 128 + signal.SIGTERM)
        self.assertIn("--resume", err)

    def test_resume_runs_only_the_missing_runs(self):
        # A shard file whose runs are all done but which never took its final name resumes
        # with nothing to run; one run marked missing is recomputed to the same numbers.
        output = self.dir / "partly.h5"
        support.run(self.command(self.plan, output, "--threads", 1))
        partial = pathlib.Path(str(output) + ".partial")
        output.rename(partial)
        with h5py.File(partial, "r+") as f:
            done = f["done"][()]
            done[3, 1] = 0
            f["done"][...] = done
            metrics = f["metrics"][()]
            metrics[3, 1, :] = -1.0
            f["metrics"][...] = metrics
            f.attrs["complete"] = 0.0
        resumed = support.run(
            [c for c in self.command(self.plan, output, "--threads", 1, "--resume")
             if c != "--quiet"])
        self.assertIn("1 in this process", resumed.stdout)
        support.assert_same_sweep(self, self.reference, output)

    def test_progress_is_a_bar_on_a_terminal_lines_in_a_log_and_nothing_when_quiet(self):
        command = [c for c in self.command(self.plan, self.dir / "progress.h5", "--threads", 1)
                   if c != "--quiet"]
        logged = support.run(command)
        self.assertRegex(logged.stderr, r"runs 24/24 \(100%\)\s+[0-9.]+ runs/s\s+took ")
        self.assertNotIn("\r", logged.stderr)
        self.assertIn("24 runs", logged.stdout)
        # A terminal gets a redrawn bar: carriage returns and a [###...] gauge.
        leader, follower = pty.openpty()
        with subprocess.Popen(command + ["--force"], stdout=subprocess.DEVNULL, stderr=follower,
                              stdin=subprocess.DEVNULL) as process:
            os.close(follower)
            output = b""
            while True:
                try:
                    chunk = os.read(leader, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                output += chunk
            process.wait(timeout=300)
        os.close(leader)
        self.assertEqual(process.returncode, 0)
        self.assertIn(b"\r[" + b"#" * 30 + b"]", output)
        quiet = support.run(self.command(self.plan, self.dir / "quiet.h5", "--threads", 1))
        self.assertEqual((quiet.stdout, quiet.stderr), ("", ""))

    def test_the_file_opens_with_xarray_and_h5py_without_custom_code(self):
        ds = xr.open_dataset(self.reference, engine="h5netcdf")
        self.assertEqual(dict(ds.sizes), {"point": 12, "replicate": 2, "parameter": 3,
                                          "metric": ds.sizes["metric"]})
        self.assertEqual(ds.metrics.dims, ("point", "replicate", "metric"))
        arrivals = ds.metrics.sel(metric="arrivals")
        self.assertEqual(str(ds.metric_units.sel(metric="arrivals").values), "people")
        self.assertTrue(np.all(arrivals > 0))
        # Stochastic mode: the two replicates of a point differ, and points differ.
        self.assertFalse(np.array_equal(arrivals[:, 0], arrivals[:, 1]))
        self.assertEqual(int(ds.done.sum()), 24)
        values = ds.value.sel(parameter="state.TUR.exit_enforcement")
        self.assertTrue(np.all((values >= 0.05) & (values <= 0.5)))
        series = xr.open_dataset(self.reference, group="series/states", engine="h5netcdf")
        self.assertEqual(series.arrivals.dims, ("point", "replicate", "time", "state"))
        self.assertEqual(series.arrivals.attrs["units"], "people/tick")
        # The series and the metrics come from the same runs.
        corridors = xr.open_dataset(self.reference, group="series/corridors", engine="h5netcdf")
        np.testing.assert_allclose(corridors.deaths.sum(("time", "corridor")),
                                   ds.metrics.sel(metric="deaths"), rtol=1e-12)
        with h5py.File(self.reference, "r") as f:
            self.assertEqual(f.attrs["file_kind"], "migdip sweep")
            self.assertIn("--seed {seed}", f.attrs["rerun_command"])
            self.assertIn("[sweep]", f["plan_text"][()].decode())

    def test_the_python_reader_gives_tidy_runs_series_and_the_rerun_command(self):
        import migdip
        sweep = migdip.open_sweep(self.reference)
        self.assertTrue(sweep.complete)
        self.assertEqual(sweep.parameters, ["state.TUR.exit_enforcement",
                                            "corridor.TUR-GRC.mortality",
                                            "state.SYR.push_intensity"])
        runs = sweep.runs
        self.assertEqual(len(runs), 24)
        self.assertEqual(list(runs.columns[:6]), ["point", "replicate", "seed", *sweep.parameters])
        # Beside the dotted keys, the same values under names that formulas accept.
        formula = ["state_TUR_exit_enforcement", "corridor_TUR_GRC_mortality",
                   "state_SYR_push_intensity"]
        self.assertEqual(sweep.formula_columns, dict(zip(sweep.parameters, formula)))
        self.assertEqual(list(runs.columns[6:9]), formula)
        self.assertTrue(runs.columns.is_unique)
        for dotted, name in sweep.formula_columns.items():
            self.assertTrue(runs[dotted].equals(runs[name].rename(dotted)), name)
        with h5py.File(self.reference, "r") as f:
            metrics = f["metrics"][()]
            names = [name.decode() for name in f["metric"][()]]
            seeds = f["seed"][()]
        row = runs[(runs.point == 5) & (runs.replicate == 1)].iloc[0]
        self.assertEqual(row["deaths"], metrics[5, 1, names.index("deaths")])
        self.assertEqual(row["seed"], seeds[5, 1])
        self.assertEqual(sweep.metric_units("transfers"), "EUR")
        states = sweep.series("states")
        self.assertEqual(states.arrivals.dims, ("point", "replicate", "time", "state"))
        with self.assertRaises(KeyError):
            sweep.series("pathways")
        with self.assertRaises(ValueError):
            sweep.sobol("deaths")
        command = sweep.rerun_command(5, 1)
        self.assertIn(f"--seed {seeds[5, 1]}", command)
        self.assertNotIn("{", command)
        results = self.dir / "one-run.h5"
        support.run([str(BINARY), "run", str(SOURCE_DIR / "scenarios" / "minimal.ini"), "-o",
                     str(results), "-q"])
        with self.assertRaises(migdip.FormatError):
            migdip.open_sweep(results)

    def test_formula_names_are_safe_and_unique(self):
        from migdip.sweeps import formula_names
        self.assertEqual(
            formula_names(["stock.SYR in TUR.hosted", "corridor.TUR-GRC.mortality",
                           "corridor.TUR_GRC.mortality", "9.x", "deaths"], taken=["deaths"]),
            ["stock_SYR_in_TUR_hosted", "corridor_TUR_GRC_mortality",
             "corridor_TUR_GRC_mortality_2", "p_9_x", "deaths_2"])

    def test_bad_input_is_one_line_with_status_two_and_leaves_nothing(self):
        broken = {
            "unknown-key.ini": ("[sweep]\nsampler = grid\nreplicate = 2\n"
                                "[parameter state.TUR.exit_enforcement]\nlevels = 0.1\n",
                                "replicate"),
            "out-of-range.ini": ("[sweep]\nsampler = grid\n"
                                 "[parameter state.TUR.exit_enforcement]\nlevels = 0.1, 1.5\n",
                                 "1.5"),
            "unknown-scenario-key.ini": ("[sweep]\nsampler = grid\n"
                                         "[parameter state.TUR.exit_enforcment]\nlevels = 0.1\n",
                                         "exit_enforcment"),
            "unknown-series.ini": ("[sweep]\nsampler = grid\nseries = states.arivals\n"
                                   "[parameter state.TUR.exit_enforcement]\nlevels = 0.1\n",
                                   "states.arivals"),
        }
        for name, (text, expected) in broken.items():
            plan = self.dir / name
            plan.write_text(text)
            output = self.dir / f"{name}.h5"
            outcome = support.run(self.command(plan, output), expect=2)
            self.assertEqual(outcome.stderr.count("\n"), 1, outcome.stderr)
            self.assertIn(name, outcome.stderr)
            self.assertIn(expected, outcome.stderr)
            self.assertFalse(output.exists(), name)
            self.assertFalse(pathlib.Path(str(output) + ".partial").exists(), name)

        existing = support.run(self.command(self.plan, self.reference), expect=2)
        self.assertIn("--force", existing.stderr)
        nothing = support.run(self.command(self.plan, self.dir / "none.h5", "--resume"),
                              expect=2)
        self.assertIn("nothing to resume", nothing.stderr)
        garbage = self.dir / "garbage.h5"
        pathlib.Path(str(garbage) + ".partial").write_bytes(b"not an HDF5 file\n" * 100)
        corrupt = support.run(self.command(self.plan, garbage, "--resume"), expect=2)
        self.assertIn("not an HDF5 file", corrupt.stderr)
        foreign = self.dir / "foreign.h5"
        # A results file where the partial sweep should be (run -o takes only .h5 names).
        support.run([str(BINARY), "run", str(SOURCE_DIR / "scenarios" / "minimal.ini"), "-o",
                     str(foreign), "-q"])
        foreign.rename(pathlib.Path(str(foreign) + ".partial"))
        not_sweep = support.run(self.command(self.plan, foreign, "--resume"), expect=2)
        self.assertIn("not a migdip sweep file", not_sweep.stderr)
        other = support.write_plan(self.dir, samples=5, name="another.ini")
        support.run(support.sweep_command(BINARY, SOURCE_DIR, other, self.dir / "mismatch.h5"))
        pathlib.Path(self.dir / "mismatch.h5").rename(self.dir / "mismatch.h5.partial")
        refused = support.run(self.command(self.plan, self.dir / "mismatch.h5", "--resume"),
                              expect=2)
        self.assertIn("another sweep", refused.stderr)
        for options in (["--threads", "0"], ["--shard", "3/3"], ["--resume", "--force"]):
            outcome = support.run(self.command(self.plan, self.dir / "x.h5", *options), expect=2)
            self.assertEqual(outcome.stderr.count("\n"), 1, outcome.stderr)
        self.assertFalse((self.dir / "x.h5").exists())


class GuideExamplesTest(unittest.TestCase):
    """The Python examples of docs/sweeps.md run against fresh sweeps."""

    def test_the_python_examples_of_the_guide_run(self):
        with tempfile.TemporaryDirectory(prefix="migdip-guide-") as tmp:
            directory = pathlib.Path(tmp)
            plan = support.write_plan(directory, samples=6)
            sweep = directory / "sweep.h5"
            support.run(support.sweep_command(BINARY, SOURCE_DIR, plan, sweep))
            sobol_plan = directory / "sobol.ini"
            sobol_plan.write_text(
                "[sweep]\nsampler = saltelli\nsamples = 8\nseed = 5\n"
                "[parameter state.TUR.exit_enforcement]\nlow = 0.05\nhigh = 0.6\n"
                "[parameter corridor.TUR-GRC.mortality]\nlow = 0.0002\nhigh = 0.003\n")
            sobol_sweep = directory / "sobol.h5"
            support.run(support.sweep_command(BINARY, SOURCE_DIR, sobol_plan, sobol_sweep))
            morris_plan = directory / "morris.ini"
            morris_plan.write_text(
                "[sweep]\nsampler = morris\nsamples = 4\nseed = 5\n"
                "[parameter state.TUR.exit_enforcement]\nlow = 0.05\nhigh = 0.6\n"
                "[parameter corridor.TUR-GRC.mortality]\nlow = 0.0002\nhigh = 0.003\n"
                "distribution = log_uniform\n")
            morris_sweep = directory / "morris.h5"
            support.run(support.sweep_command(BINARY, SOURCE_DIR, morris_plan, morris_sweep))
            guide = (SOURCE_DIR / "docs" / "sweeps.md").read_text()
            blocks = re.findall(r"```python\n(.*?)```", guide, flags=re.S)
            self.assertGreaterEqual(len(blocks), 2)
            namespace = {"SWEEP": str(sweep), "SOBOL_SWEEP": str(sobol_sweep),
                         "MORRIS_SWEEP": str(morris_sweep)}
            for block in blocks:
                exec(compile(block, "docs/sweeps.md", "exec"), namespace)  # noqa: S102
            self.assertEqual(len(namespace["runs"]), 12)
            self.assertEqual(len(namespace["indices"]["ST"]), 2)
            import migdip
            table = migdip.open_sweep(sobol_sweep).sobol("deaths")
            np.testing.assert_array_equal(table["ST"].values, namespace["indices"]["ST"])


def main():
    """``test_sweeps.py MIGDIP_BINARY SOURCE_DIR [unittest options]``."""
    global BINARY, SOURCE_DIR
    args = sys.argv[1:]
    if len(args) >= 2 and not args[0].startswith("-"):
        BINARY, SOURCE_DIR = pathlib.Path(args[0]), pathlib.Path(args[1])
        args = args[2:]
    unittest.main(argv=[sys.argv[0], *args])


if __name__ == "__main__":
    main()
