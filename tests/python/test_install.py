#!/usr/bin/python3
"""`cmake --install` gives a prefix that works on its own, without the source and build trees.

usage: test_install.py BUILD_DIR SOURCE_DIR CMAKE GENERATOR CXX_COMPILER   (CTest: install_prefix_works)

1. Installs BUILD_DIR into a temporary prefix, then moves the prefix elsewhere (nothing may
   depend on where it was installed), and checks its layout: bin/migdip, the static engine
   libraries, include/migdip, the CMake package (config, version and target files, which must
   not name the source or build tree), the Python package with the binary's relative location,
   the scenarios; and that the binary does not hold the source tree's python/ path.
2. Then, in a private mount namespace (unshare) where empty directories are mounted over
   SOURCE_DIR and BUILD_DIR, so that neither can be reached:
   - a consumer project (a copy of tests/install_consumer) configures with find_package(migdip)
     against the moved prefix, builds, runs a tiny scenario through the public C++ API and
     writes a results file that the installed `migdip info` reads;
   - the installed `migdip run` runs the installed minimal scenario, `migdip plot` draws its
     figures (with the installed Python package), and its missing Python package is reported;
   - `python3 -c "import migdip; migdip.run(...)"` with PYTHONPATH only the prefix's Python
     directory finds the installed binary and returns the opened run;
   - `pip install --no-build-isolation --no-index` of a copy of python/ into a venv made with
     --system-site-packages (Debian's python3-venv, python3-pip, python3-setuptools,
     python3-wheel), offline, and migdip.run from that venv with the binary on PATH.
The mount namespace needs root or unprivileged user namespaces; without either the test fails.
"""

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

PYTHON = "/usr/bin/python3"


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def run(command, **kwargs):
    """Runs a command; fails with its output when it exits non-zero."""
    printable = " ".join(str(part) for part in command)
    print("+", printable, flush=True)
    done = subprocess.run([str(part) for part in command], capture_output=True, text=True,
                          **kwargs)
    check(done.returncode == 0, f"{printable} exited with {done.returncode}:\n"
                                f"{done.stdout}\n{done.stderr}")
    return done


def install_and_move(build_dir, source_dir, cmake, work):
    """Installs into work/stage, moves it to work/moved/prefix, checks the layout."""
    stage = work / "stage"
    run([cmake, "--install", build_dir, "--prefix", stage])
    prefix = work / "moved" / "prefix"
    prefix.parent.mkdir()
    stage.rename(prefix)

    check((prefix / "bin" / "migdip").is_file(), "no bin/migdip")
    libraries = sorted(path.name for path in prefix.glob("lib*/**/libmigdip_*.a"))
    check(libraries == ["libmigdip_core.a", "libmigdip_hdf5.a", "libmigdip_ini.a",
                        "libmigdip_sweep.a"], f"engine libraries: {libraries}")
    check((prefix / "include" / "migdip" / "simulation" / "simulation.h").is_file(),
          "no include/migdip/simulation/simulation.h")
    configs = list(prefix.glob("lib*/**/cmake/migdip/migdipConfig.cmake"))
    check(len(configs) == 1, f"migdipConfig.cmake: {configs}")
    package_dir = configs[0].parent
    for name in ("migdipConfigVersion.cmake", "migdipTargets.cmake"):
        check((package_dir / name).is_file(), f"no {name} in {package_dir}")
    for path in package_dir.glob("*.cmake"):
        text = path.read_text()
        for tree in (source_dir, build_dir):
            check(str(tree) not in text, f"{path} names {tree}")
    python_dir = prefix / "share" / "migdip" / "python"
    for name in ("__init__.py", "results.py", "runs.py", "plot.py", "plots.py", "_installed.py"):
        check((python_dir / "migdip" / name).is_file(), f"no {name} in {python_dir / 'migdip'}")
    check(not list(python_dir.rglob("__pycache__")), "the installed package has __pycache__")
    check((prefix / "share" / "migdip" / "scenarios" / "minimal.ini").is_file(),
          "no share/migdip/scenarios/minimal.ini")
    binary = (prefix / "bin" / "migdip").read_bytes()
    check(str(source_dir / "python").encode() not in binary,
          "bin/migdip holds the source tree's python/ path")
    check(str(build_dir).encode() + b"/share" not in binary,
          "bin/migdip holds the build tree's share/ path")
    return prefix


def hide_trees(trees):
    """Mounts an empty tmpfs over each tree (in this process's own mount namespace)."""
    for tree in trees:
        if tree.is_dir():
            run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0555", "hidden", tree])
    for tree in trees:
        check(not tree.exists() or not any(tree.iterdir()), f"{tree} is still reachable")


def without_migdip_environment():
    """The environment minus what could point at the source or build tree."""
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("MIGDIP_", "PYTHON"))}
    environment["PATH"] = "/usr/bin:/bin"
    return environment


