#include "migdip/io/sweep_file.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <system_error>

#include <fmt/format.h>

#include "io_hdf5/crc32.h"
#include "io_hdf5/file_system.h"
#include "io_hdf5/hdf5_helpers.h"
#include "io_hdf5/rehearsed_read.h"
#include "io_hdf5/sweep_layout.h"
#include "migdip/core/error.h"
#include "migdip/io/temporary_files.h"
#include "migdip/recording/summary_metrics.h"

namespace migdip {
namespace {

namespace layout = sweep_layout;
using hdf5::StoredType;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string join(const std::vector<std::string>& names, const char* separator = " ") {
  std::string joined;
  for (const std::string& name : names) {
    joined += (joined.empty() ? "" : separator) + name;
  }
  return joined;
}

// The words of a space-separated list (CF's "coordinates" attribute, the series order).
std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text + " ") {
    if (c != ' ') {
      word.push_back(c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  return words;
}

static_assert(std::endian::native == std::endian::little,
              "run checksums are defined over little-endian bytes, as the file stores them");

// The checksum of one run: CRC-32 over its seed (uint64), its point's values (float64), its
// point's value texts (each UTF-8 and NUL-ended), its metrics and its series (float64), all
// little-endian and in that order. docs/sweeps.md repeats this definition for readers.
std::uint32_t run_checksum(std::uint64_t seed, std::span<const double> values,
                           std::span<const std::string> value_texts,
                           std::span<const double> metrics,
                           std::span<const std::span<const double>> series) {
  Crc32 crc;
  crc.update(std::as_bytes(std::span(&seed, 1)));
  crc.update(std::as_bytes(values));
  for (const std::string& text : value_texts) {
    crc.update(std::string_view(text.c_str(), text.size() + 1));
  }
  crc.update(std::as_bytes(metrics));
  for (std::span<const double> values_of_series : series) {
    crc.update(std::as_bytes(values_of_series));
  }
  return crc.value();
}

void describe(const H5::H5Object& object, const std::string& long_name, const std::string& units) {
  if (!long_name.empty()) {
    hdf5::write_text_attribute(object, layout::kLongName, long_name);
  }
  if (!units.empty()) {
    hdf5::write_text_attribute(object, layout::kUnits, units);
  }
}

H5::DataSet write_axis(const H5::Group& group, const std::string& name,
                       const std::vector<double>& values, const std::vector<std::string>& labels) {
  if (!labels.empty()) {
    return hdf5::write_texts(group, name, labels);
  }
  return hdf5::write_numbers(group, name, {values.size()}, values, false);
}

// point and replicate, the two leading dimensions of every result, in `group`.
std::map<std::string, H5::DataSet> write_run_axes(const H5::Group& group,
                                                  const SweepHeader& header) {
  std::map<std::string, H5::DataSet> scales;
  H5::DataSet point =
      hdf5::create_preallocated(group, layout::kPoint, {header.points}, StoredType::kUInt64, 0);
  std::vector<std::uint64_t> points(header.points);
  for (std::uint64_t i = 0; i < header.points; ++i) {
    points[i] = header.first_point + i;
  }
  hdf5::write_block(point, {0}, {header.points}, StoredType::kUInt64, points.data());
  hdf5::make_dimension_scale(point, layout::kPoint);
  describe(point, "point of the sweep design (row of the whole plan)", "");
  H5::DataSet replicate = hdf5::create_preallocated(group, layout::kReplicate, {header.replicates},
                                                    StoredType::kUInt64, 0);
  std::vector<std::uint64_t> replicates(header.replicates);
  for (std::uint64_t i = 0; i < header.replicates; ++i) {
    replicates[i] = i;
  }
  hdf5::write_block(replicate, {0}, {header.replicates}, StoredType::kUInt64, replicates.data());
  hdf5::make_dimension_scale(replicate, layout::kReplicate);
  describe(replicate, "replicate of the point (its own seed)", "");
  scales.emplace(layout::kPoint, std::move(point));
  scales.emplace(layout::kReplicate, std::move(replicate));
  return scales;
}

void attach(const H5::DataSet& dataset, const std::map<std::string, H5::DataSet>& scales,
            const std::vector<std::string>& dimensions) {
  for (std::size_t axis = 0; axis < dimensions.size(); ++axis) {
    hdf5::attach_dimension_scale(dataset, scales.at(dimensions[axis]), static_cast<unsigned>(axis));
  }
}

std::string series_name(const SweepSeries& series) {
  return series.group + "." + series.variable;
}

void write_series_skeleton(const H5::Group& file, const SweepHeader& header) {
  H5::Group root = hdf5::create_group(file, layout::kSeries);
  std::vector<std::string> order;
  for (const SweepSeries& series : header.series) {
    order.push_back(series_name(series));
  }
  hdf5::write_text_attribute(root, "order", join(order));
  hdf5::write_text_attribute(root, layout::kDescription,
                             "time series of every run, by results-file group: the run's "
                             "variable with point and replicate in front");
  std::map<std::string, std::map<std::string, H5::DataSet>> scales_by_group;
  std::map<std::string, H5::Group> groups;
  for (const SweepSeries& series : header.series) {
    if (groups.count(series.group) == 0) {
      groups.emplace(series.group, hdf5::create_group(root, series.group));
      scales_by_group.emplace(series.group, write_run_axes(groups.at(series.group), header));
    }
    const H5::Group& group = groups.at(series.group);
    auto& scales = scales_by_group.at(series.group);
    std::vector<std::string> dimensions = {layout::kPoint, layout::kReplicate};
    std::vector<std::size_t> shape = {header.points, header.replicates};
    for (const Coordinate& axis : series.axes) {
      if (scales.count(axis.name) == 0) {
        H5::DataSet scale = write_axis(group, axis.name, axis.values, axis.labels);
        hdf5::make_dimension_scale(scale, axis.name);
        describe(scale, axis.long_name, axis.units);
        scales.emplace(axis.name, std::move(scale));
      }
      dimensions.push_back(axis.name);
      shape.push_back(axis.size());
    }
    std::vector<std::string> coordinates;
    for (const AuxiliaryCoordinate& auxiliary : series.auxiliary) {
      coordinates.push_back(auxiliary.name);
      if (hdf5::has_link(group, auxiliary.name)) {
        continue;
      }
      H5::DataSet dataset = write_axis(group, auxiliary.name, auxiliary.values, auxiliary.labels);
      hdf5::attach_dimension_scale(dataset, scales.at(auxiliary.dimension), 0);
      describe(dataset, auxiliary.long_name, auxiliary.units);
    }
    H5::DataSet dataset =
        hdf5::create_preallocated(group, series.variable, shape, StoredType::kFloat64, kNaN);
    attach(dataset, scales, dimensions);
    describe(dataset, series.long_name, series.units);
    if (!coordinates.empty()) {
      hdf5::write_text_attribute(dataset, layout::kCoordinates, join(coordinates));
      const auto existing = hdf5::read_text_attribute(group, layout::kCoordinates);
      std::set<std::string> all(coordinates.begin(), coordinates.end());
      for (const std::string& name : split_words(existing.value_or(""))) {
        all.insert(name);
      }
      hdf5::write_text_attribute(group, layout::kCoordinates,
                                 join(std::vector<std::string>(all.begin(), all.end())));
    }
  }
}

void write_header(const H5::Group& file, const SweepHeader& header) {
  for (const HeaderField<SweepHeader>& field : sweep_header_fields()) {
    const StoredValue value = stored_value(field, header);
    if (field.storage == FieldStorage::kTextDataset) {
      hdf5::write_text_scalar(file, field.name, std::get<std::string>(value));
    } else if (const std::string* text = std::get_if<std::string>(&value)) {
      hdf5::write_text_attribute(file, field.name, *text);
    } else {
      hdf5::write_number_attribute(file, field.name, std::get<double>(value));
    }
  }
}

void write_skeleton(const H5::Group& file, const SweepHeader& header) {
  hdf5::write_text_attribute(file, layout::kFileKind, layout::kFileKindValue);
  hdf5::write_text_attribute(file, layout::kFormatVersion, kSweepFormatVersion);
  hdf5::write_number_attribute(file, layout::kComplete, 0);
  write_header(file, header);

  std::map<std::string, H5::DataSet> scales = write_run_axes(file, header);
  H5::DataSet parameter = hdf5::write_texts(file, layout::kParameter, header.parameters);
  hdf5::make_dimension_scale(parameter, layout::kParameter);
  describe(parameter, "swept scenario key, as --set names it", "");
  scales.emplace(layout::kParameter, std::move(parameter));

  std::vector<std::string> names, units, long_names;
  for (const MetricSpec& spec : summary_metric_specs()) {
    names.emplace_back(spec.name);
    units.emplace_back(spec.units);
    long_names.emplace_back(spec.long_name);
  }
  H5::DataSet metric = hdf5::write_texts(file, layout::kMetric, names);
  hdf5::make_dimension_scale(metric, layout::kMetric);
  describe(metric, "summary metric of a run", "");
  for (const auto& [name, values, meaning] :
       {std::tuple{layout::kMetricUnits, &units, "units of the metric"},
        std::tuple{layout::kMetricLongName, &long_names, "what the metric counts"}}) {
    H5::DataSet dataset = hdf5::write_texts(file, name, *values);
    hdf5::attach_dimension_scale(dataset, metric, 0);
    describe(dataset, meaning, "");
  }
  scales.emplace(layout::kMetric, std::move(metric));
  const std::string metric_coordinates =
      std::string(layout::kMetricUnits) + " " + layout::kMetricLongName;
  hdf5::write_text_attribute(file, layout::kCoordinates, metric_coordinates);

  const std::size_t width = header.parameters.size();
  H5::DataSet value =
      hdf5::write_numbers(file, layout::kValue, {header.points, width}, header.values, false);
  attach(value, scales, {layout::kPoint, layout::kParameter});
  describe(value, "value of each swept key at each point (NaN for a word)", "");
  H5::DataSet value_text =
      hdf5::write_texts(file, layout::kValueText, header.value_texts, {header.points, width});
  attach(value_text, scales, {layout::kPoint, layout::kParameter});
  describe(value_text, "value of each swept key at each point, as given to the scenario", "");

  H5::DataSet seed = hdf5::create_preallocated(
      file, layout::kSeed, {header.points, header.replicates}, StoredType::kUInt64, 0);
  hdf5::write_block(seed, {0, 0}, {header.points, header.replicates}, StoredType::kUInt64,
                    header.seeds.data());
  attach(seed, scales, {layout::kPoint, layout::kReplicate});
  describe(seed, "seed of the run (migdip run --seed)", "");

  H5::DataSet metrics = hdf5::create_preallocated(file, layout::kMetrics,
                                                  {header.points, header.replicates, names.size()},
                                                  StoredType::kFloat64, kNaN);
  attach(metrics, scales, {layout::kPoint, layout::kReplicate, layout::kMetric});
  describe(metrics, "summary metrics of every run (units: metric_units)", "");
  hdf5::write_text_attribute(metrics, layout::kCoordinates, metric_coordinates);

  H5::DataSet done = hdf5::create_preallocated(
      file, layout::kDone, {header.points, header.replicates}, StoredType::kUInt8, 0);
  attach(done, scales, {layout::kPoint, layout::kReplicate});
  describe(done, "1 once the run's results are in the file", "");

  H5::DataSet checksum = hdf5::create_preallocated(
      file, layout::kChecksum, {header.points, header.replicates}, StoredType::kUInt32, 0);
  attach(checksum, scales, {layout::kPoint, layout::kReplicate});
  describe(checksum,
           "CRC-32 (zlib.crc32) of the run's seed, values, value texts, metrics and series", "");

  if (!header.series.empty()) {
    write_series_skeleton(file, header);
  }
}

// --- Reading -------------------------------------------------------------------------------------

[[noreturn]] void refuse(const std::string& path, const std::string& problem) {
  throw InputError({path, 0, "", ""}, problem);
}

std::string text_attribute(const H5::H5Object& object, const char* name) {
  return hdf5::read_text_attribute(object, name).value_or("");
}

std::uint64_t count_attribute(const H5::H5Object& object, const char* name) {
  const double value = hdf5::read_number_attribute(object, name);
  // Checked before the conversion: casting a NaN, a negative or a huge double is undefined.
  if (!(value >= 0 && value < 0x1p63) || value != std::floor(value)) {
    throw hdf5::Error(fmt::format("attribute '{}' is not a count: {}", name, value));
  }
  return static_cast<std::uint64_t>(value);
}

// A 64-bit seed, stored as decimal text (a float64 attribute would round it).
std::uint64_t seed_attribute(const H5::H5Object& object, const char* name) {
  const std::string text = text_attribute(object, name);
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
    throw hdf5::Error(fmt::format("attribute '{}' is not a seed: '{}'", name, text));
  }
  return value;
}

std::string single_text(const H5::Group& file, const char* name) {
  H5::DataSet dataset = hdf5::open_dataset(file, name);
  const std::vector<std::string> texts = hdf5::read_texts(dataset);
  return texts.empty() ? "" : texts.front();
}

std::vector<std::string> texts_of(const H5::Group& parent, const std::string& name) {
  H5::DataSet dataset = hdf5::open_dataset(parent, name);
  return hdf5::read_texts(dataset);
}

void read_axis(const H5::DataSet& dataset, std::vector<double>& values,
               std::vector<std::string>& labels) {
  if (hdf5::dataset_kind(dataset) == hdf5::ValueKind::kText) {
    labels = hdf5::read_texts(dataset);
  } else {
    values = hdf5::read_numbers(dataset);
  }
}

std::vector<SweepSeries> read_series_layout(const H5::Group& file) {
  std::vector<SweepSeries> all;
  if (!hdf5::has_link(file, layout::kSeries)) {
    return all;
  }
  H5::Group root = hdf5::open_group(file, layout::kSeries);
  for (const std::string& name : split_words(text_attribute(root, "order"))) {
    SweepSeries series;
    const std::size_t dot = name.find('.');
    series.group = name.substr(0, dot);
    series.variable = name.substr(dot + 1);
    H5::Group group = hdf5::open_group(root, series.group);
    H5::DataSet dataset = hdf5::open_dataset(group, series.variable);
    series.long_name = text_attribute(dataset, layout::kLongName);
    series.units = text_attribute(dataset, layout::kUnits);
    const std::vector<std::size_t> shape = hdf5::dataset_shape(dataset);
    for (unsigned axis = 2; axis < shape.size(); ++axis) {
      Coordinate coordinate;
      coordinate.name = hdf5::attached_scale_name(dataset, axis).value_or("");
      H5::DataSet scale = hdf5::open_dataset(group, coordinate.name);
      coordinate.long_name = text_attribute(scale, layout::kLongName);
      coordinate.units = text_attribute(scale, layout::kUnits);
      read_axis(scale, coordinate.values, coordinate.labels);
      series.axes.push_back(std::move(coordinate));
    }
    for (const std::string& aux : split_words(text_attribute(dataset, layout::kCoordinates))) {
      H5::DataSet auxiliary_set = hdf5::open_dataset(group, aux);
      AuxiliaryCoordinate auxiliary;
      auxiliary.name = aux;
      auxiliary.dimension = hdf5::attached_scale_name(auxiliary_set, 0).value_or("");
      if (std::none_of(series.axes.begin(), series.axes.end(),
                       [&](const Coordinate& axis) { return axis.name == auxiliary.dimension; })) {
        throw hdf5::Error(
            fmt::format("the coordinate '{}' is not along an axis of '{}'", aux, name));
      }
      auxiliary.long_name = text_attribute(auxiliary_set, layout::kLongName);
      auxiliary.units = text_attribute(auxiliary_set, layout::kUnits);
      read_axis(auxiliary_set, auxiliary.values, auxiliary.labels);
      series.auxiliary.push_back(std::move(auxiliary));
    }
    all.push_back(std::move(series));
  }
  return all;
}

// Opens a file that claims to be a sweep file, refusing anything else with a clear message.
hdf5::File open_sweep(const std::string& path, bool writable) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) {
    refuse(path, "no such file");
  }
  if (std::filesystem::is_directory(status)) {
    refuse(path, "is a directory, not a sweep file");
  }
  if (!std::filesystem::is_regular_file(status)) {
    refuse(path, "is not a regular file (a FIFO or a device?), so not a sweep file");
  }
  bool hdf5_file = false;
  try {
    hdf5_file = hdf5::is_hdf5_file(path);
  } catch (const hdf5::Error&) {
    refuse(path, "cannot be read");
  }
  if (!hdf5_file) {
    refuse(path, "is not an HDF5 file, so not a migdip sweep file");
  }
  hdf5::File file;
  try {
    file = hdf5::open_file(path, writable);
  } catch (const hdf5::Error& failure) {
    refuse(path,
           std::string("cannot be opened: it is damaged or truncated (") + failure.what() + ")");
  }
  std::optional<std::string> kind;
  std::string version;
  try {
    kind = hdf5::read_text_attribute(file, layout::kFileKind);
    version = text_attribute(file, layout::kFormatVersion);
  } catch (const hdf5::Error&) {
    kind.reset();  // not text: not written by migdip
  }
  if (kind != std::string(layout::kFileKindValue)) {
    refuse(path, "is an HDF5 file but not a migdip sweep file (no file_kind = 'migdip sweep')");
  }
  if (version.empty() || std::atoi(version.c_str()) != layout::kSupportedMajorVersion) {
    refuse(path, fmt::format("has sweep format version '{}', which this migdip ({}) cannot read",
                             version, kSweepFormatVersion));
  }
  return file;
}

