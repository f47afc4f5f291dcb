#!/usr/bin/python3
"""Executes every notebook in notebooks/ headless and checks what it leaves behind.

usage: run_notebooks.py MIGDIP_BINARY SOURCE_DIR          (CTest: notebooks_execute)
   e.g. PYTHONPATH=python /usr/bin/python3 tests/python/run_notebooks.py build/apps/migdip .

For each notebooks/*.ipynb, in a fresh temporary working directory:
  - the stored notebook has no outputs (every code cell: "outputs": [], execution_count null);
  - nbclient runs it with the kernel "python3" (Debian's python3-ipykernel), with
    MIGDIP_BINARY, MIGDIP_SOURCE_DIR, MIGDIP_FIGURES_DIR and PYTHONPATH set; any cell error fails;
  - the PNG figures listed for it in EXPECTED_FIGURES were written to MIGDIP_FIGURES_DIR and are
    not blank (read with matplotlib.image.imread: pixel standard deviation > 0).
A notebook missing from EXPECTED_FIGURES fails: list its figures there when adding it.
If nbclient, nbformat or the kernel is not installed the test FAILS (it does not skip): install
jupyter-nbconvert python3-nbclient python3-ipykernel (scripts/bootstrap.sh does).
"""

import os
import pathlib
import re
import sys
import tempfile
import traceback

#: The PNG files (without .png) each notebook must write into MIGDIP_FIGURES_DIR.
EXPECTED_FIGURES = {
    "one-run.ipynb": ["arrivals-by-corridor", "stocks-by-status", "deaths-per-1000-crossings",
                      "enforcement", "transfers", "timeline", "deals-and-threats"],
    "eastern-mediterranean-vs-unhcr.ipynb": ["tur-grc-vs-unhcr-monthly",
                                             "tur-grc-vs-unhcr-annual",
                                             "tur-grc-vs-unhcr-log-ratio"],
    "sweeps-and-sobol-indices.ipynb": ["ishigami-check", "response-surfaces", "sobol-indices"],
    "calibrating-eastern-mediterranean.ipynb": ["calibration-nelder-mead", "calibration-posterior",
                                                "calibration-predictive"],
}
KERNEL = "python3"
CELL_TIMEOUT = 600  # seconds per cell


def stored_outputs(notebook):
    """Problems with a stored notebook: code cells with outputs or an execution count."""
    problems = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"cell {index} is stored with {len(cell['outputs'])} output(s)")
        if cell.get("execution_count") is not None:
            problems.append(f"cell {index} is stored with execution_count "
                            f"{cell['execution_count']}")
    return problems


def blank_or_bad_png(path):
    """None if ``path`` is a readable PNG whose pixels vary, else why not."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.image
    import numpy as np

    try:
        pixels = matplotlib.image.imread(path)
    except Exception as error:  # noqa: BLE001 - any failure to read is the finding
        return f"cannot read as an image: {error}"
    if pixels.ndim < 2 or pixels.shape[0] < 10 or pixels.shape[1] < 10:
        return f"image too small: {pixels.shape}"
    if not float(np.std(pixels)) > 0:
        return "blank image (pixel standard deviation 0)"
    return None


def run_one(path, binary, source_dir, nbformat, NotebookClient):
    """Runs one notebook; returns a list of failure messages."""
    failures = []
    notebook = nbformat.read(path, as_version=4)
    problems = stored_outputs(notebook)
    if problems:
        failures.append(f"{path.name}: stored with outputs ({'; '.join(problems[:3])}"
                        f"{'; ...' if len(problems) > 3 else ''}); clear them before committing: "
                        f"jupyter nbconvert --clear-output --inplace notebooks/{path.name}")
    expected = EXPECTED_FIGURES.get(path.name)
    if expected is None:
        failures.append(f"{path.name}: not listed in EXPECTED_FIGURES of {__file__}")
        expected = []
    with tempfile.TemporaryDirectory(prefix=f"migdip-{path.stem}-") as tmp:
        work = pathlib.Path(tmp)
        figures = work / "figures"
        python_path = [str(source_dir / "python")]
        if os.environ.get("PYTHONPATH"):
            python_path.append(os.environ["PYTHONPATH"])
        environment = {
            "MIGDIP_BINARY": str(binary),
            "MIGDIP_SOURCE_DIR": str(source_dir),
            "MIGDIP_FIGURES_DIR": str(figures),
            "PYTHONPATH": os.pathsep.join(python_path),
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",  # quiets debugpy's frozen-modules warning
        }
        saved = {name: os.environ.get(name) for name in environment}
        os.environ.update(environment)  # the kernel inherits this process's environment
        try:
            client = NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name=KERNEL,
                                    resources={"metadata": {"path": str(work)}})
            client.execute()
        except Exception as error:  # noqa: BLE001 - CellExecutionError, timeouts, kernel death
            plain = re.sub(r"\x1b\[[0-9;]*m", "", str(error))  # the traceback's colours
            failures.append(f"{path.name}: execution failed: {plain}")
            return failures
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        written = sorted(p.name for p in figures.glob("*.png")) if figures.is_dir() else []
        print(f"{path.name}: executed; figures written: {', '.join(written) or 'none'}")
        for name in expected:
            png = figures / f"{name}.png"
            if not png.is_file():
                failures.append(f"{path.name}: expected figure {png.name} was not written")
                continue
            problem = blank_or_bad_png(png)
            if problem:
                failures.append(f"{path.name}: {png.name}: {problem}")
    return failures


def main(arguments):
    if len(arguments) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    binary = pathlib.Path(arguments[0]).resolve()
    source_dir = pathlib.Path(arguments[1]).resolve()
    try:
        import nbformat
        from nbclient import NotebookClient
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    except ImportError as error:
        print(f"FAIL: cannot execute notebooks: {error}. Install Debian's jupyter-nbconvert "
              f"python3-nbclient python3-ipykernel (scripts/bootstrap.sh does).", file=sys.stderr)
        return 1
    try:
        KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        print(f"FAIL: no Jupyter kernel {KERNEL!r}: install python3-ipykernel.", file=sys.stderr)
        return 1
    if not binary.is_file():
        print(f"FAIL: migdip binary not found: {binary}", file=sys.stderr)
        return 1
    notebooks = sorted((source_dir / "notebooks").glob("*.ipynb"))
    if not notebooks:
        print(f"FAIL: no notebooks in {source_dir / 'notebooks'}", file=sys.stderr)
        return 1
    failures = []
    for path in notebooks:
        try:
            failures += run_one(path, binary, source_dir, nbformat, NotebookClient)
        except Exception:  # noqa: BLE001 - report and go on with the other notebooks
            failures.append(f"{path.name}: {traceback.format_exc()}")
    for name in sorted(set(EXPECTED_FIGURES) - {path.name for path in notebooks}):
        failures.append(f"{name}: listed in EXPECTED_FIGURES but not in notebooks/")
    for failure in failures:
        print("FAIL:", failure, file=sys.stderr)
    if not failures:
        print(f"all {len(notebooks)} notebooks executed and wrote their figures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
