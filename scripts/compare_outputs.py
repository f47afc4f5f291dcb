#!/usr/bin/python3
"""Compares two migdip HDF5 files (results or sweep) object for object.

    scripts/compare_outputs.py [--values] [--tolerance RTOL[,ATOL]] A.h5 B.h5

Exit status 0 when they hold the same groups and datasets, with the same attributes (names,
order, types, values), the same dataset types, shapes, storage (chunks, filters) and bit-identical
values; 1 with one line per difference otherwise; 2 when a file cannot be read.

With --tolerance, the values of floating-point datasets may differ by a relative RTOL, or by
ATOL where that is larger (values near 0): |a - b| <= max(RTOL * max(|a|, |b|), ATOL), with NaN
where the other has NaN. Everything else (attributes, integer and text datasets) stays exact,
but for a sweep file's /checksum (CRC-32 of each run's metrics, which are compared within the
tolerance: a rounding changes every bit of it). The largest differences found are printed on
standard error. The route-value solver of issue
15 is held to --tolerance 1e-9,1e-6 (docs/model.md 7.6.4). What differs
between two runs of the same binary is ignored: the provenance attributes that name the moment,
the command line and the commit, and the run's wall time.

With --values, how datasets are stored (chunk shapes, filters and their levels) is not compared:
for a change of compression alone, which changes the bytes of a file but none of its values.

Used by scripts/check_outputs_unchanged.sh to show that a refactor leaves outputs unchanged.
"""

import sys

import h5py
import numpy as np

# Datasets computed bit for bit from others (a sweep file's per-run CRC-32 of its metrics): under a
# tolerance their inputs are compared instead.
DERIVED_FROM_VALUES = {"/checksum"}

# Root attributes that describe the run's circumstances rather than its results.
CIRCUMSTANTIAL = {"created_utc", "command_line", "source_commit", "simulation_seconds"}


def describe_value(value, file):
    """A comparable form of an attribute or dataset value: references become object names."""
    if isinstance(value, h5py.Reference):
        return ("reference", file[value].name if value else None)
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            return ("objects", value.shape,
                    tuple(describe_value(item, file) for item in value.flat))
        if value.dtype.kind == "V" and value.dtype.names is None:
            return ("opaque", value.shape, value.tobytes())
        if value.dtype.names:
            return ("compound", value.dtype.descr, value.shape,
                    tuple(tuple(describe_value(field, file) for field in row)
                          for row in value.flat))
        # Bytes, so that NaN equals NaN and -0 differs from 0.
        return ("array", value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, np.generic):
        return ("scalar", value.dtype.str, value.tobytes())
    if isinstance(value, bytes):
        return ("bytes", value)
    if isinstance(value, str):
        return ("text", value)
    if isinstance(value, (tuple, list)):
        return ("sequence", tuple(describe_value(item, file) for item in value))
    return ("other", repr(value))


def attributes(obj, file, at_root):
    described = []
    for name in obj.attrs:
        if at_root and name in CIRCUMSTANTIAL:
            continue
        attribute = obj.attrs.get_id(name)
        described.append((name, attribute.dtype.str, attribute.shape,
                          describe_value(obj.attrs[name], file)))
    return described


def storage(dataset):
    plist = dataset.id.get_create_plist()
    filters = tuple(plist.get_filter(i)[0] for i in range(plist.get_nfilters()))
    return (dataset.chunks, filters, dataset.compression_opts)


def objects(file):
    found = {"/": file}
    file.visititems(lambda name, obj: found.setdefault("/" + name, obj) and None)
    return found


def within(values_a, values_b, tolerance, largest, name):
    """Whether two float arrays agree within (rtol, atol); notes the largest relative difference."""
    rtol, atol = tolerance
    a = np.asarray(values_a, dtype=np.float64)
    b = np.asarray(values_b, dtype=np.float64)
    if not np.array_equal(np.isnan(a), np.isnan(b)):
        return False
    finite = ~np.isnan(a)
    a, b = a[finite], b[finite]
    if a.size == 0:
        return True
    if not np.array_equal(np.isinf(a), np.isinf(b)) or np.any(a[np.isinf(a)] != b[np.isinf(b)]):
        return False
    ordinary = ~np.isinf(a)
    a, b = a[ordinary], b[ordinary]
    gap = np.abs(a - b)
    scale = np.maximum(np.abs(a), np.abs(b))
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = np.where(gap > 0, gap / scale, 0.0)
    significant = scale > atol
    if np.any(significant):
        worst = float(np.max(relative[significant]))
        if worst > largest[0]:
            largest[0], largest[1] = worst, name
    if gap.size:
        widest = float(np.max(gap))
        if widest > largest[2]:
            largest[2], largest[3] = widest, name
    return bool(np.all(gap <= np.maximum(rtol * scale, atol)))


