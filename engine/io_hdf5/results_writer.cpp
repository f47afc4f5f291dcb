// write_results_file: a RunRecord to an HDF5 file laid out as docs/results-format.md describes.

#include "migdip/io/results_file.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "io_hdf5/atomic_file.h"
#include "io_hdf5/hdf5_helpers.h"
#include "io_hdf5/record_tables.h"
#include "io_hdf5/results_layout.h"
#include "migdip/core/error.h"
#include "migdip/core/saturating.h"

namespace migdip {

namespace {

namespace layout = results_layout;

// --- Checking the record ------------------------------------------------------------------------
// A record the layout cannot represent is the recorder's bug. It is caught before any file is
// touched, with a message naming the culprit rather than an HDF5 error.

[[noreturn]] void bad_record(const std::string& problem) {
  throw InternalError("run record cannot be written as a results file: " + problem);
}

/// HDF5 forbids '/' in names; whitespace would break the space-separated `coordinates` lists.
void check_name(std::string_view what, const std::string& name) {
  const bool has_space = std::any_of(name.begin(), name.end(), [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0 ||
           std::iscntrl(static_cast<unsigned char>(c)) != 0;
  });
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
      has_space) {
    bad_record(fmt::format("{} name '{}' is empty or contains '/' or whitespace", what, name));
  }
}

/// Names sharing one namespace (an HDF5 group's members, or its attributes) must be unique.
class NameSet {
 public:
  explicit NameSet(std::string where) : where_(std::move(where)) {}
  void add(std::string_view what, const std::string& name) {
    check_name(what, name);
    if (!names_.insert(name).second) {
      bad_record(fmt::format("{} name '{}' is used twice in {}", what, name, where_));
    }
  }

