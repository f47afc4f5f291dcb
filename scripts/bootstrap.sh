#!/usr/bin/env bash
# Sets up migdip on Debian 12 from nothing and either runs the flagship scenario or the tests.
#
#   scripts/bootstrap.sh run    install what is missing, build, run the flagship scenario
#   scripts/bootstrap.sh test   install what is missing, build, run the whole test suite
#                               (Release with warnings as errors, then clang 16 with ASan +
#                               UBSan, which also builds the fuzzing harnesses and runs a short
#                               smoke of each); the sweep tests start their own Slurm daemons
#                               and run mpirun
#
# Packages come from Debian only; sudo is used when not running as root.
set -euo pipefail

mode=${1:-}
case "$mode" in
  run | test) ;;
  *)
    echo "usage: scripts/bootstrap.sh run|test" >&2
    exit 2
    ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
jobs=$(nproc 2>/dev/null || echo 2)

# help2man writes the man page migdip.1 at build time (skipped, with a note, without it).
build_packages=(build-essential cmake ninja-build pkg-config libeigen3-dev
  libboost-program-options-dev libhdf5-dev libfmt-dev help2man)
# The Python reader, `migdip plot` and the notebooks (scipy: the calibration notebook).
python_packages=(python3 python3-h5py python3-xarray python3-h5netcdf python3-pandas
  python3-matplotlib python3-scipy jupyter-nbconvert python3-nbclient python3-ipykernel)
# netcdf-bin: ncdump, with which a test reads the results files' open tables.
# python3-jsonschema validates the shipped scenarios against docs/scenario.schema.json; groff
# (groff-base; man-db when present) renders the man page in its test.
# The venv, pip and setuptools: the install test's offline `pip install ./python`.
test_packages=(libgtest-dev libgmock-dev libbenchmark-dev slurm-wlm openmpi-bin libopenmpi-dev
  clang-16 libclang-rt-16-dev llvm netcdf-bin python3-jsonschema groff-base python3-venv
  python3-pip python3-setuptools python3-wheel)

install_missing() {
  local missing=()
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "bootstrap: all packages present"
    return
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
  fi
  echo "bootstrap: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

if [ "$mode" = run ]; then
  install_missing "${build_packages[@]}" "${python_packages[@]}"
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DMIGDIP_BUILD_TESTS=OFF \
    -DMIGDIP_BUILD_BENCHMARKS=OFF >/dev/null
  cmake --build build -j "$jobs"
  mkdir -p results
  ./build/apps/migdip run scenarios/eastern-mediterranean-2015-2017.ini \
    -o results/eastern-mediterranean-2015-2017.h5 --force
  ./build/apps/migdip plot results/eastern-mediterranean-2015-2017.h5 -o results/figures >/dev/null
  echo
  echo "Results are in $root/results/eastern-mediterranean-2015-2017.h5"
  echo "Their figures are in $root/results/figures"
  echo "Describe them again with: ./build/apps/migdip info results/eastern-mediterranean-2015-2017.h5"
  echo "Notebooks: see notebooks/README.md"
  exit 0
fi

install_missing "${build_packages[@]}" "${python_packages[@]}" "${test_packages[@]}"

# Release, warnings as errors: the configuration users run.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DMIGDIP_WERROR=ON \
  -DMIGDIP_BUILD_TESTS=ON -DMIGDIP_REQUIRE_MAN_PAGE=ON >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"

# Debug with AddressSanitizer and UndefinedBehaviorSanitizer: memory errors, undefined
# behaviour, and the engine's own accounting checks (on in every tick of a debug build). Built
# by clang, whose UBSan checks more than GCC's, and with the libFuzzer harnesses of tests/fuzz,
# whose smoke tests run with the others.
clang=$(command -v clang++-16)
if [ -f build-sanitize/CMakeCache.txt ] &&
  ! grep -q "^CMAKE_CXX_COMPILER:[A-Z]*=$clang\$" build-sanitize/CMakeCache.txt; then
  rm -rf build-sanitize # configured for another compiler
fi
cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 \
  -DCMAKE_CXX_COMPILER="$clang" -DMIGDIP_WERROR=ON -DMIGDIP_SANITIZE=ON \
  -DMIGDIP_BUILD_FUZZERS=ON -DMIGDIP_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build-sanitize -j "$jobs"
symbolizer=$(command -v llvm-symbolizer || true)
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:external_symbolizer_path=$symbolizer \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:external_symbolizer_path=$symbolizer \
  ctest --test-dir build-sanitize --output-on-failure -j "$jobs"

echo "bootstrap: all tests passed"
