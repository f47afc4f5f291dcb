"""Shared by the reader and plot tests: copies of a results file damaged in the ways files get
damaged (cut short, metadata bytes flipped, groups or variables missing, dates that are not
dates), each of which must be refused in one line naming the file, never with a traceback.

`damaged_copies(source, directory)` writes them and returns `(name, path, refused_by)` for each:
`refused_by` is "reader" when `migdip.open_run`, or reading one of its groups, must raise
`migdip.FormatError`, and "plot" when the file reads but lacks what a figure draws, so that only
`migdip plot` can refuse it.
"""

import shutil

import h5py


def _flip_in_header(path, name):
    """Flips one bit of the object header of group `name` past its signature: the header's
    checksum no longer matches, which HDF5 finds when it opens the group. (Groups that track
    creation order have version 2 headers, with a checksum; datasets have version 1 headers,
    without.)"""
    with h5py.File(path, "r") as f:
        address = h5py.h5o.get_info(f[name].id).addr
    with open(path, "r+b") as f:
        f.seek(address + 8)
        byte = f.read(1)[0]
        f.seek(address + 8)
        f.write(bytes([byte ^ 0x01]))


def _flip_global_heap_signatures(path):
    """Flips a bit of the signature of each global heap collection, where HDF5 keeps the
    variable-length strings (attributes, scenario texts, table fields)."""
    data = bytearray(path.read_bytes())
    position = data.find(b"GCOL")
    while position >= 0:
        data[position] ^= 0x01
        position = data.find(b"GCOL", position + 4)
    path.write_bytes(data)


def _cut_in_half(path):
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])


def _set_event_date(path, text):
    with h5py.File(path, "r+") as f:
        rows = f["events"][()]
        rows["date"][0] = text.encode()
        f["events"][...] = rows


def _edit(change):
    """A damage that opens the file with h5py and calls `change(f)`."""
    def damage(path):
        with h5py.File(path, "r+") as f:
            change(f)
    return damage


def _delete(*names):
    def change(f):
        for name in names:
            del f[name]
    return _edit(change)


def _set_attribute(name, attribute, value):
    def change(f):
        f[name].attrs[attribute] = value
    return _edit(change)


def _set_value(name, index, value):
    def change(f):
        f[name][index] = value
    return _edit(change)


def _replace(name, value):
    def change(f):
        del f[name]
        f[name] = value
    return _edit(change)


# name: (damage, who must refuse it)
DAMAGES = {
    "empty": (lambda path: path.write_bytes(b""), "reader"),
    "cut-in-half": (_cut_in_half, "reader"),
    "strings-flipped": (_flip_global_heap_signatures, "reader"),
    "corridors-header-flipped": (lambda path: _flip_in_header(path, "corridors"), "reader"),
    "scenario-text-a-number": (_replace("scenario_text", 5), "reader"),
    "event-date-not-a-date": (lambda path: _set_event_date(path, "2020-13-45"), "reader"),
    "time-units-not-days": (_set_attribute("states/time", "units", "fortnights"), "reader"),
    "time-not-whole-days": (_set_value("corridors/time", 3, 1.5), "reader"),
    "no-corridors": (_delete("corridors"), "plot"),
    "no-corridor-arrivals": (_delete("corridors/arrivals"), "plot"),
    "no-enforcement": (_delete("states/exit_enforcement", "states/entry_enforcement"), "plot"),
    "event-without-date": (lambda path: _set_event_date(path, ""), "plot"),
    "start-date-not-a-date": (_set_attribute("/", "start_date", "soon"), "plot"),
}


def damaged_copies(source, directory):
    """Writes a damaged copy of `source` into `directory` for each of DAMAGES; returns
    `(name, path, refused_by)` for each."""
    copies = []
    for name, (damage, refused_by) in DAMAGES.items():
        path = directory / f"{name}.h5"
        shutil.copyfile(source, path)
        damage(path)
        copies.append((name, path, refused_by))
    return copies
