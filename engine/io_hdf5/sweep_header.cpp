// The header of a sweep file, field by field (docs/sweeps.md renders this table).

#include <fmt/format.h>

#include "migdip/io/sweep_file.h"

namespace migdip {
namespace {

using Field = HeaderField<SweepHeader>;
using enum FieldStorage;

std::string engine_difference(const SweepHeader& a, const SweepHeader& b) {
  return fmt::format("it was written by migdip {} (commit {}), not {} (commit {})",
                     a.engine_version, a.source_commit, b.engine_version, b.source_commit);
}

std::string size_difference(const SweepHeader&, const SweepHeader&) {
  return "the number of points or replicates differs";
}

constexpr Field kFields[] = {
    {"scenario_text", &SweepHeader::scenario_text, kTextDataset,
     [](const SweepHeader&, const SweepHeader&) -> std::string {
       return "the scenario text differs";
     },
     "the scenario file as written"},
    {"plan_text", &SweepHeader::plan_text, kTextDataset,
     [](const SweepHeader&, const SweepHeader&) -> std::string { return "the plan text differs"; },
     "the plan file as written"},
    {"engine_version", &SweepHeader::engine_version, kText, engine_difference,
     "version of the migdip that wrote the file"},
    {"source_commit", &SweepHeader::source_commit, kText, engine_difference,
     "commit that migdip was built from (with `-dirty` when built from uncommitted changes)"},
    {"created_utc", &SweepHeader::created_utc, kText, nullptr,
     "when the sweep (or merge) started, in UTC"},
    {"command_line", &SweepHeader::command_line, kText, nullptr, "the command that wrote the file"},
    {"rerun_command", &SweepHeader::rerun_command, kText, nullptr,
     "`migdip run` of one run, with `{seed}` and `{KEY}` placeholders for the run's values"},
    {"scenario_file", &SweepHeader::scenario_file, kText, nullptr, "the scenario file, as given"},
    {"scenario_name", &SweepHeader::scenario_name, kText, nullptr, "the scenario's name"},
    {"base_overrides", &SweepHeader::base_overrides, kLines,
     [](const SweepHeader&, const SweepHeader&) -> std::string {
       return "the --set overrides differ";
     },
     "the `--set` overrides applied before the plan's values, one per line"},
    {"plan_file", &SweepHeader::plan_file, kText, nullptr, "the plan file, as given"},
    {"plan_name", &SweepHeader::plan_name, kText, nullptr, "the plan's name"},
    {"sampler", &SweepHeader::sampler, kText, nullptr, "the plan's sampler"},
    {"plan_seed", &SweepHeader::plan_seed, kSeed, nullptr,
     "the plan's seed, from which the design and every run's seed follow"},
    {"replicates", &SweepHeader::replicates, kNumber, size_difference,
     "runs of each point, each with its own seed"},
    {"points_total", &SweepHeader::points_total, kNumber, size_difference,
     "points of the whole plan"},
    {"first_point", &SweepHeader::first_point, kNumber, nullptr,
     "the first point this file holds (its shard's share of the plan follows it)"},
    {"shard_index", &SweepHeader::shard_index, kNumber, nullptr,
     "which shard of the plan this file holds, from 0"},
    {"shard_count", &SweepHeader::shard_count, kNumber,
     [](const SweepHeader& a, const SweepHeader& b) {
       return fmt::format("it is a shard of {}, not of {}", a.shard_count, b.shard_count);
     },
     "shards the plan was cut into (1 for a whole sweep)"},
};

static_assert(all_storable(kFields), "a sweep header field's member does not fit its storage");

}  // namespace

std::span<const HeaderField<SweepHeader>> sweep_header_fields() {
  return kFields;
}

}  // namespace migdip
