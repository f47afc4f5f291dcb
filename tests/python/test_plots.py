#!/usr/bin/python3
"""Tests of `migdip plot` (apps/command_plot.cpp running python/migdip/plot.py).

Usage:
    PYTHONPATH=python test_plots.py MIGDIP_BINARY SOURCE_DIR [unittest options]
        (this is what CTest runs)
    PYTHONPATH=python python3 -m unittest tests.python.test_plots   (from the source dir)
        The binary is then $MIGDIP_BINARY, else SOURCE_DIR/build/apps/migdip, and SOURCE_DIR is
        $MIGDIP_SOURCE_DIR, else the directory two levels above this file.

Runs `migdip run scenarios/minimal.ini` into a temporary directory, then `migdip plot` on it:
the standard PNG files are written, valid and not blank, and so are the SVG and PDF ones of
`--format`; `--dpi` sets the PNG's resolution; bad input exits 2 with one line, and leaves no
figure; nothing in the working directory is run; runs of any year are drawn. The figures are fit
for a paper: the Okabe-Ito palette, thousands separators, no CF unit "1" in labels, small
multiples, legends without series at 0. A sweep with replicates gets ensemble bands.
"""

import datetime
import os
import xml.etree.ElementTree
import pathlib
import re
import site
import subprocess
import sys
import tempfile
import unittest

SOURCE_DIR = pathlib.Path(os.environ.get("MIGDIP_SOURCE_DIR",
                                         pathlib.Path(__file__).resolve().parents[2]))
BINARY = pathlib.Path(os.environ.get("MIGDIP_BINARY", SOURCE_DIR / "build" / "apps" / "migdip"))

try:
    import migdip
except ImportError:  # run without PYTHONPATH: use the package of this source tree
    sys.path.insert(0, str(SOURCE_DIR / "python"))
    import migdip

import matplotlib  # noqa: E402
import numpy as np  # noqa: E402

matplotlib.use("Agg")
import matplotlib.colors  # noqa: E402
import matplotlib.dates  # noqa: E402
import matplotlib.figure  # noqa: E402
import matplotlib.image  # noqa: E402
import matplotlib.pyplot  # noqa: E402

import migdip.plot  # noqa: E402
import migdip.plots  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import damaged_results  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
VECTOR_FORMATS = ["svg", "pdf"]
FIGURES = ["arrivals-by-corridor", "stocks-by-status", "deaths-per-1000-crossings",
           "enforcement", "transfers", "timeline"]


def migdip_command(*arguments, cwd=None, env=None):
    return subprocess.run([str(BINARY), *map(str, arguments)], capture_output=True, text=True,
                          timeout=240, cwd=cwd, env=env)


# Modules and packages that `migdip plot` imports, or that Python imports on its own at start-up.
HOSTILE_MODULES = ["numpy", "pandas", "h5py", "h5netcdf", "xarray", "runpy", "argparse",
                   "pathlib", "sitecustomize", "usercustomize"]
HOSTILE_PACKAGES = ["migdip", "matplotlib"]


def hostile_directory(root):
    """`root/hostile`, holding a module or package of each name above whose code leaves a file
    in `root/markers` when it runs; returns both directories."""
    hostile, markers = root / "hostile", root / "markers"
    hostile.mkdir()
    markers.mkdir()
    for name in HOSTILE_MODULES + HOSTILE_PACKAGES:
        code = f"open({str(markers / name)!r}, 'w').close()\n"
        if name in HOSTILE_PACKAGES:
            (hostile / name).mkdir()
            (hostile / name / "__init__.py").write_text(code)
        else:
            (hostile / f"{name}.py").write_text(code)
    return hostile, markers


def years_shifted(text, years):
    """A scenario's text with every date YYYY-MM-DD moved by `years` years."""
    return re.sub(r"\b(\d{4})-(\d\d-\d\d)\b",
                  lambda match: f"{int(match.group(1)) + years:04d}-{match.group(2)}", text)


