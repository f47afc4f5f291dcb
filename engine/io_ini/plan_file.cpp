// Sweep plans: a [sweep] section and one [parameter KEY] section per varied scenario key.

#include "migdip/io/plan_file.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "io_ini/did_you_mean.h"
#include "io_ini/ini_document.h"
#include "io_ini/key_table.h"
#include "io_ini/section_reader.h"
#include "io_ini/text_file.h"
#include "io_ini/value_parsing.h"
#include "migdip/core/quote.h"
#include "migdip/core/random_stream.h"
#include "migdip/simulation/run_memory.h"
#include "migdip/sweep/design.h"
#include "migdip/sweep/run_outputs.h"
#include "migdip/sweep/sobol_sequence.h"

namespace migdip {
namespace {

using ini::KeySpec;
using ini::Range;
using ini::SectionSpec;
using ini::ValueType;

KeySpec key(std::string name, ValueType type, std::string description) {
  KeySpec spec;
  spec.name = std::move(name);
  spec.type = type;
  spec.description = std::move(description);
  return spec;
}

const SectionSpec& sweep_section() {
  static const SectionSpec spec = [] {
    SectionSpec section;
    section.kind = "sweep";
    section.header = "[sweep]";
    section.singleton = true;
    section.required = true;
    KeySpec sampler = key("sampler", ValueType::choice, "how points are chosen");
    sampler.required = true;
    sampler.choices = {"grid", "list", "latin_hypercube", "saltelli", "morris"};
    KeySpec samples = key("samples", ValueType::integer,
                          "latin_hypercube: points; saltelli: base sample N; morris: trajectories");
    samples.range = Range::at_least(1);
    KeySpec replicates = key("replicates", ValueType::integer, "runs of every point");
    replicates.default_text = "1";
    replicates.range = Range::closed(1, static_cast<double>(kMaxSweepReplicates));
    KeySpec seed = key("seed", ValueType::integer, "seed of the sampling and of every run");
    seed.default_text = "1";
    seed.range = Range::closed(0, static_cast<double>(kMaxSeed));
    KeySpec series = key("series", ValueType::list, "time series kept for every run");
    KeySpec second_order =
        key("second_order", ValueType::boolean, "saltelli: the rows second-order indices need");
    second_order.default_text = "false";
    KeySpec scramble =
        key("scramble", ValueType::boolean, "saltelli: scramble the Sobol' sequence");
    scramble.default_text = "true";
    KeySpec num_levels =
        key("num_levels", ValueType::integer, "morris: grid levels of every parameter (even)");
    num_levels.default_text = "4";
    num_levels.range = Range::closed(2, 1000000);
    section.keys = {key("name", ValueType::text, "name of the sweep"),
                    key("description", ValueType::text, "what the sweep is for"),
                    sampler,
                    samples,
                    replicates,
                    seed,
                    series,
                    second_order,
                    scramble,
                    num_levels};
    section.keys[0].default_note = "the plan file's name";
    return section;
  }();
  return spec;
}

const SectionSpec& parameter_section() {
  static const SectionSpec spec = [] {
    SectionSpec section;
    section.kind = "parameter";
    section.header = "[parameter KEY]";
    KeySpec levels = key("levels", ValueType::text, "values, comma-separated (grid, list)");
    KeySpec low = key("low", ValueType::number, "lower end of the range");
    KeySpec high = key("high", ValueType::number, "upper end of the range");
    KeySpec steps = key("steps", ValueType::integer, "grid: evenly spaced levels from low to high");
    steps.range = Range::at_least(2);
    KeySpec distribution =
        key("distribution", ValueType::choice, "how values spread between low and high");
    distribution.choices = {"uniform", "log_uniform"};
    distribution.default_text = "uniform";
    section.keys = {levels, low, high, steps, distribution};
    return section;
  }();
  return spec;
}

// Levels are split on commas like scenario lists, but a list sampler may repeat a value.
std::vector<std::string> split_levels(const ini::SectionReader& reader) {
  const std::string text = reader.text("levels");
  std::vector<std::string> levels;
  std::size_t begin = 0;
  while (true) {
    const std::size_t comma = text.find(',', begin);
    std::string item(ini::trim(std::string_view(text).substr(
        begin, comma == std::string::npos ? std::string::npos : comma - begin)));
    if (item.empty()) {
      throw reader.error("levels", "empty item in the list " + quote(text));
    }
    levels.push_back(std::move(item));
    if (comma == std::string::npos) {
      return levels;
    }
    begin = comma + 1;
  }
}

InputLocation location_of(const ini::IniDocument& document, const ini::IniSection& section,
                          std::string_view key) {
  const ini::IniEntry* entry = section.find(key);
  return {document.file, entry != nullptr ? entry->line : section.line, section.name(),
          entry != nullptr ? std::string(key) : ""};
}

// A parameter names a scenario key as --set does: kind.key or kind.ID.key.
void check_key_shape(const ini::SectionReader& reader, const std::string& parameter) {
  const std::size_t first = parameter.find('.');
  const std::size_t last = parameter.rfind('.');
  if (parameter.empty() || first == std::string::npos || first == 0 ||
      last + 1 == parameter.size()) {
    throw reader.section_error(quote(parameter) +
                               " is not a scenario key: write it as --set does, kind.key or "
                               "kind.ID.key, e.g. [parameter state.TUR.exit_enforcement]");
  }
  if (parameter == "scenario.seed") {
    throw reader.section_error(
        "the seed cannot be swept: every run's seed comes from [sweep] seed, the point and the "
        "replicate; use replicates for more seeds");
  }
}

// The scenario key a parameter names, when the key table knows it (the scenario check reports
// the others).
const KeySpec* scenario_key_spec(const std::string& parameter) {
  const SectionSpec* section = ini::find_section_spec(parameter.substr(0, parameter.find('.')));
  return section == nullptr ? nullptr : section->find(parameter.substr(parameter.rfind('.') + 1));
}

SweepParameter read_parameter(const ini::IniDocument& document, const ini::IniSection& section,
                              Sampler sampler, LoadedPlan& loaded) {
  const ini::SectionReader reader(document, section, parameter_section());
  SweepParameter parameter;
  parameter.key = section.id;
  check_key_shape(reader, parameter.key);
  const bool ranged = sampler == Sampler::latin_hypercube || sampler == Sampler::saltelli ||
                      sampler == Sampler::morris;
  const bool has_range = reader.has("low") || reader.has("high");
  parameter.distribution = *distribution_from_string(reader.choice("distribution"));
  if (has_range) {
    parameter.low = reader.number("low");
    parameter.high = reader.number("high");
    if (!(parameter.low < parameter.high)) {
      throw reader.error("high",
                         "must be greater than low (" + ini::format_number(parameter.low) + ")");
    }
    if (parameter.distribution == Distribution::log_uniform && !(parameter.low > 0)) {
      throw reader.error(
          "low", "a log_uniform range needs low > 0, got " + ini::format_number(parameter.low));
    }
  } else if (reader.has("distribution")) {
    throw reader.error("distribution", "applies to a range: give low and high");
  }
  if (ranged) {
    if (reader.has("levels") || reader.has("steps")) {
      throw reader.error(reader.has("levels") ? "levels" : "steps",
                         "the " + std::string(to_string(sampler)) +
                             " sampler draws from a range: give low and high only");
    }
    if (!has_range) {
      throw reader.missing(
          "low", "the " + std::string(to_string(sampler)) + " sampler needs low and high");
    }
    // The ends and the middle of the range, which the scenario check tries, may all be whole
    // numbers; the values drawn between them are not.
    const KeySpec* key = scenario_key_spec(parameter.key);
    if (key != nullptr && key->type == ValueType::integer) {
      throw reader.error("low", "the " + std::string(to_string(sampler)) +
                                    " sampler draws real numbers, but " + key->name +
                                    " takes whole numbers: sweep it with the grid or list "
                                    "sampler and levels");
    }
    loaded.parameter_locations.push_back(location_of(document, section, "low"));
    return parameter;
  }
  if (reader.has("levels")) {
    if (has_range || reader.has("steps")) {
      throw reader.error("levels", "give either levels, or low, high and steps, not both");
    }
    parameter.levels = split_levels(reader);
    if (sampler == Sampler::grid) {
      std::set<std::string> seen;
      for (const std::string& level : parameter.levels) {
        if (!seen.insert(level).second) {
          throw reader.error("levels", quote(level) + " is listed twice");
        }
      }
    }
    loaded.parameter_locations.push_back(location_of(document, section, "levels"));
    return parameter;
  }
  if (sampler == Sampler::list || !has_range || !reader.has("steps")) {
    throw reader.missing("levels", sampler == Sampler::list
                                       ? "the list sampler takes levels"
                                       : "give levels, or low, high and steps");
  }
  const std::uint64_t steps = reader.integer("steps");
  if (steps > 100000) {
    throw reader.error("steps", "must be at most 100000");
  }
  for (std::uint64_t k = 0; k < steps; ++k) {
    // Weighted so that the first and last levels are exactly low and high.
    const double unit = static_cast<double>(k) / static_cast<double>(steps - 1);
    parameter.levels.push_back(exact_text(parameter.distribution == Distribution::uniform
                                              ? parameter.low * (1 - unit) + parameter.high * unit
                                              : scale_unit(parameter, unit)));
  }
  loaded.parameter_locations.push_back(location_of(document, section, "low"));
  return parameter;
}

std::vector<std::string> parse_series(const ini::SectionReader& reader) {
  std::vector<std::string> series = reader.list("series");
  for (const std::string& item : series) {
    const std::size_t dot = item.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == item.size() ||
        item.find('.', dot + 1) != std::string::npos) {
      throw reader.error("series", quote(item) +
                                       " is not group.variable of the results file, e.g. "
                                       "states.arrivals");
    }
  }
  return series;
}

// How the sampler arrives at its number of points, for messages.
std::string points_formula(const SweepPlan& plan) {
  switch (plan.sampler) {
    case Sampler::grid: {
      std::string product;
      for (const SweepParameter& parameter : plan.parameters) {
        product += (product.empty() ? "" : " x ") + std::to_string(parameter.levels.size());
      }
      return "grid: " + product + " levels";
    }
    case Sampler::list:
      return "list: one per level";
    case Sampler::latin_hypercube:
      return "latin_hypercube: the samples";
    case Sampler::saltelli:
      return "saltelli: " + std::to_string(plan.samples) + " samples x (" +
             (plan.second_order ? "2 x " : "") + std::to_string(plan.parameters.size()) +
             " parameters + 2)";
    case Sampler::morris:
      return "morris: " + std::to_string(plan.samples) + " trajectories x (" +
             std::to_string(plan.parameters.size()) + " parameters + 1)";
  }
  return "";
}

// The limits of a sweep (design.h), each reported as the one broken. Replicates are checked
// against their range when read.
void check_size(const SweepPlan& plan, const InputLocation& where) {
  const std::uint64_t points = count_points(plan);
  if (points > kMaxSweepPoints) {
    throw InputError(where, "the plan gives " + count_text(points) + " points (" +
                                points_formula(plan) + "); a sweep has at most 2^32 (" +
                                std::to_string(kMaxSweepPoints) + ") points");
  }
  const std::uint64_t runs = saturating_product(points, plan.replicates);
  if (runs > kMaxSweepRuns) {
    throw InputError(
        where, "the plan gives " + std::to_string(points) + " points x " +
                   std::to_string(plan.replicates) + " replicates = " + count_text(runs) +
                   " runs; a sweep has at most 2^40 (" + std::to_string(kMaxSweepRuns) + ") runs");
  }
}

}  // namespace