 private:
  std::string where_;
  std::set<std::string> names_;
};

void check_group(const RecordGroup& group) {
  NameSet members(fmt::format("group '{}'", group.name));
  std::map<std::string, std::size_t> dimension_sizes;
  for (const Coordinate& coordinate : group.coordinates) {
    members.add("coordinate", coordinate.name);
    if (!coordinate.values.empty() && !coordinate.labels.empty()) {
      bad_record(fmt::format("coordinate '{}' in group '{}' has both values and labels",
                             coordinate.name, group.name));
    }
    dimension_sizes[coordinate.name] = coordinate.size();
  }
  auto size_of = [&](const std::string& dimension, std::string_view user) {
    auto found = dimension_sizes.find(dimension);
    if (found == dimension_sizes.end()) {
      bad_record(fmt::format("{} in group '{}' uses dimension '{}', which has no coordinate", user,
                             group.name, dimension));
    }
    return found->second;
  };
  for (const AuxiliaryCoordinate& auxiliary : group.auxiliary) {
    members.add("auxiliary coordinate", auxiliary.name);
    const std::string user = fmt::format("auxiliary coordinate '{}'", auxiliary.name);
    if (!auxiliary.values.empty() && !auxiliary.labels.empty()) {
      bad_record(fmt::format("{} in group '{}' has both values and labels", user, group.name));
    }
    const std::size_t size =
        auxiliary.labels.empty() ? auxiliary.values.size() : auxiliary.labels.size();
    if (size != size_of(auxiliary.dimension, user)) {
      bad_record(fmt::format("{} in group '{}' has {} elements along '{}' of size {}", user,
                             group.name, size, auxiliary.dimension,
                             size_of(auxiliary.dimension, user)));
    }
  }
  for (const Variable& variable : group.variables) {
    members.add("variable", variable.name);
    const std::string user = fmt::format("variable '{}'", variable.name);
    std::size_t count = 1;
    std::set<std::string> seen;
    for (const std::string& dimension : variable.dimensions) {
      count *= size_of(dimension, user);
      // xarray cannot open a variable with a repeated dimension.
      if (!seen.insert(dimension).second) {
        bad_record(
            fmt::format("{} in group '{}' uses dimension '{}' twice", user, group.name, dimension));
      }
    }
    if (count != variable.data.size()) {
      bad_record(fmt::format("{} in group '{}' has {} values for a shape of {} elements", user,
                             group.name, variable.data.size(), count));
    }
  }
}

void check_record(const RunRecord& record) {
  NameSet attributes("the root attributes");
  attributes.add("attribute", layout::kFormatVersion);
  for (const auto& [name, value] : record.text_attributes) {
    if (name != layout::kFormatVersion) {  // a record read back from a file has one; replaced
      attributes.add("text attribute", name);
    }
  }
  for (const auto& [name, value] : record.number_attributes) {
    attributes.add("number attribute", name);
  }
  NameSet members("the root group");
  for (const char* reserved :
       {layout::kScenarioText, layout::kResolvedScenarioText, layout::kEvents, layout::kEventRow,
        layout::kDeals, layout::kDealRow, layout::kNegotiationLog, layout::kNegotiationRow}) {
    members.add("dataset", reserved);
  }
  for (const RecordGroup& group : record.groups) {
    members.add("group", group.name);
    check_group(group);
  }
}

// --- Writing
// ---------------------------------------------------------------------------------------

void describe(const H5::H5Object& object, const std::string& long_name, const std::string& units) {
  if (!long_name.empty()) {
    hdf5::write_text_attribute(object, layout::kLongName, long_name);
  }
  if (!units.empty()) {
    hdf5::write_text_attribute(object, layout::kUnits, units);
  }
}

std::string join(const std::vector<std::string>& names) {
  std::string joined;
  for (const std::string& name : names) {
    joined += (joined.empty() ? "" : " ") + name;
  }
  return joined;
}

/// A 1-D coordinate-like dataset: labels as strings, otherwise numbers.
H5::DataSet write_axis_values(const H5::Group& group, const std::string& name,
                              const std::vector<double>& values,
                              const std::vector<std::string>& labels) {
  if (!labels.empty()) {
    return hdf5::write_texts(group, name, labels);
  }
  return hdf5::write_numbers(group, name, {values.size()}, values, false);
}

void write_group(const H5::Group& file, const RecordGroup& group) {
  const H5::Group stored = hdf5::create_group(file, group.name);
  hdf5::write_text_attribute(stored, layout::kDescription, group.description);

  std::vector<std::string> auxiliary_names;
  for (const AuxiliaryCoordinate& auxiliary : group.auxiliary) {
    auxiliary_names.push_back(auxiliary.name);
  }
  if (!auxiliary_names.empty()) {
    // Also how the reader tells auxiliary coordinates from 1-D variables.
    hdf5::write_text_attribute(stored, layout::kCoordinates, join(auxiliary_names));
  }

  std::map<std::string, H5::DataSet> scales;
  for (const Coordinate& coordinate : group.coordinates) {
    H5::DataSet dataset =
        write_axis_values(stored, coordinate.name, coordinate.values, coordinate.labels);
    hdf5::make_dimension_scale(dataset, coordinate.name);
    describe(dataset, coordinate.long_name, coordinate.units);
    scales.emplace(coordinate.name, std::move(dataset));
  }
  for (const AuxiliaryCoordinate& auxiliary : group.auxiliary) {
    const H5::DataSet dataset =
        write_axis_values(stored, auxiliary.name, auxiliary.values, auxiliary.labels);
    hdf5::attach_dimension_scale(dataset, scales.at(auxiliary.dimension), 0);
    describe(dataset, auxiliary.long_name, auxiliary.units);
  }
  for (const Variable& variable : group.variables) {
    std::vector<std::size_t> shape;
    for (const std::string& dimension : variable.dimensions) {
      auto coordinate =
          std::find_if(group.coordinates.begin(), group.coordinates.end(),
                       [&](const Coordinate& candidate) { return candidate.name == dimension; });
      shape.push_back(coordinate->size());
    }
    const H5::DataSet dataset =
        hdf5::write_numbers(stored, variable.name, shape, variable.data, true);
    for (std::size_t axis = 0; axis < variable.dimensions.size(); ++axis) {
      hdf5::attach_dimension_scale(dataset, scales.at(variable.dimensions[axis]),
                                   static_cast<unsigned>(axis));
    }
    describe(dataset, variable.long_name, variable.units);
    // CF: the auxiliary coordinates along the variable's dimensions, so xarray shows them.
    std::vector<std::string> coordinates;
    for (const AuxiliaryCoordinate& auxiliary : group.auxiliary) {
      if (std::find(variable.dimensions.begin(), variable.dimensions.end(), auxiliary.dimension) !=
          variable.dimensions.end()) {
        coordinates.push_back(auxiliary.name);
      }
    }
    if (!coordinates.empty()) {
      hdf5::write_text_attribute(dataset, layout::kCoordinates, join(coordinates));
    }
  }
}

void write_contents(const H5::Group& file, const RunRecord& record) {
  hdf5::write_text_attribute(file, layout::kFormatVersion, kResultsFormatVersion);
  for (const auto& [name, value] : record.text_attributes) {
    // The version is the layout this writer produces, whatever a record read back claims.
    if (name != layout::kFormatVersion) {
      hdf5::write_text_attribute(file, name, value);
    }
  }
  for (const auto& [name, value] : record.number_attributes) {
    hdf5::write_number_attribute(file, name, value);
  }
  hdf5::write_text_scalar(file, layout::kScenarioText, record.scenario_text);
  hdf5::write_text_scalar(file, layout::kResolvedScenarioText, record.resolved_scenario_text);
  for (const RecordGroup& group : record.groups) {
    write_group(file, group);
  }
  hdf5::events_table().write(file, record.events);
  hdf5::deals_table().write(file, record.deals);
  hdf5::negotiation_log_table().write(file, record.negotiation_log);
}

}  // namespace

std::uint64_t run_with_results_file_memory(const RunMemory& run) {
  return saturating_sum(run.simulation, saturating_product(2, run.record));
}

void write_results_file(const RunRecord& record, const std::string& path, bool overwrite) {
  check_record(record);
  // Claims the target first, so a bad path fails before any work is done.
  AtomicFile target(path, overwrite);
  std::string image;
  try {
    // Built in memory and written out by AtomicFile: HDF5 does no I/O of its own, so every
    // system error (disk full, quota) surfaces from AtomicFile as an InputError with errno's
    // explanation, and any HDF5 failure left is a bug of ours.
    hdf5::File file = hdf5::create_memory_file(target.temporary_path().string());
    write_contents(file, record);
    image = file.image();
    file.close();
  } catch (const hdf5::Error& error) {
    throw InternalError(fmt::format("writing results file '{}': {}", path, error.what()));
  }
  target.write(image);
  target.commit();
}

}  // namespace migdip
