#include "migdip/io/sweep_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <set>

#include <fmt/format.h>

#include "io_hdf5/hdf5_helpers.h"
#include "io_hdf5/sweep_layout.h"
#include "migdip/core/error.h"
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

void describe(hdf5::Id object, const std::string& long_name, const std::string& units) {
  if (!long_name.empty()) {
    hdf5::write_text_attribute(object, layout::kLongName, long_name);
  }
  if (!units.empty()) {
    hdf5::write_text_attribute(object, layout::kUnits, units);
  }
}

hdf5::Handle write_axis(hdf5::Id group, const std::string& name, const std::vector<double>& values,
                        const std::vector<std::string>& labels) {
  if (!labels.empty()) {
    return hdf5::write_texts(group, name, labels);
  }
  return hdf5::write_numbers(group, name, {values.size()}, values, false);
}

// point and replicate, the two leading dimensions of every result, in `group`.
std::map<std::string, hdf5::Handle> write_run_axes(hdf5::Id group, const SweepHeader& header) {
  std::map<std::string, hdf5::Handle> scales;
  hdf5::Handle point =
      hdf5::create_preallocated(group, layout::kPoint, {header.points}, StoredType::kUInt64, 0);
  std::vector<std::uint64_t> points(header.points);
  for (std::uint64_t i = 0; i < header.points; ++i) {
    points[i] = header.first_point + i;
  }
  hdf5::write_block(point.get(), {0}, {header.points}, StoredType::kUInt64, points.data());
  hdf5::make_dimension_scale(point.get(), layout::kPoint);
  describe(point.get(), "point of the sweep design (row of the whole plan)", "");
  hdf5::Handle replicate = hdf5::create_preallocated(group, layout::kReplicate, {header.replicates},
                                                     StoredType::kUInt64, 0);
  std::vector<std::uint64_t> replicates(header.replicates);
  for (std::uint64_t i = 0; i < header.replicates; ++i) {
    replicates[i] = i;
  }
  hdf5::write_block(replicate.get(), {0}, {header.replicates}, StoredType::kUInt64,
                    replicates.data());
  hdf5::make_dimension_scale(replicate.get(), layout::kReplicate);
  describe(replicate.get(), "replicate of the point (its own seed)", "");
  scales.emplace(layout::kPoint, std::move(point));
  scales.emplace(layout::kReplicate, std::move(replicate));
  return scales;
}

void attach(hdf5::Id dataset, const std::map<std::string, hdf5::Handle>& scales,
            const std::vector<std::string>& dimensions) {
  for (std::size_t axis = 0; axis < dimensions.size(); ++axis) {
    hdf5::attach_dimension_scale(dataset, scales.at(dimensions[axis]).get(),
                                 static_cast<unsigned>(axis));
  }
}

std::string series_name(const SweepSeries& series) {
  return series.group + "." + series.variable;
}

