// ResultsFileWriter: the layout of docs/results-format.md, written by HDF5 into AtomicFile's
// temporary file.

#include "io_hdf5/results_file_writer.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "io_hdf5/record_tables.h"
#include "io_hdf5/results_layout.h"
#include "migdip/core/error.h"
#include "migdip/io/results_file.h"

namespace migdip {

namespace {

namespace layout = results_layout;

constexpr const char* kTime = "time";

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

void check_group(const RecordGroup& group, bool check_data) {
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
    if (check_data && count != variable.data.size()) {
      bad_record(fmt::format("{} in group '{}' has {} values for a shape of {} elements", user,
                             group.name, variable.data.size(), count));
    }
  }
}

}  // namespace

void check_groups(const std::vector<RecordGroup>& groups, bool check_data) {
  NameSet members("the root group");
  for (const char* reserved : {layout::kScenarioText, layout::kResolvedScenarioText,
                               layout::kEvents, layout::kEventRow, layout::kDeals, layout::kDealRow,
                               layout::kNegotiationLog, layout::kNegotiationRow, layout::kTables}) {
    members.add("dataset", reserved);
  }
  for (const RecordGroup& group : groups) {
    members.add("group", group.name);
    check_group(group, check_data);
  }
}

void check_attributes(const RecordDescription& description) {
  NameSet attributes("the root attributes");
  attributes.add("attribute", layout::kFormatVersion);
  for (const auto& [name, value] : description.text_attributes) {
    if (name != layout::kFormatVersion) {  // a record read back from a file has one; replaced
      attributes.add("text attribute", name);
    }
  }
  for (const auto& [name, value] : description.number_attributes) {
    attributes.add("number attribute", name);
  }
}

