#!/usr/bin/python3
"""`migdip sweep --mpi` under a real `mpirun` (OpenMPI from Debian).

Usage:
    test_sweep_mpi.py MIGDIP_BINARY SOURCE_DIR MPIEXEC [unittest options]   (what CTest runs)

The sweep of sweep_support.PLAN with 2 ranks (rank 0 writes, rank 1 runs) and with 3 ranks (two
workers served dynamically) gives datasets bit-identical to the same sweep on threads; a single
rank is refused with a clear one-line error.
"""

import os
import pathlib
import sys
import tempfile
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import sweep_support as support  # noqa: E402

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
BINARY = SOURCE_DIR / "build" / "apps" / "migdip"
MPIEXEC = "mpirun"


def mpirun(ranks):
    # Root is refused by OpenMPI unless allowed (CI runs as root); --oversubscribe lets 3 ranks
    # share 2 cores.
    return [MPIEXEC, "--allow-run-as-root", "--oversubscribe", "-n", str(ranks)]


class MpiSweepTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="migdip-mpi-")
        cls.dir = pathlib.Path(cls.tmp.name)
        cls.plan = support.write_plan(cls.dir, samples=10)
        cls.reference = cls.dir / "threads.h5"
        support.run(support.sweep_command(BINARY, SOURCE_DIR, cls.plan, cls.reference,
                                          "--threads", 2))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def run_mpi(self, ranks, output, expect=0):
        command = mpirun(ranks) + support.sweep_command(BINARY, SOURCE_DIR, self.plan, output,
                                                        "--mpi")
        return support.run(command, expect=expect, env=dict(os.environ))

    def test_two_ranks_give_the_same_datasets_as_threads(self):
        output = self.dir / "mpi-2.h5"
        self.run_mpi(2, output)
        support.assert_same_sweep(self, self.reference, output)

    def test_three_ranks_share_the_runs_and_give_the_same_datasets(self):
        output = self.dir / "mpi-3.h5"
        self.run_mpi(3, output)
        support.assert_same_sweep(self, self.reference, output)

    def test_one_rank_is_refused(self):
        output = self.dir / "mpi-1.h5"
        outcome = self.run_mpi(1, output, expect=None)
        self.assertNotEqual(outcome.returncode, 0)
        self.assertIn("at least 2 MPI ranks", outcome.stderr)
        self.assertFalse(output.exists())
        self.assertFalse(pathlib.Path(str(output) + ".partial").exists())


def main():
    """``test_sweep_mpi.py MIGDIP_BINARY SOURCE_DIR MPIEXEC [unittest options]``."""
    global BINARY, SOURCE_DIR, MPIEXEC
    args = sys.argv[1:]
    if len(args) >= 3 and not args[0].startswith("-"):
        BINARY, SOURCE_DIR, MPIEXEC = pathlib.Path(args[0]), pathlib.Path(args[1]), args[2]
        args = args[3:]
    unittest.main(argv=[sys.argv[0], *args])


if __name__ == "__main__":
    main()