LoadedPlan load_plan_file(const std::string& path) {
  return load_plan_text(ini::read_text_file(path, "plan"), path);
}

LoadedPlan load_plan_text(std::string_view text, const std::string& name) {
  const ini::IniDocument document = ini::read_ini_document(text, name);
  LoadedPlan loaded;
  loaded.path = name;
  loaded.source_text = std::string(text);
  const std::vector<std::string> kinds = {"sweep", "parameter"};
  for (const ini::IniSection& section : document.sections) {
    if (std::find(kinds.begin(), kinds.end(), section.kind) == kinds.end()) {
      throw InputError({name, section.line, section.name(), ""},
                       "unknown section kind " + quote(section.kind) + " in a sweep plan" +
                           ini::did_you_mean(section.kind, kinds));
    }
    if (section.kind == "sweep" && !section.id.empty()) {
      throw InputError({name, section.line, section.name(), ""}, "write [sweep], with no id");
    }
    if (section.kind == "parameter" && section.id.empty()) {
      throw InputError({name, section.line, section.name(), ""},
                       "name the scenario key: [parameter state.TUR.exit_enforcement]");
    }
  }
  const ini::IniSection* sweep = document.find("sweep", "");
  if (sweep == nullptr) {
    throw InputError({name, 0, "sweep", ""}, "missing the [sweep] section");
  }
  const ini::SectionReader reader(document, *sweep, sweep_section());
  SweepPlan& plan = loaded.plan;
  plan.sampler = *sampler_from_string(reader.choice("sampler"));
  plan.name = reader.optional_text("name").value_or(std::filesystem::path(name).stem().string());
  plan.description = reader.optional_text("description").value_or("");
  plan.replicates = reader.integer("replicates");
  plan.seed = reader.integer("seed");
  const bool sampled = plan.sampler == Sampler::latin_hypercube ||
                       plan.sampler == Sampler::saltelli || plan.sampler == Sampler::morris;
  if (sampled) {
    plan.samples = reader.integer("samples");
    if ((plan.sampler == Sampler::saltelli || plan.sampler == Sampler::morris) &&
        plan.samples < 2) {
      throw reader.error("samples", "the " + std::string(to_string(plan.sampler)) +
                                        " sampler needs at least 2, got " +
                                        std::to_string(plan.samples));
    }
  } else if (reader.has("samples")) {
    throw reader.error("samples", "the " + std::string(to_string(plan.sampler)) +
                                      " sampler takes its points from levels, not samples");
  }
  // Keys of one sampler only: refused elsewhere rather than silently ignored.
  for (const auto& [option, owner] :
       {std::pair{"second_order", Sampler::saltelli}, std::pair{"scramble", Sampler::saltelli},
        std::pair{"num_levels", Sampler::morris}}) {
    if (reader.has(option) && plan.sampler != owner) {
      throw reader.error(option, "applies to the " + std::string(to_string(owner)) +
                                     " sampler only, not " + std::string(to_string(plan.sampler)));
    }
  }
  plan.second_order = reader.boolean("second_order");
  plan.scramble = reader.boolean("scramble");
  plan.morris_levels = reader.integer("num_levels");
  if (plan.morris_levels % 2 != 0) {
    throw reader.error("num_levels", "must be even (SALib's Morris design), got " +
                                         std::to_string(plan.morris_levels));
  }
  if (reader.has("series")) {
    plan.series = parse_series(reader);
  }
  loaded.series_location = location_of(document, *sweep, "series");

  for (const ini::IniSection& section : document.sections) {
    if (section.kind == "parameter") {
      plan.parameters.push_back(read_parameter(document, section, plan.sampler, loaded));
    }
  }
  if (plan.parameters.empty()) {
    throw InputError({name, sweep->line, "sweep", ""},
                     "the plan varies nothing: add a [parameter KEY] section");
  }
  constexpr std::size_t kMaxSaltelliParameters = SobolSequence::kMaxDimensions / 2;
  if (plan.sampler == Sampler::saltelli && plan.parameters.size() > kMaxSaltelliParameters) {
    throw InputError(loaded.parameter_locations[kMaxSaltelliParameters],
                     "the saltelli sampler takes at most " +
                         std::to_string(kMaxSaltelliParameters) +
                         " parameters (the Sobol' "
                         "sequence has 1024 dimensions, 2 per parameter), the plan has " +
                         std::to_string(plan.parameters.size()));
  }
  if (plan.sampler == Sampler::list) {
    const std::size_t points = plan.parameters.front().levels.size();
    for (std::size_t j = 1; j < plan.parameters.size(); ++j) {
      if (plan.parameters[j].levels.size() != points) {
        const InputLocation& where = loaded.parameter_locations[j];
        throw InputError(where, "the list sampler needs as many levels for every parameter: " +
                                    std::to_string(plan.parameters[j].levels.size()) + " here, " +
                                    std::to_string(points) + " for " +
                                    excerpt(plan.parameters.front().key));
      }
    }
  }
  check_size(plan, {name, sweep->line, "sweep", ""});
  return loaded;
}

