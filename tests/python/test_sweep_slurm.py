#!/usr/bin/python3
"""`migdip slurm --submit` on a real single-node Slurm cluster (slurmctld and slurmd from Debian).

Usage:
    test_sweep_slurm.py MIGDIP_BINARY SOURCE_DIR [unittest options]   (what CTest runs, as root)

Starts a throwaway cluster on localhost with tests/cluster/slurm_cluster.sh, submits the job
array and the dependent merge job that `migdip slurm` writes, waits for both, and compares the
merged file with the same sweep run locally: the datasets must be bit-identical. The daemons
it started are stopped whatever happens.
"""

import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import sweep_support as support  # noqa: E402

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
BINARY = SOURCE_DIR / "build" / "apps" / "migdip"
JOB_TIMEOUT_SECONDS = 600


@unittest.skipUnless(os.geteuid() == 0, "the throwaway Slurm cluster runs its daemons as root")
class SlurmSweepTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # Slurm puts sockets under the cluster directory: its path must stay short.
        cls.dir = pathlib.Path(tempfile.mkdtemp(prefix="mdslurm-", dir="/tmp"))
        cls.cluster = cls.dir / "cluster"
        cls.harness = SOURCE_DIR / "tests" / "cluster" / "slurm_cluster.sh"
        started = subprocess.run([str(cls.harness), "start", str(cls.cluster)],
                                 capture_output=True, text=True, timeout=120)
        if started.returncode != 0:
            cls.tearDownClass()
            raise RuntimeError(f"could not start the Slurm cluster: {started.stderr.strip()}")
        match = re.search(r"export SLURM_CONF=(\S+)", started.stdout)
        cls.env = dict(os.environ, SLURM_CONF=match.group(1))

    @classmethod
    def tearDownClass(cls):
        subprocess.run([str(cls.harness), "stop", str(cls.cluster)], capture_output=True,
                       timeout=120)
        subprocess.run(["rm", "-rf", str(cls.dir)], check=False)

    def wait_for(self, jobs):
        deadline = time.monotonic() + JOB_TIMEOUT_SECONDS
        while True:
            queued = subprocess.run(["squeue", "-h", "-j", ",".join(jobs), "-o", "%i %T %r"],
                                    capture_output=True, text=True, env=self.env)
            lines = [line for line in queued.stdout.splitlines() if line.strip()]
            if not lines:
                return
            stuck = [line for line in lines if "DependencyNeverSatisfied" in line]
            if stuck:
                self.fail(f"the merge job can never run, an array task failed: {stuck}; "
                          f"logs: {self.logs()}")
            self.assertLess(time.monotonic(), deadline, f"jobs still queued: {lines}")
            time.sleep(1)

    def logs(self):
        texts = []
        for log in sorted((self.dir / "sweep.slurm" / "logs").glob("*.out")):
            texts.append(f"{log.name}: {log.read_text()[-500:]}")
        return " | ".join(texts)

    def test_job_array_and_merge_job_give_the_local_sweep(self):
        plan = support.write_plan(self.dir, samples=9)
        local = self.dir / "local.h5"
        support.run(support.sweep_command(BINARY, SOURCE_DIR, plan, local, "--threads", 2))

        output = self.dir / "sweep.h5"
        scenario = SOURCE_DIR / "scenarios" / "eastern-mediterranean-2015-2017.ini"
        submitted = support.run([str(BINARY), "slurm", str(scenario), "--plan", str(plan), "-o",
                                 str(output), "--shards", "3", "--time", "00:10:00",
                                 "--mem", "500M", "--set", "scenario.mode=stochastic",
                                 "--submit"], env=self.env)
        match = re.search(r"submitted array job (\d+) and merge job (\d+)", submitted.stdout)
        self.assertIsNotNone(match, submitted.stdout)
        array_job, merge_job = match.group(1), match.group(2)
        self.assertIn("#SBATCH --array=0-2",
                      (self.dir / "sweep.slurm" / "sweep-array.sh").read_text())

        self.wait_for([array_job, merge_job])
        self.assertTrue(output.exists(), f"no merged file; logs: {self.logs()}")
        shards = sorted((self.dir / "sweep.slurm" / "shards").glob("shard-*.h5"))
        self.assertEqual([shard.name for shard in shards],
                         ["shard-0.h5", "shard-1.h5", "shard-2.h5"])
        support.assert_same_sweep(self, local, output)

    def test_names_that_are_code_to_a_shell_reach_slurm_literally(self):
        """Spaces, quotes, '#', '%', '\\' and shell code in the job name and the directory: sbatch
        reads each directive as written, the logs land in the directory as named, the jobs get
        their arguments intact, and nothing runs. The jobs run a stub that records them."""
        code = "$(touch pwned) `touch pwned` ; touch pwned & 'single' \"double\""
        base = self.dir / "hostile"
        stub = base / f"bin {code}" / "migdip"
        stub.parent.mkdir(parents=True)
        stub.write_text('#!/bin/sh\n'
                        'printf "%s\\n" "$@" > "$(dirname "$0")/argv-${SLURM_ARRAY_TASK_ID:-merge}"\n')
        stub.chmod(0o755)
        plan = support.write_plan(base, samples=2, series=False)
        scenario = SOURCE_DIR / "scenarios" / "eastern-mediterranean-2015-2017.ini"
        output = base / f"out {code}.h5"
        work = base / f"50% of {code}"
        job_name = f"job {code} #not a comment \\ %j"
        submitted = support.run([str(BINARY), "slurm", str(scenario), "--plan", str(plan), "-o",
                                 str(output), "--shards", "2", "--time", "00:05:00",
                                 "--mem", "100M", "--job-name", job_name, "--directory",
                                 str(work), "--migdip", str(stub), "--submit"],
                                env=self.env, cwd=base)
        match = re.search(r"submitted array job (\d+) and merge job (\d+)", submitted.stdout)
        self.assertIsNotNone(match, submitted.stdout)
        jobs = [match.group(1), match.group(2)]
        for job, name in zip(jobs, [job_name, job_name + "-merge"]):
            shown = support.run(["scontrol", "show", "job", job], env=self.env)
            self.assertIn(f"JobName={name}\n", shown.stdout)

        self.wait_for(jobs)
        self.assertEqual(sorted(log.name for log in (work / "logs").iterdir()),
                         ["merge.out", "shard-0.out", "shard-1.out"])
        shards = [str(work / "shards" / f"shard-{i}.h5") for i in range(2)]
        recorded = {path.name: path.read_text().splitlines()
                    for path in stub.parent.glob("argv-*")}
        self.assertEqual(recorded, {
            "argv-0": ["sweep", str(scenario), "--plan", str(plan), "--threads", "1",
                       "-o", shards[0]],
            "argv-1": ["sweep", str(scenario), "--plan", str(plan), "--threads", "1",
                       "-o", shards[1]],
            "argv-merge": ["merge", *shards, "-o", str(output), "--force"]})
        self.assertEqual(list(self.dir.rglob("pwned")), [])


def main():
    """``test_sweep_slurm.py MIGDIP_BINARY SOURCE_DIR [unittest options]``."""
    global BINARY, SOURCE_DIR
    args = sys.argv[1:]
    if len(args) >= 2 and not args[0].startswith("-"):
        BINARY, SOURCE_DIR = pathlib.Path(args[0]), pathlib.Path(args[1])
        args = args[2:]
    unittest.main(argv=[sys.argv[0], *args])


if __name__ == "__main__":
    main()