class PlotTest(unittest.TestCase):
    """`migdip plot` on a real run of scenarios/minimal.ini."""

    @classmethod
    def setUpClass(cls):
        if not BINARY.is_file():
            raise RuntimeError(f"migdip binary not found: {BINARY}")
        cls.tmp = tempfile.TemporaryDirectory(prefix="migdip-plots-")
        # A space in the path: the arguments reach python as they are, with no shell between.
        cls.dir = pathlib.Path(cls.tmp.name) / "with space"
        cls.dir.mkdir()
        cls.path = cls.dir / "minimal.h5"
        done = migdip_command("run", SOURCE_DIR / "scenarios" / "minimal.ini", "-o", cls.path)
        if done.returncode != 0 or not cls.path.is_file():
            raise RuntimeError(f"migdip run failed ({done.returncode}): {done.stderr.strip()}")
        cls.figures = cls.dir / "figures out"
        cls.plotted = migdip_command("plot", cls.path, "-o", cls.figures)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def assert_one_error_line(self, done):
        self.assertEqual(done.returncode, 2, done.stderr)
        lines = done.stderr.splitlines()
        self.assertEqual(len(lines), 1, done.stderr)
        self.assertTrue(lines[0].startswith("migdip: error: "), lines[0])

    def test_plot_succeeds_and_lists_the_files(self):
        self.assertEqual(self.plotted.returncode, 0, self.plotted.stderr)
        listed = [pathlib.Path(line) for line in self.plotted.stdout.splitlines()]
        self.assertEqual(listed, [self.figures / f"{name}.png" for name in FIGURES])

    def test_figures_are_valid_nonblank_pngs(self):
        for name in FIGURES:
            with self.subTest(figure=name):
                path = self.figures / f"{name}.png"
                self.assertTrue(path.is_file(), path)
                self.assertGreater(path.stat().st_size, 10_000)
                with open(path, "rb") as f:
                    self.assertEqual(f.read(8), PNG_SIGNATURE)
                pixels = matplotlib.image.imread(path)
                self.assertEqual(pixels.ndim, 3)
                self.assertGreater(pixels.shape[0], 200)
                self.assertGreater(pixels.shape[1], 400)
                self.assertGreater(float(pixels[..., :3].std()), 0.0)

    def test_default_directory_is_next_to_the_results(self):
        done = migdip_command("plot", self.path)
        self.assertEqual(done.returncode, 0, done.stderr)
        default = self.dir / "minimal-figures"
        self.assertEqual(sorted(p.name for p in default.iterdir()),
                         sorted(f"{name}.png" for name in FIGURES))

    def test_text_file_is_refused_with_one_line(self):
        text = self.dir / "notes.txt"
        text.write_text("not a results file\n")
        done = migdip_command("plot", text, "-o", self.dir / "never")
        self.assert_one_error_line(done)
        self.assertIn("notes.txt", done.stderr)
        self.assertFalse((self.dir / "never").exists())

    def test_missing_file_is_refused(self):
        self.assert_one_error_line(migdip_command("plot", self.dir / "absent.h5"))

    def test_output_that_is_a_file_is_refused(self):
        blocker = self.dir / "blocker"
        blocker.write_text("")
        self.assert_one_error_line(migdip_command("plot", self.path, "-o", blocker))

    def test_missing_interpreter_is_bad_input(self):
        done = subprocess.run([str(BINARY), "plot", str(self.path)], capture_output=True,
                              text=True, timeout=60,
                              env={**os.environ, "MIGDIP_PYTHON": "/nonexistent/python3"})
        self.assert_one_error_line(done)
        self.assertIn("python3-matplotlib", done.stderr)

    def test_missing_python_packages_are_named_in_one_line(self):
        # `python3 -S` does not add Debian's dist-packages: h5py, xarray and the rest are missing
        # while the migdip package (put on sys.path by the launcher) is still found.
        with tempfile.TemporaryDirectory() as tmp:
            wrapper = pathlib.Path(tmp) / "python-without-packages"
            wrapper.write_text("#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n")
            wrapper.chmod(0o755)
            done = subprocess.run([str(BINARY), "plot", str(self.path), "-o", tmp + "/figures"],
                                  capture_output=True, text=True, timeout=60,
                                  env={**os.environ, "MIGDIP_PYTHON": str(wrapper)})
            self.assert_one_error_line(done)
            self.assertIn("h5py", done.stderr)
            self.assertIn("sudo apt-get install", done.stderr)
            self.assertIn("python3-h5py", done.stderr)
            self.assertNotIn("Traceback", done.stderr)
            self.assertFalse((pathlib.Path(tmp) / "figures").exists())

    def test_timeline_labels_that_would_overlap_go_to_other_lanes(self):
        lanes = migdip.plots._label_lanes([0, 5, 100, 101, 102], [50, 50, 10, 10, 10], 1)
        self.assertEqual(lanes, [0, 1, 0, 1, 2])
        # Whatever the input, two labels of one lane never overlap.
        days = sorted(np.random.default_rng(3).uniform(0, 1000, 200))
        widths = np.random.default_rng(4).uniform(5, 80, 200)
        lanes = migdip.plots._label_lanes(days, widths, 2)
        for lane in set(lanes):
            spans = [(d, d + w) for d, w, l in zip(days, widths, lanes) if l == lane]
            for (_, end), (begin, _) in zip(spans, spans[1:]):
                self.assertGreaterEqual(begin, end + 2)

    def test_a_strategic_run_gets_its_deals_and_threats_and_a_scripted_one_a_note(self):
        self.assertIn("no negotiations in this run", self.plotted.stderr)
        self.assertFalse((self.figures / "deals-and-threats.png").exists())
        with tempfile.TemporaryDirectory() as tmp:
            results = pathlib.Path(tmp) / "strategic.h5"
            done = migdip_command(
                "run", SOURCE_DIR / "scenarios" / "eastern-mediterranean-2015-2017-strategic.ini",
                "-o", results, "-q")
            self.assertEqual(done.returncode, 0, done.stderr)
            plotted = migdip_command("plot", results, "-o", pathlib.Path(tmp) / "figures")
            self.assertEqual(plotted.returncode, 0, plotted.stderr)
            path = pathlib.Path(tmp) / "figures" / "deals-and-threats.png"
            self.assertIn(str(path), plotted.stdout.splitlines())
            pixels = matplotlib.image.imread(path)
            self.assertGreater(float(pixels[..., :3].std()), 0.0)
            # Every figure, the deals and threats included, as SVG and PDF too.
            for format in VECTOR_FORMATS:
                directory = pathlib.Path(tmp) / f"figures-{format}"
                plotted = migdip_command("plot", results, "-o", directory, "--format", format)
                self.assert_figures_listed(plotted, directory, FIGURES + ["deals-and-threats"],
                                           format)
                for name in FIGURES + ["deals-and-threats"]:
                    self.assert_valid_vector(directory / f"{name}.{format}")
        run = migdip.open_run(self.path)
        self.assertIsNone(migdip.plots.plot_deals_timeline(run))

    def assert_figures_listed(self, done, directory, figures=FIGURES, format="png"):
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual([pathlib.Path(line) for line in done.stdout.splitlines()],
                         [directory / f"{name}.{format}" for name in figures])

    def assert_valid_vector(self, path):
        """An SVG that parses as XML with drawing in it, or a complete PDF with pages."""
        data = path.read_bytes()
        if path.suffix == ".svg":
            root = xml.etree.ElementTree.fromstring(data)
            self.assertEqual(root.tag, "{http://www.w3.org/2000/svg}svg", path)
            paths = root.findall(".//{http://www.w3.org/2000/svg}path")
            self.assertGreater(len(paths), 20, path)  # lines, axes, glyphs: not a blank page
        else:
            self.assertTrue(data.startswith(b"%PDF-"), path)
            self.assertIn(b"%%EOF", data[-32:], path)
            self.assertIn(b"/Type /Page", data, path)
        self.assertGreater(len(data), 8_000, path)

    # --format and --dpi (issue 16)

    def test_dpi_sets_the_resolution_of_png(self):
        with tempfile.TemporaryDirectory() as tmp:
            directory = pathlib.Path(tmp) / "figures"
            done = migdip_command("plot", self.path, "-o", directory, "--dpi", "240")
            self.assert_figures_listed(done, directory)
            for name in FIGURES:
                default = matplotlib.image.imread(self.figures / f"{name}.png").shape
                doubled = matplotlib.image.imread(directory / f"{name}.png").shape
                # Twice the pixels of the default 120 dpi, give or take the tight bounding box.
                self.assertAlmostEqual(doubled[1] / default[1], 2.0, delta=0.05, msg=name)

    def test_bad_format_or_dpi_is_refused_in_one_line(self):
        for options, word in ((["--format", "jpg"], "jpg"), (["--format", ""], "format"),
                              (["--dpi", "0"], "dpi"), (["--dpi", "2000"], "dpi"),
                              (["--dpi", "150.5"], "dpi"), (["--dpi", "many"], "dpi")):
            with self.subTest(options=options):
                done = migdip_command("plot", self.path, "-o", self.dir / "never", *options)
                self.assert_one_error_line(done)
                self.assertIn(word, done.stderr)
                self.assertFalse((self.dir / "never").exists())
        with self.assertRaises(ValueError):
            migdip.plots.write_standard_figures(migdip.open_run(self.path), self.dir / "never",
                                                format="gif")
        # migdip.plot checks the arguments before it loads matplotlib, with its own copies.
        self.assertEqual(migdip.plot.FORMATS, migdip.plots.FORMATS)
        self.assertEqual(migdip.plot.DPI_RANGE, migdip.plots.DPI_RANGE)
        self.assertEqual(migdip.plot.DEFAULT_DPI, migdip.plots.DPI)
        self.assertFalse((self.dir / "never").exists())

    # Figures for a paper (issue 16)

    def test_the_palette_is_okabe_ito_with_a_second_cue(self):
        palette = {colour.lower() for colour in migdip.plots.PALETTE.values()}
        self.assertEqual(len(palette), 8)
        run = migdip.open_run(self.path)
        for draw in (migdip.plots.plot_arrivals, migdip.plots.plot_stocks,
                     migdip.plots.plot_enforcement, migdip.plots.plot_transfers):
            figure = draw(run)
            for ax in figure.axes:
                drawn = [line for line in ax.get_lines() if len(line.get_xdata()) > 2]
                for line in drawn:
                    self.assertIn(matplotlib.colors.to_hex(line.get_color()), palette,
                                  draw.__name__)
                # Two series of one axes differ in line style and marker as well as colour.
                styles = [(line.get_linestyle(), line.get_marker()) for line in drawn]
                self.assertEqual(len(set(styles)), len(styles), draw.__name__)
            matplotlib.pyplot.close(figure)

    def test_value_axes_have_thousands_separators(self):
        formatter = migdip.plots.ThousandsFormatter()
        formatter.set_locs([0, 50_000, 100_000, 150_000])
        self.assertEqual([formatter(v) for v in (0, 50_000, 150_000)], ["0", "50,000", "150,000"])
        formatter.set_locs([0, 0.25, 0.5])
        self.assertEqual(formatter(0.25), "0.25")
        formatter.set_locs([-2000, 0, 2000])
        self.assertEqual(formatter(-2000), "\N{MINUS SIGN}2,000")
        # On a real figure: the stocks of the run reach the thousands.
        figure = migdip.plots.plot_stocks(migdip.open_run(self.path))
        figure.canvas.draw()
        labels = [label.get_text() for ax in figure.axes for label in ax.get_yticklabels()]
        large = [text for text in labels
                 if abs(float(text.replace(",", "").replace("\N{MINUS SIGN}", "-"))) >= 1000]
        self.assertTrue(large, labels)
        self.assertTrue(all("," in text for text in large), large)
        self.assertFalse(any("e" in text or "\\times" in text for text in labels), labels)
        matplotlib.pyplot.close(figure)

    def test_labels_show_no_cf_unit_one(self):
        run = migdip.open_run(self.path)
        for name, draw in migdip.plots.STANDARD_FIGURES:
            figure = draw(run)
            if figure is None:
                continue
            texts = [ax.get_ylabel() for ax in figure.axes] + [t.get_text() for t in figure.texts]
            for text in texts:
                self.assertNotRegex(text, r"(\(|, )1\)", name)
            matplotlib.pyplot.close(figure)
        self.assertEqual(migdip.plots._label("share", {"units": "1"}), "share")
        self.assertEqual(migdip.plots._label("arrivals", {"units": "people/tick"}),
                         "arrivals (people/tick)")

    def test_corridors_are_small_multiples_without_the_empty_ones(self):
        run = migdip.open_run(self.path)
        arrivals = run.corridors["arrivals"]
        busy = [str(c) for c in arrivals["corridor"].values
                if float(abs(arrivals.sel(corridor=c)).sum()) > 0]
        figure = migdip.plots.plot_arrivals(run)
        self.assertEqual(len(figure.axes), len(busy))
        self.assertEqual(sorted(ax.get_title().split(" ")[0] for ax in figure.axes), sorted(busy))
        # Each panel its own scale: the largest value of each corridor fills its panel.
        for ax in figure.axes:
            corridor = ax.get_title().split(" ")[0]
            self.assertGreater(float(arrivals.sel(corridor=corridor).max()),
                               0.5 * ax.get_ylim()[1])
        matplotlib.pyplot.close(figure)

    def test_enforcement_legend_lists_only_states_not_at_zero(self):
        run = migdip.open_run(self.path)
        states = run.states
        figure = migdip.plots.plot_enforcement(run)
        for ax, name in zip(figure.axes, ["exit_enforcement", "entry_enforcement"]):
            variable = states[name]
            moving = {str(s) for s in variable["state"].values
                      if float(abs(variable.sel(state=s)).sum()) > 0}
            zero = {str(s) for s in variable["state"].values} - moving
            legend = ax.get_legend()
            listed = set()
            if legend is not None:
                for text in legend.get_texts():
                    listed.update(text.get_text().split(", "))
            self.assertEqual(listed, moving, name)
            notes = " ".join(text.get_text() for text in ax.texts)
            for state in zero:
                self.assertIn(state, notes)
        matplotlib.pyplot.close(figure)
        # Identical series share one line (and one legend entry), so none hides another.
        groups, zero = migdip.plots._identical_groups(
            states["exit_enforcement"].copy(data=np.tile([0.0, 0.5, 0.5],
                                                         (states.sizes["time"], 1))), "state")
        self.assertEqual(groups, [[str(s) for s in states["state"].values[1:]]])
        self.assertEqual(zero, [str(states["state"].values[0])])

    # Nothing in the working directory is run (defect 6 of issue 11)

    def test_code_in_the_working_directory_is_not_run(self):
        with tempfile.TemporaryDirectory() as tmp:
            root = pathlib.Path(tmp)
            hostile, markers = hostile_directory(root)
            # Empty and relative PYTHONPATH entries name the working directory too.
            (hostile / "relative").mkdir()
            (hostile / "relative" / "numpy.py").write_text((hostile / "numpy.py").read_text())
            python_path = os.pathsep.join(["", "relative", ".",
                                           os.environ.get("PYTHONPATH", "")])
            done = migdip_command("plot", self.path, "-o", root / "figures", cwd=hostile,
                                  env={**os.environ, "PYTHONPATH": python_path,
                                       "PYTHONSTARTUP": str(hostile / "numpy.py")})
            self.assert_figures_listed(done, root / "figures")
            self.assertEqual(sorted(path.name for path in markers.iterdir()), [])

    def test_absolute_pythonpath_entries_are_still_used(self):
        # `python3 -S` leaves out Debian's dist-packages (see the test of missing packages):
        # PYTHONPATH naming them brings them back, as for a matplotlib installed elsewhere.
        with tempfile.TemporaryDirectory() as tmp:
            root = pathlib.Path(tmp)
            hostile, markers = hostile_directory(root)
            wrapper = root / "python-without-packages"
            wrapper.write_text("#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n")
            wrapper.chmod(0o755)
            python_path = os.pathsep.join(
                ["", *(path for path in site.getsitepackages() if os.path.isdir(path))])
            done = migdip_command("plot", self.path, "-o", root / "figures", cwd=hostile,
                                  env={**os.environ, "MIGDIP_PYTHON": str(wrapper),
                                       "PYTHONPATH": python_path})
            self.assert_figures_listed(done, root / "figures")
            self.assertEqual(sorted(path.name for path in markers.iterdir()), [])

    # Runs of any year, and damaged files (defect 7 of issue 11)

    def assert_axis_spans(self, figure, first, last):
        """The figure's date axis starts on or before `first` and ends on or after `last`,
        less than a year beyond either."""
        start, end = (matplotlib.dates.num2date(limit).date()
                      for limit in figure.axes[0].get_xlim())
        self.assertLessEqual(start, first)
        self.assertGreater(start, first - datetime.timedelta(days=366))
        self.assertGreaterEqual(end, last)
        self.assertLess(end, last + datetime.timedelta(days=366))
        matplotlib.pyplot.close(figure)

    def test_runs_outside_pandas_date_range_are_drawn_with_their_dates(self):
        # pandas holds dates as nanoseconds since 1970: years 1677 to 2262 only.
        for year in (1600, 2300):
            with self.subTest(year=year), tempfile.TemporaryDirectory() as tmp:
                results = pathlib.Path(tmp) / "run.h5"
                done = migdip_command("run", SOURCE_DIR / "scenarios" / "minimal.ini", "--set",
                                      f"scenario.start_date={year}-01-01", "-o", results, "-q")
                self.assertEqual(done.returncode, 0, done.stderr)
                plotted = migdip_command("plot", results, "-o", pathlib.Path(tmp) / "figures")
                self.assert_figures_listed(plotted, pathlib.Path(tmp) / "figures")
                run = migdip.open_run(results)
                first, last = datetime.date(year, 1, 1), datetime.date(year + 1, 12, 1)
                self.assert_axis_spans(migdip.plots.plot_arrivals(run), first, last)
                self.assert_axis_spans(migdip.plots.plot_timeline(run), first, last)

    def test_a_strategic_run_three_centuries_on_gets_its_deals_and_threats(self):
        flagship = SOURCE_DIR / "scenarios" / "eastern-mediterranean-2015-2017-strategic.ini"
        with tempfile.TemporaryDirectory() as tmp:
            scenario = pathlib.Path(tmp) / "strategic-2315.ini"
            scenario.write_text(years_shifted(flagship.read_text(), 300))
            results = pathlib.Path(tmp) / "strategic.h5"
            done = migdip_command("run", scenario, "-o", results, "-q")
            self.assertEqual(done.returncode, 0, done.stderr)
            plotted = migdip_command("plot", results, "-o", pathlib.Path(tmp) / "figures")
            self.assert_figures_listed(plotted, pathlib.Path(tmp) / "figures",
                                       FIGURES + ["deals-and-threats"])
            figure = migdip.plots.plot_deals_timeline(migdip.open_run(results))
            self.assert_axis_spans(figure, datetime.date(2315, 1, 1), datetime.date(2317, 12, 31))

    def test_damaged_files_are_refused_in_one_line_and_leave_no_figure(self):
        with tempfile.TemporaryDirectory() as tmp:
            for name, path, _ in damaged_results.damaged_copies(self.path, pathlib.Path(tmp)):
                with self.subTest(damage=name):
                    figures = pathlib.Path(tmp) / f"{name}-figures"
                    done = migdip_command("plot", path, "-o", figures)
                    self.assert_one_error_line(done)
                    self.assertIn(str(path), done.stderr)
                    self.assertFalse(figures.exists())

    def test_an_interpreter_that_crashes_is_reported_in_one_line(self):
        # Damaged files can crash the HDF5 library (SIGSEGV) in the middle of reading them.
        with tempfile.TemporaryDirectory() as tmp:
            crashing = pathlib.Path(tmp) / "crashing-python"
            crashing.write_text("#!/bin/sh\nkill -SEGV $$\n")
            crashing.chmod(0o755)
            done = migdip_command("plot", self.path, "-o", pathlib.Path(tmp) / "figures",
                                  env={**os.environ, "MIGDIP_PYTHON": str(crashing)})
            self.assert_one_error_line(done)
            self.assertIn(str(self.path), done.stderr)
            self.assertIn("signal 11", done.stderr)

    def test_a_failed_write_leaves_no_figure(self):
        # The disk fills up at the last figure: the ones before it must not be left behind
        # either, in a directory the call creates or in one that holds earlier figures.
        run = migdip.open_run(self.path)
        original = matplotlib.figure.Figure.savefig

        def savefig_until_the_disk_is_full(figure, target, **options):
            saved.append(target)
            if len(saved) == len(FIGURES):
                raise OSError(28, "No space left on device")
            original(figure, target, **options)

        with tempfile.TemporaryDirectory() as tmp:
            existing = pathlib.Path(tmp) / "existing"
            existing.mkdir()
            (existing / "timeline.png").write_bytes(b"an earlier figure")
            for directory in (pathlib.Path(tmp) / "new" / "figures", existing):
                with self.subTest(directory=directory.name):
                    saved = []
                    matplotlib.figure.Figure.savefig = savefig_until_the_disk_is_full
                    try:
                        with self.assertRaises(OSError):
                            migdip.plots.write_standard_figures(run, directory)
                    finally:
                        matplotlib.figure.Figure.savefig = original
                    self.assertEqual(len(saved), len(FIGURES))
            self.assertEqual(sorted(path.name for path in pathlib.Path(tmp).iterdir()),
                             ["existing"])
            self.assertEqual([path.name for path in existing.iterdir()], ["timeline.png"])
            self.assertEqual((existing / "timeline.png").read_bytes(), b"an earlier figure")

    def test_help(self):
        done = migdip_command("plot", "--help")
        self.assertEqual(done.returncode, 0)
        self.assertIn("usage: migdip plot RESULTS.h5", done.stdout)

    # The package, without the binary

    def test_main_returns_statuses(self):
        with open(os.devnull, "w") as quiet:
            stdout, stderr = sys.stdout, sys.stderr
            sys.stdout = sys.stderr = quiet
            try:
                self.assertEqual(migdip.plot.main([str(self.dir / "absent.h5")]), 2)
                self.assertEqual(migdip.plot.main([]), 2)
            finally:
                sys.stdout, sys.stderr = stdout, stderr

    def test_deaths_per_thousand_guards_against_zero_crossings(self):
        corridors = migdip.open_run(self.path).corridors
        crossings = corridors["departures"] - corridors["exit_interceptions"]
        for name in ("departures", "exit_interceptions", "deaths"):
            corridors[name][0, :] = 0.0  # nobody crossed in the first tick
        per_tick, whole_run = migdip.plots.deaths_per_thousand(corridors)
        self.assertTrue(bool(per_tick[0].isnull().all()))
        positive = (crossings > 0).values
        positive[0, :] = False
        self.assertTrue(bool(per_tick.notnull().values[positive].all()))
        self.assertTrue(bool(whole_run.notnull().all()))

    def test_run_without_transfers_skips_that_figure(self):
        run = migdip.open_run(self.path)
        run.groups = [group for group in run.groups if group != "transfers"]
        self.assertIsNone(migdip.plots.plot_transfers(run))