void write_series_skeleton(hdf5::Id file, const SweepHeader& header) {
  hdf5::Handle root = hdf5::create_group(file, layout::kSeries);
  std::vector<std::string> order;
  for (const SweepSeries& series : header.series) {
    order.push_back(series_name(series));
  }
  hdf5::write_text_attribute(root.get(), "order", join(order));
  hdf5::write_text_attribute(root.get(), layout::kDescription,
                             "time series of every run, by results-file group: the run's "
                             "variable with point and replicate in front");
  std::map<std::string, std::map<std::string, hdf5::Handle>> scales_by_group;
  std::map<std::string, hdf5::Handle> groups;
  for (const SweepSeries& series : header.series) {
    if (groups.count(series.group) == 0) {
      groups.emplace(series.group, hdf5::create_group(root.get(), series.group));
      scales_by_group.emplace(series.group, write_run_axes(groups.at(series.group).get(), header));
    }
    const hdf5::Id group = groups.at(series.group).get();
    auto& scales = scales_by_group.at(series.group);
    std::vector<std::string> dimensions = {layout::kPoint, layout::kReplicate};
    std::vector<std::size_t> shape = {header.points, header.replicates};
    for (const Coordinate& axis : series.axes) {
      if (scales.count(axis.name) == 0) {
        hdf5::Handle scale = write_axis(group, axis.name, axis.values, axis.labels);
        hdf5::make_dimension_scale(scale.get(), axis.name);
        describe(scale.get(), axis.long_name, axis.units);
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
      hdf5::Handle dataset = write_axis(group, auxiliary.name, auxiliary.values, auxiliary.labels);
      hdf5::attach_dimension_scale(dataset.get(), scales.at(auxiliary.dimension).get(), 0);
      describe(dataset.get(), auxiliary.long_name, auxiliary.units);
    }
    hdf5::Handle dataset =
        hdf5::create_preallocated(group, series.variable, shape, StoredType::kFloat64, kNaN);
    attach(dataset.get(), scales, dimensions);
    describe(dataset.get(), series.long_name, series.units);
    if (!coordinates.empty()) {
      hdf5::write_text_attribute(dataset.get(), layout::kCoordinates, join(coordinates));
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

void write_skeleton(hdf5::Id file, const SweepHeader& header) {
  const auto text = [&](const char* name, const std::string& value) {
    hdf5::write_text_attribute(file, name, value);
  };
  const auto number = [&](const char* name, double value) {
    hdf5::write_number_attribute(file, name, value);
  };
  text(layout::kFileKind, layout::kFileKindValue);
  text(layout::kFormatVersion, kSweepFormatVersion);
  number(layout::kComplete, 0);
  text("engine_version", header.engine_version);
  text("source_commit", header.source_commit);
  text("created_utc", header.created_utc);
  text("command_line", header.command_line);
  text("rerun_command", header.rerun_command);
  text("scenario_file", header.scenario_file);
  text("scenario_name", header.scenario_name);
  text("base_overrides", join(header.base_overrides, "\n"));
  text("plan_file", header.plan_file);
  text("plan_name", header.plan_name);
  text("sampler", header.sampler);
  text("plan_seed", std::to_string(header.plan_seed));
  number("replicates", static_cast<double>(header.replicates));
  number("points_total", static_cast<double>(header.points_total));
  number("first_point", static_cast<double>(header.first_point));
  number("shard_index", static_cast<double>(header.shard_index));
  number("shard_count", static_cast<double>(header.shard_count));
  hdf5::write_text_scalar(file, layout::kScenarioText, header.scenario_text);
  hdf5::write_text_scalar(file, layout::kPlanText, header.plan_text);

  std::map<std::string, hdf5::Handle> scales = write_run_axes(file, header);
  hdf5::Handle parameter = hdf5::write_texts(file, layout::kParameter, header.parameters);
  hdf5::make_dimension_scale(parameter.get(), layout::kParameter);
  describe(parameter.get(), "swept scenario key, as --set names it", "");
  scales.emplace(layout::kParameter, std::move(parameter));

  std::vector<std::string> names, units, long_names;
  for (const MetricSpec& spec : summary_metric_specs()) {
    names.emplace_back(spec.name);
    units.emplace_back(spec.units);
    long_names.emplace_back(spec.long_name);
  }
  hdf5::Handle metric = hdf5::write_texts(file, layout::kMetric, names);
  hdf5::make_dimension_scale(metric.get(), layout::kMetric);
  describe(metric.get(), "summary metric of a run", "");
  for (const auto& [name, values, meaning] :
       {std::tuple{layout::kMetricUnits, &units, "units of the metric"},
        std::tuple{layout::kMetricLongName, &long_names, "what the metric counts"}}) {
    hdf5::Handle dataset = hdf5::write_texts(file, name, *values);
    hdf5::attach_dimension_scale(dataset.get(), metric.get(), 0);
    describe(dataset.get(), meaning, "");
  }
  scales.emplace(layout::kMetric, std::move(metric));
  const std::string metric_coordinates =
      std::string(layout::kMetricUnits) + " " + layout::kMetricLongName;
  hdf5::write_text_attribute(file, layout::kCoordinates, metric_coordinates);

  const std::size_t width = header.parameters.size();
  hdf5::Handle value =
      hdf5::write_numbers(file, layout::kValue, {header.points, width}, header.values, false);
  attach(value.get(), scales, {layout::kPoint, layout::kParameter});
  describe(value.get(), "value of each swept key at each point (NaN for a word)", "");
  hdf5::Handle value_text =
      hdf5::write_texts(file, layout::kValueText, header.value_texts, {header.points, width});
  attach(value_text.get(), scales, {layout::kPoint, layout::kParameter});
  describe(value_text.get(), "value of each swept key at each point, as given to the scenario", "");

  hdf5::Handle seed = hdf5::create_preallocated(
      file, layout::kSeed, {header.points, header.replicates}, StoredType::kUInt64, 0);
  hdf5::write_block(seed.get(), {0, 0}, {header.points, header.replicates}, StoredType::kUInt64,
                    header.seeds.data());
  attach(seed.get(), scales, {layout::kPoint, layout::kReplicate});
  describe(seed.get(), "seed of the run (migdip run --seed)", "");

  hdf5::Handle metrics = hdf5::create_preallocated(file, layout::kMetrics,
                                                   {header.points, header.replicates, names.size()},
                                                   StoredType::kFloat64, kNaN);
  attach(metrics.get(), scales, {layout::kPoint, layout::kReplicate, layout::kMetric});
  describe(metrics.get(), "summary metrics of every run (units: metric_units)", "");
  hdf5::write_text_attribute(metrics.get(), layout::kCoordinates, metric_coordinates);

  hdf5::Handle done = hdf5::create_preallocated(
      file, layout::kDone, {header.points, header.replicates}, StoredType::kUInt8, 0);
  attach(done.get(), scales, {layout::kPoint, layout::kReplicate});
  describe(done.get(), "1 once the run's results are in the file", "");

  if (!header.series.empty()) {
    write_series_skeleton(file, header);
  }
}

// --- Reading -------------------------------------------------------------------------------------

[[noreturn]] void refuse(const std::string& path, const std::string& problem) {
  throw InputError({path, 0, "", ""}, problem);
}

std::string text_attribute(hdf5::Id object, const char* name) {
  return hdf5::read_text_attribute(object, name).value_or("");
}

std::uint64_t count_attribute(hdf5::Id object, const char* name) {
  return static_cast<std::uint64_t>(hdf5::read_number_attribute(object, name));
}

// A 64-bit seed, stored as decimal text (a float64 attribute would round it).
std::uint64_t seed_attribute(hdf5::Id object, const char* name) {
  const std::string text = text_attribute(object, name);
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
    throw hdf5::Error(fmt::format("attribute '{}' is not a seed: '{}'", name, text));
  }
  return value;
}

std::string single_text(hdf5::Id file, const char* name) {
  hdf5::Handle dataset = hdf5::open_dataset(file, name);
  const std::vector<std::string> texts = hdf5::read_texts(dataset.get());
  return texts.empty() ? "" : texts.front();
}

std::vector<std::string> texts_of(hdf5::Id parent, const std::string& name) {
  hdf5::Handle dataset = hdf5::open_dataset(parent, name);
  return hdf5::read_texts(dataset.get());
}

void read_axis(hdf5::Id dataset, std::vector<double>& values, std::vector<std::string>& labels) {
  if (hdf5::dataset_kind(dataset) == hdf5::ValueKind::kText) {
    labels = hdf5::read_texts(dataset);
  } else {
    values = hdf5::read_numbers(dataset);
  }
}

std::vector<SweepSeries> read_series_layout(hdf5::Id file) {
  std::vector<SweepSeries> all;
  if (!hdf5::has_link(file, layout::kSeries)) {
    return all;
  }
  hdf5::Handle root = hdf5::open_group(file, layout::kSeries);
  for (const std::string& name : split_words(text_attribute(root.get(), "order"))) {
    SweepSeries series;
    const std::size_t dot = name.find('.');
    series.group = name.substr(0, dot);
    series.variable = name.substr(dot + 1);
    hdf5::Handle group = hdf5::open_group(root.get(), series.group);
    hdf5::Handle dataset = hdf5::open_dataset(group.get(), series.variable);
    series.long_name = text_attribute(dataset.get(), layout::kLongName);
    series.units = text_attribute(dataset.get(), layout::kUnits);
    const std::vector<std::size_t> shape = hdf5::dataset_shape(dataset.get());
    for (unsigned axis = 2; axis < shape.size(); ++axis) {
      Coordinate coordinate;
      coordinate.name = hdf5::attached_scale_name(dataset.get(), axis).value_or("");
      hdf5::Handle scale = hdf5::open_dataset(group.get(), coordinate.name);
      coordinate.long_name = text_attribute(scale.get(), layout::kLongName);
      coordinate.units = text_attribute(scale.get(), layout::kUnits);
      read_axis(scale.get(), coordinate.values, coordinate.labels);
      series.axes.push_back(std::move(coordinate));
    }
    for (const std::string& aux :
         split_words(text_attribute(dataset.get(), layout::kCoordinates))) {
      hdf5::Handle auxiliary_set = hdf5::open_dataset(group.get(), aux);
      AuxiliaryCoordinate auxiliary;
      auxiliary.name = aux;
      auxiliary.dimension = hdf5::attached_scale_name(auxiliary_set.get(), 0).value_or("");
      auxiliary.long_name = text_attribute(auxiliary_set.get(), layout::kLongName);
      auxiliary.units = text_attribute(auxiliary_set.get(), layout::kUnits);
      read_axis(auxiliary_set.get(), auxiliary.values, auxiliary.labels);
      series.auxiliary.push_back(std::move(auxiliary));
    }
    all.push_back(std::move(series));
  }
  return all;
}

// Opens a file that claims to be a sweep file, refusing anything else with a clear message.
hdf5::Handle open_sweep(const std::string& path, bool writable) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    refuse(path, "no such file");
  }
  if (std::filesystem::is_directory(path, error)) {
    refuse(path, "is a directory, not a sweep file");
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
  hdf5::Handle file;
  try {
    file = hdf5::open_file(path, writable);
  } catch (const hdf5::Error& failure) {
    refuse(path,
           std::string("cannot be opened: it is damaged or truncated (") + failure.what() + ")");
  }
  const auto kind = hdf5::read_text_attribute(file.get(), layout::kFileKind);
  if (kind != std::string(layout::kFileKindValue)) {
    refuse(path, "is an HDF5 file but not a migdip sweep file (no file_kind = 'migdip sweep')");
  }
  const std::string version = text_attribute(file.get(), layout::kFormatVersion);
  if (version.empty() || std::atoi(version.c_str()) != layout::kSupportedMajorVersion) {
    refuse(path, fmt::format("has sweep format version '{}', which this migdip ({}) cannot read",
                             version, kSweepFormatVersion));
  }
  return file;
}

SweepHeader read_header(hdf5::Id file) {
  SweepHeader header;
  header.engine_version = text_attribute(file, "engine_version");
  header.source_commit = text_attribute(file, "source_commit");
  header.created_utc = text_attribute(file, "created_utc");
  header.command_line = text_attribute(file, "command_line");
  header.rerun_command = text_attribute(file, "rerun_command");
  header.scenario_file = text_attribute(file, "scenario_file");
  header.scenario_name = text_attribute(file, "scenario_name");
  {
    const std::string overrides = text_attribute(file, "base_overrides");
    std::size_t begin = 0;
    while (begin < overrides.size()) {
      const std::size_t end = std::min(overrides.find('\n', begin), overrides.size());
      header.base_overrides.push_back(overrides.substr(begin, end - begin));
      begin = end + 1;
    }
  }
  header.plan_file = text_attribute(file, "plan_file");
  header.plan_name = text_attribute(file, "plan_name");
  header.sampler = text_attribute(file, "sampler");
  header.plan_seed = seed_attribute(file, "plan_seed");
  header.replicates = count_attribute(file, "replicates");
  header.points_total = count_attribute(file, "points_total");
  header.first_point = count_attribute(file, "first_point");
  header.shard_index = count_attribute(file, "shard_index");
  header.shard_count = count_attribute(file, "shard_count");
  header.scenario_text = single_text(file, layout::kScenarioText);
  header.plan_text = single_text(file, layout::kPlanText);
  header.parameters = texts_of(file, layout::kParameter);
  header.value_texts = texts_of(file, layout::kValueText);
  {
    hdf5::Handle value = hdf5::open_dataset(file, layout::kValue);
    header.values = hdf5::read_numbers(value.get());
  }
  hdf5::Handle seed = hdf5::open_dataset(file, layout::kSeed);
  const std::vector<std::size_t> shape = hdf5::dataset_shape(seed.get());
  if (shape.size() != 2 || shape[1] != header.replicates) {
    throw hdf5::Error("the seed array does not match the replicates");
  }
  header.points = shape[0];
  header.seeds.resize(header.points * header.replicates);
  if (!header.seeds.empty()) {
    hdf5::read_block(seed.get(), {0, 0}, shape, StoredType::kUInt64, header.seeds.data());
  }
  header.series = read_series_layout(file);
  return header;
}

std::vector<std::uint8_t> read_done(hdf5::Id file, const SweepHeader& header) {
  std::vector<std::uint8_t> done(header.points * header.replicates);
  hdf5::Handle dataset = hdf5::open_dataset(file, layout::kDone);
  if (!done.empty()) {
    hdf5::read_block(dataset.get(), {0, 0}, {header.points, header.replicates}, StoredType::kUInt8,
                     done.data());
  }
  return done;
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
  if (a.scenario_text != b.scenario_text)
    return "the scenario text differs";
  if (a.plan_text != b.plan_text)
    return "the plan text differs";
  if (a.base_overrides != b.base_overrides)
    return "the --set overrides differ";
  if (a.engine_version != b.engine_version || a.source_commit != b.source_commit) {
    return fmt::format("it was written by migdip {} (commit {}), not {} (commit {})",
                       a.engine_version, a.source_commit, b.engine_version, b.source_commit);
  }
  if (a.points_total != b.points_total || a.replicates != b.replicates) {
    return "the number of points or replicates differs";
  }
  if (a.shard_count != b.shard_count) {
    return fmt::format("it is a shard of {}, not of {}", a.shard_count, b.shard_count);
  }
  if (!same_series(a.series, b.series))
    return "the kept series differ";
  return "";
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
  SweepHeader header;
  hdf5::Handle file;
  hdf5::Handle metrics;
  hdf5::Handle done_set;
  std::vector<hdf5::Handle> series;
  std::vector<std::uint8_t> done;
  std::vector<std::size_t> pending;  // runs written since the last flush (index point*R + r)
  int descriptor = -1;               // for fsync
  std::uint64_t runs_done = 0;

  ~State() {
    if (descriptor >= 0) {
      ::close(descriptor);
    }
  }

  void open_datasets() {
    metrics = hdf5::open_dataset(file.get(), layout::kMetrics);
    done_set = hdf5::open_dataset(file.get(), layout::kDone);
    for (const SweepSeries& kept : header.series) {
      hdf5::Handle group =
          hdf5::open_group(file.get(), std::string(layout::kSeries) + "/" + kept.group);
      series.push_back(hdf5::open_dataset(group.get(), kept.variable));
    }
    descriptor = ::open(partial.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) {
      throw InputError({partial, 0, "", ""}, "cannot open the sweep file for syncing");
    }
  }

  void sync() {
    if (::fsync(descriptor) != 0) {
      throw InputError({partial, 0, "", ""}, "cannot write the sweep file to disk (fsync failed)");
    }
  }
};

SweepFileWriter::SweepFileWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}
SweepFileWriter::~SweepFileWriter() = default;

std::unique_ptr<SweepFileWriter> SweepFileWriter::create(const std::string& path,
                                                         const SweepHeader& header,
                                                         bool overwrite) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::is_directory(path, error)) {
    refuse(path, "is a directory; give a file name with -o");
  }
  if (!overwrite && fs::exists(path, error)) {
    refuse(path, "sweep file exists; use --force to replace it");
  }
  const std::string partial = partial_path(path);
  if (fs::exists(partial, error)) {
    if (!overwrite) {
      refuse(partial,
             "an interrupted sweep is here: continue it with --resume, or start again "
             "with --force");
    }
    fs::remove(partial, error);
  }
  const fs::path directory = fs::absolute(path).parent_path();
  if (!fs::is_directory(directory, error)) {
    refuse(path, "its directory does not exist");
  }
  if (::access(directory.c_str(), W_OK) != 0) {
    refuse(path, "its directory is not writable");
  }
  // The skeleton is built under a temporary name: PATH.partial, when it exists, always has one.
  const std::string building = partial + ".new";
  auto state = std::make_unique<State>();
  state->path = path;
  state->partial = partial;
  state->header = header;
  try {
    {
      hdf5::Handle file = hdf5::create_file(building);
      write_skeleton(file.get(), header);
      file.close();
    }
    fs::rename(building, partial);
    state->file = hdf5::open_file(partial, true);
    state->open_datasets();
    state->sync();
  } catch (const hdf5::Error& failure) {
    fs::remove(building, error);
    fs::remove(partial, error);
    throw InputError({path, 0, "", ""},
                     std::string("cannot create the sweep file: ") + failure.what());
  } catch (...) {
    fs::remove(building, error);
    fs::remove(partial, error);
    throw;
  }
  state->done.assign(header.points * header.replicates, 0);
  return std::unique_ptr<SweepFileWriter>(new SweepFileWriter(std::move(state)));
}

