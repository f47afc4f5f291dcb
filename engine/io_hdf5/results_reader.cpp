// read_results_file: a results file (docs/results-format.md) back into a RunRecord.

#include "migdip/io/results_file.h"

#include <charconv>
#include <filesystem>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "io_hdf5/hdf5_helpers.h"
#include "io_hdf5/record_tables.h"
#include "io_hdf5/rehearsed_read.h"
#include "io_hdf5/results_layout.h"
#include "migdip/core/error.h"

namespace migdip {

namespace {

namespace layout = results_layout;

/// A file that is a migdip results file but breaks the layout: reported as an hdf5::Error, which
/// read_results_file turns into an InputError naming the file.
[[noreturn]] void malformed(const std::string& problem) {
  throw hdf5::Error(problem);
}

struct FormatVersion {
  int major = -1;  ///< -1: not a version number
  int minor = 0;   ///< 0 when absent or not a number ("1", "1.x")
};

FormatVersion parse_version(const std::string& version) {
  FormatVersion parsed;
  const char* end = version.data() + version.size();
  auto [next, error] = std::from_chars(version.data(), end, parsed.major);
  if (error != std::errc{} || next == version.data() || (next != end && *next != '.')) {
    return {};
  }
  if (next != end) {
    int minor = 0;
    auto [after, minor_error] = std::from_chars(next + 1, end, minor);
    if (minor_error == std::errc{} && after == end) {
      parsed.minor = minor;
    }
  }
  return parsed;
}

std::string read_single_text(const H5::Group& parent, const std::string& name) {
  if (!hdf5::has_link(parent, name)) {
    malformed(fmt::format("it has no '{}'", name));
  }
  std::vector<std::string> texts = hdf5::read_texts(hdf5::open_dataset(parent, name));
  if (texts.size() != 1) {
    malformed(fmt::format("'{}' is not a single text", name));
  }
  return texts.front();
}

/// Fills `values` or `labels` from a 1-D coordinate-like dataset, whichever its type says.
void read_axis_values(const H5::DataSet& dataset, const std::string& name,
                      std::vector<double>& values, std::vector<std::string>& labels) {
  switch (hdf5::dataset_kind(dataset)) {
    case hdf5::ValueKind::kText:
      labels = hdf5::read_texts(dataset);
      return;
    case hdf5::ValueKind::kNumber:
      values = hdf5::read_numbers(dataset);
      return;
    case hdf5::ValueKind::kOther:
      break;
  }
  malformed(fmt::format("coordinate '{}' holds neither numbers nor text", name));
}

std::string dimension_of(const H5::DataSet& dataset, const std::string& name, unsigned axis) {
  std::optional<std::string> dimension = hdf5::attached_scale_name(dataset, axis);
  if (!dimension) {
    malformed(fmt::format("'{}' has no dimension scale on axis {}", name, axis));
  }
  return *dimension;
}

RecordGroup read_group(const H5::Group& parent, const std::string& name) {
  const H5::Group stored = hdf5::open_group(parent, name);
  RecordGroup group;
  group.name = name;
  group.description = hdf5::read_text_attribute(stored, layout::kDescription).value_or("");
  std::set<std::string> auxiliary_names;
  std::istringstream listed(hdf5::read_text_attribute(stored, layout::kCoordinates).value_or(""));
  for (std::string auxiliary; listed >> auxiliary;) {
    auxiliary_names.insert(auxiliary);
  }

  for (const std::string& member : hdf5::member_names(stored)) {
    if (hdf5::is_group(stored, member)) {
      continue;  // no nested groups in layout 1.x; a later minor version may add some
    }
    const H5::DataSet dataset = hdf5::open_dataset(stored, member);
    const std::vector<std::size_t> shape = hdf5::dataset_shape(dataset);
    auto text = [&](const char* attribute) {
      return hdf5::read_text_attribute(dataset, attribute).value_or("");
    };
    if (hdf5::is_dimension_scale(dataset)) {
      Coordinate coordinate;
      coordinate.name = member;
      coordinate.long_name = text(layout::kLongName);
      coordinate.units = text(layout::kUnits);
      read_axis_values(dataset, member, coordinate.values, coordinate.labels);
      group.coordinates.push_back(std::move(coordinate));
    } else if (auxiliary_names.count(member) != 0) {
      if (shape.size() != 1) {
        malformed(fmt::format("auxiliary coordinate '{}' in group '{}' is not 1-D", member, name));
      }
      AuxiliaryCoordinate auxiliary;
      auxiliary.name = member;
      auxiliary.dimension = dimension_of(dataset, member, 0);
      auxiliary.long_name = text(layout::kLongName);
      auxiliary.units = text(layout::kUnits);
      read_axis_values(dataset, member, auxiliary.values, auxiliary.labels);
      group.auxiliary.push_back(std::move(auxiliary));
    } else {
      Variable variable;
      variable.name = member;
      for (std::size_t axis = 0; axis < shape.size(); ++axis) {
        variable.dimensions.push_back(dimension_of(dataset, member, static_cast<unsigned>(axis)));
      }
      variable.long_name = text(layout::kLongName);
      variable.units = text(layout::kUnits);
      variable.cell_methods = text(layout::kCellMethods);
      variable.data = hdf5::read_numbers(dataset);
      group.variables.push_back(std::move(variable));
    }
  }
  return group;
}

/// Reads a table that files of `version` must have; one that files before
/// `first_minor` may lack reads as empty from them.
template <typename Row>
std::vector<Row> read_table(const H5::Group& file, const hdf5::RowLayout<Row>& table,
                            const FormatVersion& version, int first_minor) {
  if (!hdf5::has_link(file, table.table())) {
    if (version.minor < first_minor) {
      return {};
    }
    malformed(fmt::format("it has no '{}' table", table.table()));
  }
  return table.read(file);
}

RunRecord read_contents(const H5::Group& file, const FormatVersion& version) {
  RunRecord record;
  // format_version comes first (it is written first), so callers can show the file's version.
  for (const std::string& name : hdf5::attribute_names(file)) {
    switch (hdf5::attribute_kind(file, name)) {
      case hdf5::ValueKind::kText:
        record.text_attributes.emplace_back(name, *hdf5::read_text_attribute(file, name));
        break;
      case hdf5::ValueKind::kNumber:
        record.number_attributes.emplace_back(name, hdf5::read_number_attribute(file, name));
        break;
      case hdf5::ValueKind::kOther:
        break;  // not written by layout 1.x; tolerated for later minor versions
    }
  }
  record.scenario_text = read_single_text(file, layout::kScenarioText);
  record.resolved_scenario_text = read_single_text(file, layout::kResolvedScenarioText);
  for (const std::string& member : hdf5::member_names(file)) {
    // The open tables (from format 1.2) repeat the compound tables read below.
    if (hdf5::is_group(file, member) && member != layout::kTables) {
      record.groups.push_back(read_group(file, member));
    }
  }
  record.events = read_table(file, hdf5::events_table(), version, 0);
  record.deals =
      read_table(file, hdf5::deals_table(), version, layout::kFirstMinorVersionWithDeals);
  record.negotiation_log =
      read_table(file, hdf5::negotiation_log_table(), version, layout::kFirstMinorVersionWithDeals);
  return record;
}

// read_results_file without its rehearsal in a child process.
RunRecord read_results_file_here(const std::string& path) {
  auto input_error = [&path](const std::string& problem) {
    return InputError{InputLocation{path, 0, "", ""}, problem};
  };
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    throw input_error("no such results file");
  }
  if (std::filesystem::is_directory(path, error)) {
    throw input_error("is a directory, not a results file");
  }
  try {
    if (!hdf5::is_hdf5_file(path)) {
      throw input_error("not a migdip results file (not an HDF5 file)");
    }
    const hdf5::File file = hdf5::open_file(path, false);
    if (!hdf5::has_attribute(file.root(), layout::kFormatVersion) ||
        hdf5::attribute_kind(file.root(), layout::kFormatVersion) != hdf5::ValueKind::kText) {
      throw input_error(
          fmt::format("not a migdip results file (no '{}' attribute)", layout::kFormatVersion));
    }
    const std::string version = *hdf5::read_text_attribute(file.root(), layout::kFormatVersion);
    const FormatVersion parsed = parse_version(version);
    if (parsed.major < 0) {
      throw input_error(
          fmt::format("results format version '{}' is not a version number", version));
    }
    if (parsed.major != layout::kSupportedMajorVersion) {
      throw input_error(
          fmt::format("results format version {} is not supported: this migdip reads version {}.x "
                      "(format {})",
                      version, layout::kSupportedMajorVersion, kResultsFormatVersion));
    }
    return read_contents(file, parsed);
  } catch (const hdf5::Error& failure) {
    throw input_error(fmt::format("malformed results file: {}", failure.what()));
  }
}

}  // namespace

RunRecord read_results_file(const std::string& path) {
  hdf5::rehearse_read(path, [&] { read_results_file_here(path); });
  return read_results_file_here(path);
}

}  // namespace migdip