// The lines of a text; none for an empty one.
std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  while (begin < text.size()) {
    const std::size_t end = std::min(text.find('\n', begin), text.size());
    lines.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return lines;
}

void read_field(const H5::Group& file, const HeaderField<SweepHeader>& field, SweepHeader& header) {
  std::visit(
      [&](auto member) {
        auto& value = header.*member;
        using Value = std::remove_cvref_t<decltype(value)>;
        if constexpr (std::is_same_v<Value, std::string>) {
          value = field.storage == FieldStorage::kTextDataset ? single_text(file, field.name)
                                                              : text_attribute(file, field.name);
        } else if constexpr (std::is_same_v<Value, std::vector<std::string>>) {
          value = split_lines(text_attribute(file, field.name));
        } else if constexpr (std::is_same_v<Value, std::uint64_t>) {
          value = field.storage == FieldStorage::kSeed ? seed_attribute(file, field.name)
                                                       : count_attribute(file, field.name);
        } else {
          value = hdf5::read_number_attribute(file, field.name);
        }
      },
      field.member);
}

SweepHeader read_header(const H5::Group& file) {
  SweepHeader header;
  for (const HeaderField<SweepHeader>& field : sweep_header_fields()) {
    read_field(file, field, header);
  }
  header.parameters = texts_of(file, layout::kParameter);
  header.value_texts = texts_of(file, layout::kValueText);
  {
    H5::DataSet value = hdf5::open_dataset(file, layout::kValue);
    header.values = hdf5::read_numbers(value);
  }
  H5::DataSet seed = hdf5::open_dataset(file, layout::kSeed);
  const std::vector<std::size_t> shape = hdf5::dataset_shape(seed);
  if (shape.size() != 2 || shape[1] != header.replicates) {
    throw hdf5::Error("the seed array does not match the replicates");
  }
  header.points = shape[0];
  // The storage a preallocated array really has bounds what its (possibly damaged) shape may
  // claim, before a buffer is sized by it.
  const std::uint64_t run_bytes = header.replicates * sizeof(std::uint64_t);
  const std::uint64_t stored = hdf5::storage_bytes(seed);
  if (header.replicates == 0 || stored % run_bytes != 0 || stored / run_bytes != header.points) {
    throw hdf5::Error("the seed array's shape does not match its storage");
  }
  header.seeds.resize(header.points * header.replicates);
  if (!header.seeds.empty()) {
    hdf5::read_block(seed, {0, 0}, shape, StoredType::kUInt64, header.seeds.data());
  }
  header.series = read_series_layout(file);
  return header;
}