namespace {

// --- Writing ------------------------------------------------------------------------------------

void describe(const H5::H5Object& object, const std::string& long_name, const std::string& units) {
  if (!long_name.empty()) {
    hdf5::write_new_text_attribute(object, layout::kLongName, long_name);
  }
  if (!units.empty()) {
    hdf5::write_new_text_attribute(object, layout::kUnits, units);
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

// The deflate level of a series of `count` values.
int deflate_level(const SeriesStorage& storage, std::size_t count) {
  if (storage.compression != kAutomaticCompression) {
    return storage.compression;
  }
  return count < kSmallSeriesValues ? 0 : hdf5::kDefaultDeflateLevel;
}

void write_group(const H5::Group& file, const RecordGroup& group, const SeriesStorage& storage,
                 std::vector<ResultsFileWriter::Series>& series) {
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
  hdf5::ScaleReferences references;
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
    references.attach(dataset, {&scales.at(auxiliary.dimension)});
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
    ResultsFileWriter::Series created;
    created.shape = shape;
    created.by_time = !variable.dimensions.empty() && variable.dimensions.front() == kTime;
    std::size_t count = 1;
    for (std::size_t extent : shape) {
      count *= extent;
    }
    // Chunking needs a rank of at least one and no zero extent; such arrays hold nothing worth
    // compressing anyway.
    if (count > 0 && !shape.empty()) {
      created.chunk = hdf5::choose_chunk_shape(shape, hdf5::kChunkElements);
      if (created.by_time) {
        created.chunk.front() = std::min(created.chunk.front(), kMaxChunkTicks);
      }
      created.dataset = hdf5::create_compressed(stored, variable.name, shape, created.chunk,
                                                created.by_time, deflate_level(storage, count),
                                                storage.precision == OutputPrecision::float32
                                                    ? hdf5::StoredType::kFloat32
                                                    : hdf5::StoredType::kFloat64);
    } else {
      // Stored contiguously, written by write_all like the others (a scalar holds one value).
      const std::vector<hsize_t> dims(shape.begin(), shape.end());
      const H5::DataSpace space = hdf5::guarded("making a dataspace", [&] {
        return dims.empty() ? H5::DataSpace(H5S_SCALAR)
                            : H5::DataSpace(static_cast<int>(dims.size()), dims.data());
      });
      created.dataset =
          hdf5::create_dataset(stored, variable.name, H5::PredType::IEEE_F64LE, space);
    }
    const H5::DataSet& dataset = created.dataset;
    std::vector<const H5::DataSet*> axes;
    for (const std::string& dimension : variable.dimensions) {
      axes.push_back(&scales.at(dimension));
    }
    references.attach(dataset, axes);
    describe(dataset, variable.long_name, variable.units);
    if (!variable.cell_methods.empty()) {
      hdf5::write_new_text_attribute(dataset, layout::kCellMethods, variable.cell_methods);
    }
    // CF: the auxiliary coordinates along the variable's dimensions, so xarray shows them.
    std::vector<std::string> coordinates;
    for (const AuxiliaryCoordinate& auxiliary : group.auxiliary) {
      if (std::find(variable.dimensions.begin(), variable.dimensions.end(), auxiliary.dimension) !=
          variable.dimensions.end()) {
        coordinates.push_back(auxiliary.name);
      }
    }
    if (!coordinates.empty()) {
      hdf5::write_new_text_attribute(dataset, layout::kCoordinates, join(coordinates));
    }
    series.push_back(std::move(created));
  }
  references.write_reference_lists();
}

}  // namespace

ResultsFileWriter::ResultsFileWriter(const std::string& path, bool overwrite, SeriesStorage storage)
    : path_(path), target_(path, overwrite), storage_(storage) {
  if (storage.compression != kAutomaticCompression &&
      (storage.compression < 0 || storage.compression > 9)) {
    throw InternalError(fmt::format("results file: deflate level {}", storage.compression));
  }
  writing([&] { file_ = hdf5::create_file(target_.temporary_path().string()); });
}

ResultsFileWriter::~ResultsFileWriter() = default;

// HDF5 writes the file itself, so the operating system's refusals (disk full, quota, file-size
// limit) reach us as HDF5 failures carrying errno: they become the one-line InputError that
// AtomicFile gives for its own writes. Any other HDF5 failure is a bug of ours.
template <typename Operation>
void ResultsFileWriter::writing(Operation&& operation) {
  try {
    std::forward<Operation>(operation)();
  } catch (const hdf5::Error& error) {
    if (error.system_error() != 0) {
      throw InputError({path_, 0, "", ""}, fmt::format("cannot write results file: writing: {}",
                                                       std::strerror(error.system_error())));
    }
    throw InternalError(fmt::format("writing results file '{}': {}", path_, error.what()));
  }
}

void ResultsFileWriter::create_groups(const std::vector<RecordGroup>& groups) {
  check_groups(groups, false);
  writing([&] {
    hdf5::write_text_attribute(file_, layout::kFormatVersion, kResultsFormatVersion);
    for (const RecordGroup& group : groups) {
      write_group(file_, group, storage_, series_);
    }
  });
  for (const RecordGroup& group : groups) {
    for (const Coordinate& coordinate : group.coordinates) {
      if (!table_times_ && coordinate.name == kTime) {
        table_times_ = hdf5::table_times_of(coordinate.units);
      }
    }
  }
}

void ResultsFileWriter::write_rows(std::size_t variable, std::size_t first_row, std::size_t rows,
                                   const double* values) {
  const Series& written = series_.at(variable);
  if (!written.by_time) {
    throw InternalError("results file: rows written to a variable without time");
  }
  std::vector<std::size_t> start(written.shape.size(), 0);
  std::vector<std::size_t> count = written.shape;
  start.front() = first_row;
  count.front() = rows;
  writing([&] {
    hdf5::write_block(written.dataset, start, count, hdf5::StoredType::kFloat64, values);
  });
}

void ResultsFileWriter::write_all(std::size_t variable, const std::vector<double>& values) {
  const Series& written = series_.at(variable);
  if (values.empty()) {
    return;
  }
  writing([&] {
    hdf5::guarded("writing a variable", [&] {
      written.dataset.write(values.data(), H5::PredType::NATIVE_DOUBLE, H5::DataSpace::ALL,
                            H5::DataSpace::ALL, hdf5::default_transfer());
    });
  });
}

void ResultsFileWriter::finish(const RecordDescription& description, const RecordTables& tables) {
  check_attributes(description);
  writing([&] {
    for (const auto& [name, value] : description.text_attributes) {
      // The version is the layout this writer produces, whatever a record read back claims.
      if (name != layout::kFormatVersion) {
        hdf5::write_text_attribute(file_, name, value);
      }
    }
    for (const auto& [name, value] : description.number_attributes) {
      hdf5::write_number_attribute(file_, name, value);
    }
    hdf5::write_text_scalar(file_, layout::kScenarioText, description.scenario_text);
    hdf5::write_text_scalar(file_, layout::kResolvedScenarioText,
                            description.resolved_scenario_text);
    hdf5::events_table().write(file_, tables.events);
    hdf5::deals_table().write(file_, tables.deals);
    hdf5::negotiation_log_table().write(file_, tables.negotiation_log);
    hdf5::write_open_tables(
        file_, tables,
        table_times_.value_or(hdf5::table_times(std::chrono::sys_days{std::chrono::days{0}})));
    hdf5::guarded("closing the datasets", [&] { series_.clear(); });
    file_.close();
  });
  target_.commit();
}

}  // namespace migdip