std::uint64_t check_plan_against_scenario(const LoadedPlan& loaded,
                                          const ScenarioTemplate& scenario) {
  const SweepPlan& plan = loaded.plan;
  std::uint64_t largest_run = estimate_sweep_run_memory(*scenario.base(), plan.series.size());
  for (std::size_t j = 0; j < plan.parameters.size(); ++j) {
    const SweepParameter& parameter = plan.parameters[j];
    std::vector<std::string> values = parameter.levels;
    if (values.empty()) {
      values = {exact_text(parameter.low), exact_text(scale_unit(parameter, 0.5)),
                exact_text(parameter.high)};
    }
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    for (const std::string& value : values) {
      const std::string assignment = parameter.key + "=" + value;
      try {
        largest_run = std::max(largest_run,
                               estimate_sweep_run_memory(*scenario.build(std::span(&assignment, 1)),
                                                         plan.series.size()));
      } catch (const InputError& error) {
        InputLocation where = loaded.parameter_locations[j];
        // A section the scenario lacks ([parameter state.TRU.x]): the key is wrong, not the
        // value; say so, with the closest section id the override found.
        if (error.where().key.empty() && !error.where().section.empty()) {
          where.key.clear();
          throw InputError(where, error.problem());
        }
        std::string problem = "value " + excerpt(value) + " is refused by the scenario: ";
        problem += error.where().key.empty() ? std::string() : error.where().key + ": ";
        throw InputError(where, problem + error.problem());
      }
    }
  }
  return largest_run;
}

std::vector<std::string> plan_keys() {
  std::vector<std::string> keys;
  for (const SectionSpec* section : {&sweep_section(), &parameter_section()}) {
    for (const KeySpec& spec : section->keys) {
      keys.push_back(section->kind + "." + spec.name);
    }
  }
  return keys;
}

}  // namespace migdip