// Checks that every dataset has the shape the header implies, before anything is read into
// buffers sized by the header: a damaged or hand-edited file must be refused, not trusted.
void check_layout(const H5::Group& file, const SweepHeader& header) {
  const auto expect = [](const H5::Group& parent, const std::string& name,
                         const std::vector<std::size_t>& shape) {
    if (!hdf5::has_link(parent, name)) {
      throw hdf5::Error(fmt::format("it has no '{}'", name));
    }
    H5::DataSet dataset = hdf5::open_dataset(parent, name);
    if (hdf5::dataset_shape(dataset) != shape) {
      throw hdf5::Error(fmt::format("'{}' has the wrong shape", name));
    }
  };
  if (header.replicates == 0 || header.shard_count == 0 ||
      header.shard_index >= header.shard_count || header.first_point > header.points_total ||
      header.points > header.points_total - header.first_point) {
    throw hdf5::Error("its points, replicates or shard are inconsistent");
  }
  const std::size_t parameters = header.parameters.size();
  if (header.values.size() != header.points * parameters ||
      header.value_texts.size() != header.points * parameters) {
    throw hdf5::Error("its values do not match its points and parameters");
  }
  const std::vector<std::size_t> runs = {header.points, header.replicates};
  expect(file, layout::kDone, runs);
  expect(file, layout::kChecksum, runs);
  expect(file, layout::kMetrics, {header.points, header.replicates, summary_metric_specs().size()});
  const std::size_t metric_count = summary_metric_specs().size();
  for (const char* name : {layout::kMetric, layout::kMetricUnits, layout::kMetricLongName}) {
    expect(file, name, {metric_count});
  }
  const std::vector<std::string> metric_names = texts_of(file, layout::kMetric);
  for (std::size_t i = 0; i < metric_count; ++i) {
    if (metric_names[i] != summary_metric_specs()[i].name) {
      throw hdf5::Error("its metrics are not this migdip's");
    }
  }
  for (const SweepSeries& series : header.series) {
    H5::Group group = hdf5::open_group(file, std::string(layout::kSeries) + "/" + series.group);
    std::vector<std::size_t> shape = runs;
    for (const Coordinate& axis : series.axes) {
      shape.push_back(axis.size());
    }
    expect(group, series.variable, shape);
  }
}

