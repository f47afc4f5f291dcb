// The provenance of a results file, field by field (docs/results-format.md renders this table).

#include <utility>
#include <variant>

#include "migdip/io/results_file.h"

namespace migdip {
namespace {

using Field = HeaderField<RunProvenance>;
using enum FieldStorage;

constexpr Field kFields[] = {
    {"engine_version", &RunProvenance::engine_version, kText, nullptr,
     "version of the migdip that wrote the file"},
    {"source_commit", &RunProvenance::source_commit, kText, nullptr,
     "commit that migdip was built from (with `-dirty` when built from uncommitted changes)"},
    {"created_utc", &RunProvenance::created_utc, kText, nullptr,
     "when the file was written, in UTC"},
    {"command_line", &RunProvenance::command_line, kText, nullptr,
     "the command that wrote the file"},
    {"scenario_file", &RunProvenance::scenario_file, kText, nullptr, "the scenario file, as given"},
    {"scenario_name", &RunProvenance::scenario_name, kText, nullptr, "the scenario's name"},
    {"scenario_description", &RunProvenance::scenario_description, kText, nullptr,
     "the scenario's description"},
    {"seed", &RunProvenance::seed, kSeed, nullptr, "the run's seed"},
    {"run", &RunProvenance::run, kSeed, nullptr,
     "the run's index in its batch, part of every random stream"},
    {"mode", &RunProvenance::mode, kText, nullptr, "`expected` or `stochastic`"},
    {"tick_length", &RunProvenance::tick_length, kText, nullptr, "length of one tick"},
    {"start_date", &RunProvenance::start_date, kText, nullptr, "first simulated day"},
    {"end_date", &RunProvenance::end_date, kText, nullptr, "last simulated day"},
    {"ticks", &RunProvenance::ticks, kNumber, nullptr, "ticks simulated"},
    {"simulation_seconds", &RunProvenance::simulation_seconds, kNumber, nullptr,
     "wall time of the simulation alone, in seconds"},
};

static_assert(all_storable(kFields), "a provenance field's member does not fit its storage");

}  // namespace

std::span<const HeaderField<RunProvenance>> run_provenance_fields() {
  return kFields;
}

void set_provenance(RunRecord& record, const RunProvenance& provenance) {
  RecordDescription description;
  set_provenance(description, provenance);
  record.text_attributes = std::move(description.text_attributes);
  record.number_attributes = std::move(description.number_attributes);
}

void set_provenance(RecordDescription& record, const RunProvenance& provenance) {
  record.text_attributes.clear();
  record.number_attributes.clear();
  for (const Field& field : kFields) {
    const StoredValue value = stored_value(field, provenance);
    if (const std::string* text = std::get_if<std::string>(&value)) {
      record.text_attributes.emplace_back(field.name, *text);
    } else {
      record.number_attributes.emplace_back(field.name, std::get<double>(value));
    }
  }
}

}  // namespace migdip