std::unique_ptr<SweepFileWriter> SweepFileWriter::resume(const std::string& path,
                                                         const SweepHeader& expected) {
  const std::string partial = partial_path(path);
  std::error_code error;
  if (!std::filesystem::exists(partial, error)) {
    if (std::filesystem::exists(path, error)) {
      refuse(path, "this sweep is already complete: there is nothing to resume");
    }
    refuse(partial,
           "nothing to resume: no interrupted sweep is here; run without --resume to start one");
  }
  auto state = std::make_unique<State>();
  state->path = path;
  state->partial = partial;
  state->file = open_sweep(partial, true);
  try {
    state->header = read_header(state->file.get());
  } catch (const hdf5::Error& failure) {
    refuse(partial, std::string("is damaged: ") + failure.what());
  }
  std::string difference = sweep_difference(state->header, expected);
  if (difference.empty() && (state->header.shard_index != expected.shard_index ||
                             state->header.first_point != expected.first_point)) {
    difference = fmt::format("it holds shard {}/{}, not {}/{}", state->header.shard_index,
                             state->header.shard_count, expected.shard_index, expected.shard_count);
  }
  if (difference.empty() && (state->header.value_texts != expected.value_texts ||
                             state->header.seeds != expected.seeds)) {
    difference = "its points or seeds differ from the plan's";
  }
  if (!difference.empty()) {
    refuse(partial,
           "belongs to another sweep (" + difference + "); remove it or start again with --force");
  }
  try {
    state->done = read_done(state->file.get(), state->header);
    state->open_datasets();
  } catch (const hdf5::Error& failure) {
    refuse(partial, std::string("is damaged: ") + failure.what());
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
  try {
    hdf5::write_block(s.metrics.get(), {row, replicate, 0}, {1, 1, metrics.size()},
                      StoredType::kFloat64, metrics.data());
    for (std::size_t i = 0; i < series.size(); ++i) {
      if (series[i].size() != header.series[i].elements()) {
        throw InputError({}, fmt::format("run (point {}, replicate {}) gives {} values of the "
                                         "series {}.{}, not {}: a swept key changes the "
                                         "scenario's dimensions (ticks, dates, states)",
                                         point, replicate, series[i].size(), header.series[i].group,
                                         header.series[i].variable, header.series[i].elements()));
      }
      std::vector<std::size_t> start = {row, replicate};
      std::vector<std::size_t> count = {1, 1};
      for (const Coordinate& axis : header.series[i].axes) {
        start.push_back(0);
        count.push_back(axis.size());
      }
      hdf5::write_block(s.series[i].get(), start, count, StoredType::kFloat64, series[i].data());
    }
  } catch (const hdf5::Error& failure) {
    throw InputError({s.partial, 0, "", ""}, std::string("cannot write: ") + failure.what());
  }
  s.pending.push_back(row * header.replicates + replicate);
}

bool SweepFileWriter::flush() {
  State& s = *state_;
  if (s.pending.empty()) {
    return false;
  }
  try {
    hdf5::flush_file(s.file.get());
    s.sync();
    for (std::size_t index : s.pending) {
      if (s.done[index] == 0) {
        s.done[index] = 1;
        ++s.runs_done;
      }
    }
    s.pending.clear();
    const SweepHeader& header = s.header;
    hdf5::write_block(s.done_set.get(), {0, 0}, {header.points, header.replicates},
                      StoredType::kUInt8, s.done.data());
    hdf5::flush_file(s.file.get());
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
    hdf5::write_number_attribute(s.file.get(), layout::kComplete, 1);
    s.metrics = {};
    s.done_set = {};
    s.series.clear();
    s.file.close();
  } catch (const hdf5::Error& failure) {
    throw InputError({s.partial, 0, "", ""}, std::string("cannot finish: ") + failure.what());
  }
  s.sync();
  std::error_code error;
  std::filesystem::rename(s.partial, s.path, error);
  if (error) {
    throw InputError({s.path, 0, "", ""},
                     "cannot rename the finished sweep into place: " + error.message());
  }
  const std::string directory = std::filesystem::absolute(s.path).parent_path().string();
  const int handle = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (handle >= 0) {
    ::fsync(handle);
    ::close(handle);
  }
}

// --- Whole files ---------------------------------------------------------------------------------

bool is_sweep_file(const std::string& path) {
  try {
    if (!hdf5::is_hdf5_file(path)) {
      return false;
    }
    hdf5::Handle file = hdf5::open_file(path, false);
    return hdf5::read_text_attribute(file.get(), layout::kFileKind) ==
           std::string(layout::kFileKindValue);
  } catch (const hdf5::Error&) {
    return false;
  }
}

SweepContents read_sweep_file(const std::string& path) {
  hdf5::Handle file = open_sweep(path, false);
  SweepContents contents;
  try {
    contents.header = read_header(file.get());
    const SweepHeader& header = contents.header;
    contents.complete = hdf5::read_number_attribute(file.get(), layout::kComplete) == 1;
    contents.metric_names = texts_of(file.get(), layout::kMetric);
    contents.metric_units = texts_of(file.get(), layout::kMetricUnits);
    contents.done = read_done(file.get(), header);
    hdf5::Handle metrics = hdf5::open_dataset(file.get(), layout::kMetrics);
    contents.metrics = hdf5::read_numbers(metrics.get());
    for (const SweepSeries& series : header.series) {
      hdf5::Handle group =
          hdf5::open_group(file.get(), std::string(layout::kSeries) + "/" + series.group);
      hdf5::Handle dataset = hdf5::open_dataset(group.get(), series.variable);
      contents.series.push_back(hdf5::read_numbers(dataset.get()));
    }
  } catch (const hdf5::Error& failure) {
    refuse(path, std::string("is damaged: ") + failure.what());
  }
  return contents;
}

// Copies the shards, in shard order, into the merged file and finishes it.
static void copy_shards(SweepFileWriter& writer, const std::vector<std::string>& ordered) {
  const std::size_t metric_count = summary_metric_specs().size();
  for (const std::string& input : ordered) {
    const SweepContents shard = read_sweep_file(input);
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
    hdf5::Handle file = open_sweep(input, false);
    SweepHeader header;
    try {
      header = read_header(file.get());
      if (hdf5::read_number_attribute(file.get(), layout::kComplete) != 1) {
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
  try {
    copy_shards(*writer, ordered);
  } catch (...) {
    writer.reset();
    std::error_code error;
    std::filesystem::remove(partial_path(output), error);
    throw;
  }
}

}  // namespace migdip