std::vector<std::uint8_t> read_done(const H5::Group& file, const SweepHeader& header) {
  std::vector<std::uint8_t> done(header.points * header.replicates);
  H5::DataSet dataset = hdf5::open_dataset(file, layout::kDone);
  hdf5::read_block(dataset, {0, 0}, {header.points, header.replicates}, StoredType::kUInt8,
                   done.data());
  if (std::any_of(done.begin(), done.end(), [](std::uint8_t flag) { return flag > 1; })) {
    throw hdf5::Error("its 'done' flags are not 0 or 1");
  }
  return done;
}

// The runs marked done whose stored numbers do not match their checksum, as "point P replicate
// R". Reads the file a block of points at a time, so that memory stays bounded.
std::vector<std::string> runs_failing_checksum(const H5::Group& file, const SweepHeader& header,
                                               const std::vector<std::uint8_t>& done) {
  constexpr std::size_t kPointsPerBlock = 256;
  const std::size_t replicates = header.replicates;
  const std::size_t metric_count = summary_metric_specs().size();
  const std::size_t width = header.parameters.size();
  H5::DataSet metrics_set = hdf5::open_dataset(file, layout::kMetrics);
  H5::DataSet checksum_set = hdf5::open_dataset(file, layout::kChecksum);
  std::vector<H5::DataSet> series_sets;
  for (const SweepSeries& series : header.series) {
    H5::Group group = hdf5::open_group(file, std::string(layout::kSeries) + "/" + series.group);
    series_sets.push_back(hdf5::open_dataset(group, series.variable));
  }
  std::vector<std::string> failing;
  std::vector<double> metrics;
  std::vector<std::uint32_t> checksums;
  std::vector<std::vector<double>> series(header.series.size());
  std::vector<std::span<const double>> run_series(header.series.size());
  for (std::size_t first = 0; first < header.points; first += kPointsPerBlock) {
    const std::size_t rows = std::min(kPointsPerBlock, header.points - first);
    metrics.resize(rows * replicates * metric_count);
    checksums.resize(rows * replicates);
    hdf5::read_block(metrics_set, {first, 0, 0}, {rows, replicates, metric_count},
                     StoredType::kFloat64, metrics.data());
    hdf5::read_block(checksum_set, {first, 0}, {rows, replicates}, StoredType::kUInt32,
                     checksums.data());
    for (std::size_t i = 0; i < series.size(); ++i) {
      std::vector<std::size_t> start = {first, 0};
      std::vector<std::size_t> count = {rows, replicates};
      for (const Coordinate& axis : header.series[i].axes) {
        start.push_back(0);
        count.push_back(axis.size());
      }
      series[i].resize(rows * replicates * header.series[i].elements());
      hdf5::read_block(series_sets[i], start, count, StoredType::kFloat64, series[i].data());
    }
    for (std::size_t row = 0; row < rows; ++row) {
      const std::size_t point_row = first + row;
      for (std::size_t replicate = 0; replicate < replicates; ++replicate) {
        const std::size_t run = point_row * replicates + replicate;
        if (done[run] == 0) {
          continue;
        }
        const std::size_t local = row * replicates + replicate;
        for (std::size_t i = 0; i < series.size(); ++i) {
          const std::size_t elements = header.series[i].elements();
          run_series[i] = std::span<const double>(series[i]).subspan(local * elements, elements);
        }
        const std::uint32_t expected = run_checksum(
            header.seeds[run], std::span(header.values).subspan(point_row * width, width),
            std::span(header.value_texts).subspan(point_row * width, width),
            std::span<const double>(metrics).subspan(local * metric_count, metric_count),
            run_series);
        if (expected != checksums[local]) {
          failing.push_back(
              fmt::format("point {} replicate {}", header.first_point + point_row, replicate));
        }
      }
    }
  }
  return failing;
}

