#include <algorithm>

#include "migdip/core/error.h"
#include "migdip/recording/record_sink.h"

namespace migdip {

void MemorySink::begin(const RecordLayout& layout) {
  record_ = RunRecord{};
  record_.groups = layout.groups;
  slices_.clear();
  slice_sizes_.clear();
  const std::size_t ticks = layout.ticks();
  for (RecordGroup& group : record_.groups) {
    for (Variable& variable : group.variables) {
      const std::size_t slice = RecordLayout::slice_size(group, variable);
      variable.data.assign(ticks * slice, 0.0);
      slices_.emplace_back(variable.data);
      slice_sizes_.push_back(slice);
    }
  }
}

void MemorySink::write_tick(std::size_t tick, std::span<const double> values) {
  std::size_t offset = 0;
  for (std::size_t v = 0; v < slices_.size(); ++v) {
    const std::size_t slice = slice_sizes_[v];
    std::copy_n(values.begin() + static_cast<std::ptrdiff_t>(offset), slice,
                slices_[v].begin() + static_cast<std::ptrdiff_t>(tick * slice));
    offset += slice;
  }
  if (offset != values.size()) {
    throw InternalError("a tick of the record has the wrong number of values");
  }
}

void MemorySink::end_series(RecordTables tables) {
  record_.events = std::move(tables.events);
  record_.deals = std::move(tables.deals);
  record_.negotiation_log = std::move(tables.negotiation_log);
}

void MemorySink::finish(RecordDescription description) {
  record_.text_attributes = std::move(description.text_attributes);
  record_.number_attributes = std::move(description.number_attributes);
  record_.scenario_text = std::move(description.scenario_text);
  record_.resolved_scenario_text = std::move(description.resolved_scenario_text);
}

RunRecord MemorySink::take_record() {
  slices_.clear();
  slice_sizes_.clear();
  return std::move(record_);
}

}  // namespace migdip