SWEEP_PLAN = """[sweep]
name = bands
sampler = grid
replicates = 5
seed = 3
series = states.arrivals

[parameter state.TRA.exit_enforcement]
levels = 0.1, 0.5
"""


class SweepPlotTest(unittest.TestCase):
    """`migdip plot` on a sweep of scenarios/minimal.ini in stochastic mode, 2 points x 5
    replicates keeping states.arrivals: ensemble bands over the replicates."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="migdip-sweep-plots-")
        cls.dir = pathlib.Path(cls.tmp.name)
        (cls.dir / "plan.ini").write_text(SWEEP_PLAN)
        cls.path = cls.dir / "sweep.h5"
        done = migdip_command("sweep", SOURCE_DIR / "scenarios" / "minimal.ini", "--plan",
                              cls.dir / "plan.ini", "-o", cls.path, "--set",
                              "scenario.mode=stochastic", "-q")
        if done.returncode != 0:
            raise RuntimeError(f"migdip sweep failed ({done.returncode}): {done.stderr.strip()}")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_a_figure_per_kept_series_in_every_format(self):
        for format in ["png", *VECTOR_FORMATS]:
            with self.subTest(format=format):
                directory = self.dir / f"figures-{format}"
                done = migdip_command("plot", self.path, "-o", directory, "--format", format)
                self.assertEqual(done.returncode, 0, done.stderr)
                path = directory / f"series-states-arrivals.{format}"
                self.assertEqual(done.stdout.splitlines(), [str(path)])
                if format == "png":
                    pixels = matplotlib.image.imread(path)
                    self.assertGreater(float(pixels[..., :3].std()), 0.0)
                else:
                    PlotTest.assert_valid_vector(self, path)

    def test_bands_are_the_quantiles_over_replicates(self):
        sweep = migdip.open_sweep(self.path)
        arrivals = sweep.series("states")["arrivals"].transpose("point", "replicate", "time",
                                                                "state")
        figure = migdip.plots.plot_sweep_series(sweep, "states.arrivals")
        panels = {ax.get_title(): ax for ax in figure.axes}
        moving = [str(s) for s in arrivals["state"].values
                  if float(abs(arrivals.sel(state=s)).sum()) > 0]
        self.assertEqual(sorted(panels), sorted(moving))
        for state, ax in panels.items():
            bands = ax.collections
            self.assertEqual(len(bands), 2, state)  # one band per point
            medians = [line for line in ax.get_lines() if len(line.get_xdata()) > 2]
            for point, (band, median) in enumerate(zip(bands, medians)):
                values = arrivals.sel(state=state).values[point]  # (replicate, time)
                np.testing.assert_allclose(median.get_ydata(), np.quantile(values, 0.5, axis=0))
                vertices = band.get_paths()[0].vertices[:, 1]
                self.assertAlmostEqual(float(vertices.min()),
                                       float(np.quantile(values, 0.05, axis=0).min()), places=6)
                self.assertAlmostEqual(float(vertices.max()),
                                       float(np.quantile(values, 0.95, axis=0).max()), places=6)
            # The replicates differ (stochastic mode): the band is not a line.
            self.assertGreater(float(np.ptp(arrivals.sel(state=state).values, axis=1).max()), 0)
        matplotlib.pyplot.close(figure)

    def test_a_sweep_without_kept_series_writes_nothing_and_says_so(self):
        sweep = migdip.open_sweep(self.path)
        sweep.series_names = []
        notes = []
        directory = self.dir / "no-series"
        self.assertEqual(migdip.plots.write_sweep_figures(sweep, directory, notes), [])
        self.assertEqual(len(notes), 1)
        self.assertIn("keeps no series", notes[0])
        self.assertFalse(directory.exists())

    def test_many_points_are_drawn_as_the_spread_over_all_runs(self):
        sweep = migdip.open_sweep(self.path)
        original = migdip.plots.MAX_POINTS_DRAWN
        migdip.plots.MAX_POINTS_DRAWN = 1
        try:
            figure = migdip.plots.plot_sweep_series(sweep, "states.arrivals")
        finally:
            migdip.plots.MAX_POINTS_DRAWN = original
        arrivals = sweep.series("states")["arrivals"].transpose("point", "replicate", "time",
                                                                "state")
        for ax in figure.axes:
            self.assertEqual(len(ax.collections), 2)  # 5-95 % and 25-75 %
            values = arrivals.sel(state=ax.get_title()).values.reshape(-1, arrivals.sizes["time"])
            np.testing.assert_allclose(ax.get_lines()[0].get_ydata(),
                                       np.quantile(values, 0.5, axis=0))
        matplotlib.pyplot.close(figure)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and not sys.argv[1].startswith("-"):
        BINARY = pathlib.Path(sys.argv[1])
        SOURCE_DIR = pathlib.Path(sys.argv[2])
        del sys.argv[1:3]
    unittest.main()