// Refuses a file with runs marked done whose numbers fail their checksum.
void check_runs(const std::string& path, const H5::Group& file, const SweepHeader& header,
                const std::vector<std::uint8_t>& done, const std::string& advice) {
  const std::vector<std::string> failing = runs_failing_checksum(file, header, done);
  if (!failing.empty()) {
    refuse(path, fmt::format("is damaged: the stored numbers of {} run{} do not match {} "
                             "checksum{} (the first: {}){}",
                             failing.size(), failing.size() == 1 ? "" : "s",
                             failing.size() == 1 ? "its" : "their", failing.size() == 1 ? "" : "s",
                             failing.front(), advice));
  }
}

bool same_series(const std::vector<SweepSeries>& a, const std::vector<SweepSeries>& b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].group != b[i].group || a[i].variable != b[i].variable ||
        a[i].elements() != b[i].elements()) {
      return false;
    }
  }
  return true;
}

// What makes two files parts of one sweep: "" when they are, else what differs.
std::string sweep_difference(const SweepHeader& a, const SweepHeader& b) {
  for (const HeaderField<SweepHeader>& field : sweep_header_fields()) {
    if (field.difference != nullptr && !same_value(field, a, b)) {
      return field.difference(a, b);
    }
  }
  if (!same_series(a.series, b.series))
    return "the kept series differ";
  return "";
}

// is_sweep_file without its rehearsal in a child process.
bool is_sweep_file_here(const std::string& path) {
  try {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error) || !hdf5::is_hdf5_file(path)) {
      return false;
    }
    hdf5::File file = hdf5::open_file(path, false);
    return hdf5::read_text_attribute(file, layout::kFileKind) ==
           std::string(layout::kFileKindValue);
  } catch (const hdf5::Error&) {
    return false;
  }
}

// read_sweep_file without its rehearsal in a child process.
SweepContents read_sweep_file_here(const std::string& path) {
  hdf5::File file = open_sweep(path, false);
  SweepContents contents;
  try {
    contents.header = read_header(file);
    const SweepHeader& header = contents.header;
    check_layout(file, header);
    contents.complete = hdf5::read_number_attribute(file, layout::kComplete) == 1;
    contents.metric_names = texts_of(file, layout::kMetric);
    contents.metric_units = texts_of(file, layout::kMetricUnits);
    contents.done = read_done(file, header);
    check_runs(path, file, header, contents.done, "");
    H5::DataSet metrics = hdf5::open_dataset(file, layout::kMetrics);
    contents.metrics = hdf5::read_numbers(metrics);
    for (const SweepSeries& series : header.series) {
      H5::Group group = hdf5::open_group(file, std::string(layout::kSeries) + "/" + series.group);
      H5::DataSet dataset = hdf5::open_dataset(group, series.variable);
      contents.series.push_back(hdf5::read_numbers(dataset));
    }
  } catch (const hdf5::Error& failure) {
    refuse(path, std::string("is damaged: ") + failure.what());
  }
  return contents;
}

}  // namespace

std::size_t SweepSeries::elements() const {
  std::size_t count = 1;
  for (const Coordinate& axis : axes) {
    count *= axis.size();
  }
  return count;
}

std::string partial_path(const std::string& path) {
  return path + ".partial";
}

// --- Writer --------------------------------------------------------------------------------------

