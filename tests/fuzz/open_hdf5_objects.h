#pragma once
// The readers open HDF5 files and objects through handles that close themselves; one left open
// keeps the file open for the rest of the process, and a later open of the same path finds it
// "already open". The reader harnesses note HDF5's identifiers before reading, report any file,
// group, dataset or attribute a reader leaves open, and close whatever is left when the input
// is done: HDF5's dimension-scale library itself leaves a datatype open when a scale reference
// dangles (a libhdf5 1.10 leak), and no input may see what an earlier one left.

#include <hdf5.h>

#include <algorithm>
#include <string>
#include <vector>

#include "finding.h"

namespace migdip::fuzz {

class OpenHdf5Objects {
 public:
  OpenHdf5Objects() : before_(identifiers(H5F_OBJ_ALL)) {}
  ~OpenHdf5Objects() {
    for (const hid_t id : identifiers(H5F_OBJ_ALL)) {
      while (!std::binary_search(before_.begin(), before_.end(), id) && H5Iis_valid(id) > 0 &&
             H5Idec_ref(id) > 0) {
      }
    }
    H5Eclear2(H5E_DEFAULT);
  }
  OpenHdf5Objects(const OpenHdf5Objects&) = delete;
  OpenHdf5Objects& operator=(const OpenHdf5Objects&) = delete;

  void expect_none_new(const std::string& after) const {
    std::size_t left_open = 0;
    for (const hid_t id : identifiers(kFileObjects)) {
      left_open += std::binary_search(before_.begin(), before_.end(), id) ? 0 : 1;
    }
    if (left_open != 0) {
      report_finding(std::to_string(left_open) + " HDF5 objects are left open after " + after);
    }
  }

 private:
  static constexpr unsigned kFileObjects =
      H5F_OBJ_FILE | H5F_OBJ_DATASET | H5F_OBJ_GROUP | H5F_OBJ_ATTR;

  // Sorted.
  static std::vector<hid_t> identifiers(unsigned kinds) {
    const ssize_t count = H5Fget_obj_count(H5F_OBJ_ALL, kinds);
    std::vector<hid_t> ids(static_cast<std::size_t>(std::max<ssize_t>(count, 0)));
    const ssize_t listed = H5Fget_obj_ids(H5F_OBJ_ALL, kinds, ids.size(), ids.data());
    ids.resize(static_cast<std::size_t>(std::max<ssize_t>(listed, 0)));
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  std::vector<hid_t> before_;
};

}  // namespace migdip::fuzz