def compare(path_a, path_b, tolerance=None, largest=None, values_only=False):
    differences = []
    with h5py.File(path_a, "r") as a, h5py.File(path_b, "r") as b:
        objects_a, objects_b = objects(a), objects(b)
        for name in sorted(set(objects_a) ^ set(objects_b)):
            differences.append(f"{name}: only in {path_a if name in objects_a else path_b}")
        for name in sorted(set(objects_a) & set(objects_b)):
            obj_a, obj_b = objects_a[name], objects_b[name]
            if type(obj_a) is not type(obj_b):
                differences.append(f"{name}: {type(obj_a).__name__} vs {type(obj_b).__name__}")
                continue
            if attributes(obj_a, a, name == "/") != attributes(obj_b, b, name == "/"):
                differences.append(f"{name}: attributes differ")
            if isinstance(obj_a, h5py.Dataset):
                if obj_a.dtype != obj_b.dtype or obj_a.shape != obj_b.shape:
                    differences.append(f"{name}: {obj_a.dtype}{obj_a.shape} vs "
                                       f"{obj_b.dtype}{obj_b.shape}")
                elif not values_only and storage(obj_a) != storage(obj_b):
                    differences.append(f"{name}: storage {storage(obj_a)} vs {storage(obj_b)}")
                elif tolerance is not None and name in DERIVED_FROM_VALUES:
                    pass
                elif tolerance is not None and obj_a.dtype.kind == "f":
                    if not within(obj_a[()], obj_b[()], tolerance, largest, name):
                        differences.append(f"{name}: values differ beyond the tolerance")
                elif tolerance is not None and obj_a.dtype.names:
                    values_a, values_b = obj_a[()], obj_b[()]
                    for field in obj_a.dtype.names:
                        if obj_a.dtype[field].kind == "f":
                            same = within(values_a[field], values_b[field], tolerance, largest,
                                          f"{name}.{field}")
                        else:
                            same = (describe_value(values_a[field], a)
                                    == describe_value(values_b[field], b))
                        if not same:
                            differences.append(f"{name}: field {field} differs"
                                               + (" beyond the tolerance"
                                                  if obj_a.dtype[field].kind == "f" else ""))
                elif describe_value(obj_a[()], a) != describe_value(obj_b[()], b):
                    differences.append(f"{name}: values differ")
    return differences


def main():
    arguments = sys.argv[1:]
    values_only = arguments[:1] == ["--values"]
    if values_only:
        arguments = arguments[1:]
    tolerance = None
    if len(arguments) == 4 and arguments[0] == "--tolerance":
        try:
            parts = [float(part) for part in arguments[1].split(",")]
        except ValueError:
            parts = []
        if len(parts) not in (1, 2) or min(parts) < 0:
            print("compare_outputs.py: --tolerance takes RTOL or RTOL,ATOL (numbers >= 0)",
                  file=sys.stderr)
            return 2
        tolerance = (parts[0], parts[1] if len(parts) == 2 else 0.0)
        arguments = arguments[2:]
    if len(arguments) != 2:
        print("usage: compare_outputs.py [--values] [--tolerance RTOL[,ATOL]] A.h5 B.h5",
              file=sys.stderr)
        return 2
    largest = [0.0, None, 0.0, None]
    try:
        differences = compare(arguments[0], arguments[1], tolerance, largest, values_only)
    except OSError as error:
        print(f"compare_outputs.py: {error}", file=sys.stderr)
        return 2
    for difference in differences:
        print(difference)
    if tolerance is not None:
        print(f"largest relative difference (of values above ATOL) {largest[0]:.3g}"
              + (f" (in {largest[1]})" if largest[1] else "")
              + f"; largest absolute difference {largest[2]:.3g}"
              + (f" (in {largest[3]})" if largest[3] else ""), file=sys.stderr)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