struct SweepFileWriter::State {
  std::string path;  // final
  std::string partial;
  bool overwrite = false;
  SweepHeader header;
  // Held from creation or resumption to the end: no other migdip can resume, replace or
  // remove PATH.partial meanwhile. Its descriptor also serves fsync.
  std::optional<files::ExclusiveLock> lock;
  hdf5::File file;
  H5::DataSet metrics;
  H5::DataSet done_set;
  H5::DataSet checksum_set;
  std::vector<H5::DataSet> series;
  std::vector<std::uint8_t> done;
  std::vector<std::size_t> pending;  // runs written since the last flush (index point*R + r)
  std::uint64_t runs_done = 0;
  bool finished = false;
  bool keep_partial = false;  // a complete sweep that could not take its final name
  bool renamed = false;       // the skeleton has become PATH.partial

  void open_datasets() {
    metrics = hdf5::open_dataset(file, layout::kMetrics);
    done_set = hdf5::open_dataset(file, layout::kDone);
    checksum_set = hdf5::open_dataset(file, layout::kChecksum);
    for (const SweepSeries& kept : header.series) {
      H5::Group group = hdf5::open_group(file, std::string(layout::kSeries) + "/" + kept.group);
      series.push_back(hdf5::open_dataset(group, kept.variable));
    }
  }

  void sync() {
    if (::fsync(lock->descriptor()) != 0) {
      throw InputError({partial, 0, "", ""}, fmt::format("cannot write the sweep file to disk: {}",
                                                         std::strerror(errno)));
    }
  }

  // Lets go of HDF5's objects, reporting a failed close (a full disk shows here). Whatever
  // happens, the file is closed once only (hdf5::File).
  void close_file() {
    hdf5::guarded("closing the datasets", [&] {
      metrics.close();
      done_set.close();
      checksum_set.close();
      series.clear();
    });
    file.close();
  }

  // After a failed creation: HDF5 lets go, and the file this process made is removed under
  // whichever name it has by now.
  void close_file_quietly_and_remove(const std::string& building) noexcept {
    try {
      close_file();
    } catch (...) {
      // Being removed anyway.
    }
    std::error_code error;
    std::filesystem::remove(building, error);
    if (renamed) {
      std::filesystem::remove(partial, error);
    }
  }
};

SweepFileWriter::SweepFileWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}

SweepFileWriter::~SweepFileWriter() {
  if (state_ && !state_->finished) {
    try {
      state_->close_file();
    } catch (...) {
      // A destructor cannot report it; what was flushed before is safe, the rest is lost.
    }
  }
}

std::unique_ptr<SweepFileWriter> SweepFileWriter::create(const std::string& path,
                                                         const SweepHeader& header,
                                                         bool overwrite) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::is_directory(path, error)) {
    refuse(path, "is a directory; give a file name with -o");
  }
  if (!overwrite && fs::exists(fs::symlink_status(path, error))) {
    refuse(path, "sweep file exists; use --force to replace it");
  }
  const fs::path directory = fs::absolute(path).parent_path();
  if (!fs::is_directory(directory, error)) {
    refuse(path, "its directory does not exist");
  }
  if (::access(directory.c_str(), W_OK) != 0) {
    refuse(path, "its directory is not writable");
  }
  const std::string partial = partial_path(path);
  if (std::optional<files::ExclusiveLock> previous =
          files::ExclusiveLock::on_existing(partial, path)) {
    if (!overwrite) {
      refuse(partial,
             "an interrupted sweep is here: continue it with --resume, or start again "
             "with --force");
    }
    fs::remove(partial, error);  // while locked: it is nobody else's
  }
  files::remove_stale_temporaries(directory);
  // The skeleton is built under a temporary name and locked from birth: PATH.partial, when it
  // exists, is always whole, and always locked while its writer lives.
  const std::string building = files::temporary_path_for(partial).string();
  auto state = std::make_unique<State>();
  state->path = path;
  state->partial = partial;
  state->overwrite = overwrite;
  state->header = header;
  // Until it becomes PATH.partial, a signal's handler may remove it (migdip/io/temporary_files.h).
  std::optional<files::TemporaryRegistration> registration(std::in_place, building);
  state->lock = files::ExclusiveLock::on_new(building);
  try {
    {
      hdf5::File file = hdf5::create_file(building);
      write_skeleton(file, header);
      file.close();
    }
    if (!files::rename_into_place(building, partial, false)) {
      // Another sweep into PATH started meanwhile; name it if it still runs.
      files::ExclusiveLock::on_existing(partial, path);
      refuse(partial, "another migdip is writing this sweep: it started at the same time");
    }
    state->renamed = true;
    registration.reset();
    // A sweep into PATH may have finished since the check above: it gave up PATH.partial by
    // making it PATH. Only now, holding PATH.partial, is the answer final.
    if (!overwrite && fs::exists(fs::symlink_status(path, error))) {
      fs::remove(partial, error);  // this process's skeleton, locked by it
      refuse(path, "sweep file exists; use --force to replace it");
    }
    files::sync_directory(directory);
    state->file = hdf5::open_file(partial, true);
    state->open_datasets();
    state->sync();
  } catch (const hdf5::Error& failure) {
    state->close_file_quietly_and_remove(building);
    throw InputError({path, 0, "", ""},
                     std::string("cannot create the sweep file: ") + failure.what());
  } catch (...) {
    state->close_file_quietly_and_remove(building);
    throw;
  }
  state->done.assign(header.points * header.replicates, 0);
  return std::unique_ptr<SweepFileWriter>(new SweepFileWriter(std::move(state)));
}
std::unique_ptr<SweepFileWriter> SweepFileWriter::resume(const std::string& path,
                                                         const SweepHeader& expected) {
  const std::string partial = partial_path(path);
  auto state = std::make_unique<State>();
  state->path = path;
  state->partial = partial;
  state->lock = files::ExclusiveLock::on_existing(partial, path);
  if (!state->lock) {
    std::error_code error;
    if (std::filesystem::exists(path, error)) {
      refuse(path, "this sweep is already complete: there is nothing to resume");
    }
    refuse(partial,
           "nothing to resume: no interrupted sweep is here; run without --resume to start one");
  }
  hdf5::rehearse_read(partial, [&] { read_sweep_file_here(partial); });
  state->file = open_sweep(partial, true);
  try {
    state->header = read_header(state->file);
    check_layout(state->file, state->header);
  } catch (const hdf5::Error& failure) {
    refuse(partial, std::string("is damaged: ") + failure.what() + "; start again with --force");
  }
  std::string difference = sweep_difference(state->header, expected);
  if (difference.empty() && (state->header.shard_index != expected.shard_index ||
                             state->header.shard_count != expected.shard_count)) {
    difference = fmt::format("it holds shard {}/{}, not {}/{}", state->header.shard_index,
                             state->header.shard_count, expected.shard_index, expected.shard_count);
  }
  if (difference.empty() && (state->header.first_point != expected.first_point ||
                             state->header.points != expected.points)) {
    refuse(partial, fmt::format("is damaged: it holds points {} to {}, but shard {}/{} of this "
                                "plan is points {} to {}; start again with --force",
                                state->header.first_point,
                                state->header.first_point + state->header.points - 1,
                                expected.shard_index, expected.shard_count, expected.first_point,
                                expected.first_point + expected.points - 1));
  }
  if (difference.empty() && (state->header.value_texts != expected.value_texts ||
                             state->header.seeds != expected.seeds)) {
    difference = "its points or seeds differ from the plan's";
  }
  if (difference.empty() && std::memcmp(state->header.values.data(), expected.values.data(),
                                        expected.values.size() * sizeof(double)) != 0) {
    refuse(partial,
           "is damaged: its numeric values differ from the plan's; start again with "
           "--force");
  }
  if (!difference.empty()) {
    refuse(partial,
           "belongs to another sweep (" + difference + "); remove it or start again with --force");
  }
  try {
    state->done = read_done(state->file, state->header);
    check_runs(partial, state->file, state->header, state->done, "; start again with --force");
    state->open_datasets();
  } catch (const hdf5::Error& failure) {
    refuse(partial, std::string("is damaged: ") + failure.what() + "; start again with --force");
  }
  state->runs_done =
      static_cast<std::uint64_t>(std::count(state->done.begin(), state->done.end(), 1));
  return std::unique_ptr<SweepFileWriter>(new SweepFileWriter(std::move(state)));
}

