#!/usr/bin/python3
"""Faults, races and damaged files: what `migdip run`, `sweep` and `merge` guarantee when things
go wrong (docs/reliability.md lists the guarantees and points here).

Usage:
    test_faults.py MIGDIP_BINARY SOURCE_DIR [unittest options]     (what CTest runs)

- Two writers of one output: a second sweep, `--force` or `--resume` while a sweep runs is
  refused naming the writer's pid; the running sweep completes untouched.
- Damaged files: a run whose stored numbers fail its checksum, or a dataset of the wrong shape,
  is refused by `--resume`, `merge` and `info` with exit status 2.
- A full disk (a 32 KiB tmpfs as root, else a file-size limit): one line, exit status 2, no crash,
  nothing left behind. A read-only directory: the same.
- Signals at random moments of `run` and `sweep`: nothing partial under a final name, no
  temporaries left, and a resumed sweep equals an uninterrupted one bit for bit.

Random moments come from a seeded generator; the seed is printed, and MIGDIP_FAULT_SEED replays it.
"""

import contextlib
import gzip
import json
import os
import pathlib
import random
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

import h5py
import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import sweep_support as support  # noqa: E402

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
BINARY = SOURCE_DIR / "build" / "apps" / "migdip"
FLAGSHIP = SOURCE_DIR / "scenarios" / "eastern-mediterranean-2015-2017.ini"
SEED = int(os.environ.get("MIGDIP_FAULT_SEED", random.SystemRandom().randrange(2**32)))


def one_line_error(test, outcome, *fragments):
    """Exit status 2 and exactly one line on stderr holding every fragment."""
    test.assertEqual(outcome.returncode, 2, outcome.stderr)
    test.assertEqual(outcome.stderr.count("\n"), 1, outcome.stderr)
    for fragment in fragments:
        test.assertIn(fragment, outcome.stderr)


def temporaries(directory):
    return [p.name for p in pathlib.Path(directory).iterdir() if ".tmp-" in p.name]


def flip_byte(path, dataset, index=0):
    """Flips one bit of a stored value of a contiguous dataset, in place, as a failing disk
    would: the file still opens, and only the numbers are wrong."""
    with h5py.File(path, "r") as f:
        item = f[dataset]
        offset = item.id.get_offset() + index * item.dtype.itemsize
    with open(path, "r+b") as raw:
        raw.seek(offset)
        byte = raw.read(1)
        raw.seek(offset)
        raw.write(bytes([byte[0] ^ 0x04]))


@contextlib.contextmanager
def full_disk():
    """A directory where writes fail for want of space, and a preexec_fn for the child. As root:
    a 32 KiB tmpfs (ENOSPC). Otherwise: a 32 KiB file-size limit in the child (EFBIG), with
    SIGXFSZ ignored so that the write fails instead of killing the process."""
    with tempfile.TemporaryDirectory(prefix="migdip-full-") as directory:
        mounted = os.geteuid() == 0 and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", directory],
            capture_output=True).returncode == 0
        if mounted:
            try:
                yield pathlib.Path(directory), None
            finally:
                subprocess.run(["umount", directory], check=True)
        else:
            def limit():
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (32 * 1024, 32 * 1024))
            yield pathlib.Path(directory), limit


@contextlib.contextmanager
def read_only_directory():
    """A directory no file can be created in, even by root: a read-only tmpfs as root, else a
    directory without write permission."""
    with tempfile.TemporaryDirectory(prefix="migdip-readonly-") as directory:
        if os.geteuid() == 0:
            subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,ro", "tmpfs", directory],
                           check=True)
            try:
                yield pathlib.Path(directory)
            finally:
                subprocess.run(["umount", directory], check=True)
        else:
            os.chmod(directory, 0o555)
            try:
                yield pathlib.Path(directory)
            finally:
                os.chmod(directory, 0o755)


class FaultTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        print(f"test_faults: random moments from seed {SEED} (MIGDIP_FAULT_SEED={SEED} replays)",
              file=sys.stderr)
        cls.random = random.Random(SEED)
        cls.tmp = tempfile.TemporaryDirectory(prefix="migdip-faults-")
        cls.dir = pathlib.Path(cls.tmp.name)
        cls.plan = support.write_plan(cls.dir, samples=8)
        cls.reference = cls.dir / "reference.h5"
        support.run(cls.sweep(cls.plan, cls.reference))
        # Two shards of the same sweep, for merge.
        cls.shards = [cls.dir / f"shard-{i}.h5" for i in range(2)]
        for i, shard in enumerate(cls.shards):
            support.run(cls.sweep(cls.plan, shard, "--shard", f"{i}/2"))
        # A sweep of about five seconds, to be raced, interrupted and resumed.
        cls.long_plan, cls.long_runs = support.sized_plan(BINARY, SOURCE_DIR, cls.dir, "long",
                                                          seconds=5)
        cls.long_reference = cls.dir / "long-reference.h5"
        support.run(cls.sweep(cls.long_plan, cls.long_reference))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    @classmethod
    def sweep(cls, plan, output, *extra):
        return support.sweep_command(BINARY, SOURCE_DIR, plan, output, "--threads", 2, *extra)

    def scratch(self):
        directory = pathlib.Path(tempfile.mkdtemp(prefix=self._testMethodName[:40] + "-",
                                                  dir=self.dir))
        return directory

    def start_long_sweep(self, output, *extra):
        """Starts the long sweep and returns once its first runs are on disk."""
        process = subprocess.Popen(self.sweep(self.long_plan, output, *extra),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        partial = pathlib.Path(str(output) + ".partial")
        deadline = time.monotonic() + 300
        while support.done_count(partial) == 0:
            self.assertIsNone(process.poll(), "the sweep ended before the test could race it")
            self.assertLess(time.monotonic(), deadline, "no run was flushed in time")
            time.sleep(0.02)
        return process

    # --- Two writers of one output ---------------------------------------------------------------

    def test_force_and_resume_while_a_sweep_runs_are_refused_naming_its_pid(self):
        directory = self.scratch()
        output = directory / "raced.h5"
        first = self.start_long_sweep(output)
        forced = support.run(self.sweep(self.long_plan, output, "--force"), expect=None)
        resumed = support.run(self.sweep(self.long_plan, output, "--resume"), expect=None)
        _, err = first.communicate(timeout=300)
        self.assertEqual(first.returncode, 0, err)
        for outcome in (forced, resumed):
            one_line_error(self, outcome, f"another migdip (pid {first.pid}) is writing")
            self.assertNotIn("damaged", outcome.stderr)
        with h5py.File(output, "r") as f:
            self.assertEqual(f.attrs["complete"], 1)
        support.assert_same_sweep(self, self.long_reference, output)
        self.assertEqual(temporaries(directory), [])

    def test_identical_sweeps_started_together_give_one_file_and_one_clear_refusal(self):
        directory = self.scratch()
        for trial in range(4):
            output = directory / f"together-{trial}.h5"
            processes = [subprocess.Popen(self.sweep(self.plan, output), stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, text=True) for _ in range(2)]
            errors = [p.communicate(timeout=300)[1] for p in processes]
            outcomes = [(p.returncode, err) for p, err in zip(processes, errors)]
            statuses = sorted(status for status, _ in outcomes)
            self.assertEqual(statuses, [0, 2], outcomes)
            refusal = next(err for status, err in outcomes if status == 2)
            self.assertRegex(refusal, r"another migdip (\(pid \d+\) )?is writing|sweep file exists")
            support.assert_same_sweep(self, self.reference, output)
        self.assertEqual(sorted(p.name for p in directory.iterdir()),
                         [f"together-{trial}.h5" for trial in range(4)])

    def test_concurrent_runs_never_replace_a_file_without_force(self):
        # The check that the output is free and the rename into place are one atomic step: of
        # runs started together into one name, exactly one writes it.
        directory = self.scratch()
        scenario = SOURCE_DIR / "scenarios" / "minimal.ini"
        for trial in range(6):
            output = directory / f"run-{trial}.h5"
            processes = [subprocess.Popen([str(BINARY), "run", str(scenario), "-o", str(output),
                                           "--quiet", "--seed", str(seed)],
                                          stderr=subprocess.PIPE, text=True)
                         for seed in range(4)]
            errors = [p.communicate(timeout=120)[1] for p in processes]
            outcomes = [(p.returncode, err) for p, err in zip(processes, errors)]
            self.assertEqual(sorted(status for status, _ in outcomes), [0, 2, 2, 2], outcomes)
            winner = next(seed for seed, (status, _) in enumerate(outcomes) if status == 0)
            with h5py.File(output, "r") as f:
                self.assertEqual(f.attrs["seed"], str(winner), "the file was replaced")
        self.assertEqual(temporaries(directory), [])

    # --- Damaged files --------------------------------------------------------------------------

    def partial_copy(self, source, directory, name):
        """A copy of a finished sweep file turned back into an interrupted one."""
        output = directory / name
        partial = pathlib.Path(str(output) + ".partial")
        partial.write_bytes(pathlib.Path(source).read_bytes())
        with h5py.File(partial, "r+") as f:
            f.attrs["complete"] = 0.0
        return output, partial

    def test_a_partial_with_a_dataset_of_the_wrong_shape_is_not_resumed(self):
        directory = self.scratch()
        output, partial = self.partial_copy(self.reference, directory, "reshaped.h5")
        with h5py.File(partial, "r+") as f:
            del f["metrics"]
            f["metrics"] = np.zeros((1, 1, 1))
        resumed = support.run(self.sweep(self.plan, output, "--resume"), expect=None)
        one_line_error(self, resumed, "damaged", "metrics")
        self.assertFalse(output.exists())
        info = support.run([str(BINARY), "info", str(partial)], expect=None)
        one_line_error(self, info, "damaged")

    def test_flipped_bits_are_found_by_resume_merge_and_info(self):
        directory = self.scratch()
        for dataset in ("metrics", "series/states/arrivals", "value", "seed"):
            with self.subTest(dataset=dataset):
                damaged = directory / f"damaged-{dataset.replace('/', '-')}.h5"
                damaged.write_bytes(self.shards[1].read_bytes())
                flip_byte(damaged, dataset, index=1)
                info = support.run([str(BINARY), "info", str(damaged)], expect=None)
                one_line_error(self, info, str(damaged), "damaged")
                merged = directory / "merged.h5"
                merge = support.run([str(BINARY), "merge", str(self.shards[0]), str(damaged),
                                     "-o", str(merged)], expect=None)
                one_line_error(self, merge, "damaged")
                self.assertEqual(sorted(p.name for p in directory.iterdir() if "merged" in p.name),
                                 [])
        output, partial = self.partial_copy(self.reference, directory, "flipped.h5")
        flip_byte(partial, "metrics", index=40)
        resumed = support.run(self.sweep(self.plan, output, "--resume"), expect=None)
        one_line_error(self, resumed, "damaged", "do not match")
        self.assertFalse(output.exists())

    def test_a_partial_claiming_other_points_is_called_damaged_not_another_shard(self):
        directory = self.scratch()
        output, partial = self.partial_copy(self.reference, directory, "moved.h5")
        with h5py.File(partial, "r+") as f:
            f.attrs["first_point"] = 1.0
        resumed = support.run(self.sweep(self.plan, output, "--resume"), expect=None)
        self.assertEqual(resumed.returncode, 2, resumed.stderr)
        self.assertNotRegex(resumed.stderr, r"shard (\d+/\d+), not \1")

    def test_a_file_kind_that_is_not_text_is_bad_input(self):
        directory = self.scratch()
        foreign = directory / "foreign.h5"
        with h5py.File(foreign, "w") as f:
            f.attrs["file_kind"] = np.int32(7)
        info = support.run([str(BINARY), "info", str(foreign)], expect=None)
        self.assertEqual(info.returncode, 2, info.stderr)
        merge = support.run([str(BINARY), "merge", str(foreign), "-o", str(directory / "m.h5")],
                            expect=None)
        one_line_error(self, merge, "not a migdip sweep file")
        output = directory / "kind.h5"
        pathlib.Path(str(output) + ".partial").write_bytes(foreign.read_bytes())
        resumed = support.run(self.sweep(self.plan, output, "--resume"), expect=None)
        one_line_error(self, resumed, "not a migdip sweep file")

    def test_files_that_crash_libhdf5_are_refused_as_damaged(self):
        # libhdf5 1.10 segfaults or aborts on these: migdip reads a file in a child process
        # first, so the crash becomes a refusal, and nothing the C library prints gets through.
        directory = self.scratch()
        data = SOURCE_DIR / "tests" / "data" / "damaged"
        base = gzip.decompress((data / "results-crashing-libhdf5.h5.gz").read_bytes())
        changes = json.loads((data / "results-crashing-libhdf5.json").read_text())["files"]
        for name, edits in changes.items():
            content = bytearray(base)
            for offset, byte in edits:
                content[offset] = byte
            damaged = directory / f"{name}.h5"
            damaged.write_bytes(bytes(content))
            with self.subTest(file=name):
                outcome = support.run([str(BINARY), "info", str(damaged)], expect=None)
                one_line_error(self, outcome, str(damaged), "damaged")

    def test_a_fifo_is_refused_at_once_not_waited_on(self):
        directory = self.scratch()
        fifo = directory / "fifo.h5"
        os.mkfifo(fifo)
        for command in ([str(BINARY), "info", str(fifo)],
                        [str(BINARY), "merge", str(fifo), "-o", str(directory / "m.h5")]):
            outcome = support.run(command, timeout=60, expect=None)
            one_line_error(self, outcome, "not a regular file")
        os.mkfifo(directory / "out.h5.partial")
        resumed = support.run(self.sweep(self.plan, directory / "out.h5", "--resume"),
                              timeout=60, expect=None)
        one_line_error(self, resumed, "not a regular file")

    # --- Full disks and read-only directories ----------------------------------------------------

    def test_a_full_disk_is_one_line_with_status_two_and_leaves_nothing(self):
        for trial in range(3):
            with full_disk() as (directory, limit):
                commands = {
                    "sweep": self.sweep(self.plan, directory / "sweep.h5"),
                    "merge": [str(BINARY), "merge", *map(str, self.shards), "-o",
                              str(directory / "merged.h5")],
                    "run": [str(BINARY), "run", str(FLAGSHIP), "-o", str(directory / "run.h5")],
                }
                for name, command in commands.items():
                    with self.subTest(trial=trial, command=name):
                        outcome = subprocess.run(command, capture_output=True, text=True,
                                                 timeout=300, preexec_fn=limit)
                        # A crash shows as a negative status (killed by SIGSEGV).
                        one_line_error(self, outcome)
                        self.assertRegex(outcome.stderr, r"No space left on device|File too large")
                        self.assertEqual(list(directory.iterdir()), [])

    def test_a_read_only_directory_is_one_line_with_status_two(self):
        with read_only_directory() as directory:
            for command in (
                    self.sweep(self.plan, directory / "sweep.h5"),
                    [str(BINARY), "merge", *map(str, self.shards), "-o", str(directory / "m.h5")],
                    [str(BINARY), "run", str(FLAGSHIP), "-o", str(directory / "run.h5")]):
                outcome = support.run(command, expect=None)
                one_line_error(self, outcome, str(directory))
            self.assertEqual(list(directory.iterdir()), [])

    # --- Signals at random moments --------------------------------------------------------------

    def run_command(self):
        # Daily ticks make a results file of a few MB: its writing takes long enough to be hit.
        return [str(BINARY), "run", str(FLAGSHIP), "--quiet", "--set", "scenario.tick_length=day",
                "--set", "scenario.ticks=1500"]

    def test_a_run_stopped_while_writing_removes_its_temporary(self):
        directory = self.scratch()
        for stop in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            output = directory / f"stopped-{stop.name}.h5"
            process = subprocess.Popen(self.run_command() + ["-o", str(output)],
                                       stderr=subprocess.PIPE)
            deadline = time.monotonic() + 120
            while not temporaries(directory):  # the temporary exists while the file is built
                self.assertIsNone(process.poll(), "the run ended before it could be stopped")
                self.assertLess(time.monotonic(), deadline)
                time.sleep(0.001)
            process.send_signal(stop)
            process.communicate(timeout=120)
            self.assertEqual(process.returncode, -stop)
            self.assertFalse(output.exists())
            self.assertEqual(temporaries(directory), [], stop.name)

    def test_a_run_stopped_at_any_moment_leaves_no_file_or_temporary(self):
        directory = self.scratch()
        command = self.run_command()
        started = time.monotonic()
        support.run(command + ["-o", str(directory / "timing.h5")])
        duration = time.monotonic() - started
        (directory / "timing.h5").unlink()
        for trial in range(12):
            stop = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL)[trial % 4]
            output = directory / f"stopped-{trial}.h5"
            delay = self.random.uniform(0, duration)
            process = subprocess.Popen(command + ["-o", str(output)], stderr=subprocess.PIPE)
            time.sleep(delay)
            process.send_signal(stop)
            process.communicate(timeout=120)
            message = f"trial {trial}: {stop.name} after {delay:.3f} s of {duration:.3f}"
            if process.returncode != 0:
                self.assertEqual(process.returncode, -stop, message)
            if output.exists():  # written before the signal came: then it must be whole
                with h5py.File(output, "r") as f:
                    self.assertIn("states", f, message)
                output.unlink()
            else:
                self.assertNotEqual(process.returncode, 0, message)
            if stop != signal.SIGKILL:
                own = [name for name in temporaries(directory) if f"-{process.pid}-" in name]
                self.assertEqual(own, [], message)
        # What SIGKILL left, the next run into the directory removes.
        support.run(command + ["-o", str(directory / "after.h5")])
        self.assertEqual(temporaries(directory), [])

    def test_the_next_writer_removes_only_temporaries_of_finished_processes(self):
        directory = self.scratch()
        host = re.sub(r"[^A-Za-z0-9]", "_", socket.gethostname())
        finished = subprocess.Popen(["true"])
        finished.wait()
        stale = f".x.h5.tmp-{host}-{finished.pid}-0123abcd"
        kept = [f".x.h5.tmp-{host}-{os.getpid()}-0123abcd",      # a live writer
                f".x.h5.tmp-elsewhere-{finished.pid}-0123abcd",  # another host's, on shared disk
                f".x.h5.tmp-{finished.pid}-0123abcd"]            # an older migdip's name
        for name in [stale, *kept]:
            (directory / name).write_text("x")
        support.run([str(BINARY), "run", str(SOURCE_DIR / "scenarios" / "minimal.ini"), "-o",
                     str(directory / "y.h5"), "--quiet"])
        self.assertEqual(sorted(temporaries(directory)), sorted(kept))

    def test_a_sweep_stopped_at_any_moment_resumes_to_the_same_file(self):
        directory = self.scratch()
        for trial, stop in enumerate((signal.SIGKILL, signal.SIGINT, signal.SIGTERM)):
            output = directory / f"stopped-{trial}.h5"
            partial = pathlib.Path(str(output) + ".partial")
            process = subprocess.Popen(self.sweep(self.long_plan, output), stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, text=True)
            delay = self.random.uniform(0, 4)
            time.sleep(delay)
            process.send_signal(stop)
            _, err = process.communicate(timeout=300)
            message = f"trial {trial}: {stop.name} after {delay:.3f} s: {err.strip()}"
            # Stopped before its handlers are installed, a sweep ends by the signal itself.
            expected = {signal.SIGKILL: [-signal.SIGKILL], signal.SIGINT: [130, -signal.SIGINT],
                        signal.SIGTERM: [143, -signal.SIGTERM]}[stop]
            if process.returncode != 0:
                self.assertIn(process.returncode, expected, message)
                self.assertFalse(output.exists(), message)
                if partial.exists():
                    support.run(self.sweep(self.long_plan, output, "--resume"))
                else:  # stopped before its file existed: nothing to resume, start again
                    support.run(self.sweep(self.long_plan, output))
            self.assertFalse(partial.exists(), message)
            support.assert_same_sweep(self, self.long_reference, output)
        self.assertEqual(temporaries(directory), [])


def main():
    if len(sys.argv) >= 3 and not sys.argv[1].startswith("-"):
        global BINARY, SOURCE_DIR, FLAGSHIP
        BINARY = pathlib.Path(sys.argv[1])
        SOURCE_DIR = pathlib.Path(sys.argv[2])
        FLAGSHIP = SOURCE_DIR / "scenarios" / "eastern-mediterranean-2015-2017.ini"
        del sys.argv[1:3]
    unittest.main(verbosity=2)


if __name__ == "__main__":
    main()