def hidden_checks(work, prefix, source_dir, build_dir, cmake, generator, cxx):
    """Everything a user does with the prefix, with the source and build trees out of reach."""
    hide_trees([source_dir, build_dir])
    environment = without_migdip_environment()
    binary = prefix / "bin" / "migdip"
    scenario = prefix / "share" / "migdip" / "scenarios" / "minimal.ini"
    os.chdir(work)

    # The consumer project, against the moved prefix.
    consumer_build = work / "consumer-build"
    run([cmake, "-S", work / "install_consumer", "-B", consumer_build, "-G", generator,
         f"-DCMAKE_CXX_COMPILER={cxx}", f"-DCMAKE_PREFIX_PATH={prefix}"], env=environment)
    run([cmake, "--build", consumer_build], env=environment)
    consumer_results = work / "consumer.h5"
    done = run([consumer_build / "consumer", consumer_results], env=environment)
    check("arrivals " in done.stdout, f"consumer printed no arrivals:\n{done.stdout}")
    arrivals = float(done.stdout.split("arrivals ")[1].split()[0])
    check(arrivals > 0, f"consumer: arrivals {arrivals}")
    done = run([binary, "info", consumer_results], env=environment)
    check("consumer" in done.stdout, f"migdip info of the consumer's file:\n{done.stdout}")

    # The installed command line: run and plot.
    results = work / "minimal.h5"
    run([binary, "run", scenario, "-o", results], env=environment)
    figures = work / "figures"
    done = run([binary, "plot", results, "-o", figures], env=environment)
    written = sorted(path.name for path in figures.glob("*.png"))
    check("arrivals-by-corridor.png" in written and "timeline.png" in written,
          f"migdip plot wrote {written}")
    for name in written:
        check((figures / name).stat().st_size > 1000, f"{name} is nearly empty")

    # The Python API from the prefix alone: the binary is found beside the package.
    code = ("import migdip, sys; run = migdip.run(sys.argv[1], set={'state.ORI.emigration_rate':"
            " 0.002}); print(migdip.__file__); print(migdip.find_binary()); "
            "print(float(run.corridors['arrivals'].sum()))")
    done = run([PYTHON, "-c", code, scenario],
               env={**environment, "PYTHONPATH": str(prefix / "share" / "migdip" / "python")})
    module, found, total = done.stdout.split()
    check(module.startswith(str(prefix)), f"migdip imported from {module}")
    check(found == str(binary), f"migdip.run used {found}, not {binary}")
    check(float(total) > 0, f"arrivals {total}")

    # The scenario schema is installed beside migdip.scenario_json, which validates with it.
    done = run([PYTHON, "-m", "migdip.scenario_json", "--check", scenario],
               env={**environment, "PYTHONPATH": str(prefix / "share" / "migdip" / "python")})

    # pip, offline, into a venv on Debian's packages; the binary on PATH.
    venv = work / "venv"
    run([PYTHON, "-m", "venv", "--system-site-packages", venv], env=environment)
    run([venv / "bin" / "python", "-m", "pip", "install", "--no-build-isolation", "--no-index",
         "--no-cache-dir", work / "python"], env=environment)
    done = run([venv / "bin" / "python", "-c", code, scenario],
               env={**environment, "PATH": f"{prefix / 'bin'}:/usr/bin:/bin"})
    module, found, total = done.stdout.split()
    check(module.startswith(str(venv)), f"the venv imported migdip from {module}")
    check(found == str(binary), f"the venv's migdip.run used {found}, not {binary}")

    # Without its Python package, `migdip plot` says where it looked, in one line, exit 2.
    shutil.rmtree(prefix / "share" / "migdip" / "python")
    done = subprocess.run([binary, "plot", results, "-o", work / "none"], env=environment,
                          capture_output=True, text=True)
    check(done.returncode == 2 and done.stderr.count("\n") == 1
          and str(prefix / "share" / "migdip" / "python") in done.stderr,
          f"plot without the package: {done.returncode} {done.stderr!r}")
    print("the installed prefix works with the source and build trees out of reach")


def main(arguments):
    if arguments and arguments[0] == "--hidden":
        work, prefix, source_dir, build_dir, cmake, generator, cxx = arguments[1:]
        hidden_checks(pathlib.Path(work), pathlib.Path(prefix), pathlib.Path(source_dir),
                      pathlib.Path(build_dir), cmake, generator, cxx)
        return 0
    if len(arguments) != 5:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    build_dir, source_dir = (pathlib.Path(path).resolve() for path in arguments[:2])
    cmake, generator, cxx = arguments[2:]
    with tempfile.TemporaryDirectory(prefix="migdip-install-test-") as tmp:
        work = pathlib.Path(tmp).resolve()
        for tree in (source_dir, build_dir):
            check(not work.is_relative_to(tree), f"the temporary directory {work} is in {tree}")
        prefix = install_and_move(build_dir, source_dir, cmake, work)
        shutil.copytree(source_dir / "tests" / "install_consumer", work / "install_consumer")
        shutil.copytree(source_dir / "python", work / "python",
                        ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
        namespace = ["unshare", "--mount", "--propagation", "private"]
        if os.geteuid() != 0:
            namespace.append("--map-root-user")
        done = subprocess.run(namespace + ["--", PYTHON, __file__, "--hidden", work, prefix,
                                           source_dir, build_dir, cmake, generator, cxx])
        return done.returncode


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except AssertionError as error:
        print(f"FAIL: {error}", file=sys.stderr)
        sys.exit(1)