bool SweepFileWriter::is_done(std::uint64_t point, std::uint64_t replicate) const {
  const SweepHeader& header = state_->header;
  return state_->done.at((point - header.first_point) * header.replicates + replicate) != 0;
}

std::uint64_t SweepFileWriter::runs_done() const {
  return state_->runs_done;
}

void SweepFileWriter::write_run(std::uint64_t point, std::uint64_t replicate,
                                std::span<const double> metrics,
                                std::span<const std::vector<double>> series) {
  State& s = *state_;
  const SweepHeader& header = s.header;
  if (point < header.first_point || point - header.first_point >= header.points ||
      replicate >= header.replicates || metrics.size() != summary_metric_specs().size() ||
      series.size() != header.series.size()) {
    throw InternalError(
        fmt::format("sweep file: run ({}, {}) does not fit the file", point, replicate));
  }
  const std::size_t row = point - header.first_point;
  const std::size_t run = row * header.replicates + replicate;
  const std::size_t width = header.parameters.size();
  std::vector<std::span<const double>> run_series;
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (series[i].size() != header.series[i].elements()) {
      throw InputError({}, fmt::format("run (point {}, replicate {}) gives {} values of the "
                                       "series {}.{}, not {}: a swept key changes the "
                                       "scenario's dimensions (ticks, dates, states)",
                                       point, replicate, series[i].size(), header.series[i].group,
                                       header.series[i].variable, header.series[i].elements()));
    }
    run_series.emplace_back(series[i]);
  }
  const std::uint32_t checksum =
      run_checksum(header.seeds[run], std::span(header.values).subspan(row * width, width),
                   std::span(header.value_texts).subspan(row * width, width), metrics, run_series);
  try {
    hdf5::write_block(s.metrics, {row, replicate, 0}, {1, 1, metrics.size()}, StoredType::kFloat64,
                      metrics.data());
    for (std::size_t i = 0; i < series.size(); ++i) {
      std::vector<std::size_t> start = {row, replicate};
      std::vector<std::size_t> count = {1, 1};
      for (const Coordinate& axis : header.series[i].axes) {
        start.push_back(0);
        count.push_back(axis.size());
      }
      hdf5::write_block(s.series[i], start, count, StoredType::kFloat64, series[i].data());
    }
    hdf5::write_block(s.checksum_set, {row, replicate}, {1, 1}, StoredType::kUInt32, &checksum);
  } catch (const hdf5::Error& failure) {
    throw InputError({s.partial, 0, "", ""}, std::string("cannot write: ") + failure.what());
  }
  s.pending.push_back(run);
}

bool SweepFileWriter::flush() {
  State& s = *state_;
  if (s.pending.empty()) {
    return false;
  }
  try {
    s.file.flush();
    s.sync();
    for (std::size_t index : s.pending) {
      if (s.done[index] == 0) {
        s.done[index] = 1;
        ++s.runs_done;
      }
    }
    s.pending.clear();
    const SweepHeader& header = s.header;
    hdf5::write_block(s.done_set, {0, 0}, {header.points, header.replicates}, StoredType::kUInt8,
                      s.done.data());
    s.file.flush();
    s.sync();
  } catch (const hdf5::Error& failure) {
    throw InputError({s.partial, 0, "", ""}, std::string("cannot write: ") + failure.what());
  }
  return true;
}

void SweepFileWriter::finish() {
  flush();
  State& s = *state_;
  if (s.runs_done != s.done.size()) {
    throw InternalError(
        fmt::format("sweep file: finishing with {} of {} runs", s.runs_done, s.done.size()));
  }
  try {
    hdf5::write_number_attribute(s.file, layout::kComplete, 1);
    s.close_file();
  } catch (const hdf5::Error& failure) {
    throw InputError({s.partial, 0, "", ""}, std::string("cannot finish: ") + failure.what());
  }
  s.finished = true;
  s.sync();
  bool renamed = false;
  try {
    renamed = files::rename_into_place(s.partial, s.path, s.overwrite);
  } catch (const std::system_error& failure) {
    s.keep_partial = true;
    throw InputError({s.path, 0, "", ""},
                     "cannot rename the finished sweep into place (it is "
                     "kept as " +
                         s.partial + "): " + failure.code().message());
  }
  if (!renamed) {
    s.keep_partial = true;
    throw InputError({s.path, 0, "", ""},
                     "appeared while this sweep ran, and is not replaced without --force; the "
                     "finished sweep is kept as " +
                         s.partial);
  }
  files::sync_directory(std::filesystem::absolute(s.path).parent_path());
}

void SweepFileWriter::abandon() noexcept {
  State& s = *state_;
  if (!s.finished) {
    try {
      s.close_file();
    } catch (...) {
      // Being removed anyway.
    }
    s.finished = true;
  }
  if (!s.keep_partial) {
    std::error_code error;
    std::filesystem::remove(s.partial, error);  // still locked: it is ours
  }
}

// --- Whole files ---------------------------------------------------------------------------------

bool is_sweep_file(const std::string& path) {
  try {
    hdf5::rehearse_read(path, [&] { is_sweep_file_here(path); });
  } catch (const InputError&) {
    return false;  // libhdf5 crashed on it: whatever it is, it is not a readable sweep file
  }
  return is_sweep_file_here(path);
}

SweepContents read_sweep_file(const std::string& path) {
  hdf5::rehearse_read(path, [&] { read_sweep_file_here(path); });
  return read_sweep_file_here(path);
}

// Copies the shards, in shard order, into the merged file and finishes it.
static void copy_shards(SweepFileWriter& writer, const std::vector<std::string>& ordered) {
  const std::size_t metric_count = summary_metric_specs().size();
  for (const std::string& input : ordered) {
    const SweepContents shard = read_sweep_file_here(input);  // rehearsed by merge_sweep_files
    const SweepHeader& header = shard.header;
    std::vector<std::vector<double>> series(header.series.size());
    for (std::uint64_t row = 0; row < header.points; ++row) {
      for (std::uint64_t replicate = 0; replicate < header.replicates; ++replicate) {
        const std::size_t run = row * header.replicates + replicate;
        for (std::size_t i = 0; i < series.size(); ++i) {
          const std::size_t width = header.series[i].elements();
          series[i].assign(
              shard.series[i].begin() + static_cast<std::ptrdiff_t>(run * width),
              shard.series[i].begin() + static_cast<std::ptrdiff_t>((run + 1) * width));
        }
        writer.write_run(header.first_point + row, replicate,
                         std::span(shard.metrics).subspan(run * metric_count, metric_count),
                         series);
      }
    }
    writer.flush();
  }
  writer.finish();
}

void merge_sweep_files(std::span<const std::string> inputs, const std::string& output,
                       bool overwrite, const std::string& command_line,
                       const std::string& created_utc) {
  if (inputs.empty()) {
    throw InputError({}, "merge: give the shard files to merge");
  }
  // Headers first: every problem is found before anything is written.
  std::vector<SweepHeader> headers;               // in the order of `inputs`
  std::map<std::uint64_t, std::size_t> by_index;  // shard index -> position in `inputs`
  for (const std::string& input : inputs) {
    hdf5::rehearse_read(input, [&] { read_sweep_file_here(input); });
    hdf5::File file = open_sweep(input, false);
    SweepHeader header;
    try {
      header = read_header(file);
      if (hdf5::read_number_attribute(file, layout::kComplete) != 1) {
        refuse(input, "is not complete: resume its sweep before merging");
      }
    } catch (const hdf5::Error& failure) {
      refuse(input, std::string("is damaged: ") + failure.what());
    }
    if (!headers.empty()) {
      const std::string difference = sweep_difference(header, headers.front());
      if (!difference.empty()) {
        refuse(input, "is not a shard of the same sweep as " + inputs.front() + ": " + difference);
      }
    }
    const auto [existing, inserted] = by_index.emplace(header.shard_index, headers.size());
    if (!inserted) {
      refuse(input, fmt::format("holds shard {}/{}, like {}", header.shard_index,
                                header.shard_count, inputs[existing->second]));
    }
    headers.push_back(std::move(header));
  }
  const SweepHeader& first = headers.front();
  std::vector<std::string> missing;
  for (std::uint64_t index = 0; index < first.shard_count; ++index) {
    if (by_index.count(index) == 0) {
      missing.push_back(fmt::format("{}/{}", index, first.shard_count));
    }
  }
  if (!missing.empty()) {
    std::vector<std::string> present;
    for (const auto& [index, position] : by_index) {
      present.push_back(fmt::format("{}/{}", index, first.shard_count));
    }
    throw InputError({}, fmt::format("merge: shard{} {} {} missing (the files given hold {})",
                                     missing.size() > 1 ? "s" : "", join(missing, ", "),
                                     missing.size() > 1 ? "are" : "is", join(present, ", ")));
  }

  SweepHeader merged = first;
  merged.shard_index = 0;
  merged.shard_count = 1;
  merged.first_point = 0;
  merged.points = first.points_total;
  merged.value_texts.clear();
  merged.values.clear();
  merged.seeds.clear();
  merged.command_line = command_line;
  merged.created_utc = created_utc;
  std::vector<std::string> ordered;
  for (const auto& [index, position] : by_index) {
    const SweepHeader& shard = headers[position];
    merged.value_texts.insert(merged.value_texts.end(), shard.value_texts.begin(),
                              shard.value_texts.end());
    merged.values.insert(merged.values.end(), shard.values.begin(), shard.values.end());
    merged.seeds.insert(merged.seeds.end(), shard.seeds.begin(), shard.seeds.end());
    ordered.push_back(inputs[position]);
  }
  auto writer = SweepFileWriter::create(output, merged, overwrite);
  // A merge is not resumable: stopped by a signal, it leaves nothing behind.
  const files::TemporaryRegistration registration(partial_path(output));
  try {
    copy_shards(*writer, ordered);
  } catch (...) {
    writer->abandon();
    throw;
  }
}

}  // namespace migdip
